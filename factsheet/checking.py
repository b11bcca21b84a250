"""`factsheet check`: re-anchor every citation, report what an edit touched, optionally fix harmless changes.

A facts file whose bytes and seeds are what the last clean check saw is not
loaded again: its recorded result stands, and no model is imported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from factsheet.diagnostics import Diagnostic, Location
from factsheet.errors import FactsheetError, InputError, OutputError, ValidationFailed
from factsheet.facts.anchors import read_state
from factsheet.manifest import file_hash
from factsheet.workspace import Workspace

if TYPE_CHECKING:
    from factsheet.facts.check import CitationCheck
    from factsheet.facts.load import LoadedFacts


class CheckFailed(InputError):
    """Some citation is changed, ambiguous or orphaned."""


@dataclass(frozen=True)
class FileReport:
    """The outcome of checking one facts file."""

    shown: str
    summary: str
    problems: list[CitationCheck] = field(default_factory=list)
    fixed: list[Fixed] = field(default_factory=list)
    unchanged: bool = False  # nothing changed since the last clean check


def unchanged_since_clean_check(path: Path, root: Path) -> str | None:
    """The recorded summary when `path` and its seeds are byte-identical to the last clean check."""
    inputs, summary, clean = read_state(path)
    if not clean or path.name not in inputs:
        return None
    inside = all((path.parent / name).resolve().is_relative_to(root) for name in inputs)  # never read elsewhere
    same = inside and all(file_hash(path.parent / name) == digest for name, digest in inputs.items())
    return summary if same else None


@dataclass(frozen=True)
class Fixed:
    """One quote `check --fix` rewrote: where it now stands, and its old and new text."""

    location: Location
    field: str
    fact_id: str
    old: str
    new: str
    diff: str


def fix_file(facts: LoadedFacts, checks: list[CitationCheck]) -> list[Fixed]:
    """Rewrite the quotes whose change --fix may accept, through factsheet.yamledit; return what was rewritten."""
    from factsheet.facts.anchor import normalise
    from factsheet.yamledit import Snapshot, commit, replace_scalars

    fixable = [c for c in checks if c.result.fixable and c.result.found]
    if not fixable:
        return []
    snapshot = Snapshot.of_text(facts.path, facts.shown, facts.document.text)
    values = {c.path_key: normalise(c.result.found) for c in fixable}
    new_text = replace_scalars(snapshot.text, values, facts.shown,
                               same=lambda a, b: normalise(a) == normalise(b))
    commit(snapshot, new_text, keeps=lambda _old, _new: True)  # replace_scalars checked every other value
    from factsheet.yamlio import YamlDocument

    after = YamlDocument(facts.shown, None, new_text)
    return [Fixed(after.location(c.path_key), c.field, c.fact_id, normalise(c.quote), values[c.path_key],
                  c.result.diff) for c in fixable]


def check_file(path: Path, workspace: Workspace, fix: bool,
               report: Callable[[Diagnostic], None] = lambda _: None) -> FileReport:
    """Load one facts file without failing on quotes, re-anchor its citations, fix if asked, record anchors."""
    from factsheet.facts.check import check_citations, record_anchors, summary
    from factsheet.facts.load import load_facts
    from factsheet.facts.numbers import unsourced_numbers

    facts = load_facts(path, workspace, check_quotes=False)
    drifting = unsourced_numbers(facts.sheet, facts.document)
    if drifting:  # reported like bad input, and nothing recorded, so the next check looks again
        raise ValidationFailed(drifting)
    checks = check_citations(facts, report)
    fixed = fix_file(facts, checks) if fix else []
    if fixed:
        facts = load_facts(path, workspace, check_quotes=False)
        checks = check_citations(facts)
    try:
        record_anchors(facts, checks)
    except OutputError as exc:
        report(Diagnostic(Location(facts.shown), f"cannot save anchors ({exc.message}); they are kept in "
                          "memory for this check only", "warning"))
    return FileReport(facts.shown, summary(checks), [c for c in checks if not c.result.ok], fixed)


def check_workspace(
    workspace: Workspace, fix: bool = False, report: Callable[[Diagnostic], None] = lambda _: None,
    on_fixed: Callable[[Fixed], None] = lambda _: None,
) -> list[FileReport]:
    """Check every facts file; raise CheckFailed (after reporting) when any citation does not stand.

    Every quote --fix rewrites is passed to `on_fixed` as soon as its file is written, whatever follows.
    """
    from factsheet.atomic import remove_stale_temps

    reports: list[FileReport] = []
    load_problems: list[Diagnostic] = []
    paths = workspace.facts_files()
    if not paths:
        raise InputError(f"nothing to check: no facts files (*.facts.yaml): {workspace.no_facts_hint()}",
                         Location(workspace.show(workspace.seeds)))
    remove_stale_temps(workspace.seeds)  # left by a killed check or build (anchors, --fix)
    for path in paths:
        recorded = unchanged_since_clean_check(path, workspace.root)
        if recorded is not None:
            reports.append(FileReport(workspace.show(path), recorded, unchanged=True))
            continue
        try:
            reports.append(check_file(path, workspace, fix, report))
            for fixed in reports[-1].fixed:
                on_fixed(fixed)
        except FactsheetError as exc:
            load_problems.extend(exc.diagnostics)
    if load_problems:
        raise ValidationFailed(load_problems)
    for file_report in reports:
        for check in file_report.problems:
            report(check.diagnostic())
    if any(r.problems for r in reports):
        count = sum(len(r.problems) for r in reports)
        raise CheckFailed(
            f"{count} citation{'s need' if count != 1 else ' needs'} attention; "
            + "; ".join(f"{r.shown}: {r.summary}" for r in reports)
        )
    return reports
