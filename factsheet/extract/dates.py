"""Dates: "Aug. 24", "28 February 2022", "In July", "on Wednesday", "last month", "in 2014".

Each gets its precision (day, month or year). When the text gives no year, the year is inferred
from --as-of (a weekday with day and month picks the latest matching date on or before it), or
else from the latest year the text states, and the draft says why.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from factsheet.extract.text import Sentence
from factsheet.facts.model import Precision

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
               "oct": 10, "nov": 11, "dec": 12})
WEEKDAYS = [name for name in calendar.day_name]
_FULL = "|".join(name for name in calendar.month_name if name)
_ANY = _FULL + r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?"
_WD = "|".join(WEEKDAYS)
_PREP = r"(?:(?:[Oo]n|[Ii]n|[Bb]y|[Ss]ince|[Uu]ntil|[Ff]rom|[Dd]uring|[Tt]hrough|[Bb]efore|[Aa]fter)\s+)?"
_YEAR = r"(?:19|20)\d\d"
_DATE = re.compile(
    rf"{_PREP}\b(?P<iso>{_YEAR}-[01]\d-[0-3]\d)\b"
    rf"|{_PREP}(?:(?P<wd1>{_WD}),?\s+)?(?:the\s+)?(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<m1>{_ANY})(?!\w)"
    rf"(?:,?\s+(?P<y1>{_YEAR})\b)?"
    rf"|{_PREP}(?:(?P<wd2>{_WD}),?\s+)?(?P<m2>{_ANY})\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?![\d,.]\d)(?!\w)"
    rf"(?:,?\s+(?P<y2>{_YEAR})\b)?"
    rf"|{_PREP}(?:(?:early|mid-|late)\s*)?(?P<m3>{_FULL})(?:\s+of)?,?\s+(?P<y3>{_YEAR})\b"
    rf"|\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Dd]uring|[Ff]rom|[Tt]hrough|[Ee]arly|[Ll]ate|[Mm]id-|[Bb]efore|[Aa]fter)"
    rf"\s+(?:(?:early|late|mid-)\s*)?(?P<m4>{_FULL})\b(?!\s+\d)"
    r"|\b(?P<rel>[Ll]ast|[Tt]his|[Nn]ext)\s+(?P<unit>month|year|week)\b"
    r"|\b(?P<day>[Yy]esterday|[Tt]omorrow)\b"
    rf"|\b(?:(?P<wrel>[Oo]n|[Ll]ast|[Nn]ext|[Tt]his)\s+)?(?P<wd3>{_WD})\b"
    rf"|(?:\b(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Ff]rom|[Dd]uring|[Bb]efore|[Aa]fter)\s+)?(?<![\d$€£.,-])\b(?P<y4>{_YEAR})\b"
    r"(?![-/]\d|\s*(?:%|million|billion|bn|m\b|mn\b))"
)
_FUTURE = re.compile(r"\b(?:will|shall|is due|are due|is expected|are expected|is scheduled|are scheduled|plans? to)\b")


@dataclass
class DateMention:
    """A date the text states, resolved to a value when it can be."""

    start: int
    end: int
    sentence: int
    value: str | None
    precision: Precision
    year_inferred: bool = False
    inferred_from: str | None = None
    problem: str | None = None


def _month_name(month: int) -> str:
    return calendar.month_name[month]


def _clause(text: str, sentence: Sentence, start: int, end: int) -> str:
    left = max(text.rfind(",", sentence.start, start), text.rfind(";", sentence.start, start), sentence.start)
    right = min([p for p in (text.find(",", end, sentence.end), text.find(";", end, sentence.end)) if p != -1]
                or [sentence.end])
    return text[left:right]


def find_dates(text: str, sentences: list[Sentence], as_of: date | None) -> list[DateMention]:
    """Every date in the body of `text`, each resolved or with the reason it cannot be."""
    stated = [int(y) for y in re.findall(rf"(?<![\d$€£.,-])\b({_YEAR})\b", text)]
    anchor_year = max(stated) if stated else None
    out: list[DateMention] = []
    for sentence in sentences:
        if not sentence.body:
            continue
        for match in _DATE.finditer(text, sentence.start, sentence.end):
            future = bool(_FUTURE.search(_clause(text, sentence, match.start(), match.end())))
            mention = _resolve(match, sentence.index, as_of, anchor_year, future)
            if mention is not None:
                out.append(mention)
    return out


def _resolve(match: re.Match[str], sentence: int, as_of: date | None, anchor_year: int | None,
             future: bool) -> DateMention | None:
    group = match.group
    start, end = match.start(), match.end()
    if group("iso"):
        year, month, day = (int(p) for p in group("iso").split("-"))
        return _exact(start, end, sentence, year, month, day)
    for d, m, y, wd in (("d1", "m1", "y1", "wd1"), ("d2", "m2", "y2", "wd2")):
        if group(m):
            month, day = MONTHS[group(m).rstrip(".").lower()], int(group(d))
            if not 1 <= day <= 31:
                return None
            if group(y):
                return _exact(start, end, sentence, int(group(y)), month, day)
            return _day_without_year(start, end, sentence, month, day, group(wd), as_of, anchor_year, future)
    if group("m3"):
        return DateMention(start, end, sentence, f"{group('y3')}-{MONTHS[group('m3').lower()]:02d}", Precision.month)
    if group("m4"):
        month = MONTHS[group("m4").lower()]
        return _month_without_year(start, end, sentence, month, as_of, anchor_year, future)
    if group("y4"):
        return DateMention(start, end, sentence, group("y4"), Precision.year)
    shown = " ".join(match.group().split())
    if as_of is None:
        return DateMention(start, end, sentence, None, Precision.day,
                           problem=f"{shown!r} is relative to the date of writing: pass --as-of")
    why = f"{shown!r}, counted from the as-of date {as_of.isoformat()}"
    if group("unit"):
        step = {"last": -1, "this": 0, "next": 1}[group("rel").lower()]
        if group("unit") == "year":
            return DateMention(start, end, sentence, str(as_of.year + step), Precision.year, True, why)
        if group("unit") == "month":
            index = as_of.year * 12 + as_of.month - 1 + step
            return DateMention(start, end, sentence, f"{index // 12}-{index % 12 + 1:02d}", Precision.month, True, why)
        return None  # "last week": not a date
    if group("day"):
        shift = -1 if group("day").lower() == "yesterday" else 1
        return DateMention(start, end, sentence, (as_of + timedelta(days=shift)).isoformat(), Precision.day, True, why)
    weekday = WEEKDAYS.index(group("wd3"))
    relation = (group("wrel") or "").lower()
    if relation == "next":
        found = as_of + timedelta(days=(weekday - as_of.weekday() - 1) % 7 + 1)
        why = f"a weekday alone: the next {group('wd3')} after the as-of date {as_of.isoformat()}"
    else:
        back = (as_of.weekday() - weekday) % 7 or (7 if relation == "last" else 0)
        found = as_of - timedelta(days=back)
        why = f"a weekday alone: the latest {group('wd3')} on or before the as-of date {as_of.isoformat()}"
    return DateMention(start, end, sentence, found.isoformat(), Precision.day, True, why)


def _exact(start: int, end: int, sentence: int, year: int, month: int, day: int) -> DateMention | None:
    try:
        return DateMention(start, end, sentence, date(year, month, day).isoformat(), Precision.day)
    except ValueError:
        return None


def _day_without_year(start: int, end: int, sentence: int, month: int, day: int, weekday: str | None,
                      as_of: date | None, anchor_year: int | None, future: bool) -> DateMention | None:
    shown = f"{day} {_month_name(month)}"
    if as_of is not None:
        limit, where = as_of, f"on or before the as-of date {as_of.isoformat()}"
    elif anchor_year is not None:
        limit, where = date(anchor_year, 12, 31), f"in or before {anchor_year} (the latest year the text states)"
    else:
        return DateMention(start, end, sentence, None, Precision.day,
                           problem=f"{shown} has no year and the text states none: pass --as-of")
    if weekday:
        wanted = WEEKDAYS.index(weekday)
        for year in range(limit.year, limit.year - 24, -1):
            try:
                found = date(year, month, day)
            except ValueError:
                continue
            if found <= limit and found.weekday() == wanted:
                why = f"no year in the text; the latest {weekday}, {shown} {where} is in {year}"
                return DateMention(start, end, sentence, found.isoformat(), Precision.day, True, why)
    future = future and as_of is not None
    source = "from --as-of" if as_of is not None else "from the latest year the text states"
    where = where.replace("on or before", "on or after") if future else where
    for year in range(limit.year, limit.year + 2) if future else range(limit.year, limit.year - 5, -1):
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if (found >= limit) if future else (found <= limit):
            why = f"no year in the text; {source}: the {'next' if future else 'latest'} {shown} {where} is in {year}"
            if weekday:
                why += f" (24 years back, no {shown} was a {weekday})"
            return DateMention(start, end, sentence, found.isoformat(), Precision.day, True, why)
    return None


def _month_without_year(start: int, end: int, sentence: int, month: int, as_of: date | None,
                        anchor_year: int | None, future: bool) -> DateMention:
    name = _month_name(month)
    if as_of is not None:
        if future:
            year = as_of.year if month >= as_of.month else as_of.year + 1
            why = f"no year in the text; from --as-of {as_of.isoformat()}: the next {name} on or after it"
        else:
            year = as_of.year if month <= as_of.month else as_of.year - 1
            why = f"no year in the text; from --as-of {as_of.isoformat()}: the latest {name} on or before it"
        return DateMention(start, end, sentence, f"{year}-{month:02d}", Precision.month, True, why)
    if anchor_year is not None:
        why = f"no year in the text near it; the latest year the text states is {anchor_year}"
        return DateMention(start, end, sentence, f"{anchor_year}-{month:02d}", Precision.month, True, why)
    return DateMention(start, end, sentence, None, Precision.month,
                       problem=f"{name} has no year and the text states none: pass --as-of")
