"""Fact sheets for the figure tests: the shipped seed, and made-up ones with many transfers or dates."""

from __future__ import annotations

from collections.abc import Callable

from factsheet.compose.timeline import Event, Period
from factsheet.facts.load import load_facts
from factsheet.facts.model import DateFact, FactSheet, Precision, System, Transfer, TransferStatus
from factsheet.workspace import Workspace
from tests.conftest import REPO

SEED = "russia-drones-2022.facts.yaml"

LONG_NAMES = (
    "Geran-2/Shahed-136 long-range one-way attack UAV",
    "\u0428\u0430\u0445\u0435\u0434\u2011136 (Cyrillic designation)",
    "Iranian UAVs (types unstated by the sources)", "artillery shells", "Mohajer-6",
    "short-range ballistic missiles of the KN-23 family", "Black Hornet", "surface-to-air missiles",
)
ACTORS = ("Islamic Republic of Iran", "Democratic People's Republic of Korea", "Belarus", "Russian Federation",
          "Ukraine", "United Kingdom of Great Britain and Northern Ireland", "Norway")


def seed_sheet() -> tuple[FactSheet, Callable[[str], str]]:
    """The shipped seed's facts, and how its actors are named."""
    sheet = load_facts(REPO / "seeds" / SEED, Workspace.open(REPO)).sheet
    names = {a.id: a.name for a in sheet.actors}
    return sheet, lambda ident: names.get(ident, ident)


def big_sheet(count: int) -> tuple[FactSheet, Callable[[str], str]]:
    """`count` transfers among seven actors with long names, every status, some with two suppliers."""
    statuses = list(TransferStatus)
    systems = [System.model_construct(id=f"s{i}", designation=f"{LONG_NAMES[i % len(LONG_NAMES)]} {i}")
               for i in range(count)]
    transfers = []
    for i in range(count):
        suppliers = [f"a{i % 3}"] + ([f"a{(i % 3) + 5}"] if i % 11 == 0 else [])
        transfers.append(Transfer.model_construct(
            id=f"t{i}", system=f"s{i}", suppliers=suppliers, recipient=f"a{3 + (i % 7) % 2}",
            status=statuses[(i * 7) % len(statuses)]))
    sheet = FactSheet.model_construct(systems=systems, transfers=transfers)
    return sheet, lambda ident: ACTORS[int(ident[1:]) % len(ACTORS)]


def few_transfers(count: int) -> tuple[FactSheet, Callable[[str], str]]:
    """The first `count` transfers of `big_sheet`: drawn one arrow each."""
    sheet, actor = big_sheet(count)
    return sheet, actor


def seed_dates(count: int) -> list[DateFact]:
    """`count` date facts of every precision, some on the same day, some with long events."""
    out = []
    for i in range(count):
        precision = (Precision.day, Precision.month, Precision.year)[i % 3]
        value = {Precision.day: f"2022-{1 + i % 12:02d}-{1 + (i * 5) % 28:02d}",
                 Precision.month: f"2022-{1 + (i * 2) % 12:02d}", Precision.year: "2021"}[precision]
        event = f"Event {i}: " + ("a long description of what happened, wrapped rather than cut " * (1 + i % 2))
        out.append(DateFact.model_construct(id=f"d{i}", event=event.strip(), value=value, precision=precision,
                                            year_inferred=False))
    return out


def many_dates() -> list[Event]:
    """Timeline events of every kind the timeline draws: day, month, season, quarter, year, range."""
    def ev(start: float, end: float, kind: str, when: str, what: str) -> Event:
        return Event(Period(start, end, kind), when, what)

    y = 2022 * 12
    return [
        ev(y - 12, y, "year", "2021", "Year-only event: contract talks reported"),
        ev(y + 1, y + 2, "month", "Feb 2022", "Russia invades Ukraine"),
        ev(y + 1 + 23 / 31, y + 1 + 24 / 31, "day", "24 Feb 2022", "Full-scale invasion begins"),
        ev(y + 5, y + 8, "season", "summer 2022", "First Shahed-136 deliveries reported by several sources"),
        ev(y + 6, y + 9, "quarter", "Q3 2022", "Training of Russian operators in Iran"),
        ev(y + 6, y + 7, "month", "Jul 2022", "Ukraine severs ties with North Korea after Pyongyang recognises "
           "two self-declared republics"),
        ev(y + 7 + 23 / 31, y + 7 + 24 / 31, "day", "24 Aug 2022", "Norway announces Black Hornet supply"),
        ev(y + 8, y + 14, "range", "Sep 2022-Feb 2023", "Wave of strikes on energy infrastructure"),
        ev(y + 9 + 9 / 31, y + 9 + 10 / 31, "day", "10 Oct 2022", "Massive missile and drone strike"),
        ev(y + 9 + 16 / 31, y + 9 + 17 / 31, "day", "17 Oct 2022", "Kyiv struck by Shahed drones"),
        Event(Period(y + 6, y + 7, "month", "after"), "since Jul 2022", "Iranian instructors in Crimea"),
        Event(Period(y + 10, y + 10, "open", "before"), "before Nov 2022", "Contract signed"),
    ]
