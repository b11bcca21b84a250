"""Build briefings: validate every input first, then compose and write each output atomically."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from factsheet import __version__
from factsheet.atomic import write_atomic
from factsheet.compose.template import LoadedTemplate, Template, find_template, load_template, template_files
from factsheet.diagnostics import Diagnostic, Location
from factsheet.document.nodes import Document
from factsheet.errors import FactsheetError, ValidationFailed
from factsheet.facts.load import LoadedFacts, load_facts
from factsheet.workspace import Workspace
from factsheet.writers import FORMATS


@dataclass(frozen=True)
class Output:
    """One file a build produced."""

    path: Path
    shown: str
    format: str
    size: int
    pages: int | None
    warnings: tuple[str, ...]


def slug(text: str) -> str:
    """A safe file-name part: lower-case letters, digits and hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "briefing"


def output_name(facts: LoadedFacts, template: LoadedTemplate, fmt: str) -> str:
    """'russia-drones-2022-briefing.pdf'."""
    return f"{slug(facts.stem)}-{slug(template.name)}.{fmt}"


def build_id(facts: LoadedFacts, template: LoadedTemplate) -> str:
    """A short hash of everything that shapes the briefing's content."""
    digest = hashlib.sha256(__version__.encode())
    for path in (facts.path, template.path, *sorted(facts.source_paths.values())):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


def load_all(
    workspace: Workspace, facts_paths: Sequence[Path], template_names: Sequence[str] | None
) -> tuple[list[LoadedFacts], list[LoadedTemplate]]:
    """Load every facts file and template, reporting all problems of all files at once."""
    problems: list[Diagnostic] = []
    facts: list[LoadedFacts] = []
    templates: list[LoadedTemplate] = []
    for path in facts_paths:
        try:
            facts.append(load_facts(path, workspace, check_quotes=False))
        except FactsheetError as exc:
            problems.extend(exc.diagnostics)
    try:
        paths = (
            [find_template(workspace, name) for name in template_names]
            if template_names
            else template_files(workspace)
        )
    except FactsheetError as exc:
        problems.extend(exc.diagnostics)
        paths = []
    for path in paths:
        try:
            templates.append(load_template(path, workspace.show(path)))
        except FactsheetError as exc:
            problems.extend(exc.diagnostics)
    if problems:
        raise ValidationFailed(problems)
    return facts, templates


def check_fonts(facts: LoadedFacts) -> list[Diagnostic]:
    """Warnings for characters in the facts that the briefing font cannot draw."""
    from factsheet.fonts import FAMILY, covered_codepoints
    from factsheet.glyphs import undrawable

    return undrawable(facts.sheet, facts.document, covered_codepoints(), FAMILY)


@dataclass(frozen=True)
class Rendition:
    """One document rendered in one format."""

    data: bytes
    pages: int | None
    warnings: tuple[str, ...]


def render(fmt: str, document: Document) -> Rendition:
    """Render `document` with the writer registered as `fmt`."""
    from factsheet.writers import get_writer

    writer = get_writer(fmt)
    data = writer.render(document)
    return Rendition(data, getattr(writer, "page_count", None), tuple(writer.warnings))


def gate(facts: LoadedFacts, allow_stale: bool, allow_drafts: bool) -> tuple[frozenset[str], list[Diagnostic]]:
    """Re-anchor the citations; return the facts to mark, and the problems that stop the build."""
    from factsheet.facts.anchor import Status
    from factsheet.facts.check import check_citations, record_anchors, stale_facts

    checks = check_citations(facts)
    problems: list[Diagnostic] = []
    if not allow_stale:
        for check in checks:
            if check.result.status in (Status.changed, Status.orphaned):
                d = check.diagnostic()
                problems.append(Diagnostic(d.location, d.message + " (run `factsheet check`, or build --allow-stale)"))
    drafts = frozenset(fact.id for _, _, fact in facts.sheet.all_facts() if fact.review == "draft")
    if drafts and not allow_drafts:
        for section, index, fact in facts.sheet.all_facts():
            if fact.review == "draft":
                message = f"{section}.{index}: {fact.id}: is a draft; review it or build --allow-drafts"
                problems.append(Diagnostic(facts.location((section, index, "review")), message))
    if not problems:
        record_anchors(facts, checks)
    return stale_facts(checks), problems


