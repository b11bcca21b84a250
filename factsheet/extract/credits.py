"""What the top of a text says about itself: title, publisher, author and date.

Official releases and wire copies open with a few short lines before the text: a label naming the
office ("Department of Defense", "Source: Council of the European Union"), a headline, a byline
("By Antony J. Blinken", "Antony J. Blinken, Secretary of State", "Attributed to ... Todd Breasseale:"),
a dateline ("05/06/2022 06:01 PM EDT", "(The White House - whitehouse.gov - Dec. 4, 2023)") or a
place dateline opening the first sentence ("BRUSSELS, Belgium - The Council ..."). Each is read here
once; the other stages are told which spans are credits or places so that they do not read them as
events or actors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from factsheet.extract.dates import find_dates
from factsheet.extract.gazetteer import Gazetteer
from factsheet.extract.lexicon import ROLE_NOUN
from factsheet.extract.text import Sentence
from factsheet.facts.model import ActorKind, SourceKind

_NAME = r"[A-Z][a-z\u00e0-\u00ff'\u2019-]+(?:\s+(?:[A-Z]\.|[A-Z][a-z\u00e0-\u00ff'\u2019-]+)){1,3}"
_BYLINE = re.compile(rf"^(?:[Ww]ritten\s+)?(?:[Bb]y|BY)\s+(?P<name>{_NAME})(?:\s*[*,].*)?$")
_LABEL = re.compile(r"^(?:via teleconference|for immediate release|press release|news release|media note|statement|"
                    r"readout|transcript|remarks|speech|fact sheet|news|update|briefing|embargoed.*)$", re.IGNORECASE)
_ATTRIBUTED = re.compile(rf"^(?i:attributed to)\b.*?(?P<name>{_NAME}):?$")
_NAME_ROLE = re.compile(rf"^(?P<name>{_NAME}),\s+(?P<role>[^,]{{3,60}})$")
_SOURCE = re.compile(r"^(?:source|issued by|published by)\s*:?\s+(?P<who>.+?)\.?$", re.IGNORECASE)
_OWNED = re.compile(r"(?i)^this (?:article|story|report) (?:is|was) (?:owned|published|produced) by\s+(?P<who>.+?)\.?$")
_ORG_WORDS = re.compile(
    r"\b(?:Department|Ministry|Council|Commission|Office|Agency|Directorate|Bureau|Government|House|Parliament|"
    r"Secretariat|Mission|Embassy|Command|Forces|Service|Press)\b")
_PLACE_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'-]{2,30}(?:,\s+[A-Z][A-Za-z .'-]{2,30})?)\s*(?:\([^)]{1,30}\))?\s*[\u2013\u2014-]{1,2}\s+")
_SEGMENTS = re.compile(r"\s+[\u2013\u2014|-]\s+")


@dataclass
class Credits:
    """What the opening lines say about the text, and the spans they take."""

    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    author_role: str | None = None
    date: date | None = None
    date_note: str | None = None
    places: list[tuple[int, int]] = field(default_factory=list)


def _is_org(line: str, gazetteer: Gazetteer) -> bool:
    """Whether a short line is just the name of an office or organisation."""
    name = line.rstrip(":").strip()
    if len(name.split()) > 8:
        return False
    hits = gazetteer.find(name)
    if hits and hits[0].kind == "organisation" and hits[0].start == 0 and hits[0].end == len(name):
        return True
    return bool(_ORG_WORDS.search(name)) and all(w[0].isupper() or w in ("of", "the", "for", "and", "on")
                                                 for w in name.split())


def find_credits(text: str, sentences: list[Sentence], gazetteer: Gazetteer) -> Credits:
    """The title, publisher, author and date the opening lines (and any credit line) state."""
    out = Credits()
    first_body = next((s for s in sentences if s.kind in ("body", "item") and len(s.text.split()) > 6), None)
    for sentence in sentences:
        leading = first_body is None or sentence.start < first_body.start
        line = sentence.text.strip()
        if sentence.kind == "credit":
            _credit(line, out)
        elif sentence.kind == "dateline" and out.date is None:
            _dateline(text, sentence, out, gazetteer)
        elif leading and _is_org(line, gazetteer) and out.publisher is None:
            out.publisher = line.rstrip(":").strip()
        elif leading and sentence.kind == "heading":
            named = _NAME_ROLE.match(line)
            if named and re.search(rf"\b(?:{ROLE_NOUN})\b", named.group("role"), re.IGNORECASE):
                out.author = out.author or named.group("name")
                out.author_role = named.group("role")
            elif out.title is None and len(line.split()) >= 3 and not line.isupper() and not _LABEL.match(line):
                out.title = line
    if first_body is not None:
        place = _PLACE_DATELINE.match(first_body.text)
        if place and place.group("place").split(",")[0].isupper():
            out.places.append((first_body.start + place.start("place"), first_body.start + place.end("place")))
    return out


def source_kind(publisher: str | None, gazetteer: Gazetteer) -> SourceKind | None:
    """Official when the publisher is a government office or an intergovernmental body the gazetteer knows
    (or is named like one: 'Department of ...', '... Council'), news when it is a news medium; else unknown."""
    if not publisher:
        return None
    name = re.sub(r"^the\s+", "", publisher, flags=re.IGNORECASE)
    hits = gazetteer.find(name)
    if hits and hits[0].kind == "organisation" and hits[0].end - hits[0].start >= len(name) - 1:
        entry = gazetteer.organisations[hits[0].name]
        if entry.kind is ActorKind.media:
            return SourceKind.news
        if entry.kind in (ActorKind.government, ActorKind.organisation) and entry.role != "think tank":
            return SourceKind.official
        return SourceKind.think_tank if entry.role == "think tank" else None
    if _ORG_WORDS.search(name) and not re.search(r"\b(?:News|Press|Times|Post|Journal)\b", name):
        return SourceKind.official
    return None


def _credit(line: str, out: Credits) -> None:
    for pattern, key in ((_OWNED, "publisher"), (_SOURCE, "publisher")):
        found = pattern.match(line)
        if found:
            if key == "publisher" and out.publisher is None:
                out.publisher = found.group("who").strip()
            return
    for pattern in (_ATTRIBUTED, _BYLINE):
        found = pattern.match(line)
        if found and out.author is None:
            name = re.sub(rf"^.*\b(?:{ROLE_NOUN})\s+", "", found.group("name"), flags=re.IGNORECASE)
            out.author = name if len(name.split()) >= 2 else found.group("name")
            return


def _dateline(text: str, sentence: Sentence, out: Credits, gazetteer: Gazetteer) -> None:
    as_body = Sentence(sentence.index, sentence.start, sentence.end, sentence.text, "body")
    found = [d for d in find_dates(text, [as_body], None) if d.value and d.precision.value == "day"]
    if found:
        out.date = date.fromisoformat(found[0].value or "")
        out.date_note = found[0].note
    inner = sentence.text.strip("() |")
    parts = _SEGMENTS.split(inner)
    if len(parts) > 1 and out.publisher is None and _is_org(parts[0], gazetteer):
        out.publisher = parts[0].strip()
