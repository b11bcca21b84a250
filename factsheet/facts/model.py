"""The fact model: what an analyst curates from source documents.

Every fact cites at least one quote (a source id and the exact supporting text).
Cross-references (ids) are checked in `factsheet.facts.refs`; quotes are checked
against the seed texts in `factsheet.facts.anchor`, because that needs the files.
Dates live in `factsheet.facts.dates`, quantities and money in `factsheet.facts.amounts`.

This module holds the whole file (`FactSheet`, `Meta`) and re-exports every part of the model,
so that `from factsheet.facts.model import X` reaches all of it: the pieces every fact is made of
are in `factsheet.facts.core`, the sources in `factsheet.facts.sources`, the kinds of fact in
`factsheet.facts.kinds`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from factsheet.facts.amounts import Amount, Bound, CostKind, Currency, Money, Period, Quantity
from factsheet.facts.analytic import BottomLine, Disagreement, EndMatter, Judgment
from factsheet.facts.core import Attribution, Fact, Id, Quote, Stance, Standing, Strict, When
from factsheet.facts.dates import (
    DateText,
    DateValue,
    Part,
    Precision,
    Relation,
    as_text,
    check_date_value,
    precision_of,
)
from factsheet.facts.kinds import (
    Actor,
    ActorKind,
    Cost,
    DateFact,
    Event,
    EventKind,
    Gap,
    Package,
    PackageItem,
    PackageKind,
    Place,
    PlaceKind,
    Statement,
    System,
    SystemCategory,
    Transfer,
    TransferStatus,
)
from factsheet.facts.sources import GRADE_MEANING, Grade, Source, SourceKind
from factsheet.facts.values import AsOf, LanguageTag, PartialDate, Title, YearRange

__all__ = [
    "FACT_SECTIONS", "GRADE_MEANING", "SCHEMA_VERSION",
    "Actor", "ActorKind", "Amount", "AsOf", "Attribution", "BottomLine", "Bound", "Cost", "CostKind", "Currency",
    "DateFact", "DateText", "DateValue", "Disagreement", "EndMatter", "Event", "EventKind", "Fact", "FactSheet", "Gap",
    "Grade", "Id", "Judgment", "LanguageTag", "Meta", "Money", "Package", "PackageItem", "PackageKind", "Part",
    "PartialDate", "Period", "Place", "PlaceKind", "Precision", "Quantity", "Quote", "Relation", "Source",
    "SourceKind", "Stance", "Standing", "Statement", "Strict", "System", "SystemCategory", "Title", "Transfer",
    "TransferStatus", "When", "YearRange", "as_text", "check_date_value", "precision_of",
]

SCHEMA_VERSION = 2
"""The version of the fact model; every facts file states the one it was written for."""


class Meta(Strict):
    """The briefing's own particulars."""

    title: Title
    """Title of the briefing."""
    as_of: AsOf
    """Date the information is current to; the only date printed in outputs."""
    author: str = "factsheet"
    """Who prepared the briefing."""
    subject: str | None = None
    """One-line subject, used in document properties and email subjects."""
    keywords: list[str] = []
    """Keywords for document properties."""
    language: LanguageTag = "en-GB"
    """Language of the briefing, a BCP 47 tag."""
    years: YearRange | None = None
    """The years dates in this file may fall in, when not 1900-2100: [FIRST, LAST], e.g. [1850, 1950]."""


class FactSheet(Strict):
    """A whole facts file."""

    schema_version: Literal[2]
    """The fact model this file is written for: 2."""
    factsheet: Meta
    """The briefing's own particulars."""
    sources: list[Source] = Field(min_length=1)
    """The source documents."""
    actors: list[Actor] = []
    """States, governments, organisations, companies, media and people."""
    places: list[Place] = []
    """Countries, regions, cities and facilities."""
    systems: list[System] = []
    """Weapon systems, munitions and equipment."""
    packages: list[Package] = []
    """Aid packages, drawdowns, tranches, funds, contracts and sales, with their items."""
    transfers: list[Transfer] = []
    """Who supplies what to whom."""
    costs: list[Cost] = []
    """Amounts of money: prices, values, totals, rates."""
    dates: list[DateFact] = []
    """Dated events that other facts refer to."""
    events: list[Event] = []
    """Happenings that are not transfers: launches, shoot-downs, sanctions, licences, agreements."""
    key_points: list[Statement] = []
    """The briefing's bottom line, one sentence each."""
    claims: list[Statement] = []
    """Statements attributed to someone, kept apart from established facts."""
    gaps: list[Gap] = []
    """What the sources say is unknown."""
    bottom_line: list[BottomLine] = Field(default=[], max_length=3)
    """The bottom line up front: one to three sentences, each resting on named facts."""
    judgments: list[Judgment] = []
    """Key judgments: estimative language, confidence, and the facts each rests on."""
    disagreements: list[Disagreement] = []
    """Conflicting values for the same thing, shown side by side with their sources."""
    end_matter: EndMatter | None = None
    """Contact, method note and distribution line closing the briefing."""

    @model_validator(mode="after")
    def _something_to_brief(self) -> FactSheet:
        if not any(getattr(self, section) for section in FACT_SECTIONS):
            raise ValueError("nothing to brief: add key_points or other facts (factsheet extract drafts some)")
        return self

    def all_facts(self) -> list[tuple[str, int, Fact]]:
        """Every fact with its section name and index, in file order."""
        out: list[tuple[str, int, Fact]] = []
        for section in FACT_SECTIONS:
            for index, fact in enumerate(getattr(self, section)):
                out.append((section, index, fact))
        return out


FACT_SECTIONS = (
    "actors", "places", "systems", "packages", "transfers", "costs", "dates", "events",
    "key_points", "claims", "gaps",
)
