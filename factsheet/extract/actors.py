"""Actors: countries (by name, alias, capital or demonym), organisations, companies, media and people."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factsheet.extract.gazetteer import Gazetteer, Hit
from factsheet.extract.lexicon import ROLE_MODIFIERS, ROLE_NOUN
from factsheet.extract.text import FUNCTION_WORDS, Sentence
from factsheet.facts.model import ActorKind

_NAME_WORD = r"[A-Z][a-zà-ÿ'\u2019-]+"
_NAME = rf"{_NAME_WORD}(?:\s(?:[A-Z]\.|{_NAME_WORD})){{1,2}}"
_ROLE_THEN_NAME = re.compile(
    rf"\b(?P<noun>(?i:{ROLE_NOUN}))\s+(?P<name>{_NAME_WORD}(?:\s(?:[A-Z]\.|{_NAME_WORD})){{0,2}})(?![\w-])"
)
_OF_ORG = re.compile(r"^\s+(?:of|at|from)\s+(?:the\s+)?(?P<org>(?:[A-Z][\w&.'-]*\s?)+(?:think tank|institute)?)")
_NAME_THEN_ROLE = re.compile(
    rf"\b(?P<name>{_NAME}),\s+(?:the\s+|a\s+|an\s+)?(?P<role>[^,.;]{{0,50}}?\b(?:{ROLE_NOUN})\b[^,.;]{{0,40}}),"
)
_UNNAMED = re.compile(
    r"\b(?:[Aa]n?|[Tt]he)\s+(?P<phrase>(?P<q>(?:(?:unnamed|anonymous|senior|top|former)\s+)*)(?P<who>[A-Z][\w.-]*\s+)?"
    r"(?P<port>(?:defen[cs]e|foreign|military|intelligence|security|administration|government|finance|interior)\s+)?"
    r"(?P<role>official|minister|spokes(?:person|man|woman)|diplomat|officer|commander))\b"
)
_ADMINISTRATION = re.compile(r"\b[Tt]he\s+(?P<name>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?\s+[Aa]dministration)\b")
_ORG_WITH_ROLE = re.compile(
    r"\b[Tt]he\s+(?P<name>[A-Z][\w&.'-]*(?:\s[A-Z][\w&.'-]*){0,4})\s+(?P<role>think tank|research institute|"
    r"institute|watchdog|NGO|arms maker|defen[cs]e (?:company|contractor|firm)|manufacturer|drone maker)\b"
)
_COMPANY_SUFFIX = re.compile(
    r"\b(?P<name>[A-Z][\w&-]*(?:\s[A-Z][\w&-]*){0,3}\s(?:Inc\.?|Ltd\.?|Corp\.?|Corporation|GmbH|AG|plc|PLC|LLC|"
    r"Industries|Technologies|Aerospace|Dynamics))(?!\w)"
)
_MINISTRY = re.compile(r"\b[Tt]he\s+ministry\b")
_NAMED_MINISTRY = re.compile(r"\b(?P<who>[A-Z][\w-]+)\s+(?P<port>[Dd]efen[cs]e|[Ff]oreign|[Ii]nterior|[Ff]inance|"
                             r"[Ee]conomy|[Tt]rade|[Hh]ealth|[Jj]ustice)\s+[Mm]inistry\b")
_PORTFOLIOS = {"foreign": "Foreign Affairs"}
_NOT_NAMES = frozenset(
    (
        "The", "A", "An", "This", "That", "These", "Those", "According", "Meanwhile", "However", "Hence", "But",
        "And", "Or", "In", "On", "At", "By", "For", "From", "With", "Monday", "Tuesday", "Wednesday", "Thursday",
        "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December"
    )
)


@dataclass
class ActorMention:
    """One place the text names an actor."""

    start: int
    end: int
    key: str
    sentence: int
    via: str


@dataclass
class ActorCandidate:
    """An actor the text names, with the mention to quote."""

    key: str
    name: str
    kind: ActorKind
    core: tuple[int, int]
    sentence: int
    role: str | None = None
    aliases: list[str] = field(default_factory=list)
    person_quote: bool = False


@dataclass
class ActorFinding:
    """Every actor found, in order of first mention, and every mention."""

    actors: dict[str, ActorCandidate] = field(default_factory=dict)
    mentions: list[ActorMention] = field(default_factory=list)

    def add(self, candidate: ActorCandidate, mention: ActorMention) -> None:
        """Record a mention, creating the actor on its first mention."""
        self.mentions.append(mention)
        if candidate.key not in self.actors:
            self.actors[candidate.key] = candidate

    def taken(self, start: int, end: int) -> bool:
        """Whether a recorded mention overlaps `start:end`."""
        return any(m.start < end and start < m.end for m in self.mentions)


def _role_words(text: str, noun_start: int, sentence: Sentence, gazetteer: Gazetteer) -> int:
    """Where the role phrase that ends with the noun at `noun_start` begins (up to 3 qualifying words)."""
    words = list(re.finditer(r"[\w'\u2019.-]+", text[sentence.start : noun_start]))
    begin = noun_start
    for word in reversed(words[-3:]):
        bare = word.group().removesuffix("'s").removesuffix("\u2019s")
        known = gazetteer.find(bare)
        if bare.lower() in ROLE_MODIFIERS or (known and known[0].end - known[0].start == len(bare)):
            begin = sentence.start + word.start()
        else:
            break
    return begin


def find_actors(text: str, sentences: list[Sentence], gazetteer: Gazetteer,
                places: list[tuple[int, int]] | None = None) -> ActorFinding:
    """Every actor named in the body and credit lines of `text`; names inside `places` are places, not actors."""
    found = ActorFinding()
    places = places or []
    last_minister: tuple[str, str] | None = None
    for sentence in sentences:
        if sentence.kind not in ("body", "credit"):
            continue
        hits = [h for h in gazetteer.find(text, sentence.start, sentence.end) if h.kind != "system"
                and not any(a <= h.start < b for a, b in places)
                and not (h.kind == "person" and re.match(r"\s+[Aa]dministration\b", text[h.end :]))]
        for hit in hits:
            found.add(_from_hit(hit, gazetteer, sentence.index), ActorMention(hit.start, hit.end, hit.name,
                                                                             sentence.index, hit.via))
        if sentence.kind != "body":
            continue
        _organisations(text, sentence, found)
        _people(text, sentence, gazetteer, found)
        for match in _UNNAMED.finditer(text, sentence.start, sentence.end):
            who = (match.group("who") or "").strip()
            qualifier = match.group("q")
            if not who and not qualifier.strip():
                continue
            if who and not gazetteer.find(who):
                continue
            name = " ".join(match.group("phrase").split())
            key = name
            core = (match.start("phrase"), match.end())
            found.add(ActorCandidate(key, name, ActorKind.person, core, sentence.index, role="unnamed in the source",
                                     person_quote=True),
                      ActorMention(core[0], core[1], key, sentence.index, "pattern"))
            if match.group("role") == "minister" and who:
                last_minister = (who, (match.group("port") or "").strip())
        for match in _MINISTRY.finditer(text, sentence.start, sentence.end):
            if last_minister is None or found.taken(match.start(), match.end()):
                continue
            who, port = last_minister
            name = f"{who} Ministry of {_PORTFOLIOS.get(port.lower(), port.title())}" if port else f"{who} ministry"
            found.add(ActorCandidate(name, name, ActorKind.government, (match.start(), match.end()), sentence.index,
                                     role='named in the source only as "the ministry"'),
                      ActorMention(match.start(), match.end(), name, sentence.index, "pattern"))
    found.mentions.sort(key=lambda m: (m.start, -m.end))
    return found


def _from_hit(hit: Hit, gazetteer: Gazetteer, sentence: int) -> ActorCandidate:
    if hit.kind == "country":
        return ActorCandidate(hit.name, hit.name, ActorKind.state, (hit.start, hit.end), sentence)
    if hit.kind == "person":
        person = gazetteer.people[hit.name]
        return ActorCandidate(hit.name, hit.name, ActorKind.person, (hit.start, hit.end), sentence, role=person.role,
                              person_quote=True)
    entry = gazetteer.organisations[hit.name]
    return ActorCandidate(hit.name, hit.name, entry.kind, (hit.start, hit.end), sentence, role=entry.role)


def _organisations(text: str, sentence: Sentence, found: ActorFinding) -> None:
    for match in _ADMINISTRATION.finditer(text, sentence.start, sentence.end):
        name = match.group("name")
        if not found.taken(match.start("name"), match.end("name")):
            core = (match.start("name"), match.end("name"))
            found.add(ActorCandidate(name, name, ActorKind.government, core, sentence.index),
                      ActorMention(*core, name, sentence.index, "pattern"))
    for match in _ORG_WITH_ROLE.finditer(text, sentence.start, sentence.end):
        name, role = match.group("name"), match.group("role")
        kind = ActorKind.organisation if role in ("think tank", "research institute", "institute", "watchdog", "NGO") \
            else ActorKind.company
        core = (match.start("name"), match.end())
        existing = [m for m in found.mentions if m.start == match.start("name") and m.end == match.end("name")]
        if existing and found.actors[existing[0].key].kind == ActorKind.state:
            continue
        if existing:
            actor = found.actors[existing[0].key]
            actor.role = actor.role or role
            continue
        if not found.taken(*core):
            found.add(ActorCandidate(name, name, kind, core, sentence.index, role=role),
                      ActorMention(*core, name, sentence.index, "pattern"))
    for match in _NAMED_MINISTRY.finditer(text, sentence.start, sentence.end):
        who = match.group("who")
        if not any(m.start == match.start("who") and found.actors[m.key].kind == ActorKind.state
                   for m in found.mentions):
            continue
        name = f"{who} Ministry of {_PORTFOLIOS.get(match.group('port').lower(), match.group('port').title())}"
        core = (match.start("who"), match.end())
        found.add(ActorCandidate(name, name, ActorKind.government, core, sentence.index),
                  ActorMention(*core, name, sentence.index, "pattern"))
    for match in _COMPANY_SUFFIX.finditer(text, sentence.start, sentence.end):
        name = match.group("name")
        if name.split()[0] not in _NOT_NAMES and not found.taken(match.start(), match.end()):
            found.add(ActorCandidate(name, name, ActorKind.company, (match.start(), match.end()), sentence.index),
                      ActorMention(match.start(), match.end(), name, sentence.index, "pattern"))


def _is_name(name: str, gazetteer: Gazetteer) -> bool:
    words = name.split()
    if any(w in _NOT_NAMES for w in words) or any(w.lower() in FUNCTION_WORDS for w in words):
        return False
    return not gazetteer.find(name)


def _known_person(found: ActorFinding, start: int, end: int) -> ActorCandidate | None:
    """The gazetteer person named exactly at `start:end`, if any."""
    for mention in found.mentions:
        actor = found.actors[mention.key]
        if (mention.start, mention.end) == (start, end) and actor.kind == ActorKind.person and mention.via != "pattern":
            return actor
    return None


def _people(text: str, sentence: Sentence, gazetteer: Gazetteer, found: ActorFinding) -> None:
    for match in _ROLE_THEN_NAME.finditer(text, sentence.start, sentence.end):
        name = match.group("name")
        noun = match.group("noun")
        if len(name.split()) == 1 and not noun[0].isupper():
            continue
        known = _known_person(found, match.start("name"), match.end("name"))
        if known is None and (not _is_name(name, gazetteer) or found.taken(match.start("name"), match.end("name"))):
            continue
        begin = _role_words(text, match.start("noun"), sentence, gazetteer)
        if known is not None:  # a public figure the gazetteer knows: the text's words for the role win
            known.role = " ".join(text[begin : match.end("noun")].split())
            if known.sentence == sentence.index:
                known.core = (begin, match.end("name"))
            continue
        role = " ".join(text[begin : match.end("noun")].split())
        end = match.end()
        tail = _OF_ORG.match(text[end : sentence.end])
        if tail:
            role = f"{role}, {tail.group('org').strip()}"
            end += tail.end()
        _add_person(name, role, (begin, end), (match.start("name"), match.end("name")), sentence, found)
    for match in _NAME_THEN_ROLE.finditer(text, sentence.start, sentence.end):
        name = match.group("name")
        if not _is_name(name, gazetteer) or found.taken(match.start("name"), match.end("name")):
            continue
        role = " ".join(match.group("role").split())
        core = (match.start("name"), match.end("role"))
        _add_person(name, role, core, (match.start("name"), match.end("name")), sentence, found)


def _add_person(name: str, role: str, core: tuple[int, int], span: tuple[int, int], sentence: Sentence,
                found: ActorFinding) -> None:
    found.add(ActorCandidate(name, name, ActorKind.person, core, sentence.index, role=role, person_quote=True),
              ActorMention(span[0], span[1], name, sentence.index, "name"))


def surname_mentions(text: str, sentences: list[Sentence], found: ActorFinding) -> None:
    """Record later mentions of a named person by surname alone ('according to Bendett')."""
    people = {a.name.split()[-1]: a.key for a in found.actors.values()
              if a.kind == ActorKind.person and a.role != "unnamed in the source" and len(a.name.split()) > 1}
    for surname, key in people.items():
        for match in re.finditer(rf"(?<!\w){re.escape(surname)}(?!\w)", text):
            if found.taken(match.start(), match.end()):
                continue
            holder = next((s for s in sentences if s.start <= match.start() < s.end and s.body), None)
            if holder is not None:
                found.mentions.append(ActorMention(match.start(), match.end(), key, holder.index, "surname"))
    found.mentions.sort(key=lambda m: (m.start, -m.end))


def aliases_of(found: ActorFinding, text: str) -> dict[str, list[str]]:
    """For each actor, the other names the text uses for it (aliases and capitals, not demonyms)."""
    out: dict[str, list[str]] = {}
    for mention in found.mentions:
        if mention.via in ("alias", "capital"):
            surface = text[mention.start : mention.end]
            if surface != mention.key and surface not in out.setdefault(mention.key, []):
                out[mention.key].append(surface)
    return out
