"""Actors: countries (by name, alias, capital or demonym), organisations, companies, media and people."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factsheet.extract.gazetteer import Gazetteer, Hit
from factsheet.extract.lexicon import ROLE_MODIFIERS, ROLE_NOUN
from factsheet.extract.orgs import abbreviation_after, is_place, kind_of, organisation_names
from factsheet.extract.text import FUNCTION_WORDS, Sentence, sentence_at
from factsheet.facts.model import ActorKind

_NAME_WORD = r"[A-Z][a-zà-ÿ'\u2019]+(?:-[A-Z]?[a-zà-ÿ'\u2019]+)*"
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
    places: list[tuple[int, int, str]] = field(default_factory=list)
    abbreviations: dict[str, str] = field(default_factory=dict)

    _by_sentence: dict[int, list[ActorMention]] = field(default_factory=dict)
    _removed: set[int] = field(default_factory=set)
    _blocks: dict[int, list[ActorMention]] = field(default_factory=dict)

    def add(self, candidate: ActorCandidate, mention: ActorMention) -> None:
        """Record a mention, creating the actor on its first mention."""
        self.record(mention)
        if candidate.key not in self.actors:
            self.actors[candidate.key] = candidate

    def record(self, mention: ActorMention) -> None:
        """Record one more mention of a known actor."""
        self.mentions.append(mention)
        self._put(mention)

    def _put(self, mention: ActorMention) -> None:
        self._by_sentence.setdefault(mention.sentence, []).append(mention)
        for block in range(mention.start >> 8, (max(mention.end - 1, mention.start) >> 8) + 1):
            self._blocks.setdefault(block, []).append(mention)

    def _indexed(self) -> tuple[dict[int, list[ActorMention]], dict[int, list[ActorMention]]]:
        return self._by_sentence, self._blocks

    def discard(self, mentions: list[ActorMention]) -> None:
        """Remove mentions a longer name covers (from the index now, from the list at the end)."""
        for mention in mentions:
            self._removed.add(id(mention))
            self._by_sentence[mention.sentence] = [m for m in self._by_sentence[mention.sentence] if m is not mention]
            for block in range(mention.start >> 8, (max(mention.end - 1, mention.start) >> 8) + 1):
                self._blocks[block] = [m for m in self._blocks[block] if m is not mention]

    def settle(self) -> None:
        """Drop discarded mentions from the list, sort it by position and rebuild the index."""
        if self._removed:
            self.mentions[:] = [m for m in self.mentions if id(m) not in self._removed]
            self._removed.clear()
        self.mentions.sort(key=lambda m: (m.start, -m.end))
        self.forget_index()

    def forget_index(self) -> None:
        """Rebuild the lookup index after mentions were replaced or re-ordered in place."""
        self._by_sentence, self._blocks = {}, {}
        for mention in self.mentions:
            self._put(mention)

    def in_sentence(self, index: int) -> list[ActorMention]:
        """The mentions in sentence `index`, in the order recorded."""
        return self._indexed()[0].get(index, [])

    def taken(self, start: int, end: int) -> bool:
        """Whether a recorded mention overlaps `start:end`."""
        blocks = self._indexed()[1]
        return any(m.start < end and start < m.end
                   for block in range(start >> 8, (max(end - 1, start) >> 8) + 1) for m in blocks.get(block, []))


def _role_words(text: str, noun_start: int, sentence: Sentence, gazetteer: Gazetteer) -> int:
    """Where the role phrase that ends with the noun at `noun_start` begins: up to three qualifying words
    or the name of a state or organisation ('White House press secretary', "Ukraine's defence minister")."""
    words = list(re.finditer(r"[\w'\u2019.-]+", text[sentence.start : noun_start]))
    begin, taken = noun_start, 0
    while words and taken < 3:
        for size in (3, 2, 1):
            if size > len(words):
                continue
            first = words[-size]
            phrase = text[sentence.start + first.start() : begin].strip()
            bare = phrase.removesuffix("'s").removesuffix("\u2019s")
            known = gazetteer.find(bare)
            whole = bool(known) and known[0].start == 0 and known[0].end == len(bare)
            if whole or (size == 1 and bare.lower() in ROLE_MODIFIERS):
                begin = sentence.start + first.start()
                del words[-size:]
                taken += size
                break
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
        if not sentence.body and sentence.kind != "credit":
            continue
        hits = [h for h in gazetteer.find(text, sentence.start, sentence.end) if h.kind != "system"
                and not (h.kind == "person" and re.match(r"\s+[Aa]dministration\b", text[h.end :]))]
        for hit in hits:
            if any(a <= hit.start < b for a, b in places) or is_place(text, hit, sentence.start, gazetteer):
                found.places.append((hit.start, hit.end, hit.surface))
                continue
            found.add(_from_hit(hit, gazetteer, sentence.index), ActorMention(hit.start, hit.end, hit.name,
                                                                             sentence.index, hit.via))
        _speaker(text, sentence, found)
        if sentence.kind == "credit":
            _people(text, sentence, gazetteer, found)
        if not sentence.body:
            continue
        _organisations(text, sentence, found)
        _patterned_organisations(text, sentence, found)
        _titled_people(text, sentence, gazetteer, found)
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
    _abbreviation_mentions(text, sentences, found)
    _the_council(text, sentences, found)
    found.settle()
    return found


def _patterned_organisations(text: str, sentence: Sentence, found: ActorFinding) -> None:
    """Organisations named by the shape of their names, with an abbreviation in parentheses as alias."""
    for start, end, name in organisation_names(text, sentence.start, sentence.end):
        overlapping = list({id(m): m for block in range(start >> 8, (max(end - 1, start) >> 8) + 1)
                            for m in found._blocks.get(block, []) if m.start < end and start < m.end}.values())
        if any(m.start <= start and end <= m.end for m in overlapping):
            continue  # already named (a gazetteer organisation, a ministry)
        if any(found.actors[m.key].kind == ActorKind.person for m in overlapping):
            continue
        key = next((k for k in found.actors if k.casefold() == name.casefold()), name)
        candidate = ActorCandidate(key, name, kind_of(name), (start, end), sentence.index)
        found.discard(overlapping)
        found.add(candidate, ActorMention(start, end, key, sentence.index, "pattern"))
        abbr = abbreviation_after(text, end, sentence.end)
        if abbr and abbr not in found.abbreviations:
            found.abbreviations[abbr] = key
            found.actors[key].aliases.append(abbr)


def _abbreviation_mentions(text: str, sentences: list[Sentence], found: ActorFinding) -> None:
    """Later bare mentions of an abbreviation defined in parentheses ("the EPF")."""
    for abbr, key in found.abbreviations.items():
        for match in re.finditer(rf"(?<![\w(]){re.escape(abbr)}(?![\w)])", text):
            holder = sentence_at(sentences, match.start())
            if holder is not None and holder.body and not found.taken(match.start(), match.end()):
                found.record(ActorMention(match.start(), match.end(), key, holder.index, "alias"))


_THE_COUNCIL = re.compile(r"\b[Tt]he\s+(?P<name>Council)\b(?!\s+of\b)")
_EU_COUNCIL = "Council of the European Union"


def _the_council(text: str, sentences: list[Sentence], found: ActorFinding) -> None:
    """'The Council' in a text about the EU is the Council of the European Union."""
    if "European Union" not in found.actors and _EU_COUNCIL not in found.actors:
        return
    for sentence in (s for s in sentences if s.body or s.kind == "heading"):
        for match in _THE_COUNCIL.finditer(text, sentence.start, sentence.end):
            core = (match.start("name"), match.end("name"))
            if found.taken(*core):
                continue
            found.add(ActorCandidate(_EU_COUNCIL, _EU_COUNCIL, ActorKind.organisation, core, sentence.index,
                                     role='named in the source as "the Council"'),
                      ActorMention(*core, _EU_COUNCIL, sentence.index, "alias"))


_SPEAKER = re.compile(r"^(?:MR|MS|MRS|DR|SECRETARY|GENERAL|GEN|ADMIRAL|ADM|AMBASSADOR|SENATOR)\.?\s+"
                      r"(?P<name>[A-Z][A-Z'\u2019-]+(?:\s[A-Z][A-Z'\u2019-]+)?):")


def _speaker(text: str, sentence: Sentence, found: ActorFinding) -> None:
    """A transcript's speaker label: 'MR. SULLIVAN: On Ukraine, ...'."""
    label = _SPEAKER.match(sentence.text)
    if label is None:
        return
    name = " ".join(w.capitalize() for w in label.group("name").split())
    start = sentence.start + label.start("name")
    existing = next((a for a in found.actors.values() if a.kind == ActorKind.person
                     and a.name.split()[-1] == name.split()[-1]), None)
    key = existing.key if existing else name
    found.add(ActorCandidate(key, name, ActorKind.person, (sentence.start, sentence.start + label.end()),
                             sentence.index, role="speaker in the transcript", person_quote=True),
              ActorMention(start, sentence.start + label.end("name"), key, sentence.index, "name"))


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
    if any(w.lower() in ROLE_MODIFIERS or re.fullmatch(ROLE_NOUN, w, re.IGNORECASE) for w in words):
        return False
    return not gazetteer.find(name)


