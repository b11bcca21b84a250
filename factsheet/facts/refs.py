"""Cross-reference checks over a whole fact sheet: ids unique, every id resolves to the right kind,
no chain of `part_of` or `within` runs in a circle."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from factsheet.diagnostics import Diagnostic
from factsheet.facts.model import FactSheet, When
from factsheet.yamlio import PathKey, YamlDocument

Report = Callable[[PathKey, str], None]


def check_references(sheet: FactSheet, document: YamlDocument) -> list[Diagnostic]:
    """Every problem with ids in `sheet`: duplicates, unresolved or wrong-kind references, cycles."""
    problems: list[Diagnostic] = []

    def report(key: PathKey, message: str) -> None:
        field = ".".join(str(part) for part in key)
        problems.append(Diagnostic(document.location(key), f"{field}: {message}"))

    seen: dict[str, str] = {}
    for index, source in enumerate(sheet.sources):
        _unique(seen, source.id, ("sources", index, "id"), report)
    facts = sheet.all_facts()  # listed once for both passes below
    for section, index, fact in facts:
        _unique(seen, fact.id, (section, index, "id"), report)

    kinds: dict[str, set[str]] = {
        "source": {s.id for s in sheet.sources},
        "actor": {a.id for a in sheet.actors},
        "place": {p.id for p in sheet.places},
        "system": {s.id for s in sheet.systems},
        "package": {p.id for p in sheet.packages},
        "transfer": {t.id for t in sheet.transfers},
        "date": {d.id for d in sheet.dates},
    }

    def expect(key: PathKey, value: str | None, *allowed: str) -> None:
        if value is None:
            return
        if not any(value in kinds[kind] for kind in allowed):
            report(key, f"unknown {' or '.join(allowed)} id {value!r}")

    def expect_all(key: PathKey, values: Sequence[str], kind: str, label: str) -> None:
        for i, value in enumerate(values):
            expect((*key, i), value, kind)
        if len(set(values)) != len(values):
            report(key, f"{label} is listed twice")

    def expect_date(key: PathKey, value: When | None) -> None:
        if isinstance(value, str):
            expect(key, value, "date")

    for section, index, fact in facts:
        here: PathKey = (section, index)
        for path, quote in fact.quotes():
            expect((*here, *path, "source"), quote.source, "source")
        if fact.according_to is not None:
            expect((*here, "according_to", "by"), fact.according_to.by, "actor")
        for si, stance in enumerate(fact.stances):
            expect((*here, "stances", si, "by"), stance.by, "actor")
    for index, actor in enumerate(sheet.actors):
        expect(("actors", index, "part_of"), actor.part_of, "actor")
    for index, place in enumerate(sheet.places):
        expect(("places", index, "within"), place.within, "place")
    for index, system in enumerate(sheet.systems):
        expect(("systems", index, "manufacturer"), system.manufacturer, "actor")
        expect(("systems", index, "origin"), system.origin, "actor")
    for index, package in enumerate(sheet.packages):
        here = ("packages", index)
        expect_all((*here, "funders"), package.funders, "actor", "a funder")
        expect_all((*here, "providers"), package.providers, "actor", "a provider")
        expect((*here, "recipient"), package.recipient, "actor")
        expect((*here, "part_of"), package.part_of, "package")
        expect((*here, "place"), package.place, "place")
        for name in ("announced", "agreed", "delivered_by"):
            expect_date((*here, name), getattr(package, name))
        for ii, item in enumerate(package.items):
            expect((*here, "items", ii, "system"), item.system, "system")
    for index, transfer in enumerate(sheet.transfers):
        here = ("transfers", index)
        expect((*here, "system"), transfer.system, "system")
        expect((*here, "recipient"), transfer.recipient, "actor")
        expect_date((*here, "when"), transfer.when)
        expect((*here, "part_of"), transfer.part_of, "package")
        expect((*here, "place"), transfer.place, "place")
        expect_all((*here, "suppliers"), transfer.suppliers, "actor", "a supplier")
        for si, supplier in enumerate(transfer.suppliers):
            if supplier == transfer.recipient:
                report((*here, "suppliers", si), f"supplier {supplier!r} is also the recipient")
    for index, cost in enumerate(sheet.costs):
        expect(("costs", index, "pays_for"), cost.pays_for, "package", "transfer", "system")
        expect_date(("costs", index, "when"), cost.when)
    for index, event in enumerate(sheet.events):
        here = ("events", index)
        expect_date((*here, "when"), event.when)
        expect_all((*here, "actors"), event.actors, "actor", "an actor")
        expect((*here, "system"), event.system, "system")
        expect((*here, "place"), event.place, "place")

    _no_cycles("actors", "part_of", {a.id: a.part_of for a in sheet.actors}, report)
    _no_cycles("places", "within", {p.id: p.within for p in sheet.places}, report)
    _no_cycles("packages", "part_of", {p.id: p.part_of for p in sheet.packages}, report)
    return problems


def _no_cycles(section: str, field: str, parent: dict[str, str | None], report: Report) -> None:
    """Report each fact whose chain of `field` comes back to it (once per cycle, at its first member)."""
    order = list(parent)
    reported: set[str] = set()
    for index, start in enumerate(order):
        chain = [start]
        current = parent.get(start)
        while current is not None and current in parent and current not in chain:
            chain.append(current)
            current = parent[current]
        if current == start and not reported.intersection(chain):
            reported.update(chain)
            loop = " -> ".join([*chain, start])
            report((section, index, field), f"{field} runs in a circle: {loop}")


def _unique(seen: dict[str, str], ident: str, key: PathKey, report: Report) -> None:
    where = ".".join(str(part) for part in key[:2])
    if ident in seen:
        report(key, f"duplicate id {ident!r} (first used by {seen[ident]})")
    else:
        seen[ident] = where
