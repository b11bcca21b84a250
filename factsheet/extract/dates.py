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
    rf"|{_PREP}\b(?P<na>[0-3]?\d)(?P<sep>[./])(?P<nb>[0-3]?\d)(?P=sep)(?P<ny>{_YEAR})\b"
    r"|\b(?P<today>(?:[Ee]arlier\s+|[Ll]ater\s+)?(?:[Tt]his\s+(?:morning|afternoon|evening)|[Tt]oday|[Tt]onight))\b"
    r"|\b(?P<ago>(?P<agon>an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+"
    r"(?P<agou>day|week|month|year)s?\s+ago)\b"
    rf"|\b(?P<end>(?:[Bb]y|[Bb]efore|[Uu]ntil)\s+the\s+end\s+of\s+(?:the\s+|this\s+)?(?:(?P<endy>{_YEAR})|year))\b"
    rf"|\b(?P<part>[Ee]arly|[Mm]id|[Ll]ate)[-\s](?P<py>{_YEAR})\b"
    rf"|\b(?P<season>(?P<srel>[Tt]his|[Ll]ast|[Nn]ext)\s+(?P<sname>spring|summer|autumn|fall|winter))\b"
    rf"|\b(?:(?:[Ii]n|[Dd]uring|[Bb]y)\s+)?(?:the\s+)?(?P<sname2>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)"
    rf"\s+(?:of\s+)?(?P<sy>{_YEAR})\b"
    rf"|{_PREP}(?:(?P<wd1>{_WD}),?\s+)?(?:the\s+)?(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<m1>{_ANY})(?!\w)"
    rf"(?:,?\s+(?P<y1>{_YEAR})\b)?"
    rf"|{_PREP}(?:(?P<wd2>{_WD}),?\s+)?(?P<m2>{_ANY})\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?![\d,.]\d)(?!\w)"
    rf"(?:,?\s+(?P<y2>{_YEAR})\b)?"
    rf"|{_PREP}(?:(?:early|mid-|late)\s*)?(?P<m3>{_FULL})(?:\s+of)?,?\s+(?P<y3>{_YEAR})\b"
    rf"|\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Dd]uring|[Ff]rom|[Tt]hrough|[Ee]arly|[Ll]ate|[Mm]id-|[Bb]efore|[Aa]fter)"
    rf"\s+(?:(?:early|late|mid-)\s*)?(?P<m4>{_FULL})\b(?!\s+\d)(?:\s+(?P<m4rel>last|this|next)\s+year\b)?"
    r"|\b(?P<rel>[Ll]ast|[Tt]his|[Nn]ext)\s+(?P<unit>month|year|week)\b"
    r"|(?<!\bof\s)\b(?P<day>[Yy]esterday|[Tt]omorrow)\b"
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
    part: str | None = None
    """A part of the period: 'early', 'mid', 'late', or a season."""
    relation: str | None = None
    """How the text relates the event to the date: 'by' for a deadline."""
    note: str | None = None
    """How an ambiguous form was read, for the reviewer."""
    last: str | None = None
    """The end of a range ('from March to May 2023': 2023-05)."""


