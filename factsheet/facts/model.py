"""The fact model: what an analyst curates from source documents.

Every fact cites at least one quote (a source id and the exact supporting text).
Cross-references (ids) are checked in `factsheet.facts.refs`; quotes are checked
against the seed texts in `factsheet.facts.anchor`, because that needs the files.
Dates live in `factsheet.facts.dates`, quantities and money in `factsheet.facts.amounts`.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from factsheet.facts.amounts import Amount as Amount
from factsheet.facts.amounts import Bound as Bound
from factsheet.facts.amounts import CostKind as CostKind
from factsheet.facts.amounts import Currency as Currency
from factsheet.facts.amounts import Money as Money
from factsheet.facts.amounts import Period as Period
from factsheet.facts.amounts import Quantity as Quantity
from factsheet.facts.analytic import BottomLine, Disagreement, EndMatter, Judgment
from factsheet.facts.dates import DateText as DateText
from factsheet.facts.dates import DateValue as DateValue
from factsheet.facts.dates import Part as Part
from factsheet.facts.dates import Precision as Precision
from factsheet.facts.dates import Relation as Relation
from factsheet.facts.dates import as_text, precision_of
from factsheet.facts.dates import check_date_value as check_date_value
from factsheet.facts.values import AsOf, LanguageTag, PartialDate, Title, YearRange

SCHEMA_VERSION = 2
"""The version of the fact model; every facts file states the one it was written for."""

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        max_length=64,
        description="A short, unique, lower-case id (letters, digits, hyphens).",
    ),
]

def _bare_when(value: Any) -> Any:
    """`when: 2022` or `when: 2022-08` typed bare is that date, not the id of a date fact."""
    value = as_text(value)
    if isinstance(value, str) and precision_of(value) is not None:
        return {"value": value}
    return value


When = Annotated[Id | DateValue, BeforeValidator(_bare_when)]
"""A date: the id of a date fact, a date written in place ({value: 2022-08, part: mid}), or just 2022-08."""


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


class Standing(StrEnum):
    """Whether something is established, or rests on someone's word and how."""

    established = "established"
    reported = "reported"
    confirmed = "confirmed"
    claimed = "claimed"
    assessed = "assessed"
    denied = "denied"
    disputed = "disputed"


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


class Stance(Strict):
    """Another party's position on a fact: who confirms, denies or disputes it."""

    by: Id
    """Id of the actor taking this position."""
    standing: Standing
    """Their position: usually confirmed, denied or disputed."""
    how: str | None = None
    """How they put it, in the source's words: 'Tehran denied supplying drones'."""
    cites: list[Quote] = []
    """Quotes reporting this position, when the fact's own quotes do not."""


class Fact(Strict):
    """Common to every fact: an id, the quotes that support it, and who stands behind it."""

    id: Id
    """Unique id of this fact within the facts file."""
    cites: list[Quote] = Field(min_length=1)
    """The quotes that support this fact; at least one."""
    according_to: Attribution | None = None
    """Set when the fact rests on someone's claim or report rather than being established."""
    standing: Standing | None = None
    """Reported, confirmed, claimed, assessed, denied or disputed (needs 'according_to'); unset means as stated."""
    stances: list[Stance] = []
    """Other parties' positions on it: 'denied by Iran', 'confirmed by the Pentagon'."""
    review: Literal["curated", "draft"] = "curated"
    """'draft' for machine-proposed facts an analyst has not yet reviewed; builds refuse drafts."""

    @model_validator(mode="after")
    def _attributed(self) -> Fact:
        if self.standing is not None and self.standing is not Standing.established and self.according_to is None:
            raise ValueError(f"a {self.standing.value} fact needs 'according_to' (who says so)")
        return self

    def quotes(self) -> list[tuple[tuple[str | int, ...], Quote]]:
        """Every quote of this fact with its path below the fact: ('cites', 0), ('items', 2, 'cites', 0)..."""
        out: list[tuple[tuple[str | int, ...], Quote]] = [(("cites", i), q) for i, q in enumerate(self.cites)]
        for si, stance in enumerate(self.stances):
            out.extend((("stances", si, "cites", i), q) for i, q in enumerate(stance.cites))
        return out


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


class SourceKind(StrEnum):
    """What kind of document a source is."""

    official = "official"
    news = "news"
    think_tank = "think tank"
    social_media = "social media"
    academic = "academic"
    other = "other"


