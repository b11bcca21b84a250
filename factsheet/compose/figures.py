"""Figures drawn from the facts: the supply network and the timeline strip, laid out in points."""

from __future__ import annotations

import calendar
from collections.abc import Callable, Sequence
from datetime import date

from factsheet.compose import format as fmt
from factsheet.document.nodes import Arrow, Box, Dot, Figure, Label, Shape
from factsheet.facts.model import DateValue, FactSheet, Precision, Relation

WIDTH = 480.0  # fits the text width of A4 and Letter with 20 mm margins
CHAR = 0.5  # average advance of Source Sans Pro, in ems: enough to size labels


def _fit(text: str, size: float, width: float) -> str:
    """`text` cut with an ellipsis to about `width` points at `size`."""
    room = int(width / (size * CHAR))
    return text if len(text) <= room else text[: max(room - 1, 1)].rstrip() + "…"


MAX_NETWORK = 24  # transfers drawn at most; a larger network stops being readable on a page


def supply_network(sheet: FactSheet, actor: Callable[[str], str]) -> Figure | None:
    """Suppliers -> systems -> recipients, each arrow carrying its transfer's status."""
    if not sheet.transfers:
        return None
    systems = {s.id: s for s in sheet.systems}
    transfers = sheet.transfers[:MAX_NETWORK]
    rows = list(dict.fromkeys(t.system for t in transfers))
    suppliers = list(dict.fromkeys(s for t in transfers for s in t.suppliers))
    recipients = list(dict.fromkeys(t.recipient for t in transfers))
    top, row, box_h = 18.0, 22.0, 15.0
    height = top + row * max(len(rows), len(suppliers), len(recipients)) + 4
    col_w = 112.0
    x_sup, x_sys, x_rec = 0.0, (WIDTH - col_w) / 2, WIDTH - col_w

    def spread(items: list[str]) -> dict[str, float]:
        band = (height - top) / len(items)
        return {item: top + band * (i + 0.5) for i, item in enumerate(items)}

    y_sup, y_sys, y_rec = spread(suppliers), spread(rows), spread(recipients)
    shapes: list[Shape] = [
        Label(x_sup, 8, "Supplier", 7, "start", "heading"),
        Label(x_sys + col_w / 2, 8, "System", 7, "middle", "heading"),
        Label(x_rec + col_w, 8, "Recipient", 7, "end", "heading"),
    ]
    for ident, y in y_sup.items():
        shapes.append(Box(x_sup, y - box_h / 2, col_w, box_h, _fit(actor(ident), 7.5, col_w - 8), "supplier"))
    for ident, y in y_rec.items():
        shapes.append(Box(x_rec, y - box_h / 2, col_w, box_h, _fit(actor(ident), 7.5, col_w - 8), "recipient"))
    for ident, y in y_sys.items():
        name = systems[ident].designation if ident in systems else ident
        shapes.append(Box(x_sys, y - box_h / 2, col_w, box_h, _fit(name, 7.5, col_w - 8), "system"))
    gap = 3.0
    for transfer in transfers:
        y = y_sys[transfer.system]
        role = transfer.status.value
        for supplier in transfer.suppliers:
            shapes.append(Arrow(x_sup + col_w + gap, y_sup[supplier], x_sys - gap, y, role))
        shapes.append(Arrow(x_sys + col_w + gap, y, x_rec - gap, y_rec[transfer.recipient], role))
        shapes.append(Label(x_sys + col_w + 8, y - 3, transfer.status.value, 6.5, "start", role))
    caption = "Who supplies what to whom; each arrow is labelled with the transfer's status."
    if len(sheet.transfers) > len(transfers):
        caption += f" The first {len(transfers)} of {len(sheet.transfers)} transfers are drawn; the table lists all."
    alt = "; ".join(
        f"{', '.join(actor(s) for s in t.suppliers)} to {actor(t.recipient)}: "
        f"{systems[t.system].designation if t.system in systems else t.system} ({t.status.value})"
        for t in transfers
    )
    return Figure(WIDTH, height, tuple(shapes), caption, alt)


def _months(day: date, end: bool = False) -> float:
    """Months since year 0 at the start of `day` (or its end, with `end`)."""
    length = calendar.monthrange(day.year, day.month)[1]
    return day.year * 12 + day.month - 1 + (day.day - (0 if end else 1)) / length


