"""Merge a draft into an existing facts file: add only new candidates, as drafts, and keep every existing byte.

A candidate is left out when the file already holds the same fact in the same section: the same id or
the same quote, or (by section) the same actor or system name, the same date value at an overlapping
quote, the same supplier -> recipient transfer of the same system, or the same amount and currency.
References from the new facts to a left-out candidate are pointed at the fact already in the file.
New items are appended as text at the end of each section's list (a YAML library round trip would
re-flow folded quotes and move comments), so curated facts and comments are never touched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from factsheet.diagnostics import Location
from factsheet.errors import InputError
from factsheet.extract.draft import DRAFT_SECTIONS, Draft, fact_data, sequence_lines
from factsheet.extract.text import Ids
from factsheet.facts.anchor import normalise
from factsheet.facts.model import (
    Actor,
    Cost,
    DateFact,
    Event,
    Fact,
    FactSheet,
    Package,
    Place,
    Quote,
    Source,
    System,
    Transfer,
)

ORDER = ("schema_version", "factsheet", "sources", "actors", "places", "systems", "packages", "transfers", "costs",
         "dates", "events", "key_points", "claims", "gaps")
_MERGE_ORDER = ("actors", "places", "systems", "dates", "packages", "transfers", "costs", "events")
_KEY_LINE = re.compile(r"^(?P<key>[^\s#\-][^:]*?)\s*:(?P<rest>.*)$")


@dataclass
class MergePlan:
    """What a merge adds, and which candidates it leaves out because the file has them."""

    source: Source | None
    added: dict[str, list[Fact]] = field(default_factory=dict)
    skipped: list[tuple[str, str, str]] = field(default_factory=list)  # section, candidate id, existing id
    dropped: list[tuple[str, str, str]] = field(default_factory=list)  # section, candidate id, why

    def count(self) -> int:
        """How many facts the merge adds."""
        return sum(len(facts) for facts in self.added.values())


def _name(text: str) -> str:
    text = re.sub(r"^the\s+", "", " ".join(text.casefold().split()))
    return text.replace("defense", "defence").replace("license", "licence")


def _names(fact: Fact) -> set[str]:
    if isinstance(fact, Actor | Place):
        return {_name(n) for n in [fact.name, *fact.aliases]}
    if isinstance(fact, System):
        return {_name(fact.designation)}
    if isinstance(fact, Package):
        return {_name(fact.name)}
    return set()


def _quotes(fact: Fact) -> set[str]:
    return {normalise(q.text) for q in fact.cites}


_SYNONYMS = {"drone": "uav", "uas": "uav", "aircraft": "uav", "vehicle": "uav", "round": "shell"}


def _head(designation: str) -> str:
    """The head noun of a designation, singular, with synonyms folded: 'Iranian UAVs (types unstated)' -> 'uav'."""
    words = re.sub(r"\([^)]*\)", "", designation).lower().split()
    head = words[-1].removesuffix("s") if words else ""
    return _SYNONYMS.get(head, head)


def _contains(a: set[str], b: set[str]) -> bool:
    return any(x in y or y in x for x in a for y in b)


def same_system(candidate: System, existing: System) -> bool:
    """The same system under another name: same category, origin and head noun, and the names or quotes overlap.

    'North Korean artillery shells' is the file's 'artillery shells' from North Korea; 'Iranian drones'
    quoted on '... hundreds of Iranian UAVs ...' is the file's 'Iranian UAVs (types unstated)'.
    """
    if _names(candidate) & _names(existing):
        return True
    if candidate.category != existing.category or _head(candidate.designation) != _head(existing.designation):
        return False
    if candidate.origin and existing.origin and candidate.origin != existing.origin:
        return False
    return _contains(_names(candidate), _names(existing)) or _contains(_quotes(candidate), _quotes(existing))


def _same(candidate: Fact, existing: Fact) -> bool:
    """Whether `existing` (a fact of the same section) already states `candidate`."""
    if candidate.id == existing.id:
        return True
    if isinstance(candidate, Actor):
        return bool(_names(candidate) & _names(existing))
    if isinstance(candidate, System) and isinstance(existing, System):
        return same_system(candidate, existing)
    if _quotes(candidate) & _quotes(existing):
        return True
    if isinstance(candidate, DateFact) and isinstance(existing, DateFact):
        return candidate.value == existing.value and any(
            a in b or b in a for a in _quotes(candidate) for b in _quotes(existing))
    if isinstance(candidate, Transfer) and isinstance(existing, Transfer):
        return (candidate.system, set(candidate.suppliers), candidate.recipient) == (
            existing.system, set(existing.suppliers), existing.recipient)
    if isinstance(candidate, Cost) and isinstance(existing, Cost):
        return (candidate.amount, candidate.currency) == (existing.amount, existing.currency)
    return False


def _rewire(fact: Fact, remap: dict[str, str], source: str) -> Fact:
    """`fact` citing `source`, with its references to remapped candidates pointed at their final ids."""

    def to(ident: str | None) -> str | None:
        return remap.get(ident, ident) if ident is not None else None

    update: dict[str, Any] = {"cites": [Quote(source=source, text=q.text) for q in fact.cites]}
    if fact.according_to is not None:
        update["according_to"] = fact.according_to.model_copy(update={"by": to(fact.according_to.by)})
    if isinstance(fact, System):
        update.update(origin=to(fact.origin), manufacturer=to(fact.manufacturer))
    elif isinstance(fact, Transfer):
        when = to(fact.when) if isinstance(fact.when, str) else fact.when
        update.update(system=to(fact.system), recipient=to(fact.recipient), when=when,
                      suppliers=list(dict.fromkeys(remap.get(s, s) for s in fact.suppliers)))
    elif isinstance(fact, Cost):
        update.update(pays_for=to(fact.pays_for))
    elif isinstance(fact, Place):
        update.update(within=to(fact.within))
    elif isinstance(fact, Event):
        update.update(actors=[remap.get(a, a) for a in fact.actors], system=to(fact.system), place=to(fact.place),
                      when=to(fact.when) if isinstance(fact.when, str) else fact.when)
    elif isinstance(fact, Package):
        update.update(funders=[remap.get(f, f) for f in fact.funders], recipient=to(fact.recipient),
                      providers=[remap.get(f, f) for f in fact.providers],
                      announced=to(fact.announced) if isinstance(fact.announced, str) else fact.announced,
                      items=[i.model_copy(update={"system": remap.get(i.system, i.system),
                                                  "cites": [Quote(source=source, text=q.text) for q in i.cites]})
                             for i in fact.items])
    return fact.model_copy(update=update)


def plan_merge(sheet: FactSheet, draft: Draft) -> MergePlan:
    """Decide which of the draft's facts the existing `sheet` lacks, with their ids made unique."""
    existing_source = next((s for s in sheet.sources if s.file == draft.source.file), None)
    ids = Ids({s.id for s in sheet.sources} | {fact.id for _, _, fact in sheet.all_facts()})
    new_source = None
    if existing_source is None:
        new_source = draft.source.model_copy(update={"id": ids.claim(draft.source.id)})
        source_id = new_source.id
    else:
        source_id = existing_source.id
    plan = MergePlan(new_source)
    remap: dict[str, str] = {}
    for section in _MERGE_ORDER:
        present: list[Fact] = list(getattr(sheet, section))
        for candidate in draft.section(section):
            fact = _rewire(candidate, remap, source_id)
            twin = next((e for e in present if fact.id == e.id or _names(fact) & _names(e)), None)
            twin = twin or next((e for e in present if _same(fact, e)), None)
            if twin is not None:
                remap[candidate.id] = twin.id
                plan.skipped.append((section, candidate.id, twin.id))
                continue
            if isinstance(fact, Transfer) and fact.recipient in fact.suppliers:
                plan.dropped.append((section, candidate.id, "its supplier is the file's recipient"))
                continue
            final = candidate.id if candidate.id not in ids.taken else ids.claim(candidate.id)
            ids.taken.add(final)
            remap[candidate.id] = final
            plan.added.setdefault(section, []).append(fact.model_copy(update={"id": final}))
    return plan