def _known_person(found: ActorFinding, start: int, end: int) -> ActorCandidate | None:
    """The gazetteer person named exactly at `start:end`, if any."""
    for mention in found._indexed()[1].get(start >> 8, []):
        actor = found.actors[mention.key]
        if (mention.start, mention.end) == (start, end) and actor.kind == ActorKind.person and mention.via != "pattern":
            return actor
    return None


_RUN_WORD = r"[A-Z](?:\.|[\w'\u2019-]*)"
_ROLE_OF_NAME = re.compile(
    rf"\b(?P<noun>(?i:{ROLE_NOUN}))\s+of\s+(?P<run>(?:the\s+)?{_RUN_WORD}(?:\s+(?:of|the|{_RUN_WORD})){{1,8}})"
)
_APPOSITIVE = re.compile(
    rf"\b(?P<noun>(?i:{ROLE_NOUN}))(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*){{0,3}})?"
    rf",\s+(?P<name>{_NAME})(?:\s+MP)?(?=,|\s+(?:said|says|told)\b|:)"
)
_NAME_ROLE_END = re.compile(
    rf"\b(?P<name>{_NAME}),\s+(?:the\s+|a\s+|an\s+)?(?P<role>[^,.;:]{{0,40}}?\b(?i:{ROLE_NOUN})\b[^,.;:]{{0,90}}?)"
    rf"(?=\s*[.:;]|\s+(?:recently\s+)?(?:said|says|told|stated|added)\b|$)"
)
_SUFFIX = frozenset({"III", "II", "IV", "Jr.", "Sr.", "Jr", "Sr"})


