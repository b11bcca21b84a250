"""From findings to the new kinds of facts: packages with their items, the systems items name, and places.

Shared by `extract()`: a `Builder` hands out unique ids and quotes cut from the text.
"""

from __future__ import annotations

import bisect
import re

from factsheet.extract.actors import ActorFinding
from factsheet.extract.dates import DateMention
from factsheet.extract.gazetteer import Gazetteer
from factsheet.extract.lexicon import category_of
from factsheet.extract.packages import ItemFinding, PackageFinding
from factsheet.extract.systems import SystemCandidate, SystemFinding
from factsheet.extract.text import Ids, Sentence, quote, sentence_at
from factsheet.facts.amounts import Amount
from factsheet.facts.model import (
    ActorKind,
    Attribution,
    Package,
    PackageItem,
    Place,
    PlaceKind,
    Quote,
    SystemCategory,
)

_PARTY = (ActorKind.state, ActorKind.government, ActorKind.organisation, ActorKind.military)
_ITEM_CATEGORIES = (
    (r"radar", SystemCategory.radar),
    (r"helicopter|\bmi-\d", SystemCategory.helicopter),
    (r"aircraft|jets?\b|fighter", SystemCategory.aircraft),
    (r"counter-(?:drone|uas|unmanned)|c-uas", SystemCategory.counter_uav),
    (r"air defen[cs]e|anti-aircraft|surface-to-air|interceptor", SystemCategory.air_defence),
    (r"anti-(?:tank|armou?r)", SystemCategory.anti_tank),
    (r"(?:artillery|howitzer|155 ?mm|105 ?mm|152 ?mm|122 ?mm).*(?:round|shell|ammunition|munition)|"
     r"(?:round|shell|ammunition)s? of (?:155|105|152|122)", SystemCategory.artillery_ammunition),
    (r"rocket system|rocket launcher|mlrs", SystemCategory.rocket_artillery),
    (r"mortar", SystemCategory.mortar),
    (r"ammunition|rounds|munitions|shells", SystemCategory.ammunition),
    (r"howitzer|artillery", SystemCategory.artillery),
    (r"\btanks?\b", SystemCategory.tank),
    (r"armou?red|infantry (?:fighting )?vehicle|apc|mrap|personnel carrier", SystemCategory.armoured_vehicle),
    (r"vehicle|truck|hmmwv|humvee", SystemCategory.vehicle),
    (r"rifle|pistol|machine gun|shotgun|grenade launcher|small arms", SystemCategory.small_arms),
    (r"explosive|demolition|c-4|claymore|mine", SystemCategory.explosives),
    (r"body armou?r|helmet|protective|night vision|cold weather|gear", SystemCategory.protective_equipment),
    (r"medical|first aid", SystemCategory.medical_equipment),
    (r"communication|radio", SystemCategory.communications),
    (r"electronic warfare|jamm", SystemCategory.electronic_warfare),
    (r"imagery|satellite|intelligence|surveillance", SystemCategory.intelligence),
    (r"boat|vessel|ship|naval|coastal", SystemCategory.naval),
    (r"missile", SystemCategory.missile),
    (r"rocket", SystemCategory.rocket),
)


class Builder:
    """Turns the findings into model facts with unique ids and verbatim quotes."""

    def __init__(self, text: str, sentences: list[Sentence], source_id: str) -> None:
        self.text, self.sentences, self.source = text, sentences, source_id
        self.ids = Ids()

    def cite(self, sentence: int, start: int, end: int, before: int, after: int, min_words: int = 4) -> Quote:
        """A verbatim quote around `text[start:end]`, unique in the text."""
        found = quote(self.text, self.sentences[sentence], start, end, before, after, min_words)
        return Quote(source=self.source, text=" ".join(found.split()))


def item_category(what: str) -> SystemCategory:
    """The category an item phrase names: 'counter-artillery radars' -> radar, '155mm rounds' -> artillery
    ammunition, 'body armor' -> protective equipment; else what the weapon nouns say."""
    lowered = what.lower()
    for pattern, category in _ITEM_CATEGORIES:
        if re.search(pattern, lowered):
            return category
    return category_of(what)


def item_systems(packages: list[PackageFinding], systems: SystemFinding) -> dict[int, str]:
    """For each item (by its start), the key of the system it names: a named system inside its words, or
    a new system for the class of equipment the item phrase names ('155mm artillery ammunition')."""
    out: dict[int, str] = {}
    named = sorted((m for m in systems.mentions if not m.generic), key=lambda m: m.start)
    starts = [m.start for m in named]
    for package in packages:
        for item in package.items:
            first = bisect.bisect_left(starts, item.start)
            inside = named[first : bisect.bisect_left(starts, item.end, first)]
            if inside:
                out[item.start] = inside[0].keys[0]
                if inside[0].start > item.start + 1 and not item.note:
                    words = " ".join(item.what.split())
                    system = systems.systems[inside[0].keys[0]]
                    rest = re.sub(re.escape(system.designation), "", words, flags=re.IGNORECASE).strip(" ,")
                    item.note = rest or None
                continue
            key = _class_key(item)
            if key not in systems.systems:
                systems.systems[key] = SystemCandidate(
                    key, _designation(item.what), item_category(item.what), (item.start, item.end), item.sentence,
                    generic_class=f"item:{key}")
            out[item.start] = key
    return out


