"""Systems: named ones (gazetteer, "X-series", "the X drone") and generic ones ("North Korean artillery shells").

A generic phrase in a sentence that names no system ("Iranian-made drones were sent ...") is taken to
refer to the named systems of a compatible category in the next or previous sentence, if there are any.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factsheet.extract.actors import ActorFinding
from factsheet.extract.gazetteer import Gazetteer
from factsheet.extract.lexicon import (
    CLASS_MODIFIERS,
    GENERIC,
    NAME_TAIL,
    QUALIFYING_MODIFIERS,
    VERB,
    category_of,
    compatible,
)
from factsheet.extract.text import Sentence
from factsheet.facts.model import ActorKind, SystemCategory

_SERIES = re.compile(r"\b(?P<family>[A-Z][A-Za-z0-9]*(?:-[A-Z0-9][A-Za-z0-9]*)*)[- ](?:series|family)\b")
_DESIGNATION = re.compile(
    r"\b(?:(?:[Tt]he|[Ii]ts|[Tt]heir|[Aa]n?|[Nn]ew|more|further|additional|of|with|\d+)\s+(?P<name>[A-Z][\w-]*(?:\s[A-Z0-9][\w-]*)?)|"
    r"(?P<code>[A-Z][A-Za-z]{0,10}-\d{1,4}[A-Za-z0-9]*))"
    r"(?=\s(?:unmanned|drones?|UAVs?|missiles?|rockets?|loitering|howitzers?|tanks?)\b)"
)
_USE = re.compile(r"\b(?:is|are|was|were|be)\s+(?:mainly\s+|primarily\s+|typically\s+|also\s+)?used\s+"
                  r"(?:for|in|to)\s+(?P<use>[^,.;()]+)")
_MADE_BY = re.compile(r"^\s*(?:,\s*)?(?:made|manufactured|built|produced|developed)\s+by\s+(?:the\s+)?")
_FROM_COUNTRY = re.compile(r"^\s+(?:made\s+|produced\s+|built\s+)?from\s+(?:the\s+)?")
_CHAIN = re.compile(r"^(?:,\s*|\s+and\s+|\s+or\s+|,\s+and\s+)$")


@dataclass
class SystemMention:
    """One place the text names a system, or a generic phrase that refers to systems."""

    start: int
    end: int
    sentence: int
    keys: list[str]
    generic: bool = False
    origin: str | None = None


@dataclass
class SystemCandidate:
    """A system the text names, with its first mention and any extra citations."""

    key: str
    designation: str
    category: SystemCategory
    core: tuple[int, int]
    sentence: int
    family: str | None = None
    origin: str | None = None
    manufacturer: str | None = None
    use: str | None = None
    extra: list[tuple[int, int, int]] = field(default_factory=list)
    generic_class: str | None = None


@dataclass
class SystemFinding:
    """Every system found, in order of first mention, and every mention."""

    systems: dict[str, SystemCandidate] = field(default_factory=dict)
    mentions: list[SystemMention] = field(default_factory=list)


def _overlaps(spans: list[SystemMention], start: int, end: int) -> bool:
    return any(m.start < end and start < m.end for m in spans)


def _country_at(actors: ActorFinding, start: int, end: int) -> str | None:
    """The country an actor mention at exactly `start` (ending by `end`) names, if any."""
    for mention in actors.starting_near(start):
        if mention.start == start and mention.end <= end and actors.actors[mention.key].kind == ActorKind.state:
            return mention.key
    return None


def _named(text: str, sentence: Sentence, gazetteer: Gazetteer, actors: ActorFinding,
           found: SystemFinding) -> list[SystemMention]:
    here: list[SystemMention] = []

    def add(start: int, end: int, key: str, candidate: SystemCandidate) -> None:
        tail = NAME_TAIL.match(text, end, sentence.end)
        end = tail.end() if tail else end
        here.append(SystemMention(start, end, sentence.index, [key]))
        found.systems.setdefault(key, candidate)

    for hit in gazetteer.find(text, sentence.start, sentence.end):
        if hit.kind == "system":
            entry = gazetteer.systems[hit.name]
            add(hit.start, hit.end, entry.name, SystemCandidate(
                entry.name, entry.name, entry.category, (hit.start, hit.end), sentence.index, family=entry.family))
    for match in _SERIES.finditer(text, sentence.start, sentence.end):
        family = match.group("family")
        if _overlaps(here, match.start(), match.end()) or gazetteer.find(family):
            continue
        tail = NAME_TAIL.match(text, match.end(), sentence.end)
        category = gazetteer.family_category(family) or category_of(tail.group() if tail else "")
        key = f"{family} series"
        add(match.start(), match.end(), key, SystemCandidate(
            key, key, category, (match.start(), match.end()), sentence.index, family=family))
    for match in _DESIGNATION.finditer(text, sentence.start, sentence.end):
        name = match.group("name") or match.group("code")
        start = match.start("name") if match.group("name") else match.start("code")
        if _overlaps(here, start, match.end()) or actors.taken(start, match.end()) or gazetteer.find(name):
            continue
        tail = NAME_TAIL.match(text, match.end(), sentence.end)
        known = gazetteer.family_category(name)
        add(start, match.end(), name, SystemCandidate(
            name, name, known or category_of(tail.group() if tail else ""), (start, match.end()), sentence.index,
            family=name if known else None))
    for mention in here:
        candidate = found.systems[mention.keys[0]]
        _describe(text, sentence, mention, candidate, actors)
        origin = _origin_before(text, sentence, mention.start, actors)
        if origin and not candidate.origin:
            candidate.origin = origin[0]
            if mention.start != candidate.core[0]:
                candidate.extra.append((origin[1], mention.end, sentence.index))
            else:
                candidate.core = (origin[1], candidate.core[1])
    return here


def _origin_before(text: str, sentence: Sentence, start: int, actors: ActorFinding) -> tuple[str, int] | None:
    """The country named right before `start` ("Iranian-made drones") and where it starts; a possessive
    ("Ukraine's Patriot batteries") names an owner, not an origin."""
    before = re.search(r"(?:^|\s)(?P<dem>[A-Z][\w-]*?)(?:-(?:made|built|produced|designed|supplied))?\s+$",
                       text[sentence.start : start])
    if before is None:
        return None
    at = sentence.start + before.start("dem")
    origin = _country_at(actors, at, start)
    return (origin, at) if origin else None


def _describe(text: str, sentence: Sentence, mention: SystemMention, candidate: SystemCandidate,
              actors: ActorFinding) -> None:
    """Manufacturer and use, when the sentence of the first mention states them."""
    for actor_mention in actors.in_sentence(sentence.index):
        actor = actors.actors[actor_mention.key]
        if actor.kind != ActorKind.company:
            continue
        if actor_mention.end <= mention.start:
            if re.fullmatch(r"[\s-]*(?:made\s+)?", text[actor_mention.end : mention.start]):
                candidate.manufacturer = actor.key
        elif actor_mention.start >= mention.end:
            made_by = _MADE_BY.match(text[mention.end : actor_mention.start])
            if made_by and made_by.end() == actor_mention.start - mention.end:
                candidate.manufacturer = actor.key
    use = _USE.search(text, mention.end, sentence.end)
    if use and candidate.use is None:
        candidate.use = " ".join(use.group("use").split())


def _generic(text: str, sentence: Sentence, actors: ActorFinding, named: list[SystemMention],
             transfer_verb: bool) -> list[tuple[SystemMention, str, str]]:
    """Generic phrases worth a system: with an origin, a class modifier, or in a sentence of supply."""
    out: list[tuple[SystemMention, str, str]] = []
    for match in GENERIC.finditer(text, sentence.start, sentence.end):
        if _overlaps(named, match.start(), match.end()):
            continue
        start, origin = match.start(), None
        found_before = _origin_before(text, sentence, match.start(), actors)
        if found_before:
            origin, start = found_before
        out.append((SystemMention(start, match.end(), sentence.index, [], True, origin),
                    match.group("mods"), match.group("noun")))
    for i, (mention, _, _) in enumerate(out):  # "shells and rockets from North Korea": the origin covers the chain
        if mention.origin is None:
            j = i
            while j + 1 < len(out) and _CHAIN.match(text[out[j][0].end : out[j + 1][0].start]):
                j += 1
            tail = _FROM_COUNTRY.match(text[out[j][0].end : sentence.end])
            if tail:
                mention.origin = _country_at(actors, out[j][0].end + tail.end(), sentence.end)
        if i > 0 and mention.origin is None and _CHAIN.match(text[out[i - 1][0].end : mention.start]):
            mention.origin = out[i - 1][0].origin
    return [item for item in out
            if item[0].origin or QUALIFYING_MODIFIERS.search(item[1]) or (transfer_verb and not named)]


def _class_of(mods: str, noun: str) -> str:
    category = category_of(f"{mods} {noun}")
    kind = CLASS_MODIFIERS.search(mods)
    head = noun.split()[-1].rstrip("s") if category == SystemCategory.other else category.value
    return f"{kind.group().replace(' ', '-') + ' ' if kind and category != SystemCategory.micro_uav else ''}{head}"


def find_systems(text: str, sentences: list[Sentence], gazetteer: Gazetteer, actors: ActorFinding) -> SystemFinding:
    """Every system named in the body of `text`, with generic phrases resolved to named systems where possible."""
    found = SystemFinding()
    body = [s for s in sentences if s.body]
    named = {s.index: _named(text, s, gazetteer, actors, found) for s in body}
    for position, sentence in enumerate(body):
        verb = bool(VERB.search(text, sentence.start, sentence.end))
        generics = _generic(text, sentence, actors, named[sentence.index], verb)
        found.mentions.extend(named[sentence.index])
        for mention, mods, noun in generics:
            if not named[sentence.index]:
                neighbours = [body[p] for p in (position + 1, position - 1) if 0 <= p < len(body)]
                category = category_of(f"{mods} {noun}")
                for other in neighbours:
                    keys = [k for m in named[other.index] for k in m.keys
                            if compatible(category, found.systems[k].category)]
                    if keys:
                        mention.keys = list(dict.fromkeys(keys))
                        for key in mention.keys:
                            target = found.systems[key]
                            if mention.origin and not target.origin:
                                target.origin = mention.origin
                                target.extra.append((mention.start, mention.end, sentence.index))
                        break
            if not mention.keys:
                mention.keys = [_generic_system(text, mention, mods, noun, gazetteer, found)]
            found.mentions.append(mention)
    found.mentions.sort(key=lambda m: (m.start, m.end))
    return found


def _generic_system(text: str, mention: SystemMention, mods: str, noun: str, gazetteer: Gazetteer,
                    found: SystemFinding) -> str:
    """The key of the generic system `mention` stands for, merging it with an earlier one of its class."""
    klass = _class_of(mods, noun)
    same = [s for s in found.systems.values() if s.generic_class == klass]
    match = [s for s in same if s.origin == mention.origin]
    if not match and mention.origin is None and len(same) == 1:
        match = same
    if match:
        target = match[0]
        if len(target.extra) < 2 and mention.sentence != target.sentence:
            target.extra.append((mention.start, mention.end, mention.sentence))
        return target.key
    phrase = " ".join(f"{mods}{noun}".split())
    if mention.origin:
        demonyms = gazetteer.countries[mention.origin].demonyms
        phrase = f"{demonyms[0] if demonyms else mention.origin} {phrase}"
    candidate = SystemCandidate(phrase, phrase, category_of(f"{mods} {noun}"), (mention.start, mention.end),
                                mention.sentence, origin=mention.origin, generic_class=klass)
    found.systems[candidate.key] = candidate
    return candidate.key
