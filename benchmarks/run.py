"""factsheet's benchmarks: every measurement in one run on one machine, as one table.

    python benchmarks/run.py              # everything; writes benchmarks/results.md
    python benchmarks/run.py --only 1,5   # some rows only; prints, does not write results.md

Run it with the project's virtual environment active. Each benchmark works in its
own temporary copy of the repository's seeds/ and templates/ (snapshotted once at
start), builds the same inputs every time, and removes its folders when done.
See benchmarks/README.md for what each row measures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import queue
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
RESULTS = BENCH / "results.md"

COLD_REPS = 10
COMMAND_REPS = 15
RENDER_COUNT = 100
FRESH_COUNT = 100
SCALE_COUNTS = (100, 1000)
SCALE_REPS = 3
"""Runs of the largest scale build (its median is the row): one run of 20 s swings by seconds on a shared machine."""
WATCH_SAMPLES = 10


class BenchmarkError(RuntimeError):
    """A benchmark could not measure what it should (a command failed, a file never appeared)."""


# ---------------------------------------------------------------- rows and the table


@dataclass
class Row:
    """One line of the table: samples of one quantity and how they compare with a reference or target.

    `unit` is "s" (samples in seconds, shown as ms or s), "KB", "MB", "x" (a plain ratio) or "n" (a count).
    `ratio` is the median over the reference (or over the target for absolute targets);
    a row passes when ratio <= limit. Rows without a limit are recorded for information.
    """

    key: str
    what: str
    samples: list[float]
    unit: str
    runs: str
    reference: str = "—"
    ratio: float | None = None
    limit: float | None = None
    target: str = "—"

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def result(self) -> str:
        if self.limit is None or self.ratio is None:
            return "info"
        return "PASS" if self.ratio <= self.limit else "MISS"


def show(value: float, unit: str) -> str:
    """A value with its unit, at a sensible precision."""
    if unit == "s":
        if value < 0.01:
            return f"{value * 1000:.1f} ms"
        return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "n":
        return f"{value:.0f}"
    return f"{value:.1f} {unit}"


def against(row: Row, reference: float, label: str, limit: float | None, target: str = "—") -> Row:
    """`row` compared with a measured reference (ratio = median / reference); no limit: for information."""
    row.reference = f"{label} {show(reference, row.unit)}" if label else show(reference, row.unit)
    row.ratio, row.limit, row.target = row.median / reference, limit, target
    return row


def within(row: Row, target: float, value: float | None = None) -> Row:
    """`row` against an absolute target (ratio = median, or `value`, / target)."""
    row.ratio = (row.median if value is None else value) / target
    row.limit, row.target = 1.0, f"≤ {show(target, row.unit)}"
    return row


def table(rows: Sequence[Row]) -> str:
    """The rows as a Markdown table."""
    head = ["#", "Measurement", "Runs", "Median", "Min", "Max", "Reference", "Ratio", "Target", "Result"]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    for row in rows:
        cells = [row.key, row.what, row.runs, show(row.median, row.unit), show(min(row.samples), row.unit),
                 show(max(row.samples), row.unit), row.reference,
                 "—" if row.ratio is None else f"{row.ratio:.2f}x", row.target, row.result]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def machine() -> str:
    """CPU model, cores, memory, Python and library versions."""
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown memory"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB memory"
                break
    except OSError:
        pass

    def installed(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "not installed"

    return (f"{cpu}, {os.cpu_count()} cores, {memory}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}, ReportLab {installed('reportlab')}, "
            f"python-docx {installed('python-docx')}, factsheet {installed('factsheet')}")


# ---------------------------------------------------------------- processes and workspaces


@dataclass(frozen=True)
class Finished:
    """A finished child process: wall time, its own peak RSS, its output."""

    seconds: float
    maxrss_kb: int
    stdout: str
    stderr: str


def factsheet_command() -> list[str]:
    """The installed `factsheet` console script next to this Python, as a user runs it."""
    script = Path(sys.executable).parent / "factsheet"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "factsheet"]


def run(command: Sequence[str], cwd: Path | None = None) -> Finished:
    """Run `command` to completion: wall-clock time from spawn to exit, and the child's own peak RSS."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(list(command), cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if child.returncode != 0:
        raise BenchmarkError(f"{' '.join(command)} exited {child.returncode}:\n{stdout}{stderr}")
    return Finished(seconds, usage.ru_maxrss, stdout, stderr)


