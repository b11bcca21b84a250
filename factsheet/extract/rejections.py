"""What the user rejected: facts `extract --write` proposed that are no longer in the facts file.

`--write` keeps a small sidecar beside the facts file, seeds/<stem>.extract.yaml, listing every fact
it has proposed (`proposed:`) and every proposed fact the user has since deleted from (or changed in)
the facts file (`rejected:`). A rejected fact is never proposed again. The file is plain YAML meant to
be read: deleting an entry under `rejected:` has the fact proposed again on the next run; deleting
the whole file forgets everything.

A fact is known by what it states, not by its id: an actor, place or system by its name, a package
by its name, a transfer by its system, suppliers and recipient, a cost by amount and currency, a
date by its value.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factsheet.extract.draft import DRAFT_SECTIONS, Draft
from factsheet.facts.model import (
    Actor,
    Cost,
    DateFact,
    Event,
    Fact,
    FactSheet,
    Package,
    Place,
    System,
    Transfer,
)

HEADER = (
    "# What `factsheet extract --write` proposed for {seed}, and what you rejected by deleting it from\n"
    "# the facts file. A rejected fact is not proposed again: delete its line under `rejected:` to have it\n"
    "# proposed again, or delete this file to forget everything.\n"
)


@dataclass
class Memory:
    """Keys of the facts proposed so far and of those rejected, each with a label for the reader."""

    proposed: dict[str, str] = field(default_factory=dict)
    rejected: dict[str, str] = field(default_factory=dict)


def sidecar(facts_path: Path) -> Path:
    """The memory file of a facts file: seeds/<stem>.extract.yaml."""
    return facts_path.with_name(facts_path.name.removesuffix(".facts.yaml") + ".extract.yaml")


def _norm(text: str) -> str:
    return re.sub(r"^the\s+", "", " ".join(text.casefold().split()))


def _names(facts: list[Fact]) -> dict[str, str]:
    out = {}
    for fact in facts:
        if isinstance(fact, Actor | Place | Package):
            out[fact.id] = _norm(fact.name)
        elif isinstance(fact, System):
            out[fact.id] = _norm(fact.designation)
    return out


def fact_key(section: str, fact: Fact, names: dict[str, str]) -> str:
    """What identifies `fact` across runs, whatever id it was given."""
    def name(ident: str | None) -> str:
        return names.get(ident or "", ident or "")

    if isinstance(fact, Actor | Place | Package):
        return f"{section}: {_norm(fact.name)}"
    if isinstance(fact, System):
        return f"{section}: {_norm(fact.designation)}"
    if isinstance(fact, Transfer):
        suppliers = ", ".join(sorted(name(s) for s in fact.suppliers))
        return f"{section}: {name(fact.system)} from {suppliers} to {name(fact.recipient)}"
    if isinstance(fact, Cost):
        return f"{section}: {format(fact.amount.normalize(), 'f')} {fact.currency}"
    if isinstance(fact, DateFact):
        return f"{section}: {fact.value}"
    if isinstance(fact, Event):
        return f"{section}: {fact.kind.value}: {_norm(fact.what)}"
    return f"{section}: {fact.id}"


def _label(fact: Fact) -> str:
    return fact.cites[0].text if fact.cites else fact.id


def load(path: Path) -> Memory:
    """The memory in `path`, empty when there is none yet (a damaged file is read as far as it goes)."""
    memory = Memory()
    if not path.is_file():
        return memory
    part: dict[str, str] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("proposed:"):
            part = memory.proposed
        elif line.startswith("rejected:"):
            part = memory.rejected
        elif part is not None and line.startswith("  - "):
            entry = re.match(r'^  - (?P<key>"(?:[^"\\]|\\.)*")(?:\s+#\s?(?P<label>.*))?$', line)
            if entry:
                part[json.loads(entry.group("key"))] = entry.group("label") or ""
    return memory


def render(memory: Memory, seed: str) -> str:
    """The memory as the text of its file."""
    lines = [HEADER.format(seed=seed).rstrip("\n"), ""]
    for title, part in (("rejected", memory.rejected), ("proposed", memory.proposed)):
        lines.append(f"{title}:" if part else f"{title}: []")
        for key, label in sorted(part.items()):
            shown = f"  - {json.dumps(key, ensure_ascii=False)}"
            label = " ".join(label.split())[:90]
            lines.append(f"{shown}  # {label}" if label else shown)
    return "\n".join(lines) + "\n"


def reconcile(memory: Memory, sheet: FactSheet) -> Memory:
    """Proposed facts the file no longer holds become rejected (the user deleted or changed them)."""
    facts = {name: list(getattr(sheet, name)) for name in DRAFT_SECTIONS}
    names = _names([f for section in facts.values() for f in section])
    present = {fact_key(section, f, names) for section, items in facts.items() for f in items}
    rejected = dict(memory.rejected)
    for key, label in memory.proposed.items():
        if key not in present:
            rejected.setdefault(key, label)
    return Memory(dict(memory.proposed), rejected)


def remember(memory: Memory, facts: dict[str, list[Fact]], names_from: list[Fact]) -> Memory:
    """`memory` with the facts just written added to what was proposed."""
    names = _names(names_from)
    proposed = dict(memory.proposed)
    for section, items in facts.items():
        for fact in items:
            proposed.setdefault(fact_key(section, fact, names), _label(fact))
    return Memory(proposed, dict(memory.rejected))


def without_rejected(draft: Draft, memory: Memory) -> tuple[Draft, int]:
    """`draft` without the facts the user rejected, and without what only they made possible (a transfer
    of a rejected system, the cost of a rejected package); how many facts were left out."""
    if not memory.rejected:
        return draft, 0
    everything = [f for name in DRAFT_SECTIONS for f in draft.section(name)]
    names = _names(everything)
    gone = {f.id for name in DRAFT_SECTIONS for f in draft.section(name)
            if fact_key(name, f, names) in memory.rejected}
    kept: dict[str, list[Any]] = {}
    for name in DRAFT_SECTIONS:
        kept[name] = [_prune(f, gone) for f in draft.section(name) if f.id not in gone]
        kept[name] = [f for f in kept[name] if f is not None]
        gone |= {f.id for f in draft.section(name)} - {f.id for f in kept[name]}
    dropped = sum(len(draft.section(name)) - len(kept[name]) for name in DRAFT_SECTIONS)
    pruned = Draft(source=draft.source, meta=draft.meta, actors=kept["actors"], places=kept["places"],
                   systems=kept["systems"], packages=kept["packages"], transfers=kept["transfers"],
                   costs=kept["costs"], dates=kept["dates"], events=kept["events"], notes=draft.notes)
    return pruned, dropped


def _prune(fact: Fact, gone: set[str]) -> Fact | None:
    """`fact` with its references to rejected facts removed, or None when it cannot stand without them."""
    update: dict[str, Any] = {}
    if fact.according_to is not None and fact.according_to.by in gone:
        update["according_to"] = None
    if isinstance(fact, Transfer):
        if fact.system in gone or fact.recipient in gone or set(fact.suppliers) <= gone:
            return None
        update["suppliers"] = [s for s in fact.suppliers if s not in gone]
        if isinstance(fact.when, str) and fact.when in gone:
            update["when"] = None
    elif isinstance(fact, Cost) and fact.pays_for in gone:
        return None
    elif isinstance(fact, System):
        update.update(origin=None if fact.origin in gone else fact.origin,
                      manufacturer=None if fact.manufacturer in gone else fact.manufacturer)
    elif isinstance(fact, Place) and fact.within in gone:
        update["within"] = None
    elif isinstance(fact, Event):
        update.update(actors=[a for a in fact.actors if a not in gone],
                      system=None if fact.system in gone else fact.system,
                      place=None if fact.place in gone else fact.place)
        if isinstance(fact.when, str) and fact.when in gone:
            update["when"] = None
    elif isinstance(fact, Package):
        update.update(funders=[f for f in fact.funders if f not in gone],
                      providers=[p for p in fact.providers if p not in gone],
                      recipient=None if fact.recipient in gone else fact.recipient,
                      items=[i for i in fact.items if i.system not in gone])
        if isinstance(fact.announced, str) and fact.announced in gone:
            update["announced"] = None
    return fact.model_copy(update=update) if update else fact
