"""`factsheet extract`: propose draft facts for a seed text, each with the exact quote that supports it.

Offline and deterministic: a gazetteer and patterns, no model and no network. The stages are plain
functions: sentences -> actors -> systems -> dates, money -> transfers -> a `Draft` of model objects.
"""

from __future__ import annotations

import bisect
import calendar
import gc
import re
from datetime import date
from decimal import Decimal
from pathlib import PurePosixPath

from factsheet.extract import assemble
from factsheet.extract.actors import ActorFinding, add_author, aliases_of, find_actors, surname_mentions
from factsheet.extract.assemble import Builder, item_systems
from factsheet.extract.credits import find_credits, source_kind
from factsheet.extract.dates import DateMention, find_dates
from factsheet.extract.draft import Draft
from factsheet.extract.events import find_events
from factsheet.extract.gazetteer import Gazetteer, shipped
from factsheet.extract.money import MoneyMention, find_money
from factsheet.extract.packages import find_packages
from factsheet.extract.systems import SystemCandidate, SystemFinding, SystemMention, find_systems
from factsheet.extract.text import FUNCTION_WORDS, Sentence, slug, split_sentences
from factsheet.extract.transfers import TransferCandidate, attribution, find_transfers, standing
from factsheet.facts.amounts import CostKind, quantity_from_words
from factsheet.facts.dates import Part, Precision, Relation
from factsheet.facts.model import (
    Actor,
    Attribution,
    Cost,
    DateFact,
    Meta,
    Money,
    Source,
    System,
    Transfer,
)

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


_EVENT_STOP = frozenset(
    (
        "and", "or", "but", "for", "as", "after", "before", "since", "that", "which", "while", "because", "with"
    )
)


def _event(text: str, sentence: Sentence, mention: DateMention) -> str:
    """What happened on a date, in the source's words: its clause without the date."""
    head = " ".join(text[sentence.start : mention.start].split()[-20:])
    while re.search(r",[^,]*,", head):  # drop appositives: "The missiles, made by MBDA, give ..."
        head = re.sub(r",[^,]*,\s*", " ", head, count=1)
    cut = list(re.finditer(r"(?:\bthat\b|\bwhich\b|,)\s*", head))
    for boundary in reversed(cut):
        if len(head[boundary.end() :].split()) >= 4:
            head = head[boundary.end() :]
            break
    else:
        head = " ".join(head.split()[-12:])
    tail: list[str] = []
    rest = text[mention.end : sentence.end]
    if not [w for w in head.split() if w.lower() not in FUNCTION_WORDS]:
        head, rest = "", rest.lstrip(" ,")
    for word in rest.split()[:8]:
        if word.startswith((",", ";")) or (tail and word.strip(",;:.").lower() in _EVENT_STOP - {"with"}):
            break
        if not tail and word.lower() in _EVENT_STOP - {"with"}:
            break
        tail.append(word.rstrip(",;:."))
        if word.endswith((",", ";", ":", ".")):
            break
    words = (head + " " + " ".join(tail)).split()
    while words and words[0].strip(",;:").lower() in FUNCTION_WORDS | {"meanwhile", "hence", "where", "when"}:
        words.pop(0)
    while words and words[-1].strip(",;:").lower() in FUNCTION_WORDS:
        words.pop()
    event = " ".join(words).strip(" ,;:")
    return (event[0].upper() + event[1:]) if event else "Event dated in the source"


