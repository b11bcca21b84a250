"""The timeline: each dated event drawn as precisely as it is known, its label beside it.

A date known to the day is a dot; to the month, a bar one month long; to a season,
quarter or half, a lighter bar that long; to the year, a pale bar the whole year long;
a range, a bar from its start to its end. Nothing is drawn more precisely than the
facts know it. Events are packed into rows: an event goes into the first row where
its mark and its label (to the right of the mark, or to its left near the right
edge) keep clear of everything already there, so labels never overlap and are never
cut; a long label wraps. A year axis with month ticks runs above the rows.

A timeline of a few events would only repeat the table beside it, and one of very many would not
fit a page at a readable size: both are left out, and the table lists every event.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import assert_never

from factsheet.compose import format as fmt
from factsheet.compose.figures import (
    HEADING_SIZE,
    LABEL_SIZE,
    WIDTH,
    label_lines,
    lines_height,
    text_width,
    wrap,
)
from factsheet.document.nodes import Arrow, Box, Dot, Figure, Label, Shape
from factsheet.facts.model import DateValue, Relation

MIN_EVENTS = 5
"""Fewer events than this read at a glance in the table: no figure."""
MAX_EVENTS = 40
"""More events than this would make a strip taller than a page, shrunk past reading: the table, which
lists every one, stands alone."""
LABEL_MAX = 240.0
KINDS = ("day", "month", "season", "quarter", "half", "year", "range", "open")
KIND_WORDS = {"day": "day", "month": "month", "season": "season", "quarter": "quarter", "half": "half-year",
              "year": "year only", "range": "range", "open": "open-ended"}


@dataclass(frozen=True)
class Period:
    """When an event happened, as precisely as known: months since year 0 (start inclusive, end exclusive).

    `kind` is one of `KINDS`: it chooses the mark, so precision is never overstated.
    """

    start: float
    end: float
    kind: str
    open: str = ""
    """'after' for an open period or 'after' a date (an arrow on to the axis end), 'before' for a deadline or
    'before' a date (an arrow back to the axis start); kind 'open' draws the arrow alone, from `start`."""


@dataclass(frozen=True)
class Event:
    """One event of the timeline: when, how it is written, and what happened."""

    period: Period
    when: str
    what: str


def _months(day: date, end: bool = False) -> float:
    """Months since year 0 at the start of `day` (or at its end, with `end`)."""
    length = calendar.monthrange(day.year, day.month)[1]
    return day.year * 12 + day.month - 1 + (day.day - (0 if end else 1)) / length


def period_of(value: DateValue) -> Period:
    """The period a date stands for, at its precision: its whole span, open on one side when it is a period
    'since' a date or a deadline, and only an arrow when the event is 'before' or 'after' a date."""
    first, last = value.span()
    start, end = _months(first), _months(last, end=True)
    kind = "range" if value.end is not None else value.known_to.value
    match value.relation:
        case Relation.on:
            return Period(start, end, kind)
        case Relation.since:
            return Period(start, end, kind, "after")
        case Relation.until | Relation.by:
            return Period(start, end, kind, "before")
        case Relation.before:
            return Period(start, start, "open", "before")
        case Relation.after:
            return Period(end, end, "open", "after")
        case _:
            assert_never(value.relation)


def events_of(dates: Sequence[tuple[DateValue, str]]) -> list[Event]:
    """Timeline events for (date, what happened) pairs, in date order."""
    ordered = sorted(dates, key=lambda item: item[0].sort_key())
    return [Event(period_of(value), fmt.event_date(value), what) for value, what in ordered]


def timeline_strip(dates: Sequence[tuple[DateValue, str]]) -> Figure | None:
    """The timeline figure of (date, what happened) pairs, or None when a table says it as well."""
    return timeline_figure(events_of(dates))


@dataclass
class _Placed:
    event: Event
    x0: float
    x1: float
    lines: list[str]
    anchor: str
    label_x: float
    extent: tuple[float, float]
    row: int = 0


def timeline_figure(events: Sequence[Event]) -> Figure | None:
    """Events on a time axis, or None when there are fewer than `MIN_EVENTS` or more than `MAX_EVENTS`."""
    if not MIN_EVENTS <= len(events) <= MAX_EVENTS:
        return None
    first = min(e.period.start for e in events)
    last = max(e.period.end for e in events)
    start_month = math.floor(first)
    end_month = max(math.ceil(last), start_month + 1)
    left, right = 6.0, WIDTH - 6.0
    per_month = (right - left) / max(end_month - start_month, 1)

    def x_of(months: float) -> float:
        return left + (months - start_month) * per_month

    placed: list[_Placed] = []
    for event in events:
        x0, x1 = x_of(event.period.start), x_of(event.period.end)
        if event.period.kind == "day":
            x0, x1 = (x0 + x1) / 2 - 3, (x0 + x1) / 2 + 3
        if event.period.kind == "open":
            x1 = x0
        text = f"{event.when}: {event.what}"
        room_right, room_left = right - x1 - 4, x0 - 4 - left
        if event.period.open:  # the arrow takes one side; the label goes on the other
            room_right, room_left = (0.0, room_left) if event.period.open == "after" else (room_right, 0.0)
        room = max(room_right, room_left, 40.0)
        lines = wrap(text, LABEL_SIZE, min(LABEL_MAX, room))
        width = max(text_width(line, LABEL_SIZE) for line in lines)
        if event.period.open != "after" and (width <= room_right or room_right >= room_left):
            anchor, label_x, extent = "start", x1 + 4, (x0, x1 + 4 + width)
        else:
            anchor, label_x, extent = "end", x0 - 4, (x0 - 4 - width, x1)
        if event.period.open == "after":
            extent = (extent[0], right)
        elif event.period.open == "before":
            extent = (left, extent[1])
        placed.append(_Placed(event, x0, x1, lines, anchor, label_x, extent))

    rows: list[list[tuple[float, float]]] = []
    for item in placed:
        for index, taken in enumerate(rows):
            if all(item.extent[0] > b + 6 or item.extent[1] < a - 6 for a, b in taken):
                item.row = index
                taken.append(item.extent)
                break
        else:
            item.row = len(rows)
            rows.append([item.extent])
    row_heights = [
        max(lines_height(len(p.lines), LABEL_SIZE) for p in placed if p.row == index) + 6
        for index in range(len(rows))
    ]

    axis = 26.0
    shapes: list[Shape] = [Arrow(left, axis, right, axis, "axis", head=False)]
    shapes.extend(_ticks(start_month, end_month, x_of, axis))
    top = axis + 8
    row_tops = [top + sum(row_heights[:i]) for i in range(len(rows))]
    for item in placed:
        row_top = row_tops[item.row]
        mid = row_top + 3 + LABEL_SIZE * 0.45
        kind = item.event.period.kind
        if kind == "day":
            shapes.append(Dot((item.x0 + item.x1) / 2, mid, 2.8, "day"))
        elif kind != "open":
            shapes.append(Box(item.x0 + 0.5, mid - 2.5, max(item.x1 - item.x0 - 1, 1.5), 5.0, "", kind))
        if item.event.period.open == "after":
            shapes.append(Arrow(item.x1 + 1, mid, right, mid, "open"))
        elif item.event.period.open == "before":
            shapes.append(Arrow(item.x0 - 1, mid, left, mid, "open"))
        shapes.extend(label_lines(item.label_x, row_top + 3 + LABEL_SIZE * 0.45 - LABEL_SIZE * 0.42,
                                  item.lines, LABEL_SIZE, item.anchor, "event", LABEL_MAX))
    bottom = top + sum(row_heights) + 4
    legend, legend_h = _legend([e.period.kind for e in events] + ["open" for e in events if e.period.open], bottom)
    shapes.extend(legend)
    height = bottom + legend_h
    kinds = [KIND_WORDS[k] for k in KINDS if any(e.period.kind == k for e in events)]
    caption = ("Dated events, each drawn as precisely as the sources date it "
               f"({', '.join(kinds)}); the table lists them with their sources.")
    alt = "Timeline. " + "; ".join(f"{e.when}: {e.what}" for e in events) + "."
    return Figure(WIDTH, height, tuple(shapes), caption, alt)


def _ticks(start: int, end: int, x_of: Callable[[float], float], axis: float) -> list[Shape]:
    """Year labels above the axis, month ticks on it, and month names between them when there is room."""
    shapes: list[Shape] = []
    span = end - start
    step = 1 if span <= 36 else 3 if span <= 96 else 12
    wide = x_of(start + 1) - x_of(start) >= 16
    per_year = x_of(start + 12) - x_of(start)
    # Label every year there is room for (1, 2, 5, 10... apart), each clear of the next.
    every = next((n for n in (1, 2, 5, 10, 25, 50, 100) if n * per_year >= text_width("0000", HEADING_SIZE) + 8), 200)
    years: list[Label] = []
    for month in range(start, end + 1):
        x = x_of(month)
        if month % 12 == 0 and (month // 12) % every == 0:
            shapes.append(Arrow(x, axis - 18, x, axis + 3, "axis", head=False))
            if month < end:
                years.append(Label(x + 2, axis - 11, str(month // 12), HEADING_SIZE,
                                   "start", "tick"))
        elif month % step == 0:
            shapes.append(Arrow(x, axis - 2, x, axis + 2, "axis", head=False))
        if wide and month < end:
            mid = (x + x_of(month + 1)) / 2
            shapes.append(Label(mid, axis - 3, fmt.MONTHS[month % 12], 6.0, "middle", "tick"))
    if start % (12 * every) != 0:
        first = Label(x_of(start) + 1, axis - 11, str(start // 12), HEADING_SIZE, "start", "tick")
        if not years or first.x + text_width(first.text, first.size) + 4 < years[0].x:
            years.insert(0, first)
    return [*shapes, *years]


def _legend(kinds: list[str], top: float) -> tuple[list[Shape], float]:
    """A sample mark and the word for each kind of precision drawn."""
    shown = [k for k in KINDS if k in kinds]
    shapes: list[Shape] = [Label(0, top + 7, "Known to:", HEADING_SIZE, "start", "heading")]
    x = 46.0
    for kind in shown:
        if kind == "day":
            shapes.append(Dot(x + 4, top + 4.5, 2.8, "day"))
            sample = 8.0
        elif kind == "open":
            sample = 18.0
            shapes.append(Arrow(x, top + 4.5, x + sample, top + 4.5, "open"))
        else:
            sample = {"month": 6.0, "season": 14.0, "quarter": 14.0, "half": 20.0, "year": 28.0}.get(kind, 20.0)
            shapes.append(Box(x, top + 2, sample, 5.0, "", kind))
        shapes.append(Label(x + sample + 3, top + 7, KIND_WORDS[kind], LABEL_SIZE, "start", "legend"))
        x += sample + 3 + text_width(KIND_WORDS[kind], LABEL_SIZE) + 12
    return shapes, 12.0