def _name_at_end(run: str) -> int | None:
    """Where the person's name starts in a run of capitalised words ending with it ('State Antony J. Blinken')."""
    words = list(re.finditer(r"\S+", run))
    i = len(words) - 1
    if i >= 0 and words[i].group() in _SUFFIX:
        i -= 1
    if i < 1 or not re.fullmatch(r"[A-Z][a-z\u00e0-\u00ff'\u2019-]+", words[i].group()):
        return None
    i -= 1
    while i > 0 and re.fullmatch(r"[A-Z]\.", words[i].group()):
        i -= 1
    if not re.fullmatch(r"[A-Z][a-z\u00e0-\u00ff'\u2019-]+", words[i].group()):
        return None
    return words[i].start()


def _titled_people(text: str, sentence: Sentence, gazetteer: Gazetteer, found: ActorFinding) -> None:
    """'Minister of Defense Oleksiy Reznikov', 'NATO Secretary General, Mark Rutte,', 'Josep Borrell, High
    Representative for ...' (the role ending the sentence or followed by 'said')."""
    for match in _ROLE_OF_NAME.finditer(text, sentence.start, sentence.end):
        at = _name_at_end(match.group("run"))
        if at is None or at == 0:
            continue
        start, end = match.start("run") + at, match.end("run")
        name = text[start:end]
        if _known_person(found, start, end) is None and (not _is_name(name.replace(" III", ""), gazetteer)
                                                         or found.taken(start, end)):
            continue
        begin = _role_words(text, match.start("noun"), sentence, gazetteer)
        _person(text, name, " ".join(text[begin:start].split()), (begin, end), (start, end), sentence, found)
    for pattern in (_APPOSITIVE, _NAME_ROLE_END):
        for match in pattern.finditer(text, sentence.start, sentence.end):
            start, end = match.start("name"), match.end("name")
            name = match.group("name")
            if _known_person(found, start, end) is None and (not _is_name(name, gazetteer) or found.taken(start, end)):
                continue
            if pattern is _APPOSITIVE:
                begin = _role_words(text, match.start("noun"), sentence, gazetteer)
                role = text[begin : match.start("name")].rstrip(", ")
                core = (begin, end)
            else:
                role, core = match.group("role"), (start, match.end("role"))
            _person(text, name, " ".join(role.split()), core, (start, end), sentence, found)


