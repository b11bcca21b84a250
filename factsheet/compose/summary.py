"""One line per fact, for the 'what changed' comparison between builds."""

from __future__ import annotations

from factsheet.compose import format as fmt
from factsheet.facts.model import FactSheet


def summarise(sheet: FactSheet) -> dict[str, str]:
    """A short, human line for every fact, keyed by '<section>:<id>'."""
    actors = {a.id: a.name for a in sheet.actors}
    systems = {s.id: s.designation for s in sheet.systems}
    dates = {d.id: d for d in sheet.dates}
    out: dict[str, str] = {}
    for actor in sheet.actors:
        out[f"actors:{actor.id}"] = f"actor {actor.name} ({actor.kind.value})"
    for system in sheet.systems:
        out[f"systems:{system.id}"] = f"system {system.designation} ({system.category.value})"
    for t in sheet.transfers:
        when = fmt.event_date(dates[t.when]) if t.when in dates else (t.when_stated or "undated")
        quantity = f", {t.quantity}" if t.quantity else ""
        out[f"transfers:{t.id}"] = (
            f"{systems.get(t.system, t.system)}: {' and '.join(actors.get(s, s) for s in t.suppliers)} -> "
            f"{actors.get(t.recipient, t.recipient)}, {t.status.value}{quantity}, {when}"
        )
    for cost in sheet.costs:
        target = next((systems.get(t.system, t.system) for t in sheet.transfers if t.id == cost.pays_for),
                      systems.get(cost.pays_for, cost.pays_for))
        out[f"costs:{cost.id}"] = f"{target} cost: {fmt.cost_phrase(cost)}"
    for date in sheet.dates:
        out[f"dates:{date.id}"] = f"{fmt.event_date(date)}: {date.event}"
    for section in ("key_points", "claims", "gaps"):
        for fact in getattr(sheet, section):
            out[f"{section}:{fact.id}"] = " ".join(fact.text.split())
    return out
