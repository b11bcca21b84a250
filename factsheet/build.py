"""Build briefings: plan, skip what is up to date, validate all, render all, then write each file atomically.

Planning and the up-to-date check use the standard library only, so a build
with nothing to do never imports the model, the composer or a renderer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from factsheet.atomic import Flusher, commit, discard, remove_stale_temps
from factsheet.buildoptions import FORMATS, BuildOptions
from factsheet.diagnostics import Diagnostic, Location
from factsheet.errors import InputError, OutputError, ValidationFailed
from factsheet.lock import out_lock
from factsheet.manifest import Manifest, engine_inputs, file_hash, safe_name, text_hash
from factsheet.workspace import Workspace, facts_stem, slug
from factsheet.writers import WRITERS

if TYPE_CHECKING:
    from factsheet.buildjobs import TaskResult
    from factsheet.compose.template import LoadedTemplate
    from factsheet.facts.check import CitationCheck
    from factsheet.facts.load import LoadedFacts

__all__ = ["FORMATS", "BuildOptions", "BuildResult", "build"]
DEFAULT_OPTIONS = BuildOptions()


# Output and Planned are NamedTuples, not dataclasses: every build defines them, one with nothing to do too,
# and a NamedTuple is defined in a sixth of the time.
class Output(NamedTuple):
    """One file a build wrote, and why."""

    path: Path
    shown: str
    format: str
    size: int
    pages: int | None
    warnings: tuple[str, ...]
    reasons: tuple[str, ...]


class Planned(NamedTuple):
    """One output the build is asked for."""

    facts_path: Path
    template_path: Path
    fmt: str
    path: Path


class BuildResult:
    """What a build did: files written, files already up to date, and fact-level changes per facts file.

    A plain class, not a dataclass, for the reason Output is a NamedTuple.
    """

    def __init__(self) -> None:
        self.written: list[Output] = []
        self.up_to_date: list[str] = []
        self.changes: dict[str, list[str]] = {}
        self.changed_during: list[str] = []  # inputs saved while the build read them

    def __repr__(self) -> str:
        return (f"BuildResult(written={[o.shown for o in self.written]}, up_to_date={self.up_to_date}, "
                f"changes={self.changes}, changed_during={self.changed_during})")


def plan(
    workspace: Workspace, facts_paths: Sequence[Path] | None, template_names: Sequence[str] | None,
    formats: Sequence[str],
) -> list[Planned]:
    """Every facts file x template x format asked for, with its output path."""
    paths = list(facts_paths) if facts_paths is not None else workspace.facts_files()
    if not paths:
        raise InputError(f"no facts files (*.facts.yaml) to build: {workspace.no_facts_hint()}",
                         Location(workspace.show(workspace.seeds)))
    templates = [workspace.template_path(n) for n in template_names] if template_names else workspace.template_files()
    if not templates:
        raise InputError("no templates (*.yaml) to build with: run `factsheet init` to add the shipped ones, or "
                         "remove the empty folder to build with them", Location(workspace.show(workspace.templates)))
    planned = [
        Planned(f, t, fmt, workspace.out / f"{slug(facts_stem(f))}-{slug(t.stem)}{WRITERS[fmt].extension}")
        for f in paths for t in templates for fmt in formats
    ]
    check_outputs(workspace, planned)
    return planned


def check_outputs(workspace: Workspace, planned: Sequence[Planned]) -> None:
    """Refuse two inputs writing one output name, and outputs over anything but our own regular files."""
    workspace.check_output_folder(workspace.out, workspace.show(workspace.out))
    seen: dict[str, Planned] = {}
    folders = workspace.inputs_folders()
    inputs = {p: p.resolve() for item in planned for p in (item.facts_path, item.template_path)}
    for item in planned:
        other = seen.setdefault(item.path.name.casefold(), item)
        if (other.facts_path, other.template_path) != (item.facts_path, item.template_path):
            a, b = ((other.facts_path, item.facts_path) if other.facts_path != item.facts_path
                    else (other.template_path, item.template_path))
            raise InputError(f"{workspace.show(a)} and {workspace.show(b)} would both be written to "
                             f"{workspace.show(item.path)}; rename one of them", Location(workspace.show(b)))
        workspace.check_output_file(item.path, workspace.show(item.path),
                                    (inputs[item.facts_path], inputs[item.template_path]), folders)


def _name(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


class InputFiles:
    """The input files of one up-to-date check: each one's safety and hash found once, for every output."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._safe: dict[str, bool] = {}
        self._hashes: dict[str, str] = {}

    def safe(self, name: str) -> bool:
        """True when the recorded `name` stays inside the workspace (see `safe_name`)."""
        if name not in self._safe:
            self._safe[name] = safe_name(name, self.root)
        return self._safe[name]

    def hash(self, name: str) -> str:
        """The file_hash of `name` in the workspace."""
        if name not in self._hashes:
            self._hashes[name] = file_hash(self.root / name)
        return self._hashes[name]


