"""`factsheet extract`: propose draft facts for a seed, print them, or write or merge a facts file."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from factsheet.diagnostics import Location
from factsheet.errors import FactsheetError, InputError
from factsheet.workspace import Workspace
from factsheet.yamledit import Snapshot, commit, create
from factsheet.yamlio import read_text

if TYPE_CHECKING:
    from factsheet.extract.draft import Draft
    from factsheet.extract.merge import MergePlan
    from factsheet.extract.rejections import Memory
    from factsheet.facts.model import Fact

USER_GAZETTEER = "gazetteer.yaml"


def _locate(workspace: Workspace, seed: Path) -> tuple[Path, str]:
    """The seed's resolved path and its name relative to seeds/, refusing one outside the workspace."""
    candidates = [seed] if seed.is_absolute() else [Path.cwd() / seed, workspace.root / seed]
    found = next((c for c in candidates if c.exists()), candidates[0])
    shown = workspace.show(found)
    name = os.path.relpath(found.resolve(), workspace.seeds.resolve()).replace(os.sep, "/")
    if not found.exists():
        raise InputError("seed file not found: save the source text (UTF-8) there first", Location(shown))
    path = workspace.seed_path(name, Location(shown), "seed")
    if name.endswith(".facts.yaml") or name == USER_GAZETTEER:
        raise InputError("expected a source text, not a facts or gazetteer file: give seeds/NAME.txt",
                         Location(shown))
    return path, name


def facts_path_for(workspace: Workspace, name: str) -> Path:
    """Where the facts file for seed `name` goes: seeds/<stem>.facts.yaml."""
    stem = Path(name).name
    stem = stem.removesuffix(".txt") if stem.endswith(".txt") else Path(stem).stem
    return workspace.seeds / f"{stem}.facts.yaml"


def _validate(workspace: Workspace, text: str, target: Path, check_quotes: bool) -> None:
    """Load `text` as the facts file `target` would be loaded; a problem here is ours, not the user's."""
    from factsheet.facts.load import load_facts

    with tempfile.TemporaryDirectory() as folder:
        probe = Path(folder) / target.name
        probe.write_text(text, encoding="utf-8")
        try:
            load_facts(probe, workspace, check_quotes=check_quotes)
        except FactsheetError as exc:
            details = "; ".join(d.message for d in exc.diagnostics)
            raise FactsheetError(f"the extracted facts would not load ({details})",
                                 Location(workspace.show(target))) from None


def run_extract(workspace: Workspace, seed: Path, as_of: date | None, write: bool) -> str:
    """Propose draft facts for `seed`; return the draft YAML, or with `write` a summary of what was written.

    With `write`, creates seeds/<stem>.facts.yaml, or merges into it: new candidates are appended as
    drafts, and nothing already in the file (curated facts, comments, formatting) changes.
    """
    from factsheet.extract import extract
    from factsheet.extract.draft import DRAFT_SECTIONS, render
    from factsheet.extract.gazetteer import load_gazetteer

    path, name = _locate(workspace, seed)
    shown = workspace.show(path)
    text = read_text(path, shown)
    if not text.strip():
        raise InputError("the seed is empty: paste the source text into it", Location(shown, 1, 1))
    extra = workspace.seeds / USER_GAZETTEER
    gazetteer = load_gazetteer(extra if extra.is_file() else None, workspace.show(extra))
    target = facts_path_for(workspace, name)
    try:
        draft = extract(text, name, as_of, gazetteer=gazetteer)
    except ValueError as exc:
        raise InputError(str(exc), Location(shown)) from None
    memory, draft, rejected = _rejections(workspace, target, draft)
    if not target.exists():
        output = render(draft)
        if not write:
            return output
        if not draft.count():
            return f"{shown}: nothing to propose, so no facts file was written"
        _validate(workspace, output, target, check_quotes=True)
        create(target, workspace.show(target), output)
        _remember(workspace, target, memory, {s: draft.section(s) for s in DRAFT_SECTIONS}, [])
        counts = ", ".join(f"{len(draft.section(s))} {s}" for s in DRAFT_SECTIONS if draft.section(s))
        return (f"wrote {workspace.show(target)}: {draft.count()} draft facts ({counts or 'none'})\n"
                + review_hint(workspace.show(target)))
    if not write:
        plan = _plan(workspace, target, draft)
        return render(draft) + (f"# {workspace.show(target)} exists: --write would add {plan.count()} of these facts "
                                f"to it as drafts; {len(plan.skipped)} are there already{rejected}\n")
    return _merge(workspace, target, draft, memory) + rejected


