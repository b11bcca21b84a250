"""Sections shown as lists and paragraphs: key points, packages and their items, costs, gaps, changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factsheet.compose import format as fmt
from factsheet.compose.template import TemplateSection
from factsheet.document.nodes import (
    Block,
    BulletList,
    Column,
    Emph,
    Inline,
    Inlines,
    Paragraph,
    Span,
    Strong,
    Table,
    Text,
)
from factsheet.facts.model import Package, PackageItem

if TYPE_CHECKING:
    from factsheet.compose.composer import Composer


def analyst_note(text: str | None) -> Inlines:
    """An analyst's note set after what it annotates, in italics; nothing when there is none."""
    return (Text(" "), Span((Emph((Text(" ".join(text.split())),)),), ("note",))) if text else ()


def key_points(c: Composer, section: TemplateSection) -> list[Block]:
    """The bottom line, one bullet per key point, attributions shown."""
    items = [(Text(p.text), *c.attribution(p, p.standing), *c.cites(p)) for p in c.limited(c.sheet.key_points, section)]
    return [BulletList(tuple(items))] if items else []


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
        blocks.append(Paragraph((*_package_line(c, package), *analyst_note(package.note)), "body"))
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


def changes_list(c: Composer, section: TemplateSection) -> list[Block]:
    """What changed in the facts since the previous build (empty on a first build)."""
    items = tuple((Text(line),) for line in c.limited(c.changes, section))
    return [BulletList(items)] if items else []