def current_inputs(recorded: dict[str, str], root: Path, options: str,
                   named: frozenset[str] = frozenset(), files: InputFiles | None = None) -> dict[str, str]:
    """The present hashes of the inputs an output was last built from.

    A recorded name is read only inside the workspace, or when it is one the user `named` for this build
    (a facts file given on the command line may lie elsewhere). `files` shares reads between the outputs
    of one check.
    """
    engine = engine_inputs()
    files = files or InputFiles(root)
    out = {}
    for name in recorded:
        if name.startswith("engine:"):
            out[name] = engine.get(name.removeprefix("engine:"), "")
        elif name == "options":
            out[name] = options
        elif files.safe(name) or name in named:
            out[name] = files.hash(name)
        else:
            out[name] = "outside the workspace"  # never read: a tampered manifest rebuilds instead
    return out


def inputs_of(facts: LoadedFacts, template: LoadedTemplate, root: Path, options: str) -> dict[str, str]:
    """Everything that shapes an output, each file by the hash of the bytes the build read."""
    found = {_name(facts.path, root): text_hash(facts.document.text),
             _name(template.path, root): template.digest or file_hash(template.path)}
    for source, path in facts.source_paths.items():
        found[_name(path, root)] = text_hash(facts.source_as_read(source))
    found.update({f"engine:{k}": v for k, v in engine_inputs().items()})
    found["options"] = options
    return found


def changed_since_read(inputs: dict[str, str], root: Path, hashes: dict[str, str] | None = None) -> list[str]:
    """The input files whose bytes on disk are no longer those the build read.

    `hashes` keeps each file's present hash for the next call: a template shared by 1,000 outputs is read once.
    """
    hashes = {} if hashes is None else hashes
    changed = []
    for name, digest in sorted(inputs.items()):
        if name.startswith("engine:") or name == "options":
            continue
        if name not in hashes:
            hashes[name] = file_hash(root / name)
        if hashes[name] != digest:
            changed.append(name)
    return changed


def gate(
    facts: LoadedFacts, options: BuildOptions, report: Callable[[Diagnostic], None] | None = None
) -> tuple[frozenset[str], list[Diagnostic], list[CitationCheck]]:
    """Re-anchor the citations and check the prose's numbers; return the facts to mark, the problems (errors
    stop the build, warnings are shown), and the checks.

    Nothing is written here: anchors are saved with the outputs, once every render succeeded.
    """
    from factsheet.facts.anchor import Status
    from factsheet.facts.check import check_citations, stale_facts
    from factsheet.facts.numbers import unsourced_numbers

    checks = check_citations(facts, report)
    problems: list[Diagnostic] = []
    # Numbers the prose states but its citations lack: errors, or warnings the caller shows when allowed.
    problems.extend(unsourced_numbers(facts.sheet, facts.document, "warning" if options.allow_numbers else "error"))
    if not options.allow_stale:
        for check in checks:
            if check.result.status in (Status.changed, Status.orphaned):
                d = check.diagnostic()
                problems.append(Diagnostic(d.location, d.message + " (run `factsheet check`, or build --allow-stale)"))
    if not options.allow_drafts:
        for section, index, fact in facts.sheet.all_facts():
            if fact.review == "draft":
                message = (f"{section}.{index}: {fact.id}: is a draft; review it and delete its `review: draft` "
                           "line, or preview with `factsheet build --allow-drafts`")
                problems.append(Diagnostic(facts.location((section, index, "review")), message))
    return stale_facts(checks), problems, checks


def build(
    workspace: Workspace,
    *,
    facts_paths: Sequence[Path] | None = None,
    template_names: Sequence[str] | None = None,
    options: BuildOptions = DEFAULT_OPTIONS,
    report: Callable[[Diagnostic], None] = lambda _: None,
) -> BuildResult:
    """Bring the requested outputs up to date; return what was written, what was current, and what changed.

    Builds into one out/ are serialised; a second one waits at most `options.lock_timeout` seconds.
    """
    planned = plan(workspace, facts_paths, template_names, options.formats)
    with out_lock(workspace.out, workspace.show(workspace.out), options.lock_timeout, report):
        remove_stale_temps(workspace.out)
        return _build_locked(workspace, planned, options, report)


def _build_locked(
    workspace: Workspace, planned: list[Planned], options: BuildOptions, report: Callable[[Diagnostic], None],
) -> BuildResult:
    key = options.key()
    manifest = Manifest.read(workspace.out)
    if manifest.problem:
        report(Diagnostic(Location(workspace.show(manifest.path)), f"ignored ({manifest.problem}); every "
                          "output is rebuilt", "warning"))
    result = BuildResult()
    reasons: dict[Planned, list[str]] = {}
    files = InputFiles(workspace.root)
    for item in planned:
        recorded = manifest.recorded_inputs(item.path)
        if options.force:
            reasons[item] = ["forced"]
        elif recorded is None:
            reasons[item] = ["new output"]
        else:
            named = frozenset(_name(p, workspace.root) for p in (item.facts_path, item.template_path))
            inputs = current_inputs(recorded, workspace.root, key, named, files)
            reasons[item] = manifest.stale_reasons(item.path, inputs)
    todo = [item for item in planned if reasons[item]]
    result.up_to_date = [workspace.show(item.path) for item in planned if not reasons[item]]
    if not todo:
        return result
    _rebuild(workspace, todo, reasons, manifest, options, report, result)
    return result


