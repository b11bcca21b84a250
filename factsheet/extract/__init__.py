"""`factsheet extract`: propose draft facts for a seed text, each with the exact quote that supports it.

Offline and deterministic: a gazetteer and patterns, no model and no network. The stages are plain
functions: sentences -> actors -> systems -> dates, money -> transfers -> a `Draft` of model objects.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from pathlib import PurePosixPath

from factsheet.extract.actors import ActorFinding, aliases_of, find_actors, surname_mentions
from factsheet.extract.dates import DateMention, find_dates
from factsheet.extract.draft import Draft
from factsheet.extract.gazetteer import Gazetteer, shipped
from factsheet.extract.money import MoneyMention, find_money
from factsheet.extract.systems import SystemFinding, find_systems
from factsheet.extract.text import FUNCTION_WORDS, Ids, Sentence, quote, slug, split_sentences
from factsheet.extract.transfers import TransferCandidate, attribution, find_transfers
from factsheet.facts.amounts import quantity_from_words
from factsheet.facts.model import (
    Actor,
    Attribution,
    Cost,
    DateFact,
    Meta,
    Money,
    Quote,
    Source,
    System,
    Transfer,
)

__all__ = ["Draft", "extract"]


class _Builder:
    """Turns the findings into model facts with unique ids and verbatim quotes."""

    def __init__(self, text: str, sentences: list[Sentence], source_id: str) -> None:
        self.text, self.sentences, self.source = text, sentences, source_id
        self.ids = Ids()

    def cite(self, sentence: int, start: int, end: int, before: int, after: int, min_words: int = 4) -> Quote:
        found = quote(self.text, self.sentences[sentence], start, end, before, after, min_words)
        return Quote(source=self.source, text=" ".join(found.split()))


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
    gazetteer = gazetteer or shipped()
    sentences = split_sentences(text)
    actors = find_actors(text, sentences, gazetteer)
    surname_mentions(text, sentences, actors)
    systems = find_systems(text, sentences, gazetteer, actors)
    dates = find_dates(text, sentences, as_of)
    money = find_money(text, sentences)
    transfers = find_transfers(text, sentences, actors, systems, dates)

    stem = PurePosixPath(source_file).name.removesuffix(".txt")
    build = _Builder(text, sentences, source_id or slug(stem))
    build.ids.taken.add(build.source)
    notes: dict[str, list[str]] = {}
    actor_ids = {key: build.ids.claim(_id_name(a.name)) for key, a in actors.actors.items()}
    system_ids = {key: build.ids.claim(_id_name(s.designation)) for key, s in systems.systems.items()}
    date_facts, date_ids = _dates(build, dates, notes)
    transfer_facts, transfer_ids = _transfers(build, transfers, actor_ids, system_ids, date_ids)
    meta_date = as_of or _latest(date_facts)
    if meta_date is None:
        raise ValueError("the text states no date: pass --as-of")
    credits = _credits(text, sentences)
    return Draft(
        source=Source(id=build.source, file=source_file, title=title or _title(sentences, stem),
                      publisher=credits.get("publisher"), author=credits.get("author")),
        meta=Meta(title=title or _title(sentences, stem), as_of=meta_date),
        actors=_actors(build, actors, actor_ids),
        systems=_systems(build, systems, actor_ids, system_ids),
        transfers=transfer_facts,
        costs=_costs(build, money, systems, transfers, transfer_ids, system_ids, actors, actor_ids, notes),
        dates=date_facts,
        notes=notes,
    )


def _actors(build: _Builder, actors: ActorFinding, ids: dict[str, str]) -> list[Actor]:
    aliases = aliases_of(actors, build.text)
    out = []
    for key, actor in sorted(actors.actors.items(), key=lambda item: item[1].core):
        before, after = (1, 1) if actor.person_quote else (3, 5)
        out.append(Actor(
            id=ids[key], name=actor.name, kind=actor.kind, aliases=aliases.get(key, []), role=actor.role,
            review="draft", cites=[build.cite(actor.sentence, *actor.core, before, after)],
        ))
    return out


def _systems(build: _Builder, systems: SystemFinding, actor_ids: dict[str, str],
             ids: dict[str, str]) -> list[System]:
    out = []
    for key, system in sorted(systems.systems.items(), key=lambda item: item[1].core):
        cites = [build.cite(system.sentence, *system.core, 3, 5)]
        for start, end, sentence in system.extra:
            extra = build.cite(sentence, start, end, 3, 5)
            if extra not in cites:
                cites.append(extra)
        out.append(System(
            id=ids[key], designation=system.designation, family=system.family, category=system.category,
            manufacturer=actor_ids.get(system.manufacturer or ""), origin=actor_ids.get(system.origin or ""),
            use=system.use, review="draft", cites=cites,
        ))
    return out


def _dates(build: _Builder, dates: list[DateMention], notes: dict[str, list[str]]
           ) -> tuple[list[DateFact], dict[int, str]]:
    out, ids = [], {}
    for mention in dates:
        sentence = build.sentences[mention.sentence]
        shown = " ".join(build.text[mention.start : mention.end].split())
        if mention.value is None:
            notes.setdefault("dates", []).append(f"not proposed: {shown!r}: {mention.problem}")
            continue
        event = _event(build.text, sentence, mention)
        words = [w for w in re.findall(r"[\w-]+", event) if w.lower() not in FUNCTION_WORDS]
        ident = build.ids.claim(f"{mention.value}-{' '.join(words[:3])}")
        ids[mention.start] = ident
        out.append(DateFact(
            id=ident, event=event, value=mention.value, precision=mention.precision,
            year_inferred=mention.year_inferred, inferred_from=mention.inferred_from, review="draft",
            cites=[build.cite(mention.sentence, mention.start, mention.end, 8, 6, 5)],
        ))
    return out, ids


def _attributed(found: tuple[str, str] | None, actor_ids: dict[str, str]) -> Attribution | None:
    return Attribution(by=actor_ids[found[0]], how=found[1]) if found and found[0] in actor_ids else None


def _transfers(build: _Builder, transfers: list[TransferCandidate], actor_ids: dict[str, str],
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
            cites=list(dict.fromkeys(cites)),
        ))
    return out, ids


_ANAPHOR = re.compile(
    r"(?:They|It|These|This|Those|Each|The\s+(?:\w+\s+){0,2}(?:deal|contract|order|package|purchase|sale|missiles|"
    r"drones|systems|weapons|tanks|rounds|shells|aircraft|vehicles|batch|delivery|deliveries|UAVs|launchers))\b"
)


def _pays_for(money: MoneyMention, build: _Builder, systems: SystemFinding, transfers: list[TransferCandidate],
              transfer_ids: dict[int, str], system_ids: dict[str, str]) -> tuple[str | None, str]:
    """The transfer or system `money` pays for: the nearest system in its sentence, or, when the sentence
    opens by referring back ("They are expected to cost ..."), in the two sentences before it."""
    body = [s.index for s in build.sentences if s.body and s.index <= money.sentence][-3:]
    if not _ANAPHOR.match(build.sentences[money.sentence].text):
        body = body[-1:]
    for index in reversed(body):
        here = [m for m in systems.mentions if m.sentence == index]
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


def _costs(build: _Builder, money: list[MoneyMention], systems: SystemFinding, transfers: list[TransferCandidate],
           transfer_ids: dict[int, str], system_ids: dict[str, str], actors: ActorFinding,
           actor_ids: dict[str, str], notes: dict[str, list[str]]) -> list[Cost]:
    out = []
    for mention in money:
        shown = " ".join(build.text[mention.start : mention.end].split())
        pays_for, system_id = _pays_for(mention, build, systems, transfers, transfer_ids, system_ids)
        if pays_for is None:
            notes.setdefault("costs", []).append(
                f"not proposed: {shown!r}: no system or transfer in its sentence says what it pays for")
            continue
        conversion = Money(amount=mention.conversion[0], currency=mention.conversion[1]) \
            if mention.conversion else None
        out.append(Cost(
            id=build.ids.claim(f"{system_id}-cost"), amount=mention.amount, currency=mention.currency,
            bound=mention.bound, conversion=conversion, pays_for=pays_for, expected=mention.expected,
            according_to=_attributed(attribution(build.text, build.sentences[mention.sentence], actors), actor_ids),
            review="draft", cites=[build.cite(mention.sentence, mention.start, mention.end, 5, 0)],
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


def _title(sentences: list[Sentence], stem: str) -> str:
    if sentences and sentences[0].kind == "heading":
        return sentences[0].text
    return stem.replace("-", " ").replace("_", " ").strip().capitalize() or "Untitled source"


def _credits(text: str, sentences: list[Sentence]) -> dict[str, str]:
    out: dict[str, str] = {}
    for sentence in sentences:
        if sentence.kind != "credit":
            continue
        owned = re.match(r"(?i)this (?:article|story|report) (?:is|was) (?:owned|published|produced) by\s+(.+?)\.?$",
                         sentence.text)
        written = re.match(r"(?i)(?:written )?by\s+(.+?)\.?$", sentence.text)
        if owned:
            out.setdefault("publisher", owned.group(1))
        elif written:
            out.setdefault("author", written.group(1))
    return out