def extract(text: str, source_file: str, as_of: date | None, *, gazetteer: Gazetteer | None = None,
            source_id: str | None = None, title: str | None = None) -> Draft:
    """Propose draft facts for `text` (the seed `source_file`, relative to seeds/), every one quoting it.

    `as_of` is the date the text was current to; years the text leaves out are inferred from it.
    Raises ValueError when there is no `as_of` and the text states no date to stand in for it.
    """
    collecting = gc.isenabled()
    gc.disable()  # millions of small, acyclic findings: the cyclic collector only costs time (a third at 1 MB)
    try:
        return _extract(text, source_file, as_of, gazetteer or shipped(), source_id, title)
    finally:
        if collecting:
            gc.enable()


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
    date_facts, date_ids = _dates(build, dates, notes)
    transfer_facts, transfer_ids = _transfers(build, transfers, actor_ids, system_ids, date_ids)
    place_facts = assemble.places(build, actors, gazetteer, credits.places)
    event_facts = find_events(build, actors, systems, dates, actor_ids, system_ids, date_ids, place_facts)
    package_facts, package_of = assemble.packages(build, package_findings, actors, actor_ids, system_ids, item_keys,
                                                  dates, date_ids)
    meta_date = as_of or credits.date or _latest(date_facts)
    if meta_date is None:
        raise ValueError("the text states no date: pass --as-of YYYY-MM-DD, the date the text was current to")
    if credits.date_note:
        notes.setdefault("dates", []).append(f"dateline: {credits.date_note}")
    shown_title = title or credits.title or _title(stem)
    return Draft(
        source=Source(id=build.source, file=source_file, title=shown_title, publisher=credits.publisher,
                      kind=source_kind(credits.publisher, gazetteer),
                      author=credits.author, date=credits.date.isoformat() if credits.date else None),
        meta=Meta(title=shown_title, as_of=meta_date),
        actors=_actors(build, actors, actor_ids),
        places=place_facts,
        systems=_systems(build, systems, actor_ids, system_ids, gazetteer),
        packages=package_facts,
        transfers=transfer_facts,
        costs=_costs(build, money, systems, transfers, transfer_ids, system_ids, actors, actor_ids, notes, package_of),
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


def _dates(build: Builder, dates: list[DateMention], notes: dict[str, list[str]]
           ) -> tuple[list[DateFact], dict[int, str]]:
    out, ids = [], {}
    for mention in dates:
        sentence = build.sentences[mention.sentence]
        shown = " ".join(build.text[mention.start : mention.end].split())
        if mention.value is None:
            notes.setdefault("dates", []).append(f"not proposed: {shown!r}: {mention.problem}")
            continue
        if mention.note:
            notes.setdefault("dates", []).append(mention.note)
        event = _event(build.text, sentence, mention)
        words = [w for w in re.findall(r"[\w-]+", event) if w.lower() not in FUNCTION_WORDS]
        ident = build.ids.claim(f"{mention.value}-{' '.join(words[:3])}")
        ids[mention.start] = ident
        value, precision, part, relation = _date_shape(build.text, mention)
        out.append(DateFact(
            id=ident, event=event, value=value, precision=precision, part=part, end=mention.last,
            relation=Relation.on if mention.last else relation,
            year_inferred=mention.year_inferred, inferred_from=mention.inferred_from, review="draft",
            cites=[build.cite(mention.sentence, mention.start, mention.end, 8, 6, 5)],
        ))
    return out, ids


_RELATIONS = {"since": Relation.since, "by": Relation.by, "until": Relation.until, "before": Relation.before,
              "after": Relation.after, "from": Relation.since}


def _date_shape(text: str, mention: DateMention) -> tuple[str, Precision, Part | None, Relation]:
    """A date mention in the model's terms: a season as '2022-summer', 'mid-2023' as part mid, 'since August
    2021' as an open period, 'by the end of the year' as a deadline."""
    value, precision = mention.value or "", mention.precision
    part = None
    shown = text[mention.start : mention.end]
    said = re.search(r"\b(early|mid|late)(?:-|\s+)(?=[A-Z\d])", shown, re.IGNORECASE)
    if said and not mention.part and precision is not Precision.day:
        part = Part(said.group(1).lower())  # "in mid-June", "late August"
    if mention.part in ("early", "mid", "late"):
        part = Part(mention.part)
    elif mention.part:
        value, precision = f"{value}-{'autumn' if mention.part == 'fall' else mention.part}", Precision.season
    first = text[mention.start : mention.end].split()[0].lower() if mention.end > mention.start else ""
    relation = Relation(mention.relation) if mention.relation else _RELATIONS.get(first, Relation.on)
    if relation is Relation.since and first == "from" and " to " in text[mention.end : mention.end + 4]:
        relation = Relation.on
    return value, precision, part, relation


def _attributed(found: tuple[str, str] | None, actor_ids: dict[str, str]) -> Attribution | None:
    return Attribution(by=actor_ids[found[0]], how=found[1]) if found and found[0] in actor_ids else None


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
            according_to=_attributed(candidate.according_to, actor_ids), review="draft",
            standing=standing(build.text, build.sentences[candidate.sentence])
            if _attributed(candidate.according_to, actor_ids) else None,
            cites=list(dict.fromkeys(cites)),
        ))
    return out, ids


