"""People: named with a title or a role ('Minister of Defense Oleksiy Reznikov', 'Josep Borrell, High
Representative for ...'), transcript speakers ('MR. SULLIVAN:'), a byline's author, and later mentions
by surname alone.
"""

from __future__ import annotations

import re

from factsheet.extract.actor_types import ActorCandidate, ActorFinding, ActorMention
from factsheet.extract.gazetteer import Gazetteer
from factsheet.extract.lexicon import ROLE_MODIFIERS, ROLE_NOUN
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

NOT_NAMES = frozenset(
    (
        "The", "A", "An", "This", "That", "These", "Those", "According", "Meanwhile", "However", "Hence", "But",
        "And", "Or", "In", "On", "At", "By", "For", "From", "With", "Monday", "Tuesday", "Wednesday", "Thursday",
        "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December"
    )
)


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


_SPEAKER = re.compile(r"^(?:MR|MS|MRS|DR|SECRETARY|GENERAL|GEN|ADMIRAL|ADM|AMBASSADOR|SENATOR)\.?\s+"
                      r"(?P<name>[A-Z][A-Z'\u2019-]+(?:\s[A-Z][A-Z'\u2019-]+)?):")


def speaker(text: str, sentence: Sentence, found: ActorFinding) -> None:
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


def _is_name(name: str, gazetteer: Gazetteer) -> bool:
    words = name.split()
    if any(w in NOT_NAMES for w in words) or any(w.lower() in FUNCTION_WORDS for w in words):
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


def titled_people(text: str, sentence: Sentence, gazetteer: Gazetteer, found: ActorFinding) -> None:
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


def people_with_roles(text: str, sentence: Sentence, gazetteer: Gazetteer, found: ActorFinding) -> None:
    """'press secretary Karine Jean-Pierre' (a role noun before the name) and 'Samuel Bendett, an analyst at
    CNA,' (a role in an appositive after it); a known public figure takes the text's words for the role."""
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
