"""`factsheet extract`: propose draft facts for a seed text, each with the exact quote that supports it.

Offline and deterministic: a gazetteer and patterns, no model and no network. The stages are plain
functions: sentences -> actors -> systems -> dates, money -> transfers -> a `Draft` of model objects.
Findings become facts here (actors, systems, transfers), in `datefacts` (dates), `costfacts` (money)
and `assemble` (packages, places).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import PurePosixPath

from factsheet.collector import paused
from factsheet.extract import assemble
from factsheet.extract.actors import ActorFinding, add_author, aliases_of, find_actors, surname_mentions
from factsheet.extract.assemble import Builder, attributed, item_systems
from factsheet.extract.costfacts import costs_of
from factsheet.extract.credits import find_credits, source_kind
from factsheet.extract.datefacts import dates_of, latest_date
from factsheet.extract.dates import find_dates
from factsheet.extract.draft import Draft
from factsheet.extract.events import find_events
from factsheet.extract.gazetteer import Gazetteer, shipped
from factsheet.extract.money import find_money
from factsheet.extract.packages import find_packages
from factsheet.extract.systems import SystemCandidate, SystemFinding, find_systems
from factsheet.extract.text import slug, split_sentences
from factsheet.extract.transfers import TransferCandidate, find_transfers, standing
from factsheet.facts.amounts import quantity_from_words
from factsheet.facts.model import Actor, Meta, Source, System, Transfer

__all__ = ["Draft", "extract"]


def _prune_generic(systems: SystemFinding, transfers: list[TransferCandidate], item_keys: dict[int, str]) -> None:
    """Generic phrases ('Iranian drones', 'attack drones') stay systems only when something is transferred
    or listed as them; a generic phrase that is only mentioned is not a system."""
    used = {t.system for t in transfers} | set(item_keys.values())
    for key in [k for k, s in systems.systems.items() if s.generic_class and k not in used]:
        del systems.systems[key]
    systems.mentions = [m for m in systems.mentions if all(k in systems.systems for k in m.keys)]


def _id_name(name: str) -> str:
    return re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)


def extract(text: str, source_file: str, as_of: date | None, *, gazetteer: Gazetteer | None = None,
            source_id: str | None = None, title: str | None = None) -> Draft:
    """Propose draft facts for `text` (the seed `source_file`, relative to seeds/), every one quoting it.

    `as_of` is the date the text was current to; years the text leaves out are inferred from it.
    Raises ValueError when there is no `as_of` and the text states no date to stand in for it.
    """
    with paused():  # millions of small, acyclic findings: the cyclic collector only costs time (a third at 1 MB)
        return _extract(text, source_file, as_of, gazetteer or shipped(), source_id, title)


def _extract(text: str, source_file: str, as_of: date | None, gazetteer: Gazetteer, source_id: str | None,
             title: str | None) -> Draft:
    """The stages of `extract`, in order."""
    sentences = split_sentences(text)
    credits = find_credits(text, sentences, gazetteer)
    actors = find_actors(text, sentences, gazetteer, credits.places)
    if credits.author and (credits.author_role or re.search(r"\bI (?:am|have|had|will|was)\b", text)):
        # the author acts in the text (a minister's statement in the first person), not a reporter
        add_author(text, sentences, actors, credits.author, credits.author_role)
    surname_mentions(text, sentences, actors)
    systems = find_systems(text, sentences, gazetteer, actors)
    dates = find_dates(text, sentences, as_of, credits.date)
    money = find_money(text, sentences)
    transfers = find_transfers(text, sentences, actors, systems, dates)
    package_findings = find_packages(text, sentences, money)
    item_keys = item_systems(package_findings, systems)
    _prune_generic(systems, transfers, item_keys)

    stem = PurePosixPath(source_file).name.removesuffix(".txt")
    build = Builder(text, sentences, source_id or slug(stem))
    build.ids.taken.add(build.source)
    notes: dict[str, list[str]] = {}
    actor_ids = {key: build.ids.claim(_id_name(a.name)) for key, a in actors.actors.items()}
    system_ids = {key: build.ids.claim(_id_name(s.designation)) for key, s in systems.systems.items()}
    date_facts, date_ids = dates_of(build, dates, notes)
    transfer_facts, transfer_ids = _transfers(build, transfers, actor_ids, system_ids, date_ids)
    place_facts = assemble.places(build, actors, gazetteer, credits.places)
    event_facts = find_events(build, actors, systems, dates, actor_ids, system_ids, date_ids, place_facts)
    package_facts, package_of = assemble.packages(build, package_findings, actors, actor_ids, system_ids, item_keys,
                                                  dates, date_ids)
    meta_date = as_of or credits.date or latest_date(date_facts)
    if meta_date is None:
        raise ValueError("the text states no date up to today: pass --as-of YYYY-MM-DD, the date the text was "
                         "current to")
    if credits.date_note:
        notes.setdefault("dates", []).append(f"dateline: {credits.date_note}")
    shown_title = title or credits.title or _title(stem)
    return Draft(
        source=Source(id=build.source, file=source_file, title=shown_title, publisher=credits.publisher,
                      kind=source_kind(credits.publisher, gazetteer),
                      author=credits.author, date=credits.date.isoformat() if credits.date else None),
        meta=_meta(shown_title, meta_date),
        actors=_actors(build, actors, actor_ids),
        places=place_facts,
        systems=_systems(build, systems, actor_ids, system_ids, gazetteer),
        packages=package_facts,
        transfers=transfer_facts,
        costs=costs_of(build, money, systems, transfers, transfer_ids, system_ids, actors, actor_ids, notes,
                       package_of),
        dates=date_facts,
        events=event_facts,
        notes=notes,
    )


def _actors(build: Builder, actors: ActorFinding, ids: dict[str, str]) -> list[Actor]:
    aliases = aliases_of(actors, build.text)
    out = []
    for key, actor in sorted(actors.actors.items(), key=lambda item: item[1].core):
        before, after = (1, 1) if actor.person_quote else (3, 5)
        out.append(Actor(
            id=ids[key], name=actor.name, kind=actor.kind, aliases=aliases.get(key, []), role=actor.role,
            review="draft", cites=[build.cite(actor.sentence, *actor.core, before, after)],
        ))
    return out


def _known_origin(system: SystemCandidate, gazetteer: Gazetteer, actor_ids: dict[str, str]) -> str | None:
    """The gazetteer's origin of a named system, when the text names that country as an actor."""
    entry = gazetteer.systems.get(system.key)
    return actor_ids.get(entry.origin or "") if entry is not None else None