def compose_fitted(
    facts: LoadedFacts, template: LoadedTemplate, stale: frozenset[str] = frozenset()
) -> tuple[Document, dict[str, Rendition]]:
    """The briefing's document tree, shortened to one page when the template asks for it.

    Also returns what was rendered while measuring (the PDF), so it is not rendered twice.
    """
    from factsheet.compose.composer import compose
    from factsheet.compose.fit import fit_one_page

    ident = build_id(facts, template)
    if not template.template.one_page:
        return compose(facts.sheet, template.template, ident, stale), {}
    attempts: dict[int, tuple[Document, Rendition]] = {}

    def pages_of(candidate: Template) -> int:
        document = compose(facts.sheet, candidate, ident, stale)
        attempts[id(candidate)] = (document, render("pdf", document))
        return attempts[id(candidate)][1].pages or 1

    chosen = fit_one_page(template.template, facts.sheet, pages_of)
    document, pdf = attempts[id(chosen)]
    return document, {"pdf": pdf}


def build(
    workspace: Workspace,
    *,
    facts_paths: Sequence[Path] | None = None,
    template_names: Sequence[str] | None = None,
    formats: Sequence[str] = tuple(FORMATS),
    paper: str | None = None,
    report: Callable[[Diagnostic], None] = lambda _: None,
    allow_stale: bool = False,
    allow_drafts: bool = False,
) -> list[Output]:
    """Build every facts file x template x format into workspace.out; return what was written.

    `paper` overrides the templates' paper size; `report` receives warnings found before rendering.
    """
    paths = list(facts_paths) if facts_paths is not None else workspace.facts_files()
    if not paths:
        raise ValidationFailed(
            [Diagnostic(Location(workspace.show(workspace.seeds)), "no facts files (*.facts.yaml) to build")]
        )
    facts_list, templates = load_all(workspace, paths, template_names)
    if paper is not None:
        templates = [
            LoadedTemplate(t.name, t.template.model_copy(update={"paper": paper}), t.path) for t in templates
        ]
    marked: dict[Path, frozenset[str]] = {}
    problems: list[Diagnostic] = []
    for facts in facts_list:
        marked[facts.path], found = gate(facts, allow_stale, allow_drafts)
        problems.extend(found)
    if problems:
        raise ValidationFailed(problems)
    for facts in facts_list:
        for warning in check_fonts(facts):
            report(warning)
        if marked[facts.path]:
            report(Diagnostic(Location(facts.shown), f"marking {len(marked[facts.path])} fact(s) "
                              f"'source changed - unverified': {', '.join(sorted(marked[facts.path]))}", "warning"))
    # Render everything before writing anything: a failure leaves out/ as it was.
    planned: list[tuple[Path, str, Rendition]] = []
    for facts in facts_list:
        for template in templates:
            document, ready = compose_fitted(facts, template, marked[facts.path])
            for fmt in formats:
                rendition = ready.get(fmt) or render(fmt, document)
                if template.template.one_page and (rendition.pages or 0) > 1:
                    note = f"{template.name}: does not fit on one page even shortened ({rendition.pages} pages)"
                    rendition = Rendition(rendition.data, rendition.pages, (*rendition.warnings, note))
                planned.append((workspace.out / output_name(facts, template, fmt), fmt, rendition))
    outputs = []
    for path, fmt, rendition in planned:
        shown = workspace.show(path)
        write_atomic(path, rendition.data, shown)
        outputs.append(Output(path, shown, fmt, len(rendition.data), rendition.pages, rendition.warnings))
    return outputs
