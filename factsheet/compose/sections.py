"""The section registry: one table of kind -> title, builder, one-page importance and item count.

Each builder turns the facts into blocks of the format-neutral tree through a `Composer`,
which holds what sections share (names, dates, citation numbering, shortening).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factsheet.compose import analytic
from factsheet.compose import format as fmt
from factsheet.compose.network import supply_network
from factsheet.compose.template import TemplateSection
from factsheet.compose.timeline import timeline_strip
from factsheet.document.nodes import (
    Block,
    BulletList,
    Column,
    Emph,
    Inline,
    Inlines,
    Note,
    NoteList,
    Paragraph,
    Span,
    Strong,
    Table,
    Text,
)
from factsheet.facts.model import GRADE_MEANING, DateValue, Event, FactSheet, Package, PackageItem, Quote, Transfer

if TYPE_CHECKING:
    from factsheet.compose.composer import Composer

Builder = Callable[["Composer", TemplateSection], list[Block]]

_PLAIN_VERBS = {"claims", "claimed", "reported", "reports", "assessed", "says", "said", "according to"}


def _note(text: str | None) -> Inlines:
    return (Text(" "), Span((Emph((Text(" ".join(text.split())),)),), ("note",))) if text else ()


def key_points(c: Composer, section: TemplateSection) -> list[Block]:
    """The bottom line, one bullet per key point, attributions shown."""
    items = [(Text(p.text), *c.attribution(p, p.standing), *c.cites(p)) for p in c.limited(c.sheet.key_points, section)]
    return [BulletList(tuple(items))] if items else []


def _transfer_row(c: Composer, transfer: Transfer, compact: bool) -> tuple[Inlines, ...]:
    system = c.systems.get(transfer.system)
    name: list[Inline] = [Strong((Text(c.system_name(transfer.system)),))]
    if system is not None and system.manufacturer:
        name.append(Text(f" ({c.actor(system.manufacturer)})"))
    parties = f"{' and '.join(c.actor(s) for s in transfer.suppliers)} → {c.actor(transfer.recipient)}"
    status: list[Inline] = [Text(transfer.status.value)]
    if transfer.quantity:
        status.append(Text(f", {fmt.quantity(transfer.quantity)}"))
    if transfer.part_of:
        status.append(Text(f", under {c.package_name(transfer.part_of)}"))
    status.extend(c.attribution(transfer))
    status.extend(_note(transfer.note))
    when = c.date_of(transfer.when, transfer.when_stated)
    if transfer.place:
        parties += f", in {c.place(transfer.place)}"
    cost = "; ".join(c.costs_for.get(transfer.id, []) + c.costs_for.get(transfer.system, []))
    kind = system.category.value if system else ""
    status.extend(c.cites(transfer))
    if compact:
        return ((*name, Text(f", {kind}")), (Text(parties),), tuple(status), (Text(when),))
    return ((*name,), (Text(kind),), (Text(parties),), tuple(status), (Text(when),), (Text(cost or "—"),))


def transfers(c: Composer, section: TemplateSection) -> list[Block]:
    """Who supplies what to whom, in what status, how many, when and at what cost."""
    rows = tuple(_transfer_row(c, t, section.compact) for t in c.limited(c.sheet.transfers, section))
    if not rows:
        return []
    columns: tuple[Column, ...]
    figure = supply_network(c.sheet, c.actor) if section.figure else None
    if section.compact:
        columns = (Column("System", 2.2), Column("Supplier → recipient", 2.2), Column("Status", 2.6),
                   Column("When", 1.4))
    else:
        columns = (Column("System", 1.6), Column("Type", 1.1), Column("Supplier → recipient", 1.8),
                   Column("Status", 1.9), Column("When", 1.3), Column("Cost", 1.6))
    return [*([figure] if figure else []), Table(columns, rows)]


def item_text(c: Composer, item: PackageItem) -> str:
    """'800 Stinger anti-aircraft systems', 'more than 20 million rounds of small arms ammunition'."""
    name = c.system_name(item.system)
    if item.quantity is None:
        text = name
    elif item.quantity.unit:
        text = f"{fmt.quantity(item.quantity)} of {name}"
    else:
        text = f"{fmt.quantity(item.quantity)} {name}"
    return f"{text} {item.note}" if item.note else text


def _package_line(c: Composer, package: Package) -> list[Inline]:
    bits = [package.kind.value]
    payers = " and ".join(c.actor(a) for a in package.funders)
    givers = " and ".join(c.actor(a) for a in package.providers)
    who = payers or givers
    if payers and givers and givers != payers:
        who = f"{payers} (funding), {givers} (supplying)"
    if package.recipient:
        bits.append(f"{who or 'not stated'} → {c.actor(package.recipient)}")
    elif payers:
        bits.append(f"funded by {payers}" + (f", supplied by {givers}" if givers and givers != payers else ""))
    elif givers:
        bits.append(f"supplied by {givers}")
    if package.value is not None:
        bits.append(fmt.cost_phrase(package.value))
    for label, when in (("announced", package.announced), ("agreed", package.agreed),
                        ("delivery by", package.delivered_by)):
        if when is not None:
            bits.append(f"{label} {c.date_of(when)}")
    if package.status is not None:
        bits.append(package.status.value)
    if package.part_of:
        bits.append(f"part of {c.package_name(package.part_of)}")
    if package.place:
        bits.append(c.place(package.place))
    return [Strong((Text(package.name),)), Text(": " + "; ".join(bits)), *c.attribution(package), *c.cites(package)]


def packages(c: Composer, section: TemplateSection) -> list[Block]:
    """Aid packages, tranches, funds and contracts: what they are worth and, item by item, what they hold."""
    blocks: list[Block] = []
    for package in c.limited(c.sheet.packages, section):
        blocks.append(Paragraph((*_package_line(c, package), *_note(package.note)), "body"))
        if not package.items:
            continue
        if section.compact:
            listed = "; ".join(item_text(c, item) for item in package.items)
            marks = c.notes.cite([q for item in package.items for q in item.cites])
            blocks.append(Paragraph((Text(f"Items: {listed}."), *marks), "small"))
            continue
        rows = []
        for item in package.items:
            system = c.systems.get(item.system)
            quantity = fmt.quantity(item.quantity) if item.quantity else "not stated"
            rows.append(((Strong((Text(c.system_name(item.system)),)), *c.notes.cite(item.cites)),
                         (Text(system.category.value if system else ""),), (Text(quantity),),
                         (Text(item.note or "—"),)))
        columns = (Column("Item", 2.6), Column("Type", 1.4), Column("Quantity", 1.8), Column("Note", 1.8))
        blocks.append(Table(columns, tuple(rows)))
    return blocks


def systems_table(c: Composer, section: TemplateSection) -> list[Block]:
    """The systems alone: designation (and other names), category, maker and origin."""
    rows = []
    for system in c.limited(c.sheet.systems, section):
        maker = c.actor(system.manufacturer) if system.manufacturer else "—"
        origin = c.actor(system.origin) if system.origin else "—"
        name: list[Inline] = [Strong((Text(system.designation),))]
        if system.aliases:
            name.append(Text(f" (also {', '.join(system.aliases)})"))
        rows.append((tuple(name), (Text(system.category.value),), (Text(maker),), (Text(origin),),
                     (Text(system.use or "—"), *c.cites(system))))
    columns = (Column("System", 1.6), Column("Type", 1.2), Column("Maker", 1.4), Column("Origin", 1.2),
               Column("Use", 2.2))
    return [Table(columns, tuple(rows))] if rows else []


def claims(c: Composer, section: TemplateSection) -> list[Block]:
    """Attributed statements: who says what, and how; who denies or disputes it."""
    rows = []
    for claim in c.limited(c.sheet.claims, section):
        who = c.chain(claim) or "—"
        how = claim.standing.value.capitalize()
        stated = claim.according_to.how if claim.according_to else ""
        if stated and stated.lower() not in _PLAIN_VERBS:
            how += f" ({stated})"
        stances = c.stance_words(claim)
        answer: Inlines = ()
        if stances:
            answer = (Text(" "), Span((Emph((Text(f"({'; '.join(stances)})"),)),), ("attribution",)),
                      *c.notes.cite([q for s in claim.stances for q in s.cites]))
        rows.append(((Strong((Text(who),)),), (Text(how),), (Text(claim.text), *answer, *c.cites(claim))))
    columns = (Column("Who, via whom", 2.0), Column("How", 1.4), Column("Statement", 4.1))
    return [Table(columns, tuple(rows))] if rows else []


def actors_table(c: Composer, section: TemplateSection) -> list[Block]:
    """Everyone the sources name, with aliases, roles and what they belong to."""
    rows = []
    for actor in c.limited(c.sheet.actors, section):
        aka = ", ".join(actor.aliases)
        role = actor.role or ""
        if actor.part_of:
            role = f"{role}; part of {c.actor(actor.part_of)}" if role else f"part of {c.actor(actor.part_of)}"
        rows.append(((Strong((Text(actor.name),)), *c.cites(actor)), (Text(actor.kind.value),),
                     (Text(aka or "—"),), (Text(role or "—"),)))
    columns = (Column("Actor", 1.6), Column("Kind", 1.1), Column("Also called", 1.6), Column("Role", 3.2))
    return [Table(columns, tuple(rows))] if rows else []


def places_table(c: Composer, section: TemplateSection) -> list[Block]:
    """Countries, regions, cities and facilities, each with the place it lies in."""
    rows = []
    for place in c.limited(c.sheet.places, section):
        within = c.place(place.within) if place.within else "—"
        rows.append(((Strong((Text(place.name),)), *c.cites(place)), (Text(place.kind.value),),
                     (Text(within),), (Text(", ".join(place.aliases) or "—"),)))
    columns = (Column("Place", 2.0), Column("Kind", 1.2), Column("Within", 2.0), Column("Also called", 2.2))
    return [Table(columns, tuple(rows))] if rows else []


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


def _cost_target(c: Composer, ident: str | None, what: str | None) -> str:
    if ident is None:
        return what or ""
    for transfer in c.sheet.transfers:
        if transfer.id == ident:
            return f"{c.system_name(transfer.system)} for {c.actor(transfer.recipient)}"
    if ident in c.packages:
        return c.package_name(ident)
    return c.system_name(ident)


def costs(c: Composer, section: TemplateSection) -> list[Block]:
    """Each amount with its kind, bound, the conversion as stated, and what it is for: packages' values first."""
    items: list[Inlines] = []
    for package in c.sheet.packages:
        if package.value is not None:
            value = fmt.cost_phrase(package.value)
            items.append((Strong((Text(package.name),)), Text(f": {value} ({package.kind.value} value)"),
                          *c.notes.cite(package.cites[:1])))
    for cost in c.limited(c.sheet.costs, section):
        target = _cost_target(c, cost.pays_for, cost.what)
        line: list[Inline] = [Strong((Text(target),)), Text(": " + fmt.cost_phrase(cost))]
        if cost.pays_for and cost.what:
            line.append(Text(f" ({cost.what})"))
        if cost.when is not None:
            line.append(Text(f", {c.date_of(cost.when)}"))
        line.extend(c.attribution(cost))
        items.append((*line, *c.cites(cost)))
    return [BulletList(tuple(items))] if items else []