@dataclass(frozen=True)
class Context:
    """Where a benchmark may work: a scratch folder, and the snapshot of seeds/ and templates/."""

    scratch: Path
    snapshot: Path

    @contextmanager
    def folder(self, name: str) -> Iterator[Path]:
        """A scratch folder, removed afterwards."""
        path = self.scratch / name
        path.mkdir()
        try:
            yield path
        finally:
            shutil.rmtree(path, ignore_errors=True)

    @contextmanager
    def workspace(self, name: str) -> Iterator[Path]:
        """A fresh workspace holding a copy of the snapshot's seeds/ and templates/, removed afterwards."""
        with self.folder(name) as path:
            for part in ("seeds", "templates"):
                shutil.copytree(self.snapshot / part, path / part)
            yield path


def seed_facts(root: Path) -> Path:
    """The seed's facts file in a workspace (the first, in name order)."""
    found = sorted((root / "seeds").glob("*.facts.yaml"))
    if not found:
        raise BenchmarkError(f"no facts file in {root / 'seeds'}")
    return found[0]


def briefing_outputs(root: Path) -> tuple[Path, Path]:
    """The seed's full briefing, PDF and DOCX, in root/out (named as factsheet.build names them)."""
    stem = seed_facts(root).name.removesuffix(".facts.yaml")
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return root / "out" / f"{slug}-briefing.pdf", root / "out" / f"{slug}-briefing.docx"


