"""Dates as sources state them: a day, a month, a season, a quarter, a half or a year,
possibly early/mid/late, a range, an open period ('since July 2022') or a deadline
('by the end of 2024'). Each is a span of real days, so it sorts and draws honestly.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, WithJsonSchema, model_validator

from factsheet.facts.values import check_year


class Precision(StrEnum):
    """How precisely a date is known; the value's shape says the same."""

    year = "year"
    half = "half"
    quarter = "quarter"
    season = "season"
    month = "month"
    day = "day"


class Part(StrEnum):
    """Which part of the period: 'early August', 'mid-2022', 'late summer'."""

    early = "early"
    mid = "mid"
    late = "late"


class Relation(StrEnum):
    """How the event relates to the date: on it, since it (open period), by it (deadline), before or after it."""

    on = "on"
    since = "since"
    until = "until"
    by = "by"
    before = "before"
    after = "after"


SEASONS = ("spring", "summer", "autumn", "winter")
SHAPES = {
    Precision.year: ("YYYY", re.compile(r"^(\d{4})$")),
    Precision.half: ("YYYY-H1 or YYYY-H2", re.compile(r"^(\d{4})-H([12])$")),
    Precision.quarter: ("YYYY-Q1 to YYYY-Q4", re.compile(r"^(\d{4})-Q([1-4])$")),
    Precision.season: ("YYYY-spring, -summer, -autumn or -winter",
                       re.compile(r"^(\d{4})-(spring|summer|autumn|winter)$")),
    Precision.month: ("YYYY-MM", re.compile(r"^(\d{4})-(\d{2})$")),
    Precision.day: ("YYYY-MM-DD", re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")),
}
EXAMPLES = "2022, 2022-H2, 2022-Q3, 2022-summer, 2022-08 or 2022-08-24"


def precision_of(value: str) -> Precision | None:
    """The precision a date value is written to, or None when it has no known shape."""
    for precision, (_, pattern) in SHAPES.items():
        if pattern.match(value):
            return precision
    return None


def check_date_value(value: str, precision: Precision | None = None) -> Precision:
    """The precision of `value`; ValueError unless it is a real date written to `precision` (when given)."""
    found = precision_of(value)
    if precision is not None and found is not precision:
        shape = SHAPES[precision][0]
        raise ValueError(f"{value!r} is not a {precision.value}-precision date ({shape})")
    if found is None:
        raise ValueError(f"{value!r} is not a date: write it as {EXAMPLES}")
    check_year(int(value[:4]))
    if found in (Precision.month, Precision.day):
        parts = [int(p) for p in value.split("-")]
        if not 1 <= parts[1] <= 12:
            raise ValueError(f"{value!r} has no month {parts[1]}")
        if len(parts) > 2 and not 1 <= parts[2] <= calendar.monthrange(parts[0], parts[1])[1]:
            raise ValueError(f"{value!r} is not a day of that month")
    return found


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def period(value: str) -> tuple[date, date]:
    """The first and last day a date value covers: '2022' -> 1 Jan-31 Dec 2022; winter runs Dec-Feb."""
    precision = check_date_value(value)
    year = int(value[:4])
    rest = value[5:]
    if precision is Precision.year:
        return date(year, 1, 1), date(year, 12, 31)
    if precision is Precision.half:
        first = 1 if rest == "H1" else 7
        return date(year, first, 1), _month_end(year, first + 5)
    if precision is Precision.quarter:
        first = 3 * (int(rest[1]) - 1) + 1
        return date(year, first, 1), _month_end(year, first + 2)
    if precision is Precision.season:
        first = 3 * SEASONS.index(rest) + 3
        if first == 12:
            return date(year, 12, 1), _month_end(year + 1, 2)
        return date(year, first, 1), _month_end(year, first + 2)
    if precision is Precision.month:
        return date(year, int(rest), 1), _month_end(year, int(rest))
    day = date.fromisoformat(value)
    return day, day


def _part_of(start: date, end: date, part: Part) -> tuple[date, date]:
    days = (end - start).days + 1
    third = max(days // 3, 1)
    if part is Part.early:
        return start, start + timedelta(days=third - 1)
    if part is Part.late:
        return end - timedelta(days=third - 1), end
    return start + timedelta(days=third), end - timedelta(days=third)


def as_text(value: Any) -> Any:
    """A bare year or date typed without quotes (2022, 2022-08-24) read as the text of that date."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and 1000 <= value <= 9999:
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


DateText = Annotated[str, WithJsonSchema({"type": ["string", "integer"]})]
"""A date as text; the schema also allows a bare year typed without quotes (2022)."""


class DateValue(BaseModel):
    """When something happened, as precisely as the source says and no more."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    value: DateText
    """The date: 2022, 2022-H2, 2022-Q3, 2022-summer, 2022-08 or 2022-08-24 (the shape sets the precision)."""
    precision: Precision | None = None
    """How precisely the source dates it; worked out from the value when left out, checked against it when given."""
    part: Part | None = None
    """'early', 'mid' or 'late' in the period: 'mid-2022' is value 2022, part mid."""
    end: DateText | None = None
    """Last date of a range ('March to May 2023': value 2023-03, end 2023-05), in any of the value's shapes."""
    relation: Relation = Relation.on
    """'on' the date (default), 'since' it (an open period), 'until', 'by' it (a deadline), 'before' or 'after' it."""
    year_inferred: bool = False
    """True when the source does not state the year."""
    inferred_from: str | None = None
    """Why the year is what it is, when inferred."""

    @model_validator(mode="before")
    @classmethod
    def _bare_values(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data = {**data, **{k: as_text(data[k]) for k in ("value", "end") if k in data}}
        return data

    @model_validator(mode="after")
    def _valid_date(self) -> DateValue:
        found = check_date_value(self.value, self.precision)
        if self.precision is None:
            object.__setattr__(self, "precision", found)
        if self.part is not None and found is Precision.day:
            raise ValueError(f"'part: {self.part.value}' needs a period longer than a day, not {self.value!r}")
        if self.end is not None:
            check_date_value(self.end)
            if self.relation is not Relation.on:
                raise ValueError(f"a range (end) cannot also be '{self.relation.value}' a date")
            if period(self.end)[1] <= self.span()[0]:
                raise ValueError(f"the range ends ({self.end}) before it starts ({self.value})")
        if self.year_inferred and not self.inferred_from:
            raise ValueError("an inferred year needs 'inferred_from' saying how it was inferred")
        return self

    @property
    def known_to(self) -> Precision:
        """The precision, stated or worked out from the value."""
        return self.precision or check_date_value(self.value)

    def span(self) -> tuple[date, date]:
        """The first and last day this date can mean (a range covers both ends; an open period only its start)."""
        start, end = period(self.value)
        if self.part is not None:
            start, end = _part_of(start, end, self.part)
        if self.end is not None:
            end = period(self.end)[1]
        return start, end

    def sort_key(self) -> tuple[date, date]:
        """Order by first possible day, then last; 'before' a date sorts before it, 'after' and 'by' after."""
        start, end = self.span()
        if self.relation is Relation.before:
            return start - timedelta(days=1), start - timedelta(days=1)
        if self.relation is Relation.after:
            return end + timedelta(days=1), end + timedelta(days=1)
        if self.relation in (Relation.by, Relation.until):
            return end, end
        return start, end
