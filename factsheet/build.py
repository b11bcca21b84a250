"""Build briefings: plan, skip what is up to date, validate all, render all, then write each file atomically.

Planning and the up-to-date check use the standard library only, so a build
with nothing to do never imports the model, the composer or a renderer.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from factsheet.atomic import write_atomic
from factsheet.diagnostics import Diagnostic, Location
from factsheet.errors import FactsheetError, InputError, OutputError, ValidationFailed
from factsheet.manifest import Manifest, engine_inputs, file_hash
from factsheet.workspace import Workspace, facts_stem, slug
from factsheet.writers import FORMATS as WRITERS

if TYPE_CHECKING:
    from factsheet.compose.template import LoadedTemplate
    from factsheet.facts.load import LoadedFacts

FORMATS = tuple(WRITERS)


@dataclass(frozen=True)
class Output:
    """One file a build wrote, and why."""

    path: Path
    shown: str
    format: str
    size: int
    pages: int | None
    warnings: tuple[str, ...]
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Planned:
    """One output the build is asked for."""

    facts_path: Path
    template_path: Path
    fmt: str
    path: Path


@dataclass
class BuildResult:
    """What a build did: files written, files already up to date, and fact-level changes per facts file."""

    written: list[Output] = field(default_factory=list)
    up_to_date: list[str] = field(default_factory=list)
    changes: dict[str, list[str]] = field(default_factory=dict)


def plan(
    workspace: Workspace, facts_paths: Sequence[Path] | None, template_names: Sequence[str] | None,
    formats: Sequence[str],
) -> list[Planned]:
    """Every facts file x template x format asked for, with its output path."""
    paths = list(facts_paths) if facts_paths is not None else workspace.facts_files()
    if not paths:
        raise InputError("no facts files (*.facts.yaml) to build", Location(workspace.show(workspace.seeds)))
    templates = [workspace.template_path(n) for n in template_names] if template_names else workspace.template_files()
    if not templates:
        raise InputError("no templates (*.yaml) to build with", Location(workspace.show(workspace.templates)))
    return [
        Planned(f, t, fmt, workspace.out / f"{slug(facts_stem(f))}-{slug(t.stem)}.{fmt}")
        for f in paths for t in templates for fmt in formats
    ]


def _name(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def current_inputs(recorded: dict[str, str], root: Path, options: str) -> dict[str, str]:
    """The present hashes of the inputs an output was last built from."""
    engine = engine_inputs()
    out = {}
    for name in recorded:
        if name.startswith("engine:"):
            out[name] = engine.get(name.removeprefix("engine:"), "")
        elif name == "options":
            out[name] = options
        else:
            out[name] = file_hash(root / name)
    return out


def inputs_of(facts: LoadedFacts, template: LoadedTemplate, root: Path, options: str) -> dict[str, str]:
    """Everything that shapes an output: facts, template, seeds, the tool and its fonts, the options."""
    files = [facts.path, template.path, *facts.source_paths.values()]
    found = {_name(p, root): file_hash(p) for p in files}
    found.update({f"engine:{k}": v for k, v in engine_inputs().items()})
    found["options"] = options
    return found


def gate(
    facts: LoadedFacts, allow_stale: bool, allow_drafts: bool, allow_numbers: bool = False
) -> tuple[frozenset[str], list[Diagnostic]]:
    """Re-anchor the citations and check the prose's numbers; return the facts to mark, and what stops the build."""
    from factsheet.facts.anchor import Status
    from factsheet.facts.check import check_citations, record_anchors, stale_facts
    from factsheet.facts.numbers import unsourced_numbers

    checks = check_citations(facts)
    problems: list[Diagnostic] = []
    # Allowed unsourced numbers come back as warnings, for the caller to show; errors stop the build.
    problems.extend(unsourced_numbers(facts.sheet, facts.document, "warning" if allow_numbers else "error"))
    if not allow_stale:
        for check in checks:
            if check.result.status in (Status.changed, Status.orphaned):
                d = check.diagnostic()
                problems.append(Diagnostic(d.location, d.message + " (run `factsheet check`, or build --allow-stale)"))
    if not allow_drafts:
        for section, index, fact in facts.sheet.all_facts():
            if fact.review == "draft":
                message = f"{section}.{index}: {fact.id}: is a draft; review it or build --allow-drafts"
                problems.append(Diagnostic(facts.location((section, index, "review")), message))
    if not any(p.level == "error" for p in problems):
        record_anchors(facts, checks)
    return stale_facts(checks), problems


def load_inputs(
    workspace: Workspace, facts_paths: Sequence[Path], template_paths: Sequence[Path]
) -> tuple[dict[Path, LoadedFacts], dict[Path, LoadedTemplate]]:
    """Load every facts file and template, reporting all problems of all files at once."""
    from factsheet.compose.template import load_template
    from factsheet.facts.load import load_facts

    problems: list[Diagnostic] = []
    facts, templates = {}, {}
    for path in facts_paths:
        try:
            facts[path] = load_facts(path, workspace, check_quotes=False)
        except FactsheetError as exc:
            problems.extend(exc.diagnostics)
    for path in template_paths:
        try:
            templates[path] = load_template(path, workspace.show(path))
        except FactsheetError as exc:
            problems.extend(exc.diagnostics)
    if problems:
        raise ValidationFailed(problems)
    return facts, templates