def cpu_busy() -> float | None:
    """CPU seconds the whole machine has been busy (every process, and time stolen by a hypervisor)."""
    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    except (OSError, ValueError):
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def own_cpu() -> float:
    """CPU seconds used by this process and its finished children."""
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def progress(message: str) -> None:
    print(f"  {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- 1. cold build against the raw floor


def cold_build(ctx: Context) -> list[Row]:
    """Whole-process default build (every template, both formats) vs one raw process writing the same files."""
    with ctx.workspace("cold") as root, ctx.workspace("first") as first, ctx.folder("raw") as raw:
        content, modules = raw / "content.json", raw / "modules.txt"
        run([sys.executable, str(BENCH / "export_content.py"), str(root), str(content)])
        run([sys.executable, str(BENCH / "import_floor.py"), "record", str(root), str(modules)])
        factsheet = [*factsheet_command(), "build", "--force", "--root", str(root)]
        floor = [sys.executable, str(BENCH / "raw_floor.py"), str(content), str(raw / "out")]
        commands = {
            "build": factsheet, "build_pdf": [*factsheet, "--format", "pdf"],
            "build_docx": [*factsheet, "--format", "docx"],
            # A first build: out/ removed before each run (so no manifest and no one-page fit kept).
            "first": [*factsheet_command(), "build", "--root", str(first)],
            "raw": floor, "raw_pdf": [*floor, "pdf"], "raw_docx": [*floor, "docx"],
            "imports": [sys.executable, str(BENCH / "import_floor.py"), str(modules)],
            "imports_fast": [sys.executable, str(BENCH / "import_floor.py"), str(modules), "--fast-exit"],
        }
        for name, command in commands.items():  # warm-up: bytecode caches, page cache, anchors file
            if name == "first":
                shutil.rmtree(first / "out", ignore_errors=True)
            run(command)
        files = len(list((root / "out").glob("*.pdf"))) + len(list((root / "out").glob("*.docx")))
        raw_files = len(list((raw / "out").iterdir()))
        if files != raw_files:
            raise BenchmarkError(f"the build wrote {files} briefings but the raw floor {raw_files}")
        times: dict[str, list[float]] = {name: [] for name in commands}
        for rep in range(COLD_REPS):  # interleaved, so drift hits every command alike
            progress(f"cold build {rep + 1}/{COLD_REPS}")
            for name, command in commands.items():
                if name == "first":
                    shutil.rmtree(first / "out", ignore_errors=True)
                times[name].append(run(command).seconds)
    median = {name: statistics.median(samples) for name, samples in times.items()}
    runs = str(COLD_REPS)
    return [
        against(Row("1", f"Cold default build: `factsheet build --force` ({files} files: every template, PDF+DOCX)",
                    times["build"], "s", runs), median["raw"], "raw floor", 1.3, "≤ 1.3x raw floor"),
        against(Row("1a", "… the same build against the import floor", times["build"], "s", runs),
                median["imports"], "import floor", 1.5, "≤ 1.5x import floor"),
        against(Row("1b", "Cold PDF-only build (`--format pdf`), for information", times["build_pdf"], "s", runs),
                median["raw_pdf"], "raw PDF floor", None),
        against(Row("1c", "Cold Word-only build (`--format docx`), for information", times["build_docx"], "s",
                    runs), median["raw_docx"], "raw DOCX floor", None),
        Row("1d", f"raw_floor.py: one process writing the same {raw_files} files with ReportLab and python-docx "
                  "(same text, tables, notes, figures; fonts embedded)", times["raw"], "s", runs),
        Row("1e", "… PDF only / … DOCX only (medians: "
                  f"{show(median['raw_pdf'], 's')} / {show(median['raw_docx'], 's')})", times["raw_pdf"], "s", runs),
        Row("1f", "import_floor.py: a process importing every module the default build imports, nothing more",
            times["imports"], "s", runs),
        against(Row("1h", "First build: `factsheet build` into an empty out/, so with no manifest and no one-page "
                          "fit kept from before (rows 1 and 1a reuse the fits an earlier build found), against the "
                          "import floor, for information", times["first"], "s", runs),
                median["imports"], "import floor", None),
        against(Row("1g", "… the same build against the import floor exiting without tearing down its modules, "
                          "as the build's workers exit (`import_floor.py --fast-exit`), for information",
                    times["build"], "s", runs), median["imports_fast"], "fast-exit floor", None),
    ]


# ---------------------------------------------------------------- 2. commands that should be near-instant


def quick_commands(ctx: Context) -> list[Row]:
    """No-op build, --help and check, whole-process, against `python -c "import click"`."""
    with ctx.workspace("quick") as root:
        factsheet = factsheet_command()
        run([*factsheet, "build", "--root", str(root)])  # everything built once, so the next build is a no-op
        commands = {
            "noop": [*factsheet, "build", "--root", str(root)],
            "help": [*factsheet, "--help"],
            "check": [*factsheet, "check", "--root", str(root)],
            "click": [sys.executable, "-c", "import click"],
        }
        for command in commands.values():
            run(command)  # warm-up
        times: dict[str, list[float]] = {name: [] for name in commands}
        for rep in range(COMMAND_REPS):
            progress(f"quick commands {rep + 1}/{COMMAND_REPS}")
            for name, command in commands.items():
                finished = run(command)
                if name == "noop" and ("wrote" in finished.stdout or "up to date" not in finished.stdout):
                    raise BenchmarkError(f"the no-op build was not a no-op:\n{finished.stdout}")
                times[name].append(finished.seconds)
    click = statistics.median(times["click"])
    runs = str(COMMAND_REPS)
    return [
        against(Row("2", "No-op `factsheet build` (every output up to date)", times["noop"], "s", runs),
                click, "import click", 1.5, "≤ 1.5x import click"),
        against(Row("2a", "`factsheet --help`", times["help"], "s", runs), click, "import click", 2.0,
                "≤ 2x import click"),
        against(Row("2b", "`factsheet check` (re-anchors every citation)", times["check"], "s", runs), click,
                "import click", 2.0, "≤ 2x import click"),
        Row("2c", "`python -c \"import click\"` (reference)", times["click"], "s", runs),
    ]


# ---------------------------------------------------------------- 3. in-process cost of a briefing


def in_process(ctx: Context) -> list[Row]:
    """A briefing never rendered before, load to both files, in a running process; and re-rendering one."""
    with ctx.folder("fresh") as folder:
        root = folder / "workspace"
        run([sys.executable, str(BENCH / "generate.py"), "distinct", str(root), str(FRESH_COUNT + 5)])
        progress(f"in process: {FRESH_COUNT} briefings never rendered before")
        fresh = json.loads(run([sys.executable, str(BENCH / "inprocess.py"), "fresh", str(root)]).stdout)
    with ctx.workspace("again") as root:
        progress(f"in process: the seed's briefing rendered {RENDER_COUNT} times")
        again = json.loads(run([sys.executable, str(BENCH / "inprocess.py"), "again", str(root),
                                str(RENDER_COUNT)]).stdout)
    both = [a + b for a, b in zip(again["pdf"], again["docx"], strict=True)]
    return [
        within(Row("3", "Never-rendered full briefing in process: load, validate, re-anchor, compose, render PDF "
                        "and DOCX (distinct generated briefings with figures)", fresh["fresh"], "s",
                   f"{FRESH_COUNT} (+5 warm-up)"), 0.035),
        Row("3a", "The seed's briefing composed once, rendered again (PDF+DOCX): what a re-render costs",
            both, "s", f"{RENDER_COUNT} (+1 warm-up)"),
        Row("3b", "… of which PDF", again["pdf"], "s", f"{RENDER_COUNT}"),
        Row("3c", "… of which DOCX", again["docx"], "s", f"{RENDER_COUNT}"),
    ]


# ---------------------------------------------------------------- 4. scale: many distinct briefings through the command


def scale(ctx: Context) -> list[Row]:
    """1,000 (and 100) distinct full briefings, PDF+DOCX, through `factsheet build` with its default jobs."""
    wall: dict[int, list[float]] = {}
    rss: dict[int, float] = {}
    small, largest = SCALE_COUNTS
    for count in SCALE_COUNTS:
        with ctx.folder(f"many-{count}") as folder:
            root = folder / "workspace"
            run([sys.executable, str(BENCH / "generate.py"), "distinct", str(root), str(count)])
            wall[count] = []
            for rep in range(SCALE_REPS if count == largest else 1):
                progress(f"scale: `factsheet build --template briefing` of {count} distinct briefings ({rep + 1})")
                shutil.rmtree(root / "out", ignore_errors=True)  # each run a first build
                finished = run([*factsheet_command(), "build", "--template", "briefing", "--root", str(root)])
                written = len(list((root / "out").glob("*.pdf"))) + len(list((root / "out").glob("*.docx")))
                if written != 2 * count:
                    raise BenchmarkError(f"{count} briefings gave {written} files, not {2 * count}")
                wall[count].append(finished.seconds)
                rss[count] = max(rss.get(count, 0.0), finished.maxrss_kb / 1024)
    cores = os.cpu_count() or 1
    return [
        within(Row("4", f"Scale: {largest:,} distinct full briefings, PDF+DOCX, one `factsheet build` on {cores} "
                        f"cores ({statistics.median(wall[largest]) / largest * 1000:.0f} ms a briefing)",
                   wall[largest], "s", str(len(wall[largest]))), 25.0),
        Row("4a", f"… {small:,} briefings ({statistics.median(wall[small]) / small * 1000:.0f} ms a briefing)",
            wall[small], "s", "1"),
        within(Row("4b", f"Peak RSS of the largest single process (the command or one of its workers), "
                         f"{largest:,} briefings", [rss[largest]], "MB", "1"), 150.0),
        Row("4c", f"… the same with {small:,} briefings (flat memory: about the same)", [rss[small]], "MB", "1"),
    ]


# ---------------------------------------------------------------- 5. output size


def sizes(ctx: Context) -> list[Row]:
    """Size of the seed's full briefing, PDF (fonts embedded) and DOCX, beside the raw floor's files."""
    with ctx.workspace("size") as root, ctx.folder("raw-size") as raw:
        run([*factsheet_command(), "build", "--template", "briefing", "--root", str(root)])
        pdf_path, docx_path = briefing_outputs(root)
        pdf, docx = (p.stat().st_size / 1024 for p in (pdf_path, docx_path))
        with zipfile.ZipFile(docx_path) as package:
            font_sizes = [i.compress_size / 1024 for i in package.infolist() if i.filename.startswith("word/fonts/")]
        shutil.rmtree(root / "out")
        run([sys.executable, str(BENCH / "export_content.py"), str(root), str(raw / "content.json")])
        run([sys.executable, str(BENCH / "raw_floor.py"), str(raw / "content.json"), str(raw)])
        raw_pdf, raw_docx = ((raw / p.name).stat().st_size / 1024 for p in (pdf_path, docx_path))
    return [
        within(Row("5", "Size: full briefing PDF (fonts embedded)", [pdf], "KB", "1"), 60.0),
        within(Row("5a", "Size: full briefing DOCX less its embedded fonts (the whole file is 5a + 5d)",
                   [docx - sum(font_sizes)], "KB", "1"), 40.0),
        within(Row("5d", f"… its embedded Source Sans Pro subsets, largest of {len(font_sizes)} faces (each keeps"
                         " Latin-1 and punctuation, so edits in Word stay in the face)",
                   [max(font_sizes, default=0.0)], "KB", "1"), 16.0),
        Row("5b", "raw_floor.py's PDF of the same briefing (3 faces embedded, untagged)", [raw_pdf], "KB", "1"),
        Row("5c", "raw_floor.py's DOCX of the same briefing (python-docx default template)", [raw_docx], "KB", "1"),
    ]


# ---------------------------------------------------------------- 6. watch latency


class Lines:
    """The lines a child process prints, read on a thread so waiting never blocks on the pipe."""

    def __init__(self, child: subprocess.Popen[str]) -> None:
        self.queue: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        assert child.stdout is not None
        stream = child.stdout

        def pump() -> None:
            for line in stream:
                self.queue.put(line.rstrip("\n"))
            self.queue.put(None)

        threading.Thread(target=pump, daemon=True).start()

    def wait_for(self, matches: Callable[[str], bool], timeout: float) -> str:
        """The next line that `matches`; BenchmarkError on timeout or end of output."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.queue.get(timeout=max(deadline - time.monotonic(), 0.001))
            except queue.Empty:
                raise BenchmarkError(f"watch: no expected line within {timeout:.0f} s; saw: {self.seen}") from None
            if line is None:
                raise BenchmarkError(f"watch: stopped unexpectedly; saw: {self.seen}")
            self.seen.append(line)
            if matches(line):
                return line


def wait_changed(paths: Sequence[Path], before: dict[Path, int], timeout: float, lines: Lines) -> dict[Path, int]:
    """Poll until every path's mtime differs from `before`; the new mtimes (ns)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = {p: p.stat().st_mtime_ns if p.exists() else 0 for p in paths}
        if all(now[p] != before[p] for p in paths):
            return now
        time.sleep(0.002)
    while not lines.queue.empty():
        line = lines.queue.get()
        lines.seen.append(line or "(end of output)")
    raise BenchmarkError(f"watch: {', '.join(p.name for p in paths)} not rewritten within {timeout:.0f} s; "
                         f"the watcher said: {lines.seen[-6:]}")


def watch_latency(ctx: Context) -> list[Row]:
    """Save the seed's facts file under `factsheet watch`; time until its new PDF and DOCX are on disk."""
    with ctx.workspace("watch") as root:
        facts = seed_facts(root)
        original = facts.read_text(encoding="utf-8")
        match = re.search(r"^  title: (.*)$", original, re.MULTILINE)
        if match is None:
            raise BenchmarkError(f"no factsheet title line in {facts}")
        variants = [original.replace(match.group(0), f"  title: {match.group(1)} (revised)", 1), original]
        outputs = briefing_outputs(root)
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        child = subprocess.Popen([*factsheet_command(), "watch", "--root", str(root)], stdin=subprocess.DEVNULL,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        try:
            lines = Lines(child)
            lines.wait_for(lambda line: line.startswith("["), 60)  # the first build's status line
            latencies: list[float] = []
            builds: list[float] = []
            lost = 0
            for sample in range(WATCH_SAMPLES + 1):  # the first save, right after the status line, is a warm-up
                progress(f"watch: save {sample}/{WATCH_SAMPLES}")
                before = {p: p.stat().st_mtime_ns for p in outputs}
                for attempt in range(1 if sample else 3):
                    facts.write_text(variants[sample % 2], encoding="utf-8")
                    saved = facts.stat().st_mtime_ns
                    try:
                        written = wait_changed(outputs, before, 30 if sample else 5, lines)
                        break
                    except BenchmarkError:
                        if sample or attempt == 2:
                            raise
                        lost += 1  # the watcher missed the save; save again
                status = lines.wait_for(lambda line: "from save to disk" in line or "failed" in line, 30)
                found = re.search(r"built in (\d+) ms", status)
                if found is None:
                    raise BenchmarkError(f"watch: rebuild failed: {lines.seen[-5:]}")
                if sample:
                    latencies.append((max(written.values()) - saved) / 1e9)
                    builds.append(int(found.group(1)) / 1000)
                time.sleep(0.2)  # a quiet gap, so each save is its own change
        finally:
            child.send_signal(signal.SIGINT)
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
    runs = f"{WATCH_SAMPLES} (+1 warm-up)"
    return [
        within(Row("6", "Watch: seed saved → new briefing PDF and DOCX on disk (file mtimes)", latencies, "s",
                   runs), 0.250),
        Row("6a", "… of which the rebuild itself (watcher's own 'built in', all 4 outputs)", builds, "s", runs),
        Row("6b", "Saves lost: the warm-up save, made right after the first status line, was never rebuilt "
                  "(saved again after 5 s, up to 3 times)", [float(lost)], "n", "1"),
    ]


# ---------------------------------------------------------------- 7. the large input


def large(ctx: Context) -> list[Row]:
    """2,000 systems and transfers with a 5 MB seed: whole-process default build, time and peak RSS."""
    with ctx.folder("large") as folder:
        root = folder / "workspace"
        run([sys.executable, str(BENCH / "generate.py"), "large", str(root)])
        progress("large: the default build of the 2,000-transfer workspace (every template, both formats)")
        finished = run([*factsheet_command(), "build", "--root", str(root)])
        pages = re.search(r"large-briefing\.pdf \((\d+) KB, (\d+) pages", finished.stdout)
        shape = f"briefing {pages.group(2)} pages, PDF {pages.group(1)} KB" if pages else "see output"
    return [
        within(Row("7", f"Large input: default `factsheet build` of 2,000 transfers, 4 files ({shape})",
                   [finished.seconds], "s", "1 (slow)"), 10.0),
        Row("7a", "Large input: peak RSS of the largest process of that build", [finished.maxrss_kb / 1024], "MB",
            "1 (slow)"),
    ]


# ---------------------------------------------------------------- main

BENCHMARKS: dict[str, tuple[str, Callable[[Context], list[Row]]]] = {
    "1": ("cold build vs raw libraries", cold_build),
    "2": ("no-op build, --help, check vs import click", quick_commands),
    "3": ("in-process rendering", in_process),
    "4": ("scale: many fact sheets", scale),
    "5": ("output size", sizes),
    "6": ("watch latency", watch_latency),
    "7": ("large input", large),
}


def report(rows: Sequence[Row], errors: Sequence[str], seconds: float, about: str, others: dict[str, float]) -> str:
    """The Markdown report: machine, the table, what missed, other load on the machine, notes."""
    misses = [r.key for r in rows if r.result == "MISS"]
    load = ", ".join(f"[{key}] {cores:.2f}" for key, cores in others.items()) or "not measured"
    noisy = [key for key, cores in others.items() if cores > 0.25]
    warning = (f" **Benchmark(s) {', '.join(noisy)} ran beside other work: rerun on a quiet machine.**"
               if noisy else "")
    lines = [
        "# factsheet benchmarks",
        "",
        f"Machine: {about}",
        "",
        f"Run: `python benchmarks/run.py`, {time.strftime('%Y-%m-%d %H:%M %Z')}, {seconds:.0f} s in all.",
        "",
        table(rows),
        "",
        f"Missed: {', '.join(misses) if misses else 'none'}."
        + (f" Errors: {'; '.join(errors)}." if errors else ""),
        "",
        f"Other load (CPU cores busy with other processes, on average, during each benchmark): {load}.{warning}",
        "",
        "Times are wall-clock; whole-process rows run the installed `factsheet` script as a child process "
        "(spawn to exit), after one unmeasured warm-up run, with bytecode caching on. Ratios are "
        "median / reference, or median / target for absolute targets (the worst worker for peak RSS). "
        "Slow rows run fewer times, as the Runs column says. See benchmarks/README.md for what each row measures.",
    ]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", help="comma-separated benchmark numbers (1-7); results.md is not written")
    args = parser.parse_args(argv)
    chosen = [k.strip() for k in args.only.split(",")] if args.only else list(BENCHMARKS)
    unknown = [k for k in chosen if k not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)} (known: 1-7)")
    about = machine()
    print(f"Machine: {about}", file=sys.stderr)
    started = time.perf_counter()
    rows: list[Row] = []
    errors: list[str] = []
    others: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="factsheet-bench-") as scratch:
        # Children cache bytecode as a normal install does, but in the scratch folder, never in the checkout
        # (and whatever PYTHONDONTWRITEBYTECODE says): warm-up runs fill it, measured runs use it.
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        os.environ["PYTHONPYCACHEPREFIX"] = str(Path(scratch) / "pycache")
        # Kept font instances (factsheet/fontcache.py) start empty too, and never come from the user's cache.
        os.environ["FACTSHEET_CACHE_DIR"] = str(Path(scratch) / "factsheet-cache")
        snapshot = Path(scratch) / "snapshot"
        for part in ("seeds", "templates"):
            shutil.copytree(REPO / part, snapshot / part)
        ctx = Context(Path(scratch), snapshot)
        for key in chosen:
            name, benchmark = BENCHMARKS[key]
            print(f"[{key}] {name}", file=sys.stderr, flush=True)
            busy, own, clock = cpu_busy(), own_cpu(), time.perf_counter()
            try:
                rows.extend(benchmark(ctx))
            except Exception as exc:  # one failed benchmark must not lose the others' results
                traceback.print_exc()
                errors.append(f"benchmark {key} ({name}): {type(exc).__name__}: {str(exc).splitlines()[0]}")
            after = cpu_busy()
            if busy is not None and after is not None:
                foreign = (after - busy) - (own_cpu() - own)
                others[key] = max(foreign, 0.0) / (time.perf_counter() - clock)
    text = report(rows, errors, time.perf_counter() - started, about, others)
    print(text)
    if not args.only:
        RESULTS.write_text(text, encoding="utf-8")
        print(f"wrote {RESULTS.relative_to(Path.cwd()) if RESULTS.is_relative_to(Path.cwd()) else RESULTS}",
              file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
