"""The output folder's lock: says who holds it, gives up after --lock-timeout, takes over from the dead (12.7)."""

from __future__ import annotations

import fcntl
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from factsheet.cli import main

ONE = ["--template", "one-pager", "--format", "pdf"]


def _hold(out: Path, pid: int) -> int:
    """Lock out/ as a build would, recording `pid` as the holder; returns the descriptor."""
    out.mkdir(parents=True, exist_ok=True)
    fd = os.open(out / ".factsheet.lock", os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX)
    record = {"pid": pid, "host": socket.gethostname(), "started": int(time.time()), "command": "factsheet build"}
    os.write(fd, json.dumps(record).encode())
    return fd


def test_a_held_lock_names_its_holder_and_times_out(workspace: Path) -> None:
    fd = _hold(workspace / "out", os.getpid())
    try:
        started = time.monotonic()
        result = CliRunner().invoke(main, ["build", "--root", str(workspace), *ONE, "--lock-timeout", "0.5"])
        waited = time.monotonic() - started
    finally:
        os.close(fd)
    assert result.exit_code == 75, result.output
    assert f"waiting for process {os.getpid()} (factsheet build)" in result.output
    assert "gave up after 0.5 s" in result.output and "--lock-timeout" in result.output
    assert waited < 30
    assert not list((workspace / "out").glob("*.pdf"))


def test_a_lock_left_by_a_dead_process_is_taken_over(workspace: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    fd = _hold(workspace / "out", dead.pid)  # still locked, as by an orphan that inherited the descriptor
    try:
        result = CliRunner().invoke(main, ["build", "--root", str(workspace), *ONE, "--lock-timeout", "20"])
    finally:
        os.close(fd)
    assert result.exit_code == 0, result.output
    assert f"taking over the lock left by process {dead.pid}" in result.output
    assert (workspace / "out" / "russia-drones-2022-one-pager.pdf").exists()