class Source(Strict):
    """A source document kept in seeds/."""

    id: Id
    """Id that quotes use to name this source."""
    file: str
    """Path of the source text, relative to the seeds/ folder."""
    title: Title
    """Title of the document (the headline for an article)."""
    kind: SourceKind | None = None
    """Official, news, think tank, social media, academic or other."""
    publisher: str | None = None
    """Who published it (outlet, ministry)."""
    author: str | None = None
    """Who wrote it, as credited."""
    date: PartialDate | None = None
    """Publication date if known: YYYY, YYYY-MM or YYYY-MM-DD (the shape is its precision)."""
    date_note: str | None = None
    """How the publication date was established when the document does not state it."""
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    """Where the document was published: https://..."""
    accessed: dt.date | None = None
    """The day the document was read at its URL: YYYY-MM-DD."""
    licence: str | None = None
    """Its licence or reuse terms: 'public domain (US federal work)', 'Open Government Licence v3.0'."""
    language: str | None = Field(default=None, pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
    """Language of the document, a BCP 47 tag: en, nb, uk."""
    reliability: Grade | None = None
    """Reliability grade A-F (NATO/Admiralty scale); None when not graded."""
    relies_on: list[Id] | None = None
    """Ids of other sources in this file that this one takes its information from (not independent of them)."""
    note: str | None = None
    """How the text was obtained, when not from the URL itself: 'as archived in ...'."""

    @model_validator(mode="before")
    @classmethod
    def _bare_dates(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data = {**data, **{k: as_text(data[k]) for k in ("date", "accessed") if k in data}}
        return data

    @model_validator(mode="after")
    def _valid_date(self) -> Source:
        if self.date is not None and check_date_value(self.date) not in (
            Precision.year, Precision.month, Precision.day
        ):
            raise ValueError(f"date {self.date!r}: a publication date is YYYY, YYYY-MM or YYYY-MM-DD")
        return self


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
    part_of: Id | None = None
    """Id of the actor this one belongs to: the Council within the EU, the armed forces within a state."""


class PlaceKind(StrEnum):
    """What kind of place."""

    country = "country"
    region = "region"
    city = "city"
    facility = "facility"
    area = "area"
    sea = "sea"
    other = "other"


class Place(Fact):
    """A country, region, city or facility the sources name."""

    name: str
    """The name the briefing uses: 'Crimea', 'Alabuga special economic zone'."""
    kind: PlaceKind
    """Country, region, city, facility, area, sea or other."""
    within: Id | None = None
    """Id of the place this one lies in: a plant within a region, a region within a country."""
    aliases: list[str] = []
    """Other names or spellings the sources use."""


class SystemCategory(StrEnum):
    """Broad category of a weapon system or item of equipment."""

    aircraft = "aircraft"
    helicopter = "helicopter"
    uav = "UAV"
    micro_uav = "micro UAV"
    loitering_munition = "loitering munition"
    counter_uav = "counter-UAV"
    missile = "missile"
    anti_tank = "anti-tank weapon"
    air_defence = "air defence"
    radar = "radar"
    artillery = "artillery"
    rocket_artillery = "rocket artillery"
    rocket = "rocket"
    mortar = "mortar"
    ammunition = "ammunition"
    artillery_ammunition = "artillery ammunition"
    armoured_vehicle = "armoured vehicle"
    tank = "tank"
    vehicle = "vehicle"
    small_arms = "small arms"
    explosives = "explosives"
    protective_equipment = "protective equipment"
    medical_equipment = "medical equipment"
    communications = "communications"
    electronic_warfare = "electronic warfare"
    intelligence = "intelligence"
    naval = "naval"
    other = "other"


class System(Fact):
    """A weapon system, class of munitions or item of equipment."""

    designation: str
    """The name the briefing uses: 'Mohajer-6', 'Black Hornet'."""
    family: str | None = None
    """Family or series, e.g. 'Shahed'."""
    category: SystemCategory
    """Broad category."""
    aliases: list[str] = []
    """Other names and spellings the sources use: 'Geran-2', 'Shahed 136'."""
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
    quantity: Quantity | None = None
    """How many, as the source states it: {value: 250, bound: about} or {stated: millions, magnitude: 6}."""
    when: When | None = None
    """When it happened or was announced: a date fact's id, or a date in place."""
    when_stated: str | None = None
    """Time as the source states it when there is no date: 'before the conflict'."""
    part_of: Id | None = None
    """Id of the package, contract or programme this transfer belongs to (a batch of a contract)."""
    place: Id | None = None
    """Id of the place it was delivered to or from."""
    note: str | None = None
    """A short analyst's note, printed with the transfer."""


class Cost(Fact, Amount):
    """An amount of money the sources state: a price, a package's value, a running total or a rate."""

    what: str | None = None
    """What the money is, in the analyst's words, when 'pays_for' is not enough: 'total US aid since 2021'."""
    pays_for: Id | None = None
    """Id of the package, system or transfer the money is for; leave out for a total or a fund's budget."""
    when: When | None = None
    """When the amount applies or was stated."""

    @model_validator(mode="after")
    def _says_what(self) -> Cost:
        if self.pays_for is None and not self.what:
            raise ValueError("a cost needs 'pays_for' (a package, system or transfer id) or 'what' it is")
        return self


class PackageKind(StrEnum):
    """What kind of package."""

    aid_package = "aid package"
    drawdown = "drawdown"
    tranche = "tranche"
    fund = "fund"
    contribution = "contribution"
    contract = "contract"
    sale = "sale"
    programme = "programme"
    loan = "loan"
    other = "other"


class PackageItem(Strict):
    """One line of a package's list: a system and how many."""

    system: Id
    """Id of the system or equipment."""
    quantity: Quantity | None = None
    """How many, as the list states it; leave out when it gives none."""
    note: str | None = None
    """Words of the list the system and quantity do not hold: 'and ammunition', 'for 155mm artillery'."""
    cites: list[Quote] = []
    """The list line it comes from, when the package's own quotes do not cover it."""


class Package(Fact):
    """An aid package, drawdown, tranche, fund, contribution, contract or sale."""

    name: str
    """The name the briefing uses: 'Drawdown of 16 March 2022', 'European Peace Facility'."""
    kind: PackageKind
    """Aid package, drawdown, tranche, fund, contribution, contract, sale, programme, loan or other."""
    funders: list[Id] = []
    """Ids of the actors that pay."""
    providers: list[Id] = []
    """Ids of the actors that supply the items, when not the funders."""
    recipient: Id | None = None
    """Id of the receiving actor."""
    value: Amount | None = None
    """Its value as stated: {amount: 800000000, currency: USD}."""
    status: TransferStatus | None = None
    """Where it stands: planned, agreed, delivered..."""
    announced: When | None = None
    """When it was announced."""
    agreed: When | None = None
    """When it was agreed, signed or adopted."""
    delivered_by: When | None = None
    """When it is (or was) to be delivered by."""
    items: list[PackageItem] = []
    """What it contains, line by line, as listed."""
    part_of: Id | None = None
    """Id of the package it belongs to: a tranche of a fund, a batch of a contract, a package under a programme."""
    place: Id | None = None
    """Id of the place it concerns, if any."""
    note: str | None = None
    """A short analyst's note, printed with the package."""

    def quotes(self) -> list[tuple[tuple[str | int, ...], Quote]]:
        """The package's quotes and those of its items."""
        out = super().quotes()
        for ii, item in enumerate(self.items):
            out.extend((("items", ii, "cites", i), q) for i, q in enumerate(item.cites))
        return out


class EventKind(StrEnum):
    """What kind of happening."""

    launch = "launch"
    strike = "strike"
    interception = "interception"
    shoot_down = "shoot-down"
    sanction = "sanction"
    licence_granted = "licence granted"
    licence_withdrawn = "licence withdrawn"
    agreement = "agreement signed"
    decision = "decision"
    announcement = "announcement"
    production_started = "production started"
    delivery = "delivery"
    meeting = "meeting"
    other = "other"


class Event(Fact):
    """A dated happening that is not a transfer: a launch, a shoot-down, a sanction, a licence withdrawn."""

    kind: EventKind
    """What kind of happening."""
    what: str
    """What happened, in a short phrase: 'Russia launches Shahed drones at Kyiv'."""
    when: When | None = None
    """When: a date fact's id, or a date in place ({value: 2022-10-17})."""
    when_stated: str | None = None
    """Time as the source states it when there is no date."""
    actors: list[Id] = []
    """Ids of the actors involved."""
    system: Id | None = None
    """Id of the system involved, if any."""
    quantity: Quantity | None = None
    """How many (launched, shot down...), as stated."""
    place: Id | None = None
    """Id of where it happened."""


class DateFact(Fact, DateValue):
    """A dated event."""

    event: str
    """What happened, in a short phrase: 'Russia invades Ukraine'."""


class Statement(Fact):
    """A key point or claim in one sentence."""

    text: str
    """The statement, in the analyst's words."""
    standing: Standing = Standing.established
    """Established, or reported/confirmed/claimed/assessed/denied/disputed by someone (needs 'according_to')."""


class Gap(Fact):
    """Something the sources themselves say is not known."""

    text: str
    """What is not known."""


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
