"""Actors: countries (by name, alias, capital or demonym), organisations, companies, media and people.

People by title and role are found in people.py; the mention and candidate types are in actor_types.py.
"""

from __future__ import annotations

import re

from factsheet.extract.actor_types import ActorCandidate, ActorFinding, ActorMention
from factsheet.extract.gazetteer import Gazetteer, Hit
from factsheet.extract.orgs import abbreviation_after, is_place, kind_of, organisation_names
from factsheet.extract.people import (
    NOT_NAMES,
    add_author,
    people_with_roles,
    speaker,
    surname_mentions,
    titled_people,
)
from factsheet.extract.text import Sentence, sentence_at
from factsheet.facts.model import ActorKind

__all__ = ["ActorCandidate", "ActorFinding", "ActorMention", "add_author", "aliases_of", "find_actors",
           "surname_mentions"]

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
        speaker(text, sentence, found)
        if sentence.kind == "credit":
            people_with_roles(text, sentence, gazetteer, found)
        if not sentence.body:
            continue
        _organisations(text, sentence, found)
        _patterned_organisations(text, sentence, found)
        titled_people(text, sentence, gazetteer, found)
        people_with_roles(text, sentence, gazetteer, found)
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
        if name.split()[0] not in NOT_NAMES and not found.taken(match.start(), match.end()):
            found.add(ActorCandidate(name, name, ActorKind.company, (match.start(), match.end()), sentence.index),
                      ActorMention(match.start(), match.end(), name, sentence.index, "pattern"))


def aliases_of(found: ActorFinding, text: str) -> dict[str, list[str]]:
    """For each actor, the other names the text uses for it (aliases and capitals, not demonyms)."""
    out: dict[str, list[str]] = {}
    for mention in found.mentions:
        if mention.via in ("alias", "capital"):
            surface = text[mention.start : mention.end]
            if surface != mention.key and surface not in out.setdefault(mention.key, []):
                out[mention.key].append(surface)
    return out
