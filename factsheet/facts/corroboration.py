"""Several sources in one facts file: which facts they corroborate, and where they conflict.

A fact is corroborated when it cites two or more independent sources: different
publishers, neither taking its information from the other (`Source.relies_on`).
Two facts of the same kind about the same thing (a cost of the same kind for the
same purchase and period, a transfer of the same system between the same parties,
a date of the same event)
that state different values conflict; a conflict must be declared in the facts
file's `disagreements`, so the briefing holds both values side by side instead of
silently printing one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from factsheet.facts.model import Cost, DateFact, Fact, FactSheet, Source, Transfer

F = TypeVar("F", bound=Fact)


def publisher_of(source: Source) -> str:
    """Who published a source, for telling sources apart: the publisher, else the title."""
    return " ".join((source.publisher or source.title).lower().split())


def independent(a: Source, b: Source) -> bool:
    """True when `a` and `b` have different publishers and neither takes its information from the other."""
    return publisher_of(a) != publisher_of(b) and a.id not in (b.relies_on or ()) and b.id not in (a.relies_on or ())


def fact_sources(fact: Fact) -> list[str]:
    """Ids of the sources a fact cites, in order of first citation."""
    return list(dict.fromkeys(quote.source for quote in fact.cites))


def corroborating(fact: Fact, sources: dict[str, Source]) -> tuple[str, ...]:
    """The ids of independent sources supporting `fact`: two or more, or () when it is not corroborated.

    Sources are taken in citation order; a source dependent on one already taken does not count again.
    """
    taken: list[Source] = []
    for ident in fact_sources(fact):
        source = sources.get(ident)
        if source is not None and all(independent(source, other) for other in taken):
            taken.append(source)
    return tuple(s.id for s in taken) if len(taken) >= 2 else ()


def originator_speaks(fact: Fact, source: Source, sheet: FactSheet) -> bool:
    """True when `source` is published by the very actor the fact is attributed to (or a part of it, or the
    whole it is part of): it confirms that the claim was made, not what it says."""
    if fact.according_to is None or not source.publisher:
        return False
    parents = {a.id: a.part_of for a in sheet.actors}
    voice = next((a.id for a in sheet.actors if a.name == source.publisher), None)
    if voice is None:
        return False

    def within(inner: str, outer: str) -> bool:
        seen: set[str] = set()
        current: str | None = inner
        while current is not None and current not in seen:
            if current == outer:
                return True
            seen.add(current)
            current = parents.get(current)
        return False

    origin = fact.according_to.by
    return within(voice, origin) or within(origin, voice)


@dataclass(frozen=True)
class Conflict:
    """Two facts stating different values for the same thing."""

    section: str
    first: int
    second: int
    first_id: str
    second_id: str
    what: str


def _cost_key(cost: Cost) -> tuple[str, ...]:
    what = " ".join((cost.what or "").lower().split())
    when = cost.when if isinstance(cost.when, str) else cost.when.model_dump_json() if cost.when else ""
    return (cost.pays_for or "", what, cost.kind.value, cost.per.value if cost.per else "", str(cost.expected),
            cost.prices or "", when)


def _cost_value(cost: Cost) -> tuple[str, ...]:
    return (str(cost.amount.normalize()), cost.currency, cost.bound.value)


def _transfer_key(transfer: Transfer) -> tuple[str, ...]:
    return (transfer.system, transfer.recipient, *sorted(transfer.suppliers))


def _transfer_value(transfer: Transfer) -> tuple[str, ...]:
    q = transfer.quantity
    if q is None:
        return ("",)
    return (str(q.value), str(q.min), str(q.max), q.bound.value, q.unit or "", str(q.magnitude),
            " ".join((q.stated or "").lower().split()))


def _date_key(date: DateFact) -> tuple[str, ...]:
    return (" ".join(date.event.lower().split()),)


def _date_value(date: DateFact) -> tuple[str, ...]:
    return (date.value, date.end or "", date.part.value if date.part else "")


def stated_value(fact: Fact) -> tuple[str, ...]:
    """What a fact states, for telling whether two facts disagree (costs, transfers, dates; else its text)."""
    if isinstance(fact, Cost):
        return _cost_value(fact)
    if isinstance(fact, Transfer):
        return (*_transfer_value(fact), fact.status.value)
    if isinstance(fact, DateFact):
        return _date_value(fact)
    text = getattr(fact, "text", None)
    return (" ".join(text.lower().split()),) if isinstance(text, str) else (fact.id,)


def conflicts(sheet: FactSheet) -> list[Conflict]:
    """Pairs of facts about the same thing with different values (costs, transfer quantities, event dates)."""
    found: list[Conflict] = []
    found += _pairs("costs", sheet.costs, _cost_key, _cost_value, "a different cost for the same purchase")
    found += _pairs("transfers", [t for t in sheet.transfers if t.quantity], _transfer_key, _transfer_value,
                    "a different quantity for the same transfer", index_of=sheet.transfers)
    found += _pairs("dates", sheet.dates, _date_key, _date_value, "a different date for the same event")
    return found


def _pairs(
    section: str, facts: Sequence[F], key: Callable[[F], tuple[str, ...]], value: Callable[[F], tuple[str, ...]],
    what: str, index_of: Sequence[F] | None = None,
) -> list[Conflict]:
    positions = {id(f): i for i, f in enumerate(index_of if index_of is not None else facts)}
    out: list[Conflict] = []
    first_seen: dict[tuple[str, ...], F] = {}
    for fact in facts:
        if fact.review == "draft":  # machine-proposed: the analyst reviews it, conflicts included
            continue
        k = key(fact)
        earlier = first_seen.setdefault(k, fact)
        if earlier is not fact and value(earlier) != value(fact):
            out.append(Conflict(section, positions[id(earlier)], positions[id(fact)], earlier.id, fact.id, what))
    return out