def merge_text(text: str, plan: MergePlan, notes: dict[str, list[str]], shown: str) -> str:
    """`text` (a facts file) with the plan's facts appended to their sections; no existing line changes."""
    newline = "\r\n" if "\r\n" in text.split("\n", 1)[0] + "\n" else "\n"
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline
    keys = {}
    for index, line in enumerate(lines):
        match = _KEY_LINE.match(line.rstrip("\r\n"))
        if match and not line.startswith(("---", "...")):
            keys[match.group("key").strip()] = (index, match.group("rest"))
    starts = sorted(index for index, _ in keys.values())
    inserts: list[tuple[int, int, list[str]]] = []
    replace: dict[int, str] = {}
    blocks = {name: [fact_data(f) for f in facts] for name, facts in plan.added.items()}
    if plan.source is not None:
        blocks["sources"] = [plan.source.model_dump(mode="python", exclude_none=True)]
    for order, name in enumerate(ORDER):
        items = blocks.get(name, [])
        comments = [n for n in notes.get(name, []) if f"# {n}" not in text] if name in DRAFT_SECTIONS else []
        if not items and not comments:
            continue
        if name not in keys:
            later = [keys[k][0] for k in ORDER[order + 1 :] if k in keys]
            at = min(later) if later else len(lines)
            while later and at > 0 and (not lines[at - 1].strip() or lines[at - 1].startswith("#")):
                at -= 1
            body = [f"{name}:" if items else f"{name}: []", *(f"  # {c}" for c in comments), *sequence_lines(items, 2)]
            inserts.append((at, order, ["", *body] if at == len(lines) else [*body, ""]))
            continue
        key_line, rest = keys[name]
        value = rest.split(" #", 1)[0].strip()
        if value and (value != "[]" or items):
            if value != "[]":
                raise InputError(f"{name}: written as a flow list; merging appends block items, so write it as a "
                                 "block list (one '- ' item per entry)", Location(shown, key_line + 1, 1))
            replace[key_line] = re.sub(r":\s*\[\]", ":", lines[key_line].rstrip("\r\n"), count=1) + newline
        end = next((start for start in starts if start > key_line), len(lines))
        at = key_line + 1
        for index in range(key_line + 1, end):
            if lines[index].strip() and not lines[index].startswith("#"):
                at = index + 1
        dashes = (re.match(r"^(\s*)-(?:\s|$)", lines[i]) for i in range(key_line + 1, end))
        dash = next((len(m.group(1)) for m in dashes if m), 2)
        inserts.append((at, order, [*(f"{' ' * dash}# {c}" for c in comments), *sequence_lines(items, dash)]))
    for index, line in replace.items():
        lines[index] = line
    for at, _, new in sorted(inserts, key=lambda item: (item[0], item[1]), reverse=True):
        lines[at:at] = [line + newline for line in new]
    return "".join(lines)
