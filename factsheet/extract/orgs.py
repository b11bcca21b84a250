"""Organisations the gazetteer does not know, found by the shape of their names, and places kept as places.

"European Peace Facility", "Ukraine Security Assistance Initiative", "International Fund for Ukraine",
"Bureau of European and Eurasian Affairs", "Coalition of the Willing": a run of capitalised words
ending in an institutional head noun (Council, Fund, Facility, Directorate, ...) or a head noun
followed by "of/for" and capitalised words. An abbreviation in parentheses right after a name
("(EPF)") becomes an alias, and its later bare mentions count as mentions.

Places: a country named in "Ambassador to Slovakia", "Embassies in Tashkent, Uzbekistan" or "met in
Brussels" is where something is, not an actor.
"""

from __future__ import annotations

import re

from factsheet.extract.gazetteer import Gazetteer, Hit
from factsheet.facts.model import ActorKind

HEADS = (
    "Council", "Committee", "Commission", "Ministry", "Department", "Directorate", "Bureau", "Office", "Agency",
    "Fund", "Facility", "Initiative", "Group", "Coalition", "Alliance", "Command", "Institute", "Parliament",
    "Assembly", "Secretariat", "Programme", "Program", "Mission", "Corps", "Brigade", "Regiment", "Battalion",
    "Directorate-General", "Foundation", "Consortium", "Centre", "Center", "Service",
)
_HEAD = "|".join(sorted(HEADS, key=len, reverse=True))
_CAP = r"(?:[A-Z][\w\u2019'&-]*|[A-Z]{2,})"
ORG = re.compile(
    rf"(?<![\w-])(?P<name>(?:{_CAP}\s+){{0,5}}(?:{_HEAD})(?:\s+(?:of|for|on)\s+(?:the\s+)?{_CAP}"
    rf"(?:\s+(?:and\s+)?{_CAP}){{0,4}})?)(?![\w-])"
)
ABBREVIATION = re.compile(r"\s*\((?P<abbr>[A-Z][A-Za-z]{1,7})\)")
_LEADING = re.compile(r"^(?:(?:The|A|An|This|That|Its|Their|Our|New|Under|With|From|By|In|On|At|Today|Since|"
                      r"After|Before|During|While|Both|Every|All|Each)\s+)+")
_SINGLE_HEADS = frozenset({"Council", "Commission", "Department", "Ministry", "Office", "Fund", "Group", "Service",
                           "Centre", "Center", "Program", "Programme", "Mission", "Command", "Assembly"})
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:[Aa]mbassador|[Ee]mbass(?:y|ies)|[Cc]onsul(?:ate)?s?|[Ee]nvoy)\s+(?:to|in)\s+"
    r"|\b(?:in|at|near|outside|inside)\s+[A-Z][\w-]+,\s+"
    r"|\b(?:[Ee]mbass(?:y|ies)|[Cc]onsulates?)\s+in\s+(?:[A-Z][\w-]+,\s+[A-Z][\w-]+,?\s+and\s+)?(?:[A-Z][\w-]+,\s+)?)$"
)


def kind_of(name: str) -> ActorKind:
    """Government for ministries, departments, directorates and offices; organisation otherwise."""
    if re.search(r"\b(?:Ministry|Department|Directorate|Bureau|Office|Command|Secretariat|Agency)\b", name):
        return ActorKind.government
    return ActorKind.organisation


def organisation_names(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Spans and names of the organisations named by pattern in `text[start:end]`."""
    out = []
    for match in ORG.finditer(text, start, end):
        name = match.group("name")
        lead = _LEADING.match(name)
        offset = match.start("name") + (lead.end() if lead else 0)
        name = name[lead.end() :] if lead else name
        words = name.split()
        if len(words) < 2 or (words[0] in _SINGLE_HEADS and len(words) < 3):
            continue  # "Council" or "Department said": not a name
        if name.endswith(("'s", "\u2019s")):
            continue
        trimmed = re.sub(r"\s+(?:Ministers?|Secretar(?:y|ies)|Leaders?|Chiefs?|Heads?|"
                         r"Officials?|Members?|Envoys?)$", "", name)
        if trimmed != name and len(trimmed.split()) >= 2 and re.search(rf"\b(?:{_HEAD})\b", trimmed):
            name = _trim_modifiers(trimmed, name)
        out.append((offset, offset + len(name), name))
    return out


def _trim_modifiers(trimmed: str, name: str) -> str:
    """'Coalition of the Willing Defence Ministers' -> 'Coalition of the Willing': drop role words' modifiers too."""
    words = trimmed.split()
    while len(words) > 2 and words[-1].lower() in ("defence", "defense", "foreign", "finance", "interior", "health"):
        words.pop()
    return " ".join(words) if words else name


def abbreviation_after(text: str, end: int, stop: int) -> str | None:
    """The abbreviation in parentheses right after a name ending at `end`, if any."""
    found = ABBREVIATION.match(text, end, stop)
    return found.group("abbr") if found else None


def is_place(text: str, hit: Hit, sentence_start: int, gazetteer: Gazetteer | None = None) -> bool:
    """Whether a country or capital named at `hit` is a place here rather than an actor."""
    before = text[max(sentence_start, hit.start - 80) : hit.start]
    if hit.via == "capital":
        return bool(re.search(r"\b(?:in|at|near|outside|inside)\s+$", before) or _PLACE_BEFORE.search(before))
    found = _PLACE_BEFORE.search(before) if hit.kind == "country" else None
    if found is None:
        return False
    city = re.search(r"([A-Z][\w-]+),\s+$", before)
    if city and gazetteer is not None:  # "in Ukraine, Russia had ...": a country before the comma is no city
        known = gazetteer.find(city.group(1))
        if known and known[0].kind == "country" and known[0].via != "capital":
            return bool(re.search(r"(?:[Aa]mbassador|[Ee]mbass|[Cc]onsul|[Ee]nvoy)", before[-60:]))
    return True
