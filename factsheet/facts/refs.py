"""Cross-reference checks over a whole fact sheet: ids unique, every id resolves."""

from __future__ import annotations

from collections.abc import Callable

from factsheet.diagnostics import Diagnostic
from factsheet.facts.model import FactSheet
from factsheet.yamlio import PathKey, YamlDocument


def check_references(sheet: FactSheet, document: YamlDocument) -> list[Diagnostic]:
    """Every problem with ids in `sheet`: duplicates, unresolved or wrong-kind references."""
    problems: list[Diagnostic] = []

    def report(key: PathKey, message: str) -> None:
        field = ".".join(str(part) for part in key)
        problems.append(Diagnostic(document.location(key), f"{field}: {message}"))

    seen: dict[str, str] = {}
    for index, source in enumerate(sheet.sources):
        _unique(seen, source.id, ("sources", index, "id"), report)
    for section, index, fact in sheet.all_facts():
        _unique(seen, fact.id, (section, index, "id"), report)

    kinds: dict[str, set[str]] = {
        "source": {s.id for s in sheet.sources},
        "actor": {a.id for a in sheet.actors},
        "system": {s.id for s in sheet.systems},
        "transfer": {t.id for t in sheet.transfers},
        "date": {d.id for d in sheet.dates},
    }

    def expect(key: PathKey, value: str | None, *allowed: str) -> None:
        if value is None:
            return
        if not any(value in kinds[kind] for kind in allowed):
            report(key, f"unknown {' or '.join(allowed)} id {value!r}")

    for section, index, fact in sheet.all_facts():
        here: PathKey = (section, index)
        for qi, quote in enumerate(fact.cites):
            expect((*here, "cites", qi, "source"), quote.source, "source")
        if fact.according_to is not None:
            expect((*here, "according_to", "by"), fact.according_to.by, "actor")
    for index, system in enumerate(sheet.systems):
        expect(("systems", index, "manufacturer"), system.manufacturer, "actor")
        expect(("systems", index, "origin"), system.origin, "actor")
    for index, transfer in enumerate(sheet.transfers):
        here = ("transfers", index)
        expect((*here, "system"), transfer.system, "system")
        expect((*here, "recipient"), transfer.recipient, "actor")
        expect((*here, "when"), transfer.when, "date")
        for si, supplier in enumerate(transfer.suppliers):
            expect((*here, "suppliers", si), supplier, "actor")
            if supplier == transfer.recipient:
                report((*here, "suppliers", si), f"supplier {supplier!r} is also the recipient")
        if len(set(transfer.suppliers)) != len(transfer.suppliers):
            report((*here, "suppliers"), "a supplier is listed twice")
    for index, cost in enumerate(sheet.costs):
        expect(("costs", index, "pays_for"), cost.pays_for, "transfer", "system")
    return problems


def _unique(seen: dict[str, str], ident: str, key: PathKey, report: Callable[[PathKey, str], None]) -> None:
    where = ".".join(str(part) for part in key[:2])
    if ident in seen:
        report(key, f"duplicate id {ident!r} (first used by {seen[ident]})")
    else:
        seen[ident] = where

