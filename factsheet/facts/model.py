"""The fact model: what an analyst curates from source documents.

Every fact cites at least one quote (a source id and the exact supporting text).
Cross-references (ids) are checked here; quotes are checked against the seed
texts in `factsheet.facts.anchor`, because that needs the files.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from factsheet.facts.analytic import BottomLine, Disagreement, EndMatter, Judgment
from factsheet.facts.currencies import ISO_4217

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        max_length=64,
        description="A short, unique, lower-case id (letters, digits, hyphens).",
    ),
]


def _iso_4217(value: str) -> str:
    if value not in ISO_4217:
        raise ValueError(f"{value!r} is not an ISO 4217 currency code")
    return value


Currency = Annotated[str, AfterValidator(_iso_4217)]


class Strict(BaseModel):
    """Base for every model: unknown fields are an error.

    Field docstrings become descriptions in the JSON Schema (`factsheet.schema`),
    read from the source only then: pydantic's use_attribute_docstrings would parse
    this module's source on every start.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)


class Quote(Strict):
    """The exact text of a source that supports a fact."""

    source: Id
    """Id of the source the text is quoted from."""
    text: str = Field(min_length=3)
    """The supporting text, exactly as in the source (whitespace may differ)."""


class Attribution(Strict):
    """Who says so, and how: kept apart from what is established."""

    by: Id
    """Id of the actor the statement is attributed to."""
    how: str = Field(min_length=1)
    """How it is attributed, in the source's words: 'claims', 'according to an unnamed US official'."""
    label: str | None = None
    """The originator as the attribution chain names it: 'US intelligence assessment'."""
    via: list[Id] = []
    """Ids of the actors it passed through before the source, nearest the originator first."""


class Fact(Strict):
    """Common to every fact: an id, the quotes that support it, and an optional attribution."""

    id: Id
    """Unique id of this fact within the facts file."""
    cites: list[Quote] = Field(min_length=1)
    """The quotes that support this fact; at least one."""
    according_to: Attribution | None = None
    """Set when the fact rests on someone's claim or report rather than being established."""
    review: Literal["curated", "draft"] = "curated"
    """'draft' for machine-proposed facts an analyst has not yet reviewed; builds refuse drafts."""


class Grade(StrEnum):
    """Source reliability on the NATO/Admiralty scale."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"


GRADE_MEANING = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}


class Source(Strict):
    """A source document kept in seeds/."""

    id: Id
    """Id that quotes use to name this source."""
    file: str
    """Path of the source text, relative to the seeds/ folder."""
    title: str
    """Title of the document (the headline for an article)."""
    publisher: str | None = None
    """Who published it (outlet, ministry)."""
    author: str | None = None
    """Who wrote it, as credited."""
    date: str | None = None
    """Publication date if known: YYYY, YYYY-MM or YYYY-MM-DD."""
    date_note: str | None = None
    """How the publication date was established when the document does not state it."""
    reliability: Grade | None = None
    """Reliability grade A-F (NATO/Admiralty scale); None when not graded."""
    relies_on: list[Id] | None = None
    """Ids of other sources in this file that this one takes its information from (not independent of them)."""


class ActorKind(StrEnum):
    """What kind of actor."""

    state = "state"
    government = "government"
    organisation = "organisation"
    company = "company"
    media = "media"
    person = "person"
    military = "military"


class Actor(Fact):
    """A state, government, organisation, company, medium or person."""

    name: str
    """The name the briefing uses."""
    kind: ActorKind
    """What kind of actor this is."""
    aliases: list[str] = []
    """Other names the sources use: 'Moscow', 'Pyongyang', 'the Jewish state'."""
    role: str | None = None
    """Role or description, e.g. 'military expert, CNA'."""


class SystemCategory(StrEnum):
    """Broad category of a weapon system."""

    uav = "UAV"
    micro_uav = "micro UAV"
    artillery_ammunition = "artillery ammunition"
    rocket = "rocket"
    missile = "missile"
    other = "other"


class System(Fact):
    """A weapon system or class of munitions."""

    designation: str
    """The name the briefing uses: 'Mohajer-6', 'Black Hornet'."""
    family: str | None = None
    """Family or series, e.g. 'Shahed'."""
    category: SystemCategory
    """Broad category."""
    manufacturer: Id | None = None
    """Id of the manufacturing actor, if the sources name it."""
    origin: Id | None = None
    """Id of the state of origin, if the sources support it."""
    use: str | None = None
    """What the system is used for, as the sources say."""


class TransferStatus(StrEnum):
    """Where a transfer stands."""

    planned = "planned"
    agreed = "agreed"
    delivered = "delivered"
    licensed = "licensed"
    ended = "ended"
    reported = "reported"


class Transfer(Fact):
    """A supply, sale, licence or delivery of a system from supplier(s) to a recipient."""

    system: Id
    """Id of the system transferred."""
    suppliers: list[Id] = Field(min_length=1)
    """Ids of the supplying actors."""
    recipient: Id
    """Id of the receiving actor."""
    status: TransferStatus
    """Where the transfer stands."""
    quantity: str | None = None
    """Quantity as the source states it: 'millions', 'hundreds'."""
    when: Id | None = None
    """Id of the date fact for when it happened or was announced."""
    when_stated: str | None = None
    """Time as the source states it when there is no date: 'before the conflict'."""
    note: str | None = None
    """A short analyst's note shown with the transfer."""


