"""Build progress: a status line on a terminal for long builds, nothing when not on a terminal."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from click.testing import CliRunner

from factsheet.build import build
from factsheet.buildoptions import BuildOptions
from factsheet.cli import main
from factsheet.progress import ERASE, Progress, show_progress
from factsheet.workspace import Workspace


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_short_build_stays_quiet_until_a_second_has_passed() -> None:
    clock, stream = Clock(), Terminal()
    progress = Progress(stream, clock=clock)
    progress.begin(2, "loading")
    progress.working("x-briefing (pdf)")
    assert stream.getvalue() == ""
    clock.now += 1.5
    progress.finished(1)
    assert stream.getvalue() == ERASE + "[1/2] x-briefing (pdf) (1.5 s)"
    progress.clear()
    assert stream.getvalue().endswith(ERASE)


def test_many_outputs_show_progress_at_once() -> None:
    stream = Terminal()
    progress = Progress(stream, clock=Clock(), many=6)
    progress.begin(6, "loading")
    assert stream.getvalue() == ERASE + "[0/6] loading (0.0 s)"


def test_a_build_on_a_terminal_shows_each_briefing_then_erases_the_line(example: Path) -> None:
    for name in ("a", "b"):
        shutil.copy(example / "templates" / "one-pager.yaml", example / "templates" / f"{name}.yaml")
    stream = Terminal()
    with show_progress(stream, many=6):
        result = build(Workspace.open(example), options=BuildOptions(formats=("pdf", "docx"), jobs=1))
    assert len(result.written) == 8
    shown = stream.getvalue()
    for label in ("[0/8] rendering russia-drones-2022 (8 outputs)", "[8/8] writing"):
        assert label in shown, label
    assert shown.endswith(ERASE)


def test_not_on_a_terminal_there_is_no_progress(example: Path) -> None:
    for name in ("a", "b"):
        shutil.copy(example / "templates" / "one-pager.yaml", example / "templates" / f"{name}.yaml")
    result = CliRunner().invoke(main, ["build", "--root", str(example), "--format", "pdf", "--format", "docx"])
    assert result.exit_code == 0, result.output
    assert "\r" not in result.output and "[0/8]" not in result.output
    assert result.output.count("wrote ") == 8
    with show_progress(io.StringIO()) as progress:
        assert progress is None


def test_the_build_command_shows_progress_on_a_real_terminal(example: Path) -> None:
    import os
    import pty
    import subprocess
    import sys
    import threading

    shutil.copy(example / "templates" / "one-pager.yaml", example / "templates" / "third.yaml")  # 6 outputs
    controller, terminal = pty.openpty()
    shown: list[bytes] = []

    def drain() -> None:  # read while the build runs: a full terminal buffer would block it
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the build's end of the terminal is closed
                return
            if not chunk:
                return
            shown.append(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    try:
        done = subprocess.run([sys.executable, "-m", "factsheet", "build", "--root", str(example)],
                              stderr=terminal, stdout=subprocess.PIPE, text=True, timeout=300)
    finally:
        os.close(terminal)
        reader.join(timeout=30)
        os.close(controller)
    assert done.returncode == 0
    text = b"".join(shown).decode()
    assert "[0/6] rendering russia-drones-2022 (6 outputs)" in text and "[6/6] writing" in text
    assert text.endswith(ERASE)  # the line is gone when the build is done
    assert done.stdout.count("wrote ") == 6 and "\r" not in done.stdout
