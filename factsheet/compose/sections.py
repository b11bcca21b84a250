"""The section registry: one table of kind -> title, builder, one-page importance and item count.

Each builder turns the facts into blocks of the format-neutral tree through a `Composer`,
which holds what sections share (names, dates, citation numbering, shortening). The builders
live by the shape of what they make: `tables`, `lists`, `chronology` (timeline and events),
`sourcenotes` (notes and sources); those of the analytic product in `analytic`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factsheet.compose import analytic
from factsheet.compose.chronology import events_table, timeline
from factsheet.compose.lists import changes_list, costs, gaps, key_points, packages
from factsheet.compose.sourcenotes import notes_list
from factsheet.compose.tables import actors_table, claims, places_table, systems_table, transfers
from factsheet.compose.template import TemplateSection
from factsheet.document.nodes import Block
from factsheet.facts.model import DateValue, FactSheet

if TYPE_CHECKING:
    from factsheet.compose.composer import Composer

Builder = Callable[["Composer", TemplateSection], list[Block]]


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
