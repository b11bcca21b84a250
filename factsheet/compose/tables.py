"""Sections shown as tables: transfers (with the supply network), systems, claims, actors and places."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factsheet.compose import format as fmt
from factsheet.compose.lists import analyst_note
from factsheet.compose.network import supply_network
from factsheet.compose.template import TemplateSection
from factsheet.document.nodes import (
    Block,
    Column,
    Emph,
    Inline,
    Inlines,
    Span,
    Strong,
    Table,
    Text,
)
from factsheet.facts.model import Transfer

if TYPE_CHECKING:
    from factsheet.compose.composer import Composer


_PLAIN_VERBS = {"claims", "claimed", "reported", "reports", "assessed", "says", "said", "according to"}


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
    status.extend(analyst_note(transfer.note))
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
