"""The work of a build, one facts file at a time, in this process or in worker processes.

A task is one facts file and the outputs wanted of it (or, in a build of few facts files, one
template's outputs of it: see `parts`). Running it loads and checks the
facts, works out what changed since the last build, renders every output and stages each
file beside its final place (a temporary file of ours, on disk, so nothing is held in
memory), and stages the anchors file too. The build flushes the staged files to disk
(`atomic.Flusher`) while later tasks render, and commits them only when every task
succeeded and every file is on disk, in plan order, so `--jobs` changes how fast a build
is, never what it writes. Tasks and results are plain values that cross process boundaries.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from factsheet.atomic import discard, stage
from factsheet.buildoptions import BuildOptions
from factsheet.diagnostics import Diagnostic, Location
from factsheet.errors import FactsheetError, OutputError
from factsheet.manifest import next_history
from factsheet.workspace import Workspace

# Below this many tasks a pool costs more (forking, sending results) than it saves.
POOL_FROM = 3


@dataclass(frozen=True)
class Wanted:
    """One output wanted of a facts file: its template, format and path."""

    template_path: Path
    fmt: str
    path: Path


@dataclass(frozen=True)
class Task:
    """One facts file and the outputs wanted of it: all of them, or one template's (see `parts`)."""

    workspace: Workspace
    facts_path: Path
    facts_key: str
    wanted: tuple[Wanted, ...]
    options: BuildOptions
    history: dict[str, Any] | None
    """The manifest's record of this facts file's last builds, for the 'what changed' list."""
    reports: bool = True
    """False for a task that renders some of a facts file's outputs while another task renders the rest:
    that one reports the warnings and the history, and stages the anchors file."""


@dataclass(frozen=True)
class Staged:
    """An output rendered and staged: where it goes, where it waits, and what it was built from."""

    wanted: Wanted
    temp: Path
    size: int
    pages: int | None
    warnings: tuple[str, ...]
    inputs: dict[str, str]
    digest: str
    """The sha256 of the staged bytes, for the manifest (worked out here, in parallel, not by the build)."""


@dataclass(frozen=True)
class TaskResult:
    """What running a task found and staged."""

    facts_path: Path
    shown: str
    problems: tuple[Diagnostic, ...] = ()
    warnings: tuple[Diagnostic, ...] = ()
    staged: tuple[Staged, ...] = ()
    anchors: tuple[Path, Path] | None = None
    """The staged anchors file and its final path."""
    anchors_error: str = ""
    history: dict[str, Any] | None = None
    changes: tuple[str, ...] = ()
    fits: tuple[tuple[str, tuple[int | None, ...]], ...] = field(default=())

    def kept(self) -> TaskResult:
        """What the build keeps of this result until it commits: no warnings, history or changes (shown or
        recorded as the result arrives), so that a build's memory grows as little as it can with its tasks."""
        return replace(self, warnings=(), history=None, changes=())

    def temps(self) -> list[Path]:
        """Every file this task staged."""
        return [s.temp for s in self.staged] + ([self.anchors[0]] if self.anchors else [])


def run_task(task: Task) -> TaskResult:
    """Load, check and render one facts file; stage its outputs. Problems come back, never raise."""
    from factsheet.build import gate, inputs_of
    from factsheet.compose.summary import summarise
    from factsheet.compose.template import LoadedTemplate, load_template
    from factsheet.facts.load import load_facts
    from factsheet.render import History, check_fonts, render_all

    workspace, options = task.workspace, task.options
    shown = workspace.show(task.facts_path)
    problems: list[Diagnostic] = []
    templates: dict[Path, LoadedTemplate] = {}
    try:
        facts = load_facts(task.facts_path, workspace, check_quotes=False)
    except FactsheetError as exc:
        problems.extend(exc.diagnostics)
    for template_path in dict.fromkeys(w.template_path for w in task.wanted):
        try:
            loaded = load_template(template_path, workspace.show(template_path))
        except FactsheetError as exc:
            problems.extend(exc.diagnostics)
            continue
        if options.paper is not None:
            loaded = LoadedTemplate(loaded.name, loaded.template.model_copy(update={"paper": options.paper}),
                                    loaded.path, loaded.digest)
        templates[template_path] = loaded
    if problems:
        return TaskResult(task.facts_path, shown, tuple(problems))
    warnings: list[Diagnostic] = []
    marked, found, checks = gate(facts, options, warnings.append)
    if any(p.level == "error" for p in found):
        return TaskResult(task.facts_path, shown, tuple(p for p in found if p.level == "error"), tuple(warnings))
    warnings.extend((*found, *facts.warnings, *check_fonts(facts)))
    if marked:
        warnings.append(Diagnostic(Location(facts.shown), f"marking {len(marked)} fact(s) 'source changed - "
                                   f"unverified': {', '.join(sorted(marked))}", "warning"))
    preview = any(fact.review == "draft" for _section, _index, fact in facts.sheet.all_facts())
    entry, since, lines = next_history(task.history, summarise(facts.sheet),
                                       facts.sheet.factsheet.as_of.isoformat(), record=not preview)
    fits = _fit_cache(workspace.out)
    before = dict(fits.entries)
    staged: list[Staged] = []
    try:
        for template_path in dict.fromkeys(w.template_path for w in task.wanted):
            wanted_here = [w for w in task.wanted if w.template_path == template_path]
            template = templates[template_path]
            renditions = render_all(facts, template, [w.fmt for w in wanted_here], marked,
                                    History(since, tuple(lines)), fits)
            inputs = inputs_of(facts, template, workspace.root, options.key())
            for item in wanted_here:
                rendition = renditions[item.fmt]
                temp = stage(item.path, rendition.data, workspace.show(item.path), flush=False)
                staged.append(Staged(item, temp, len(rendition.data), rendition.pages, rendition.warnings, inputs,
                                     hashlib.sha256(rendition.data).hexdigest()))
        anchors, anchors_error = _stage_anchors(facts, checks) if task.reports else (None, "")
    except BaseException:
        discard([s.temp for s in staged])
        raise
    new_fits = tuple((k, v) for k, v in fits.entries.items() if before.get(k) != v)
    if not task.reports:
        return TaskResult(task.facts_path, shown, staged=tuple(staged), fits=new_fits)
    return TaskResult(task.facts_path, shown, (), tuple(warnings), tuple(staged), anchors, anchors_error, entry,
                      tuple(lines), new_fits)