def _rebuild(
    workspace: Workspace, todo: list[Planned], reasons: dict[Planned, list[str]], manifest: Manifest,
    options: BuildOptions, report: Callable[[Diagnostic], None], result: BuildResult,
) -> None:
    """Render every output (staged as each finishes), then commit them all, or none when anything failed."""
    from factsheet import progress
    from factsheet.buildjobs import Task, Wanted, run_tasks
    from factsheet.fitcache import FitCache

    by_facts: dict[Path, list[Wanted]] = {}
    for p in todo:
        by_facts.setdefault(p.facts_path, []).append(Wanted(p.template_path, p.fmt, p.path))
    tasks = []
    for facts_path, wanted in by_facts.items():
        facts_key = _name(facts_path, workspace.root)
        tasks.append(Task(workspace, facts_path, facts_key, tuple(wanted), options, manifest.facts.get(facts_key)))
    finished: list[TaskResult] = []
    problems: list[Diagnostic] = []

    def making(index: int) -> str:
        return f"rendering {facts_stem(tasks[index].facts_path)} ({len(tasks[index].wanted)} outputs)"

    with Flusher() as outputs, Flusher() as anchors:
        progress.begin(len(todo), making(0))
        try:
            for index, (task, done) in enumerate(zip(tasks, run_tasks(tasks, options), strict=True)):
                progress.finished(len(task.wanted))
                if index + 1 < len(tasks):
                    progress.working(making(index + 1))
                finished.append(done.kept())
                # Flushed to disk while the next tasks render; committed only once all are on disk.
                for output in done.staged:
                    outputs.add(output.temp, workspace.show(output.wanted.path))
                if done.anchors is not None:
                    anchors.add(done.anchors[0], str(done.anchors[1]))
                for diagnostic in done.warnings:
                    report(diagnostic)
                problems.extend(p for p in done.problems if p not in problems)  # a template's problems come once
                if done.changes:
                    result.changes[done.shown] = list(done.changes)
                if done.history is not None:
                    manifest.facts[task.facts_key] = done.history
            if not problems:
                outputs.wait()
        except BaseException:
            discard([temp for done in finished for temp in done.temps()])
            raise
        if problems:
            discard([temp for done in finished for temp in done.temps()])
            raise ValidationFailed(problems)
        progress.working("writing")
        # Every render succeeded: now put everything in place, outputs first, then anchors, then the manifest.
        changed = _commit_outputs(workspace, todo, finished, reasons, manifest, result)
        save_anchors(workspace, finished, report, anchors)
    manifest.write()
    fits = FitCache.read(workspace.out)
    for done in finished:
        for fit_key, limits in done.fits:
            fits.put(fit_key, limits)
    fits.save()
    for name in sorted(changed):
        where = Location(workspace.show(workspace.root / name))
        report(Diagnostic(where, "changed while the build read it: the outputs were built from the earlier "
                          "text and will be rebuilt by the next build", "warning"))
    result.changed_during = sorted(changed)


def _commit_outputs(
    workspace: Workspace, todo: list[Planned], finished: list[TaskResult], reasons: dict[Planned, list[str]],
    manifest: Manifest, result: BuildResult,
) -> set[str]:
    """Put every staged output in place and record it; return the inputs saved while the build read them."""
    staged = {s.wanted.path: s for done in finished for s in done.staged}
    changed: set[str] = set()
    hashes: dict[str, str] = {}
    try:
        for item in todo:
            output = staged.pop(item.path)
            shown = workspace.show(item.path)
            commit(output.temp, item.path, shown)
            changed.update(changed_since_read(output.inputs, workspace.root, hashes))
            # The hashes of what was read: an input saved meanwhile is stale.
            manifest.record(item.path, output.inputs, output.digest)
            result.written.append(Output(item.path, shown, item.fmt, output.size, output.pages, output.warnings,
                                         tuple(reasons[item])))
    finally:
        discard([s.temp for s in staged.values()])
    return changed


def save_anchors(workspace: Workspace, finished: Sequence[TaskResult], report: Callable[[Diagnostic], None],
                 flushing: Flusher) -> None:
    """Put the staged anchors files in place once `flushing` has them on disk; a read-only (or full) seeds/
    keeps them in memory, said once."""
    remove_stale_temps(workspace.seeds, keep=frozenset(done.anchors[0] for done in finished if done.anchors))
    unsaved = next((done.anchors_error for done in finished if done.anchors_error), "")
    try:
        flushing.wait()
    except OutputError as exc:
        unsaved = unsaved or exc.message
    for done in finished:
        if done.anchors is None:
            continue
        temp, target = done.anchors
        if unsaved:
            discard([temp])
            continue
        try:
            commit(temp, target)
        except OutputError as exc:
            unsaved = exc.message
    if unsaved:
        report(Diagnostic(Location(workspace.show(workspace.seeds)), f"cannot save anchors ({unsaved}); "
                          "they are kept in memory for this build only", "warning"))
