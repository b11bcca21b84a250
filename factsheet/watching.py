"""`factsheet watch`: rebuild on every change under seeds/ and templates/, and keep going after errors."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from factsheet.atomic import SUFFIX
from factsheet.build import BuildResult, build
from factsheet.buildoptions import BuildOptions
from factsheet.errors import FactsheetError
from factsheet.workspace import Workspace

AGAIN = 5  # builds in a row while inputs keep changing under them; the next save triggers another


def relevant(path: str) -> bool:
    """Files whose change should trigger a build (not our anchors or temporary files)."""
    name = Path(path).name
    return not (name.startswith(".") or name.endswith((".anchors.json", ".tmp", SUFFIX, "~")))


def rebuild_line(result: BuildResult, started: float, saved: float | None) -> str:
    """One status line per rebuild: what was written and how long from save to files on disk."""
    now = time.time()
    stamp = time.strftime("%H:%M:%S", time.localtime(now))
    if not result.written:
        return f"[{stamp}] up to date"
    took = f"built in {(now - started) * 1000:.0f} ms"
    if saved is not None:
        took += f", {(now - saved) * 1000:.0f} ms from save to disk"
    names = ", ".join(Path(o.shown).name for o in result.written)
    return f"[{stamp}] {took}: {names}"


def watch_workspace(
    workspace: Workspace, echo: Callable[[str], None], stop: threading.Event | None = None,
    options: BuildOptions | None = None, template_names: Sequence[str] | None = None,
) -> None:
    """Build now, then after every debounced change; errors are shown and watching goes on.

    Rebuilds render in this process (`jobs=1`) unless `options` say otherwise: a save touches one
    facts file, and forking beside the file watcher's thread is best avoided.
    """
    from watchfiles import watch

    def run(saved: float | None) -> None:
        # An input saved while the build read it leaves outputs older than the files: build again at once.
        for _round in range(AGAIN):
            started = time.time()
            try:
                result = build(workspace, template_names=template_names, options=options or BuildOptions(jobs=1),
                               report=lambda d: echo(str(d)))
            except FactsheetError as exc:
                for diagnostic in exc.diagnostics:
                    echo(str(diagnostic))
                echo(f"[{time.strftime('%H:%M:%S')}] build failed; still watching")
                return
            echo(rebuild_line(result, started, saved))
            if not result.changed_during:
                return
            saved = None

    folders = [str(p) for p in (workspace.seeds, workspace.templates) if p.is_dir()]
    # Watch first, build second: a save made during the first build is then seen, not lost.
    changes_seen = watch(*folders, watch_filter=lambda _change, path: relevant(path), debounce=60, step=10,
                         stop_event=stop, yield_on_timeout=True, rust_timeout=50)
    started = False
    for changes in changes_seen:
        if not started:
            started = True
            run(None)
        if not changes:
            continue
        times = [Path(path).stat().st_mtime for _change, path in changes if Path(path).exists()]
        run(max(times) if times else None)