def _rejections(workspace: Workspace, target: Path, draft: Draft) -> tuple[Memory, Draft, str]:
    """What the user rejected (proposed facts since deleted from the facts file), and the draft without them."""
    from factsheet.extract.rejections import load, reconcile, sidecar, without_rejected
    from factsheet.facts.load import load_facts

    memory = load(sidecar(target))
    if target.exists() and memory.proposed:
        memory = reconcile(memory, load_facts(target, workspace, check_quotes=False).sheet)
    draft, left_out = without_rejected(draft, memory)
    note = f"; left out {left_out} you rejected (see {workspace.show(sidecar(target))})" if left_out else ""
    return memory, draft, note


def _remember(workspace: Workspace, target: Path, memory: Memory, written: dict[str, list[Fact]],
              known: list[Fact]) -> None:
    """Record what was just written as proposed, and what was rejected, in the sidecar file."""
    from factsheet.extract.rejections import remember, render, sidecar

    facts = [f for items in written.values() for f in items]
    from factsheet.atomic import write_atomic

    text = render(remember(memory, written, [*known, *facts]), target.name)
    write_atomic(sidecar(target), text.encode("utf-8"), workspace.show(sidecar(target)))  # ours alone: rewritten whole


def _plan(workspace: Workspace, target: Path, draft: Draft) -> MergePlan:
    from factsheet.extract.merge import plan_merge
    from factsheet.facts.load import load_facts

    return plan_merge(load_facts(target, workspace, check_quotes=False).sheet, draft)


def _merge(workspace: Workspace, target: Path, draft: Draft, memory: Memory) -> str:
    from factsheet.extract.merge import merge_text
    from factsheet.facts.load import load_facts

    shown = workspace.show(target)
    snapshot = Snapshot.of_text(target, shown, read_text(target, shown))  # what the merge starts from
    plan = _plan(workspace, target, draft)
    merged = merge_text(snapshot.text, plan, draft.notes, shown)
    if merged == snapshot.text:
        _remember(workspace, target, memory, {}, [])  # keeps what was found rejected
        return f"{shown}: nothing new ({len(plan.skipped)} proposed facts are already there)"
    _validate(workspace, merged, target, check_quotes=False)
    commit(snapshot, merged)  # refuses if the file was saved meanwhile or an existing value would change
    sheet = load_facts(target, workspace, check_quotes=False).sheet
    _remember(workspace, target, memory, plan.added, [f for _, _, f in sheet.all_facts()])
    added = ", ".join(f"{len(facts)} {section}" for section, facts in plan.added.items())
    lines = [f"merged into {shown}: {plan.count()} new draft facts ({added or 'none'}); "
             f"{len(plan.skipped)} already there"]
    lines += [f"  left out {section} {ident}: {why}" for section, ident, why in plan.dropped]
    return "\n".join([*lines, review_hint(shown)])


def review_hint(shown: str) -> str:
    """The next step after drafting: review, then check and build."""
    return (f"next: review each draft in {shown} (fix or delete it, then delete its `review: draft` line; fill in "
            "the title, key points, claims and gaps), then `factsheet check` and `factsheet build`; "
            "`factsheet build --allow-drafts` previews it now")