_ANAPHOR = re.compile(
    r"(?:They|It|These|This|Those|Each|The\s+(?:\w+\s+){0,2}(?:deal|contract|order|package|purchase|sale|missiles|"
    r"drones|systems|weapons|tanks|rounds|shells|aircraft|vehicles|batch|delivery|deliveries|UAVs|launchers))\b"
)


def _pays_for(money: MoneyMention, build: Builder, systems: SystemFinding, transfers: list[TransferCandidate],
              transfer_ids: dict[int, str], system_ids: dict[str, str]) -> tuple[str | None, str]:
    """The transfer or system `money` pays for: the nearest system in its sentence, or, when the sentence
    opens by referring back ("They are expected to cost ..."), in the two sentences before it."""
    body = [s.index for s in build.sentences[max(0, money.sentence - 12) : money.sentence + 1] if s.body][-3:]
    if not _ANAPHOR.match(build.sentences[money.sentence].text):
        body = body[-1:]
    for index in reversed(body):
        here = [m for m in systems.mentions[_first_at(systems.mentions, index):] if m.sentence == index] \
            if systems.mentions else []
        if not here:
            continue
        if index == money.sentence:
            nearest = min(here, key=lambda m: min(abs(m.start - money.start), abs(m.end - money.start)))
        else:
            nearest = here[-1]
        key = nearest.keys[0]
        for t_index, candidate in enumerate(transfers):
            if candidate.system == key and body[0] <= candidate.sentence <= money.sentence:
                return transfer_ids[t_index], system_ids[key]
        return system_ids[key], system_ids[key]
    return None, ""


_WHAT_AFTER = re.compile(
    r"\s*(?:(?:in|of|for|worth of|under)\b|to (?=an?\s|the\s))\s*(?P<what>[^,.;:()\u2014]{3,90})")
_WHAT_NOUN = re.compile(
    r"\s+(?P<what>(?:[\w-]+\s+){0,2}(?:package|commitment|tranche|drawdown|contract|deal|fund|loan|grant|contribution|"
    r"investment|order|sale|aid|budget|price tag|funding|pledge|purchase)s?)\b")
_WHAT_TOTAL = re.compile(r"\b(?P<what>total\s+[^,;$\u20ac\u00a3]{3,70}?)\s+(?:to|at|of)\s+(?:[a-z]+\s+){0,3}$")
_WHAT_BEFORE = re.compile(r"(?P<what>[^,.;:()\u2014]{3,90}?)\s+(?:valued at|worth|of|totall?ing|amounting to|at)"
                          r"(?:\s+(?:up to|about|approximately|around|nearly|more than|over|some))?\s*$")
_WHAT_STOP = re.compile(r"\s+(?:to|that|which|who|since|from|as|and|but|will|would|is|are|was|were|has|have)\b.*$")


def _what(text: str, sentence: Sentence, money: MoneyMention) -> str:
    """What an amount is: its phrase, and for a short one the period it covers ('total since the start of ...')."""
    what = _what_phrase(text, sentence, money)
    since = re.match(r"\s+((?:since|to date|so far)\b[^,.;:()]{0,60})", text[money.end : sentence.end])
    if since and len(what.split()) < 3:
        return f"{what} {since.group(1).strip()}" if what != _NO_WHAT else since.group(1).strip()
    return what


_NO_WHAT = "an amount the source states"