def _designation(what: str) -> str:
    what = re.sub(r"\s*\([^)]*\)", "", what).strip()
    return what if re.match(r"[A-Z]{2}|[A-Z][a-z]+[A-Z]|[A-Z][\w-]*\s+[A-Z]", what) else what[:1].lower() + what[1:]


def _class_key(item: ItemFinding) -> str:
    return "item: " + " ".join(_designation(item.what).lower().split())


_FUNDING_VERB = re.compile(r"(?<![-\w])(?:announc|authori[sz]|provid|commit|pledg|adopt|send|sending|give|giving|gave|"
                           r"donat|approv|allocat|deliver|agree|sign|fund|financ|add)\w*", re.IGNORECASE)


def _recipient_and_funders(build: Builder, actors: ActorFinding, sentence: int, ids: dict[str, str]
                           ) -> tuple[str | None, list[str]]:
    """The package's recipient ('for Ukraine', 'to Ukraine') and funder (the party right before the verb
    that announces, provides or commits it)."""
    here = [m for m in actors.in_sentence(sentence) if actors.actors[m.key].kind in _PARTY
            and build.text[m.end : m.end + 1] != "-"]
    recipient = next((m for m in here if re.search(r"\b(?:for|to)\s+(?:the\s+)?$",
                                                     build.text[max(0, m.start - 12) : m.start])), None)
    funders: list[str] = []
    start = build.sentences[sentence].start
    for verb in _FUNDING_VERB.finditer(build.text, start, build.sentences[sentence].end):
        before = [m for m in here if m.end <= verb.start() and (recipient is None or m.key != recipient.key)
                  and "," not in build.text[m.end : verb.start()]]
        if before:
            funders = [before[-1].key]
            break
    return (ids[recipient.key] if recipient else None), [ids[k] for k in funders if k in ids]


def packages(build: Builder, found: list[PackageFinding], actors: ActorFinding, actor_ids: dict[str, str],
             system_ids: dict[str, str], item_keys: dict[int, str], dates: list[DateMention],
             date_ids: dict[int, str]) -> tuple[list[Package], dict[int, str]]:
    """The packages as facts, and for each package's value (by the amount's start) the package id."""
    out, value_of = [], {}
    dates_in: dict[int, list[DateMention]] = {}
    for date_mention in dates:
        dates_in.setdefault(date_mention.sentence, []).append(date_mention)
    for finding in found:
        if not finding.items and finding.value is None:
            continue
        ident = build.ids.claim(finding.name)
        recipient, funders = _recipient_and_funders(build, actors, finding.sentence, actor_ids)
        money = finding.value
        value = Amount(amount=money.amount, currency=money.currency, bound=money.bound) if money else None
        for mention in ([money] if money else []) + finding.restated:
            value_of[mention.start] = ident
        announced = next((date_ids[d.start] for d in dates_in.get(finding.sentence, []) if d.start in date_ids), None)
        items = []
        for item in finding.items:
            cite = build.cite(item.sentence, item.start, item.end, 2, 2, 2)
            items.append(PackageItem(system=system_ids[item_keys[item.start]], quantity=item.quantity,
                                     note=item.note, cites=[cite]))
        out.append(Package(
            id=ident, name=finding.name, kind=finding.kind, funders=funders, recipient=recipient, value=value,
            announced=announced, items=items, review="draft",
            cites=[build.cite(finding.sentence, *finding.span, 6, 6)],
        ))
    return out, value_of


def places(build: Builder, actors: ActorFinding, gazetteer: Gazetteer,
           dateline: list[tuple[int, int]]) -> list[Place]:
    """Countries and cities the text names as places ('in Brussels', 'Ambassador to Slovakia')."""
    spans = [*actors.places, *((a, b, build.text[a:b]) for a, b in dateline)]
    out: dict[str, Place] = {}
    for start, end, surface in sorted(spans):
        holder = sentence_at(build.sentences, start)
        if holder is None:
            continue
        for part in [p.strip() for p in surface.split(",") if p.strip()]:
            offset = build.text.find(part, start, end)
            name, kind = _place_name(part, gazetteer)
            if name in out or offset < 0:
                continue
            out[name] = Place(id=build.ids.claim(f"{name}-place" if name in _actor_names(actors) else name),
                              name=name, kind=kind, review="draft",
                              cites=[build.cite(holder.index, offset, offset + len(part), 3, 3, 3)])
    for place in out.values():
        within = _within(place.name, gazetteer)
        if within and within in out and place.kind is PlaceKind.city:
            out[place.name] = place.model_copy(update={"within": out[within].id})
    return list(out.values())


def _actor_names(actors: ActorFinding) -> set[str]:
    return {a.name for a in actors.actors.values()}


def _place_name(surface: str, gazetteer: Gazetteer) -> tuple[str, PlaceKind]:
    hits = gazetteer.find(surface)
    if hits and hits[0].kind == "country":
        if hits[0].via == "capital":
            return (surface.title() if surface.isupper() else surface), PlaceKind.city
        return hits[0].name, PlaceKind.country
    return (surface.title() if surface.isupper() else surface), PlaceKind.city


def _within(city: str, gazetteer: Gazetteer) -> str | None:
    hits = gazetteer.find(city)
    return hits[0].name if hits and hits[0].kind == "country" and hits[0].via == "capital" else None


def attributed(found: tuple[str, str] | None, actor_ids: dict[str, str]) -> Attribution | None:
    """The attribution an (actor key, how) finding stands for, when that actor is a fact."""
    return Attribution(by=actor_ids[found[0]], how=found[1]) if found and found[0] in actor_ids else None