_fits: dict[Path, Any] = {}


def _fit_cache(out: Path) -> Any:
    """This process's copy of out/'s fit cache, read once (a worker reads it when it starts)."""
    from factsheet.fitcache import FitCache

    if out not in _fits:
        _fits[out] = FitCache.read(out)
    return _fits[out]


def _stage_anchors(facts: Any, checks: Any) -> tuple[tuple[Path, Path] | None, str]:
    """Stage the anchors file; a folder we cannot write to gives the reason instead."""
    from factsheet.facts.anchors import anchors_path
    from factsheet.facts.check import anchors_bytes

    data = anchors_bytes(facts, checks)
    if data is None:
        return None, ""
    target = anchors_path(facts.path)
    try:
        return (stage(target, data, flush=False), target), ""
    except OutputError as exc:
        return None, exc.message


def pool_size(options: BuildOptions, tasks: int) -> int:
    """How many worker processes to use for `tasks` tasks: none when a pool would not pay."""
    jobs = options.jobs or os.cpu_count() or 1
    return min(jobs, tasks) if jobs > 1 and tasks >= POOL_FROM else 0


def parts(tasks: Sequence[Task], workers: int) -> list[list[Task]]:
    """Each task as the tasks the pool runs: itself, or one per template when there are few facts files.

    Per facts file, two workers given three files split the work 2:1; per template they
    split it nearly evenly, for the cost of loading and checking a facts file once per template
    (the first template's task reports for the file). From twice as many files as workers on, the
    files alone balance well enough.
    """
    if len(tasks) >= 2 * workers:
        return [[task] for task in tasks]
    split = []
    for task in tasks:
        templates = list(dict.fromkeys(w.template_path for w in task.wanted))
        split.append([replace(task, wanted=tuple(w for w in task.wanted if w.template_path == template),
                              reports=index == 0) for index, template in enumerate(templates)])
    return split


def joined(task: Task, results: Sequence[TaskResult]) -> TaskResult:
    """One result for `task` from the results of its parts, the reporting part's first."""
    first, *others = results
    if not others:
        return first
    order = {wanted: index for index, wanted in enumerate(task.wanted)}
    staged = sorted((s for result in results for s in result.staged), key=lambda s: order[s.wanted])
    problems, fits = list(first.problems), list(first.fits)
    for other in others:
        problems.extend(p for p in other.problems if p not in problems)
        fits.extend(f for f in other.fits if f not in fits)
    return replace(first, problems=tuple(problems), staged=tuple(staged), fits=tuple(fits))


def run_tasks(tasks: Sequence[Task], options: BuildOptions) -> Iterator[TaskResult]:
    """Every task's result, in task order, from worker processes when that pays, else from this one."""
    workers = pool_size(options, len(tasks))
    if not workers:
        for task in tasks:
            yield run_task(task)
        return
    # Each worker imports what its tasks need (the model, the composer, the writers of the formats
    # asked for), all of them at once. This process imports none of it: forked before the imports,
    # the workers share no pages with it to copy as they run, and this process stays small, so it
    # exits quickly. (Importing it all here to share with forked workers measured ~40 ms slower.)
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    split = parts(tasks, workers)
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method)) as pool:
        # The largest facts files first, so that the last part to start is a small one.
        first = sorted(range(len(tasks)), key=lambda i: -_size(tasks[i].facts_path))
        started = {i: [pool.submit(run_task, part) for part in split[i]] for i in first}
        futures = [started[i] for i in range(len(tasks))]
        given = 0  # results handed over: the caller removes what they staged if the build fails
        try:
            for task, task_futures in zip(tasks, futures, strict=True):
                results = [future.result() for future in task_futures]
                given += 1
                yield joined(task, results)
        except BaseException:
            # What finished but was never handed over goes here.
            later = [future for task_futures in futures[given:] for future in task_futures]
            for future in later:
                future.cancel()
            for future in later:
                if not future.cancelled() and future.exception() is None:
                    discard(future.result().temps())
            raise


def _size(path: Path) -> int:
    """The size of a file in bytes (0 if it cannot be read): how long its briefing takes, roughly."""
    try:
        return path.stat().st_size
    except OSError:
        return 0
