"""The kinds of fact: actors, places, systems, transfers, costs, packages, events, dates, statements and gaps."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, model_validator

from factsheet.facts.amounts import Amount, Quantity
from factsheet.facts.core import Fact, Id, Quote, Standing, Strict, When
from factsheet.facts.dates import DateValue


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
