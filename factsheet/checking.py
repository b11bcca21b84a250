"""`factsheet check`: re-anchor every citation, report what an edit touched, optionally fix harmless changes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from factsheet.atomic import write_atomic
from factsheet.diagnostics import Diagnostic
from factsheet.errors import FactsheetError, InputError, ValidationFailed
from factsheet.facts.check import CitationCheck, check_citations, record_anchors, summary
from factsheet.facts.fix import patch_scalar
from factsheet.facts.load import LoadedFacts, load_facts
from factsheet.workspace import Workspace


class CheckFailed(InputError):
    """Some citation is changed, ambiguous or orphaned."""


@dataclass(frozen=True)
class FileReport:
    """The outcome of checking one facts file."""

    facts: LoadedFacts
    checks: list[CitationCheck]
    fixed: list[CitationCheck]

    @property
    def problems(self) -> list[CitationCheck]:
        """Citations that are not intact or moved."""
        return [c for c in self.checks if not c.result.ok]


def load_for_check(path: Path, workspace: Workspace) -> LoadedFacts:
    """Load a facts file without failing on quotes: they are re-anchored instead."""
    return load_facts(path, workspace, check_quotes=False)


def fix_file(facts: LoadedFacts, checks: list[CitationCheck]) -> list[CitationCheck]:
    """Rewrite the quotes that changed harmlessly; return those rewritten."""
    fixable = [c for c in checks if c.result.fixable and c.result.found]
    if not fixable:
        return []
    text = facts.path.read_text(encoding="utf-8")
    # Patch from the bottom up so earlier positions stay valid.
    for check in sorted(fixable, key=lambda c: (c.location.line, c.location.col), reverse=True):
        key = _key_of(check.field)
        key_col = facts.document.key_location(key).col
        text = patch_scalar(text, check.location.line, check.location.col, key_col, check.result.found)
    write_atomic(facts.path, text.encode("utf-8"), facts.shown)
    return fixable


def _key_of(field: str) -> tuple[str | int, ...]:
    return tuple(int(part) if part.isdigit() else part for part in field.split("."))


def check_workspace(
    workspace: Workspace, fix: bool = False, report: Callable[[Diagnostic], None] = lambda _: None
) -> list[FileReport]:
    """Check every facts file; raise CheckFailed (after reporting) when any citation does not stand."""
    reports: list[FileReport] = []
    load_problems: list[Diagnostic] = []
    for path in workspace.facts_files():
        try:
            facts = load_for_check(path, workspace)
        except FactsheetError as exc:
            load_problems.extend(exc.diagnostics)
            continue
        checks = check_citations(facts)
        fixed: list[CitationCheck] = []
        if fix:
            fixed = fix_file(facts, checks)
            if fixed:
                facts = load_for_check(path, workspace)
                checks = check_citations(facts)
        record_anchors(facts, checks)
        reports.append(FileReport(facts, checks, fixed))
    if load_problems:
        raise ValidationFailed(load_problems)
    for file_report in reports:
        for check in file_report.problems:
            report(check.diagnostic())
    if any(r.problems for r in reports):
        count = sum(len(r.problems) for r in reports)
        raise CheckFailed(
            f"{count} citation{'s need' if count != 1 else ' needs'} attention; "
            + "; ".join(f"{r.facts.shown}: {summary(r.checks)}" for r in reports)
        )
    return reports