_US_STYLE = re.compile(r"\b(?:EDT|EST|CDT|CST|MDT|MST|PDT|PST|ET)\b|\b[ap]\.m\.|\b\d{1,2}:\d\d\s?[AP]M\b")
_DAY_FIRST_STYLE = re.compile(r"\b\d{1,2}\.\d{1,2}\.(?:19|20)\d\d\b|\b\d{1,2}\s+(?:" + _FULL + r")\s+(?:19|20)\d\d\b")
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10}
_SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
_DURATION_BEFORE = re.compile(r"\b(?:over|within|in|for|during|throughout)\s+the\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class Reference:
    """The date relative expressions count from, and how to name it in a reason."""

    day: date
    name: str


_STYLES: dict[tuple[int, int, str], bool] = {}


def _style(text: str, pattern: re.Pattern[str]) -> bool:
    """Whether `text` follows a convention (searched once per text and pattern)."""
    key = (id(text), len(text), pattern.pattern)
    if key not in _STYLES:
        if len(_STYLES) > 16:
            _STYLES.clear()
        _STYLES[key] = bool(pattern.search(text))
    return _STYLES[key]


def numeric_date(day_or_month: int, month_or_day: int, year: int, separator: str, text: str
                 ) -> tuple[date | None, str | None, str | None]:
    """A numeric date '24/02/2022', '27.12.2022' or '05/06/2022': the date, why its order was chosen, or a problem.

    Dots mean day first. With slashes a part over 12 settles it; when both could be a month, the text's
    conventions do (a US time zone or a.m./p.m. means month first; dates written '24 February 2022' or
    with dots mean day first); otherwise the date is ambiguous and is not proposed.
    """
    a, b = day_or_month, month_or_day
    why = None
    if separator == "." or a > 12 or a == b:
        day, month = a, b
    elif b > 12:
        month, day = a, b
    elif _style(text, _US_STYLE):
        month, day = a, b
        why = "day and month could be either way; the text writes times the US way, so the month comes first"
    elif _style(text, _DAY_FIRST_STYLE):
        day, month = a, b
        why = "day and month could be either way; the text's other dates put the day first"
    else:
        return None, None, f"{a:02d}/{b:02d}/{year} could be {a} {_month_name(b)} or {_month_name(a)} {b}"
    try:
        return date(year, month, day), why, None
    except ValueError:
        return None, None, f"{a}/{b}/{year} is not a date"


def _month_name(month: int) -> str:
    return calendar.month_name[month]


def _clause(text: str, sentence: Sentence, start: int, end: int) -> str:
    left = max(text.rfind(",", sentence.start, start), text.rfind(";", sentence.start, start), sentence.start)
    right = min([p for p in (text.find(",", end, sentence.end), text.find(";", end, sentence.end)) if p != -1]
                or [sentence.end])
    return text[left:right]


def find_dates(text: str, sentences: list[Sentence], as_of: date | None,
               dateline: date | None = None) -> list[DateMention]:
    """Every date in the body of `text`, each resolved or with the reason it cannot be.

    Relative expressions ("today", "last month", "two weeks ago", "on Thursday") count from `as_of`, or
    else from the date of the text's dateline. A stated date never moves with the tense of its clause;
    only a date without a year, or a weekday, after a future marker in its clause ("will speak ... on
    Thursday") is taken as the next one rather than the last one.
    """
    stated = [int(y) for y in re.findall(rf"(?<![\d$€£.,-])\b({_YEAR})\b", text)]
    anchor_year = max(stated) if stated else None
    reference = Reference(as_of, "the as-of date") if as_of else Reference(dateline, "the dateline date") \
        if dateline else None
    out: list[DateMention] = []
    for sentence in sentences:
        if not sentence.body:
            continue
        ranges = _ranges(text, sentence)
        out += ranges
        for match in _DATE.finditer(text, sentence.start, sentence.end):
            if any(r.start <= match.start() < r.end for r in ranges):
                continue
            clause = _clause(text, sentence, match.start(), match.end())
            left = text.rfind(clause, sentence.start, sentence.end)
            future = bool(_FUTURE.search(text, left if left >= 0 else sentence.start, match.start()))
            if _DURATION_BEFORE.search(text[max(sentence.start, match.start() - 20) : match.start()]) and \
                    match.group("rel") and match.group("rel").lower() == "next":
                continue  # "over the next year": a span of time, not a date
            mention = _relative(match, sentence.index, reference, text) or _resolve(
                match, sentence.index, reference.day if reference else None, anchor_year, future)
            if mention is not None and reference and reference.name != "the as-of date" and mention.inferred_from:
                mention.inferred_from = mention.inferred_from.replace("the as-of date", reference.name).replace(
                    "--as-of", reference.name)
            if mention is not None:
                out.append(mention)
    return out


_RANGE = re.compile(
    rf"\b(?:[Ff]rom|[Bb]etween)\s+(?P<m1>{_FULL})\s+(?:to|until|through|and)\s+(?P<m2>{_FULL})\s+(?P<y>{_YEAR})\b"
    rf"|\b(?P<r1>{_FULL})\s*[\u2013-]\s*(?P<r2>{_FULL})\s+(?P<ry>{_YEAR})\b"
    rf"|\b(?:[Ff]rom|[Bb]etween)\s+(?P<y1>{_YEAR})\s+(?:to|until|through|and)\s+(?P<y2>{_YEAR})\b"
    rf"|\b(?P<a>{_YEAR})\s*[\u2013-]\s*(?P<b>{_YEAR}|\d\d)\b(?![-/]\d)"
)


def _ranges(text: str, sentence: Sentence) -> list[DateMention]:
    """Ranges: 'from March to May 2023', 'March-May 2023', 'between 2022 and 2024', '2022-23'."""
    out = []
    for match in _RANGE.finditer(text, sentence.start, sentence.end):
        group = match.group
        if group("m1") or group("r1"):
            year = int(group("y") or group("ry"))
            first, last = MONTHS[(group("m1") or group("r1")).lower()], MONTHS[(group("m2") or group("r2")).lower()]
            start_year = year if first <= last else year - 1
            out.append(DateMention(match.start(), match.end(), sentence.index, f"{start_year}-{first:02d}",
                                   Precision.month, last=f"{year}-{last:02d}"))
        else:
            first_year = int(group("y1") or group("a"))
            second = group("y2") or group("b")
            last_year = int(second) if len(second) == 4 else first_year // 100 * 100 + int(second)
            if last_year > first_year:
                out.append(DateMention(match.start(), match.end(), sentence.index, str(first_year), Precision.year,
                                       last=str(last_year)))
    return out


def _relative(match: re.Match[str], sentence: int, reference: Reference | None, text: str) -> DateMention | None:
    """The forms counted from a reference date (today, N weeks ago, the end of the year, seasons), and numeric ones."""
    group = match.group
    start, end = match.start(), match.end()
    shown = " ".join(match.group().split())
    if group("na"):
        found, why, problem = numeric_date(int(group("na")), int(group("nb")), int(group("ny")), group("sep"), text)
        if found is None:
            return DateMention(start, end, sentence, None, Precision.day, problem=problem)
        return DateMention(start, end, sentence, found.isoformat(), Precision.day,
                           note=f"{shown!r} read as {found.isoformat()}: {why}" if why else None)
    if group("part"):
        return DateMention(start, end, sentence, group("py"), Precision.year, part=group("part").lower())
    if group("sname2"):
        return DateMention(start, end, sentence, group("sy"), Precision.year, part=group("sname2").lower())
    if group("end") and group("endy"):
        return DateMention(start, end, sentence, f"{group('endy')}-12", Precision.month, relation="by")
    relative = group("today") or group("ago") or group("end") or group("season") or group("m4rel")
    if not relative:
        return None
    if reference is None:
        return DateMention(start, end, sentence, None, Precision.day,
                           problem=f"{shown!r} is relative to the date of writing: pass --as-of")
    day, why = reference.day, f"{shown!r}, counted from {reference.name} {reference.day.isoformat()}"
    if group("today"):
        return DateMention(start, end, sentence, day.isoformat(), Precision.day, True, why)
    if group("ago"):
        count = _NUMBERS.get(group("agon").lower()) or int(group("agon"))
        unit = group("agou").lower()
        if unit in ("day", "week"):
            found = day - timedelta(days=count * (7 if unit == "week" else 1))
            return DateMention(start, end, sentence, found.isoformat(), Precision.day, True, why)
        if unit == "month":
            index = day.year * 12 + day.month - 1 - count
            return DateMention(start, end, sentence, f"{index // 12}-{index % 12 + 1:02d}", Precision.month, True, why)
        return DateMention(start, end, sentence, str(day.year - count), Precision.year, True, why)
    if group("end"):
        return DateMention(start, end, sentence, f"{day.year}-12", Precision.month, True, why, relation="by")
    if group("season"):
        name = group("sname").lower()
        first, last = _SEASON_MONTHS[name]
        step = {"this": 0, "last": -1, "next": 1}[group("srel").lower()]
        year = day.year + step
        if step == -1 and (last if first < last else 12) < day.month:
            year = day.year  # "last summer", said in November: this year's summer
        return DateMention(start, end, sentence, str(year), Precision.year, True, why, part=name)
    step = {"last": -1, "this": 0, "next": 1}[group("m4rel").lower()]
    month = MONTHS[group("m4").lower()]
    return DateMention(start, end, sentence, f"{day.year + step}-{month:02d}", Precision.month, True, why)


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
    if relation == "next" or (future and relation != "last"):
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