def gaps(c: Composer, section: TemplateSection) -> list[Block]:
    """What the sources themselves say is unknown."""
    items = tuple((Text(g.text), *c.cites(g)) for g in c.limited(c.sheet.gaps, section))
    return [BulletList(items)] if items else []


def notes_list(c: Composer, section: TemplateSection) -> list[Block]:
    """Numbered source notes quoting the supporting text; the full form lists the sources after them."""
    notes = []
    shown: set[str] = set()  # sources whose address a note has printed
    for number, quote in enumerate(c.notes.order, start=1):
        text = " ".join(quote.text.split())
        if section.compact:
            text = analytic.shorten_quote(text, 90)
            c.quotes_cut = c.quotes_cut or text.endswith("[...]")
        first = quote.source not in shown
        shown.add(quote.source)
        notes.append(Note(number, note_source(c, quote, section.compact, first), text, f"note-{number}"))
    blocks: list[Block] = [NoteList(tuple(notes))]
    if c.quotes_cut:
        blocks.append(Paragraph((Emph((Text(
            "Quotes are shortened at word boundaries where marked [...]; the full briefing quotes them whole."),)),
        ), "small"))
    if not section.compact:
        blocks.extend(source_list(c))
    return blocks


def note_source(c: Composer, quote: Quote, compact: bool, first: bool = True) -> Inlines:
    """'Tech Times, para. 4, https://..., accessed 29 November 2026' for one note. The publisher's name
    always links to the address; the address and access date are printed with a source's first note
    (the one-pager has no room for them)."""
    source = c.sources.get(quote.source)
    if source is None:
        return (Text(quote.source),)
    name: Inline = Text(source.publisher or source.title)
    if source.url:
        name = Span((name,), ("link",), (("href", source.url),))
    bits: list[Inline] = [name]
    paragraph = c.paragraphs.get((quote.source, " ".join(quote.text.split())))
    if paragraph is not None:
        bits.append(Text(f", para. {paragraph}"))
    if source.url and first and not compact:
        bits.extend((Text(", "), Span((Text(source.url),), ("link",), (("href", source.url),))))
    if source.accessed and first and not compact:
        bits.append(Text(f", accessed {fmt.long_date(source.accessed)}"))
    return tuple(bits)