class Bound(StrEnum):
    """How the stated amount bounds the real one."""

    exact = "exact"
    up_to = "up to"
    about = "about"
    at_least = "at least"


class Money(Strict):
    """An amount of money in one currency."""

    amount: Decimal
    """The amount, in units of the currency (not thousands or millions)."""
    currency: Currency
    """ISO 4217 code, e.g. NOK, USD."""


class Cost(Fact):
    """What something costs or is expected to cost."""

    amount: Decimal = Field(gt=0)
    """The amount, in units of the currency."""
    currency: Currency
    """ISO 4217 code of the amount."""
    bound: Bound = Bound.exact
    """How the stated amount bounds the real one."""
    conversion: Money | None = None
    """The conversion as the source states it (not computed by us)."""
    pays_for: Id
    """Id of the transfer or system the money pays for."""
    expected: bool = False
    """True when the source gives an expected, not a final, cost."""


class Precision(StrEnum):
    """How precisely a date is known."""

    year = "year"
    month = "month"
    day = "day"


_DATE_PATTERNS = {
    Precision.year: re.compile(r"^\d{4}$"),
    Precision.month: re.compile(r"^\d{4}-\d{2}$"),
    Precision.day: re.compile(r"^\d{4}-\d{2}-\d{2}$"),
}


def check_date_value(value: str, precision: Precision) -> None:
    """Raise ValueError unless `value` is a real date written to `precision`."""
    if not _DATE_PATTERNS[precision].match(value):
        shapes = {"year": "YYYY", "month": "YYYY-MM", "day": "YYYY-MM-DD"}
        raise ValueError(f"{value!r} is not a {precision.value}-precision date ({shapes[precision.value]})")
    parts = [int(p) for p in value.split("-")]
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        raise ValueError(f"{value!r} has no month {parts[1]}")
    if len(parts) > 2 and not 1 <= parts[2] <= calendar.monthrange(parts[0], parts[1])[1]:
        raise ValueError(f"{value!r} is not a day of that month")


class DateFact(Fact):
    """A dated event."""

    event: str
    """What happened, in a short phrase: 'Russia invades Ukraine'."""
    value: str
    """The date: YYYY, YYYY-MM or YYYY-MM-DD, matching the precision."""
    precision: Precision
    """How precisely the source dates the event."""
    year_inferred: bool = False
    """True when the source does not state the year."""
    inferred_from: str | None = None
    """Why the year is what it is, when inferred."""

    @model_validator(mode="after")
    def _valid_date(self) -> DateFact:
        check_date_value(self.value, self.precision)
        if self.year_inferred and not self.inferred_from:
            raise ValueError("an inferred year needs 'inferred_from' saying how it was inferred")
        return self


class Standing(StrEnum):
    """Whether a statement is established or rests on someone's word."""

    established = "established"
    claimed = "claimed"
    reported = "reported"
    assessed = "assessed"


class Statement(Fact):
    """A key point or claim in one sentence."""

    text: str
    """The statement, in the analyst's words."""
    standing: Standing = Standing.established
    """Established, or claimed/reported/assessed by someone (then 'according_to' is required)."""

    @model_validator(mode="after")
    def _attributed(self) -> Statement:
        if self.standing is not Standing.established and self.according_to is None:
            raise ValueError(f"a {self.standing.value} statement needs 'according_to' (who says so)")
        return self


class Gap(Fact):
    """Something the sources themselves say is not known."""

    text: str
    """What is not known."""


class Meta(Strict):
    """The briefing's own particulars."""

    title: str
    """Title of the briefing."""
    as_of: date
    """Date the information is current to; the only date printed in outputs."""
    author: str = "factsheet"
    """Who prepared the briefing."""
    subject: str | None = None
    """One-line subject, used in document properties and email subjects."""
    keywords: list[str] = []
    """Keywords for document properties."""
    language: str = "en-GB"
    """Language of the briefing, a BCP 47 tag."""


class FactSheet(Strict):
    """A whole facts file."""

    factsheet: Meta
    """The briefing's own particulars."""
    sources: list[Source] = Field(min_length=1)
    """The source documents."""
    actors: list[Actor] = []
    """States, governments, organisations, companies, media and people."""
    systems: list[System] = []
    """Weapon systems and munitions."""
    transfers: list[Transfer] = []
    """Who supplies what to whom."""
    costs: list[Cost] = []
    """What things cost."""
    dates: list[DateFact] = []
    """Dated events."""
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

    def all_facts(self) -> list[tuple[str, int, Fact]]:
        """Every fact with its section name and index, in file order."""
        out: list[tuple[str, int, Fact]] = []
        for section in FACT_SECTIONS:
            for index, fact in enumerate(getattr(self, section)):
                out.append((section, index, fact))
        return out


FACT_SECTIONS = ("actors", "systems", "transfers", "costs", "dates", "key_points", "claims", "gaps")
