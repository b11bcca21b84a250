"""The output folder's lock: one build at a time per out/, saying who holds it, with a timeout.

An advisory `flock` on out/.factsheet.lock, released by the kernel when its holder exits. The holder
writes its process id and command into the file, so a waiting build can say whom it waits for. A
lock whose recorded holder is no longer running (its descriptor kept open by some orphaned child)
is taken over: the file is replaced by a fresh one, and every taker checks it locked the file that is
now at the path.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from factsheet.diagnostics import Diagnostic, Location
from factsheet.errors import FactsheetError, OutputError

NAME = ".factsheet.lock"
DEFAULT_TIMEOUT = 300.0  # seconds a build waits for another one before giving up
POLL = 0.1
EXIT_BUSY = 75  # EX_TEMPFAIL: try again later


class LockTimeout(FactsheetError):
    """Another build held the output folder for longer than the user was willing to wait."""

    exit_code = EXIT_BUSY


def _holder(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _describe(holder: dict[str, object]) -> str:
    pid = holder.get("pid")
    if not isinstance(pid, int):
        return "another process"
    command = holder.get("command")
    started = holder.get("started")
    when = time.strftime(" since %H:%M:%S", time.localtime(started)) if isinstance(started, int | float) else ""
    return f"process {pid}" + (f" ({command})" if isinstance(command, str) and command else "") + when


def _dead(holder: dict[str, object]) -> bool:
    """True when the recorded holder ran on this machine and is no longer running."""
    pid = holder.get("pid")
    if not isinstance(pid, int) or pid <= 0 or holder.get("host") != os.uname().nodename:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def _try_lock(path: Path) -> int | None:
    """An open descriptor holding the lock on the file now at `path`, or None when another holds it."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    try:
        same = os.fstat(fd).st_ino == os.stat(path).st_ino  # not replaced by a taker meanwhile
    except OSError:
        same = False
    if not same:
        os.close(fd)
        return _try_lock(path)
    return fd


@contextlib.contextmanager
def out_lock(out: Path, shown: str, timeout: float | None = None,
             report: Callable[[Diagnostic], None] = lambda _: None) -> Iterator[None]:
    """Hold the lock of output folder `out` for the duration; wait at most `timeout` seconds for it."""
    limit = DEFAULT_TIMEOUT if timeout is None else timeout
    path = out / NAME
    where = Location(shown)
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd = _try_lock(path)
    except OSError as exc:
        raise OutputError(f"cannot use the output folder: {exc.strerror}", where) from None
    deadline = time.monotonic() + limit
    said = False
    while fd is None:
        holder = _holder(path)
        if _dead(holder):
            report(Diagnostic(where, f"taking over the lock left by {_describe(holder)}, which is no longer "
                                     "running", "warning"))
            with contextlib.suppress(OSError):
                path.unlink()
        elif time.monotonic() >= deadline:
            raise LockTimeout(f"another build holds the output folder: {_describe(holder)}; gave up after "
                              f"{limit:g} s (--lock-timeout; remove {NAME} only if that process is stuck)", where)
        elif not said:
            report(Diagnostic(where, f"waiting for {_describe(holder)}, which is building into this folder "
                                     f"(up to {limit:g} s; --lock-timeout)", "note"))
            said = True
        time.sleep(POLL)
        try:
            fd = _try_lock(path)
        except OSError as exc:
            raise OutputError(f"cannot use the output folder: {exc.strerror}", where) from None
    try:
        info = {"pid": os.getpid(), "host": os.uname().nodename, "started": int(time.time()),
                "command": " ".join(["factsheet", *sys.argv[1:3]])}
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.pwrite(fd, json.dumps(info).encode(), 0)
        yield
    finally:
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