def source_list(c: Composer) -> list[Block]:
    """The sources themselves: kind, author, date, language, licence, URL and reliability grade."""
    items = []
    for source in c.sheet.sources:
        bits = [source.kind.value if source.kind else None, source.publisher, source.author,
                fmt.partial_date(source.date) if source.date else None,
                f"language {source.language}" if source.language else None]
        line: list[Inline] = [Emph((Text(source.title),)), Text(". " + ", ".join(b for b in bits if b) + ".")]
        if source.url:
            accessed = f" (accessed {fmt.long_date(source.accessed)})" if source.accessed else ""
            line.extend((Text(" "), Span((Text(source.url),), ("link",), (("href", source.url),)),
                         Text(f"{accessed}.")))
        if source.licence:
            line.append(Text(f" Licence: {source.licence}."))
        if source.reliability is not None:
            grade = source.reliability.value
            line.append(Text(f" Reliability {grade} ({GRADE_MEANING[grade]})."))
        for extra in (source.date_note, source.note):
            if extra:
                line.append(Text(" " + " ".join(extra.split())))
        items.append(tuple(line))
    return [Paragraph((Strong((Text("Sources"),)),), "small"), BulletList(tuple(items))]


def changes_list(c: Composer, section: TemplateSection) -> list[Block]:
    """What changed in the facts since the previous build (empty on a first build)."""
    items = tuple((Text(line),) for line in c.limited(c.changes, section))
    return [BulletList(items)] if items else []