def build(
    workspace: Workspace,
    *,
    facts_paths: Sequence[Path] | None = None,
    template_names: Sequence[str] | None = None,
    formats: Sequence[str] = FORMATS,
    paper: str | None = None,
    allow_stale: bool = False,
    allow_drafts: bool = False,
    force: bool = False,
    report: Callable[[Diagnostic], None] = lambda _: None,
    allow_numbers: bool = False,
) -> BuildResult:
    """Bring the requested outputs up to date; return what was written, what was current, and what changed."""
    planned = plan(workspace, facts_paths, template_names, formats)
    with out_lock(workspace):
        return _build_locked(workspace, planned, paper, allow_stale, allow_drafts, force, report, allow_numbers)


@contextlib.contextmanager
def out_lock(workspace: Workspace) -> Iterator[None]:
    """Serialise builds into the same out/: a second build waits, then sees the first one's manifest."""
    import fcntl

    try:
        workspace.out.mkdir(parents=True, exist_ok=True)
        handle = open(workspace.out / ".factsheet.lock", "a+b")  # noqa: SIM115 - held for the whole build
    except OSError as exc:
        where = Location(workspace.show(workspace.out))
        raise OutputError(f"cannot use the output folder: {exc.strerror}", where) from None
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _build_locked(
    workspace: Workspace, planned: list[Planned], paper: str | None, allow_stale: bool, allow_drafts: bool,
    force: bool, report: Callable[[Diagnostic], None], allow_numbers: bool = False,
) -> BuildResult:
    options = f"paper={paper or ''};allow_stale={allow_stale};allow_drafts={allow_drafts}"
    if allow_numbers:
        options += ";allow_numbers=True"
    manifest = Manifest.read(workspace.out)
    result = BuildResult()
    reasons: dict[Planned, list[str]] = {}
    for item in planned:
        recorded = manifest.recorded_inputs(item.path)
        if force:
            reasons[item] = ["forced"]
        elif recorded is None:
            reasons[item] = ["new output"]
        else:
            reasons[item] = manifest.stale_reasons(item.path, current_inputs(recorded, workspace.root, options))
    todo = [item for item in planned if reasons[item]]
    result.up_to_date = [workspace.show(item.path) for item in planned if not reasons[item]]
    if not todo:
        return result
    _rebuild(workspace, todo, reasons, manifest, options, paper, allow_stale, allow_drafts, report, result,
             allow_numbers)
    return result


def _rebuild(
    workspace: Workspace, todo: list[Planned], reasons: dict[Planned, list[str]], manifest: Manifest, options: str,
    paper: str | None, allow_stale: bool, allow_drafts: bool, report: Callable[[Diagnostic], None],
    result: BuildResult, allow_numbers: bool = False,
) -> None:
    from factsheet.compose.summary import summarise
    from factsheet.render import History, check_fonts, render_all

    facts_by_path, templates = load_inputs(
        workspace, list(dict.fromkeys(p.facts_path for p in todo)), list(dict.fromkeys(p.template_path for p in todo))
    )
    if paper is not None:
        templates = {k: type(t)(t.name, t.template.model_copy(update={"paper": paper}), t.path)
                     for k, t in templates.items()}
    marked: dict[Path, frozenset[str]] = {}
    problems: list[Diagnostic] = []
    for path, facts in facts_by_path.items():
        marked[path], found = gate(facts, allow_stale, allow_drafts, allow_numbers)
        problems.extend(d for d in found if d.level == "error")
        for warning in (d for d in found if d.level == "warning"):
            report(warning)
    if problems:
        raise ValidationFailed(problems)
    histories: dict[Path, History] = {}
    for path, facts in facts_by_path.items():
        for warning in (*facts.warnings, *check_fonts(facts)):
            report(warning)
        if marked[path]:
            report(Diagnostic(Location(facts.shown), f"marking {len(marked[path])} fact(s) 'source changed - "
                              f"unverified': {', '.join(sorted(marked[path]))}", "warning"))
        since, lines = manifest.changes(_name(path, workspace.root), summarise(facts.sheet),
                                        facts.sheet.factsheet.as_of.isoformat())
        histories[path] = History(since, tuple(lines))
        if lines:
            result.changes[facts.shown] = lines
    # Render everything before writing anything: a failure leaves out/ as it was.
    rendered = {}
    for key in dict.fromkeys((p.facts_path, p.template_path) for p in todo):
        formats = [p.fmt for p in todo if (p.facts_path, p.template_path) == key]
        facts, template = facts_by_path[key[0]], templates[key[1]]
        for fmt, rendition in render_all(facts, template, formats, marked[key[0]], histories[key[0]]).items():
            rendered[(*key, fmt)] = rendition
    for item in todo:
        rendition = rendered[(item.facts_path, item.template_path, item.fmt)]
        shown = workspace.show(item.path)
        write_atomic(item.path, rendition.data, shown)
        facts, template = facts_by_path[item.facts_path], templates[item.template_path]
        manifest.record(item.path, inputs_of(facts, template, workspace.root, options))
        result.written.append(Output(item.path, shown, item.fmt, len(rendition.data), rendition.pages,
                                     rendition.warnings, tuple(reasons[item])))
    manifest.write()