def _systems(build: Builder, systems: SystemFinding, actor_ids: dict[str, str],
             ids: dict[str, str], gazetteer: Gazetteer) -> list[System]:
    out = []
    for key, system in sorted(systems.systems.items(), key=lambda item: item[1].core):
        cites = [build.cite(system.sentence, *system.core, 3, 5)]
        for start, end, sentence in system.extra:
            extra = build.cite(sentence, start, end, 3, 5)
            if extra not in cites:
                cites.append(extra)
        out.append(System(
            id=ids[key], designation=system.designation, family=system.family, category=system.category,
            manufacturer=actor_ids.get(system.manufacturer or ""),
            origin=actor_ids.get(system.origin or "") or _known_origin(system, gazetteer, actor_ids),
            use=system.use, review="draft", cites=cites,
        ))
    return out


def _transfers(build: Builder, transfers: list[TransferCandidate], actor_ids: dict[str, str],
               system_ids: dict[str, str], date_ids: dict[int, str]) -> tuple[list[Transfer], dict[int, str]]:
    out, ids = [], {}
    for index, candidate in sorted(enumerate(transfers), key=lambda item: item[1].span):
        ident = build.ids.claim(f"{system_ids[candidate.system]}-to-{actor_ids[candidate.recipient]}")
        ids[index] = ident
        cites = [build.cite(candidate.sentence, *candidate.span, 0, 0, 1)]
        cites += [build.cite(sentence, start, end, 0, 0, 1) for start, end, sentence in candidate.extra]
        out.append(Transfer(
            id=ident, system=system_ids[candidate.system], suppliers=[actor_ids[s] for s in candidate.suppliers],
            recipient=actor_ids[candidate.recipient], status=candidate.status,
            quantity=quantity_from_words(candidate.quantity) if candidate.quantity else None,
            when=date_ids.get(candidate.when.start) if candidate.when else None,
            according_to=attributed(candidate.according_to, actor_ids), review="draft",
            standing=standing(build.text, build.sentences[candidate.sentence])
            if attributed(candidate.according_to, actor_ids) else None,
            cites=list(dict.fromkeys(cites)),
        ))
    return out, ids


def _title(stem: str) -> str:
    return stem.replace("-", " ").replace("_", " ").strip().capitalize() or "Untitled source"


def _meta(title: str, as_of: date) -> Meta:
    """The draft's meta block; a date the model refuses (in the future, out of range) as one plain sentence."""
    from pydantic import ValidationError

    try:
        return Meta(title=title, as_of=as_of)
    except ValidationError as error:
        reasons = "; ".join(str(e["msg"]).removeprefix("Value error, ") for e in error.errors())
        raise ValueError(f"as-of date {as_of.isoformat()}: {reasons} (pass --as-of YYYY-MM-DD)") from None
