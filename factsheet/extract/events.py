"""Events: dated happenings that are not transfers, from the verb that states them.

'Russia launched 43 Shahed drones at Odesa on Monday' is a launch by Russia, of 43 Shahed drones, at
Odesa, on that Monday; 'Ukraine's air force shot down 40 of them' is a shoot-down; 'the Council
adopted ...' a decision; 'signed an agreement' an agreement; 'met with' or 'visited' a meeting;
'imposed sanctions' a sanction. Only a sentence with one of these verbs and an actor or a system
proposes an event; what happened is the clause around the verb, in the text's own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factsheet.extract.actors import ActorFinding
from factsheet.extract.assemble import Builder, attributed
from factsheet.extract.dates import DateMention
from factsheet.extract.packages import parse_item
from factsheet.extract.systems import SystemFinding, SystemMention
from factsheet.extract.transfers import attribution, standing
from factsheet.facts.model import ActorKind, Event, EventKind, Place

_VERBS = (
    (EventKind.shoot_down, r"shot down|shoots? down|downed|brought down"),
    (EventKind.interception, r"intercepted|intercepts?|intercepting"),
    (EventKind.launch, r"launched|launches|fired|fires"),
    (EventKind.strike, r"struck|strikes|attacked|hit|shelled|bombed"),
    (EventKind.sanction, r"imposed sanctions|sanctioned|imposes sanctions"),
    (EventKind.agreement, r"signed|sign(?:s|ing)? an? (?:agreement|contract|deal|memorandum)"),
    (EventKind.decision, r"adopted|approved|decided"),
    (EventKind.meeting, r"met with|meets with|met|visited|hosted|held talks"),
    (EventKind.production_started, r"began producing|started producing|began production|started production"),
)
VERB = re.compile("|".join(rf"\b(?P<k{i}>{pattern})\b" for i, (_, pattern) in enumerate(_VERBS)))
_PARTIES = (ActorKind.state, ActorKind.government, ActorKind.organisation, ActorKind.military, ActorKind.person,
            ActorKind.company)


@dataclass(frozen=True)
class _Found:
    kind: EventKind
    start: int
    end: int


def find_events(build: Builder, actors: ActorFinding, systems: SystemFinding, dates: list[DateMention],
                actor_ids: dict[str, str], system_ids: dict[str, str], date_ids: dict[int, str],
                places: list[Place]) -> list[Event]:
    """One event per sentence that states one with a verb of its kind and names who or what."""
    out = []
    by_name = {p.name: p.id for p in places}
    systems_in: dict[int, list[SystemMention]] = {}
    for system_mention in systems.mentions:
        systems_in.setdefault(system_mention.sentence, []).append(system_mention)
    dates_in: dict[int, list[DateMention]] = {}
    for date_mention in dates:
        dates_in.setdefault(date_mention.sentence, []).append(date_mention)
    for sentence in (s for s in build.sentences if s.body):
        verb = VERB.search(build.text, sentence.start, sentence.end)
        if verb is None:
            continue
        kind = next(_VERBS[i][0] for i in range(len(_VERBS)) if verb.group(f"k{i}"))
        found = _Found(kind, verb.start(), verb.end())
        here = [m for m in actors.in_sentence(sentence.index) if actors.actors[m.key].kind in _PARTIES]
        who = here if kind is EventKind.meeting else [m for m in here if m.end <= found.start]
        named = [m for m in systems_in.get(sentence.index, []) if m.start >= found.end]
        system = next((k for m in named for k in m.keys if k in system_ids), None)
        if not who and system is None:
            continue
        quantity = None
        if named:
            words = build.text[found.end : named[0].end].strip()
            quantity = parse_item(words)[1] if re.match(r"(?:\d|up to|more than|about|over|some|nearly)", words) \
                else None
        when = next((date_ids[d.start] for d in dates_in.get(sentence.index, []) if d.start in date_ids), None)
        place = next((i for name, i in by_name.items() if re.search(
            rf"\b(?:at|in|on|near|over)\s+(?:the\s+)?{re.escape(name)}\b", sentence.text)), None)
        clause = _clause(build.text, sentence.start, sentence.end, found)
        said_by = attributed(attribution(build.text, sentence, actors), actor_ids)
        chosen = who if kind is EventKind.meeting else who[:1]  # the subject comes first
        people = list(dict.fromkeys(actor_ids[m.key] for m in chosen if m.key in actor_ids))
        out.append(Event(
            id=build.ids.claim(f"{kind.value}-{clause.split()[0] if clause else 'event'}"), kind=kind, what=clause,
            when=when, actors=people, system=system_ids.get(system or ""), quantity=quantity, place=place,
            according_to=said_by, standing=standing(build.text, sentence) if said_by else None,
            review="draft", cites=[build.cite(sentence.index, found.start, found.end, 6, 8, 5)],
        ))
    return out


def _clause(text: str, start: int, end: int, found: _Found) -> str:
    """The clause around the verb, at most about sixteen words, in the text's words."""
    left = max(text.rfind(",", start, found.start), text.rfind(";", start, found.start), start - 1) + 1
    rights = [p for p in (text.find(",", found.end, end), text.find(";", found.end, end)) if p != -1]
    right = min(rights or [end])
    words = text[left:right].split()
    before = len(text[left : found.start].split())
    words = words[max(0, before - 6) : before + 10]
    phrase = " ".join(words).strip(" .,;:\"\u201c\u201d")
    return phrase[:1].upper() + phrase[1:]