def timeline_strip(dates: Sequence[tuple[DateValue, str]]) -> Figure | None:
    """Dated entries on a month axis, each drawn over the whole span it can mean: a dot for a day, a bar
    for a month, a season, a quarter, a half or a year; an open period runs to the axis end with an arrow."""
    events = sorted(dates, key=lambda item: item[0].sort_key())
    if not events:
        return None
    spans = [(_months(d.span()[0]), _months(d.span()[1], end=True)) for d, _ in events]
    first = int(min(start for start, _ in spans)) - 1
    last = int(max(stop for _, stop in spans)) + 2
    left, right = 12.0, WIDTH - 12.0
    per_month = (right - left) / max(last - first, 1)

    def x_of(months: float) -> float:
        return left + (months - first) * per_month

    size, level_h = 7.0, 11.0
    levels = [-1, 1, -2, 2, -3, 3]  # above or below the axis, nearest first
    placed: list[tuple[DateValue, float, float, float, str, str, int]] = []
    ends: dict[int, float] = {}
    for (event, label), (start, stop) in zip(events, spans, strict=True):
        middle = {Relation.before: start, Relation.after: stop}.get(event.relation, (start + stop) / 2)
        centre = x_of(middle)
        text = _fit(f"{fmt.event_date(event)}: {label}", size, 250)
        width = len(text) * size * CHAR
        anchor = "start" if centre + width < right else "end"
        span = (centre, centre + width) if anchor == "start" else (centre - width, centre)
        level = next((lv for lv in levels if ends.get(lv, -1e9) < span[0] - 4), levels[-1])
        ends[level] = span[1]
        placed.append((event, start, stop, centre, text, anchor, level))
    above = max((-lv for *_, lv in placed if lv < 0), default=0)
    below = max((lv for *_, lv in placed if lv > 0), default=0)
    axis = above * level_h + 12
    ticks = axis + below * level_h + 21
    shapes: list[Shape] = [Arrow(left, axis, right, axis, "axis", head=False)]
    step = 1 if last - first <= 36 else 3 if last - first <= 108 else 12
    for month in range(first, last + 1):
        x = x_of(month)
        shapes.append(Arrow(x, axis - 2, x, axis + 2, "axis", head=False))
        if month < last and month % step == 0:
            shapes.append(Label(x + per_month * step / 2, ticks, fmt.MONTHS[month % 12], 6.5, "middle", "tick"))
        if month < last and (month % 12 == 0 or month == first):
            shapes.append(Label(x + 1, ticks + 8, str(month // 12), 6.5, "start", "tick"))
    for event, start, stop, centre, text, anchor, level in placed:
        # Open ends: forward arrows run above the axis, backward ones below, so they never merge.
        if event.relation is Relation.before:  # some time before the period: an arrow back from its start
            shapes.append(Arrow(x_of(start), axis + 5, left, axis + 5, "leader"))
        elif event.relation is Relation.after:
            shapes.append(Arrow(x_of(stop), axis - 5, right, axis - 5, "leader"))
        elif event.known_to is Precision.day and event.end is None and event.relation is Relation.on:
            shapes.append(Dot(centre, axis, 3.2, "day"))
        else:
            # writers fill the "month" role; it draws any known period, not only a month
            shapes.append(Box(x_of(start) + 0.5, axis - 2.5, max(x_of(stop) - x_of(start) - 1, 1.5), 5.0, "", "month"))
            if event.relation is Relation.since:
                shapes.append(Arrow(x_of(stop), axis - 5, right, axis - 5, "leader"))
            elif event.relation in (Relation.by, Relation.until):
                shapes.append(Arrow(x_of(start), axis + 5, left, axis + 5, "leader"))
        y = axis + level * level_h + (3 if level > 0 else -3)
        shapes.append(Arrow(centre, axis, centre, y - (2 if level > 0 else -2), "leader", head=False))
        shapes.append(Label(centre, y + (size if level > 0 else 0), text, size, anchor, "event"))
    height = ticks + 12
    caption = ("Dated events: a dot marks a day; a bar covers the whole month, season, quarter, half or year "
               "an event is known to; an arrow an open period or a deadline.")
    alt = "; ".join(f"{fmt.event_date(d)}: {label}" for d, label in events)
    return Figure(WIDTH, height, tuple(shapes), caption, alt)
