"""One line per fact, for the 'what changed' comparison between builds."""

from __future__ import annotations

from factsheet.compose import format as fmt
from factsheet.facts.model import DateFact, FactSheet, Quantity, When


def summarise(sheet: FactSheet) -> dict[str, str]:
    """A short, human line for every fact, keyed by '<section>:<id>'."""
    actors = {a.id: a.name for a in sheet.actors}
    systems = {s.id: s.designation for s in sheet.systems}
    places = {p.id: p.name for p in sheet.places}
    packages = {p.id: p.name for p in sheet.packages}
    dates: dict[str, DateFact] = {d.id: d for d in sheet.dates}

    def when(value: When | None, stated: str | None = None) -> str:
        if isinstance(value, str):
            return fmt.event_date(dates[value]) if value in dates else value
        return fmt.event_date(value) if value is not None else (stated or "undated")

    def many(value: Quantity | None) -> str:
        return f", {fmt.quantity(value)}" if value is not None else ""

    out: dict[str, str] = {}
    for actor in sheet.actors:
        out[f"actors:{actor.id}"] = f"actor {actor.name} ({actor.kind.value})"
    for place in sheet.places:
        within = f" in {places.get(place.within, place.within)}" if place.within else ""
        out[f"places:{place.id}"] = f"place {place.name} ({place.kind.value}){within}"
    for system in sheet.systems:
        out[f"systems:{system.id}"] = f"system {system.designation} ({system.category.value})"
    for package in sheet.packages:
        value = f", {fmt.cost_phrase(package.value)}" if package.value else ""
        items = "; ".join(f"{systems.get(i.system, i.system)}{many(i.quantity)}" for i in package.items)
        out[f"packages:{package.id}"] = f"{package.kind.value} {package.name}{value}" + (f": {items}" if items else "")
    for t in sheet.transfers:
        out[f"transfers:{t.id}"] = (
            f"{systems.get(t.system, t.system)}: {' and '.join(actors.get(s, s) for s in t.suppliers)} -> "
            f"{actors.get(t.recipient, t.recipient)}, {t.status.value}{many(t.quantity)}, {when(t.when, t.when_stated)}"
        )
    for cost in sheet.costs:
        ident = cost.pays_for or ""
        target = next((systems.get(t.system, t.system) for t in sheet.transfers if t.id == ident),
                      packages.get(ident) or systems.get(ident) or cost.what or ident)
        out[f"costs:{cost.id}"] = f"{target} cost: {fmt.cost_phrase(cost)}"
    for date in sheet.dates:
        out[f"dates:{date.id}"] = f"{fmt.event_date(date)}: {date.event}"
    for event in sheet.events:
        out[f"events:{event.id}"] = f"{when(event.when, event.when_stated)}: {event.kind.value}: {event.what}"
    for section in ("key_points", "claims", "gaps"):
        for fact in getattr(sheet, section):
            out[f"{section}:{fact.id}"] = " ".join(fact.text.split())
    for index, line in enumerate(sheet.bottom_line, start=1):
        out[f"bottom_line:{index}"] = "bottom line: " + " ".join(line.text.split())
    for judgment in sheet.judgments:
        out[f"judgments:{judgment.id}"] = (f"judgment ({judgment.likelihood.value}, {judgment.confidence.value} "
                                           f"confidence): {' '.join(judgment.text.split())}")
    return out