def _person(text: str, name: str, role: str, core: tuple[int, int], span: tuple[int, int], sentence: Sentence,
            found: ActorFinding) -> None:
    known = _known_person(found, *span)
    if known is not None:
        known.role = role
        return
    _add_person(name, role, core, span, sentence, found)


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
              ActorMention(span[0], span[1], name, sentence.index, "pattern"))


def add_author(text: str, sentences: list[Sentence], found: ActorFinding, name: str, role: str | None) -> None:
    """The byline's author as a person, quoted from the byline, unless the text already names them."""
    if any(a.kind == ActorKind.person and a.name.split()[-1] == name.split()[-1] for a in found.actors.values()):
        return
    start = text.find(name)
    holder = next((s for s in sentences if s.start <= start < s.end), None)
    if start < 0 or holder is None:
        return
    line = (holder.start, holder.end) if holder.end - holder.start <= 80 else (start, start + len(name))
    found.add(ActorCandidate(name, name, ActorKind.person, line, holder.index, role=role or "author of the source",
                             person_quote=True),
              ActorMention(start, start + len(name), name, holder.index, "name"))
    found.settle()


def surname_mentions(text: str, sentences: list[Sentence], found: ActorFinding) -> None:
    """Record later mentions of a named person by surname alone ('according to Bendett')."""
    people = {a.name.split()[-1]: a.key for a in found.actors.values()
              if a.kind == ActorKind.person and a.role != "unnamed in the source" and len(a.name.split()) > 1}
    for surname, key in people.items():
        for match in re.finditer(rf"(?<!\w){re.escape(surname)}(?!\w)", text):
            if found.taken(match.start(), match.end()):
                continue
            holder = sentence_at(sentences, match.start())
            if holder is not None and holder.body:
                found.record(ActorMention(match.start(), match.end(), key, holder.index, "surname"))
    found.settle()


def aliases_of(found: ActorFinding, text: str) -> dict[str, list[str]]:
    """For each actor, the other names the text uses for it (aliases and capitals, not demonyms)."""
    out: dict[str, list[str]] = {}
    for mention in found.mentions:
        if mention.via in ("alias", "capital"):
            surface = text[mention.start : mention.end]
            if surface != mention.key and surface not in out.setdefault(mention.key, []):
                out[mention.key].append(surface)
    return out