def _what_phrase(text: str, sentence: Sentence, money: MoneyMention) -> str:
    """What an amount is, in the source's words: the phrase after it ('in security assistance for Ukraine')
    or before it ('a drawdown ... valued at'); the reviewer can tighten it."""
    total = _WHAT_TOTAL.search(text, sentence.start, money.start)
    if total:
        return " ".join(total.group("what").split())
    noun = _WHAT_NOUN.match(text, money.end, sentence.end)
    if noun and not re.match(r"(?:in|of|for|to|under|and|or)\b", noun.group("what")):
        return " ".join(noun.group("what").split())
    after = _WHAT_AFTER.match(text, money.end, sentence.end)
    if after:
        words = _WHAT_STOP.sub("", after.group("what")).split()
        if words:
            return " ".join(words[:10])
    before = _WHAT_BEFORE.search(text, sentence.start, money.start)
    if before:
        words = before.group("what").split()
        while words and words[0].lower() in FUNCTION_WORDS | {"including", "includes", "included"}:
            words.pop(0)
        if words:
            return " ".join(words[-8:])
    return _NO_WHAT


_SENTENCES_OF: list[tuple[list[SystemMention], list[int]]] = []


def _first_at(mentions: list[SystemMention], sentence: int) -> int:
    """Index of the first mention in or after `sentence` (mentions are in text order)."""
    if not _SENTENCES_OF or _SENTENCES_OF[0][0] is not mentions or len(_SENTENCES_OF[0][1]) != len(mentions):
        _SENTENCES_OF[:] = [(mentions, [m.sentence for m in mentions])]
    return bisect.bisect_left(_SENTENCES_OF[0][1], sentence)


def _costs(build: Builder, money: list[MoneyMention], systems: SystemFinding, transfers: list[TransferCandidate],
           transfer_ids: dict[int, str], system_ids: dict[str, str], actors: ActorFinding,
           actor_ids: dict[str, str], notes: dict[str, list[str]],
           package_of: dict[int, str] | None = None) -> list[Cost]:
    """Every amount of money as a cost: paying for a package, transfer or system when the text says which,
    else standing for what its words say (a total, a tranche, a fund contribution, a rate)."""
    out: list[Cost] = []
    restated: dict[tuple[str, Decimal, str], int] = {}
    for mention in money:
        sentence = build.sentences[mention.sentence]
        pays_for, system_id = None, ""
        if mention.kind not in (CostKind.cumulative, CostKind.rate):
            pays_for, system_id = _pays_for(mention, build, systems, transfers, transfer_ids, system_ids)
            if pays_for is not None and pays_for not in transfer_ids.values() and mention.start in (package_of or {}):
                pays_for, system_id = None, ""  # a system named near a package's value: the package it is
        if pays_for is None:
            pays_for = (package_of or {}).get(mention.start)
        cite = build.cite(mention.sentence, mention.start, mention.end, 5, 3)
        again = restated.get((pays_for or "", mention.amount, mention.currency)) if pays_for else None
        if again is not None:  # the package's value stated again: one cost, quoted twice
            out[again] = out[again].model_copy(update={"cites": [*out[again].cites, cite]})
            continue
        if pays_for:
            restated[(pays_for, mention.amount, mention.currency)] = len(out)
        what = None if pays_for else _what(build.text, sentence, mention)
        said_by = _attributed(attribution(build.text, sentence, actors), actor_ids)
        conversion = Money(amount=mention.conversion[0], currency=mention.conversion[1]) \
            if mention.conversion else None
        base = system_id or pays_for or slug(what or "amount", 30)
        out.append(Cost(
            id=build.ids.claim(f"{base}-{'cost' if system_id else 'amount'}"), amount=mention.amount,
            currency=mention.currency, bound=mention.bound, kind=mention.kind, per=mention.per,
            conversion=conversion, pays_for=pays_for, what=what, expected=mention.expected,
            according_to=said_by, standing=standing(build.text, sentence) if said_by else None,
            review="draft", cites=[cite],
        ))
    return out


def _latest(dates: list[DateFact]) -> date | None:
    """The end of the latest period the text dates with a stated year."""
    ends = []
    for fact in dates:
        if fact.year_inferred:
            continue
        parts = [int(p) for p in fact.value.split("-")]
        year, month = parts[0], parts[1] if len(parts) > 1 else 12
        ends.append(date(year, month, parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1]))
    return max(ends, default=None)


def _title(stem: str) -> str:
    return stem.replace("-", " ").replace("_", " ").strip().capitalize() or "Untitled source"