def _timeline_count(sheet: FactSheet) -> int:
    inline = sum(isinstance(w, DateValue) for p in sheet.packages for w in (p.announced, p.agreed, p.delivered_by))
    return len(sheet.dates) + len(sheet.events) + inline


@dataclass(frozen=True)
class SectionKind:
    """What the registry knows of one section kind."""

    title: str
    """The heading printed when the template gives none."""
    build: Builder
    """Turns the facts into the section's blocks."""
    importance: float | None
    """How much an item of it is worth keeping on one page; None: never shortened."""
    count: Callable[[FactSheet], int]
    """How many items it can show, for one-page shortening."""


SECTIONS: dict[str, SectionKind] = {
    "key_points": SectionKind("Key points", key_points, 6.0, lambda s: len(s.key_points)),
    "transfers": SectionKind("Systems and transfers", transfers, 3.0, lambda s: len(s.transfers)),
    "packages": SectionKind("Packages and funds", packages, 3.0, lambda s: len(s.packages)),
    "systems": SectionKind("Systems", systems_table, 1.0, lambda s: len(s.systems)),
    "claims": SectionKind("Claims and attributions", claims, 1.0, lambda s: len(s.claims)),
    "actors": SectionKind("Actors", actors_table, 0.5, lambda s: len(s.actors)),
    "places": SectionKind("Places", places_table, 0.5, lambda s: len(s.places)),
    "timeline": SectionKind("Timeline", timeline, 1.5, lambda s: _timeline_count(s)),
    "events": SectionKind("Events", events_table, 1.5, lambda s: len(s.events)),
    "costs": SectionKind("Costs", costs, 2.0, lambda s: len(s.costs)),
    "gaps": SectionKind("What the sources say is not known", gaps, 2.0, lambda s: len(s.gaps)),
    "notes": SectionKind("Source notes", notes_list, None, lambda s: 0),
    "changes": SectionKind("Changes", changes_list, None, lambda s: 0),
    "bottom_line": SectionKind("Bottom line", analytic.bottom_line, None, lambda s: 0),
    "judgments": SectionKind("Key judgments", analytic.judgments, 50.0, lambda s: len(s.judgments)),
    "disagreements": SectionKind("Where sources disagree", analytic.disagreements, 8.0,
                                 lambda s: len(s.disagreements)),
    "end_matter": SectionKind("About this briefing", analytic.end_matter, None, lambda s: 0),
}
