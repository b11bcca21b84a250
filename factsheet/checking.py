"""`factsheet check`: re-anchor every citation, report what an edit touched, optionally fix harmless changes.

A facts file whose bytes and seeds are what the last clean check saw is not
loaded again: its recorded result stands, and no model is imported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from factsheet.diagnostics import Diagnostic
from factsheet.errors import FactsheetError, InputError, ValidationFailed
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
    fixed: list[CitationCheck] = field(default_factory=list)
    unchanged: bool = False  # nothing changed since the last clean check


def unchanged_since_clean_check(path: Path) -> str | None:
    """The recorded summary when `path` and its seeds are byte-identical to the last clean check."""
    inputs, summary, clean = read_state(path)
    if not clean or path.name not in inputs:
        return None
    same = all(file_hash(path.parent / name) == digest for name, digest in inputs.items())
    return summary if same else None


def fix_file(facts: LoadedFacts, checks: list[CitationCheck]) -> list[CitationCheck]:
    """Rewrite the quotes that changed harmlessly; return those rewritten."""
    from factsheet.atomic import write_atomic
    from factsheet.facts.fix import patch_scalar

    fixable = [c for c in checks if c.result.fixable and c.result.found]
    if not fixable:
        return []
    text = facts.path.read_text(encoding="utf-8")
    # Patch from the bottom up so earlier positions stay valid.
    for check in sorted(fixable, key=lambda c: (c.location.line, c.location.col), reverse=True):
        key = tuple(int(part) if part.isdigit() else part for part in check.field.split("."))
        key_col = facts.document.key_location(key).col
        text = patch_scalar(text, check.location.line, check.location.col, key_col, check.result.found)
    write_atomic(facts.path, text.encode("utf-8"), facts.shown)
    return fixable


def check_file(path: Path, workspace: Workspace, fix: bool) -> FileReport:
    """Load one facts file without failing on quotes, re-anchor its citations, fix if asked, record anchors."""
    from factsheet.facts.check import check_citations, record_anchors, summary
    from factsheet.facts.load import load_facts
    from factsheet.facts.numbers import unsourced_numbers

    facts = load_facts(path, workspace, check_quotes=False)
    drifting = unsourced_numbers(facts.sheet, facts.document)
    if drifting:  # reported like bad input, and nothing recorded, so the next check looks again
        raise ValidationFailed(drifting)
    checks = check_citations(facts)
    fixed = fix_file(facts, checks) if fix else []
    if fixed:
        facts = load_facts(path, workspace, check_quotes=False)
        checks = check_citations(facts)
    record_anchors(facts, checks)
    return FileReport(facts.shown, summary(checks), [c for c in checks if not c.result.ok], fixed)


def check_workspace(
    workspace: Workspace, fix: bool = False, report: Callable[[Diagnostic], None] = lambda _: None
) -> list[FileReport]:
    """Check every facts file; raise CheckFailed (after reporting) when any citation does not stand."""
    reports: list[FileReport] = []
    load_problems: list[Diagnostic] = []
    for path in workspace.facts_files():
        recorded = unchanged_since_clean_check(path)
        if recorded is not None:
            reports.append(FileReport(workspace.show(path), recorded, unchanged=True))
            continue
        try:
            reports.append(check_file(path, workspace, fix))
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
