"""Sections in time order: the timeline (with its strip) and the table of events."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from factsheet.compose import format as fmt
from factsheet.compose.template import TemplateSection
from factsheet.compose.timeline import timeline_strip
from factsheet.document.nodes import (
    Block,
    Column,
    Inlines,
    Strong,
    Table,
    Text,
)
from factsheet.facts.model import DateValue, Event

if TYPE_CHECKING:
    from factsheet.compose.composer import Composer


def event_text(c: Composer, event: Event) -> str:
    """'shoot-down: Ukraine downs drones over Kyiv (about 30, Shahed series, Kyiv (Ukraine))'."""
    details = [fmt.quantity(event.quantity)] if event.quantity else []
    if event.system:
        details.append(c.system_name(event.system))
    if event.actors:
        details.append(", ".join(c.actor(a) for a in event.actors))
    if event.place:
        details.append(c.place(event.place))
    more = f" ({'; '.join(details)})" if details else ""
    return f"{event.what}{more}"


@dataclass(frozen=True)
class Entry:
    """One row of the timeline: a date (or the time as stated) and what happened then."""

    date: DateValue | None
    stated: str
    text: str
    marks: Inlines


def timeline_entries(c: Composer) -> list[Entry]:
    """Date facts, events and packages' own dates, dated ones in date order, then those with only a stated time."""
    entries = [Entry(d, "", d.event, c.cites(d)) for d in c.sheet.dates]
    for event in c.sheet.events:
        dated = c.date_value(event.when)
        label = f"{event.kind.value}: {event_text(c, event)}"
        entries.append(Entry(dated, event.when_stated or "not stated", label,
                             (*c.attribution(event), *c.cites(event))))
    for package in c.sheet.packages:
        for verb, when in (("announced", package.announced), ("agreed", package.agreed),
                           ("to be delivered", package.delivered_by)):
            if isinstance(when, DateValue):
                entries.append(Entry(when, "", f"{package.name} {verb}", c.cites(package)))
    known = sorted((e for e in entries if e.date is not None), key=lambda e: e.date.sort_key() if e.date else ())
    return known + [e for e in entries if e.date is None]


def timeline(c: Composer, section: TemplateSection) -> list[Block]:
    """Dated events in date order, each date shown to its precision; events known only by words last."""
    shown = list(c.limited(timeline_entries(c), section))
    rows = tuple(((Text(fmt.event_date(e.date) if e.date else e.stated),), (Text(e.text), *e.marks)) for e in shown)
    if not rows:
        return []
    strip = timeline_strip([(e.date, e.text) for e in shown if e.date is not None]) if section.figure else None
    return [*([strip] if strip else []), Table((Column("Date", 1.4), Column("Event", 5.0)), rows)]


def events_table(c: Composer, section: TemplateSection) -> list[Block]:
    """Happenings that are not transfers: launches, shoot-downs, sanctions, licences, agreements."""
    rows: list[tuple[Inlines, ...]] = []
    for event in c.limited(c.sheet.events, section):
        when = c.date_of(event.when, event.when_stated)
        what = (Strong((Text(event.kind.value),)), Text(f": {event.what}"), *c.attribution(event), *c.cites(event))
        if section.compact:
            rows.append(((Text(when),), what))
            continue
        rows.append(((Text(when),), what, (Text(", ".join(c.actor(a) for a in event.actors) or "—"),),
                     (Text(fmt.quantity(event.quantity) if event.quantity else "—"),),
                     (Text(c.place(event.place) or "—"),)))
    if not rows:
        return []
    columns = ((Column("When", 1.3), Column("What", 5.0)) if section.compact else
               (Column("When", 1.2), Column("What", 2.8), Column("Who", 1.4), Column("How many", 1.0),
                Column("Where", 1.2)))
    return [Table(columns, tuple(rows))]
