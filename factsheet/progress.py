"""Progress of a long build on a terminal: one status line on stderr, redrawn in place, erased at the end.

The build reports through module functions (`begin`, `working`, `finished`) that do nothing unless a
command turned progress on with `show_progress`: the build keeps its signature, and a build run
from a library, a test or a pipe prints nothing. The line appears when the build has many outputs,
or once it has taken more than a second; a ticker thread keeps the elapsed time moving while one
long rendering runs.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TextIO

MANY = 6  # this many outputs show progress from the start
DELAY = 1.0  # otherwise, seconds before the line appears
ERASE = "\r\x1b[K"


class Progress:
    """The status line of one command: how many outputs are done out of how many, and what is being made."""

    def __init__(self, stream: TextIO, *, delay: float = DELAY, many: int = MANY, interval: float = 0.25,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.delay = delay
        self.many = many
        self.interval = interval
        self.clock = clock
        self.started = clock()
        self.total = 0
        self.done = 0
        self.label = ""
        self.shown = False
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ticker = threading.Thread(target=self._tick, name="factsheet-progress", daemon=True)

    def begin(self, total: int, label: str) -> None:
        """A build is about to make `total` outputs."""
        self.total, self.done, self.label = total, 0, label
        self.draw()

    def working(self, label: str) -> None:
        """Now making `label`."""
        self.label = label
        self.draw()

    def finished(self, count: int) -> None:
        """`count` more outputs are made."""
        self.done += count
        self.draw()

    def line(self) -> str:
        """The status text, cut to the terminal's width so that redrawing never wraps."""
        elapsed = self.clock() - self.started
        text = f"[{self.done}/{self.total}] {self.label} ({elapsed:.1f} s)"
        import shutil  # only a terminal shows progress

        width = shutil.get_terminal_size((80, 24)).columns - 1
        return text if len(text) <= width else text[: max(width - 3, 0)] + "..."

    def draw(self) -> None:
        """Redraw the line, once the build is long enough to deserve one."""
        if not self.total:
            return
        if not self.shown and self.total < self.many and self.clock() - self.started < self.delay:
            return
        with self._lock:
            self.stream.write(ERASE + self.line())
            self.stream.flush()
            self.shown = True

    def clear(self) -> None:
        """Erase the line so that a message can be printed; the next event draws it again below."""
        with self._lock:
            if self.shown:
                self.stream.write(ERASE)
                self.stream.flush()

    def start(self) -> None:
        """Start the ticker that keeps the elapsed time moving."""
        self._ticker.start()

    def stop(self) -> None:
        """Stop the ticker and erase the line, leaving the terminal as it was."""
        self._stop.set()
        self._ticker.join()
        with self._lock:
            if self.shown:
                self.stream.write(ERASE)
                self.stream.flush()

    def _tick(self) -> None:
        while not self._stop.wait(self.interval):
            self.draw()


_ACTIVE: ContextVar[Progress | None] = ContextVar("factsheet_progress", default=None)
_SHOWN: list[Progress] = []  # the lines being shown, for the fork guard below


def _before_fork() -> None:
    # A build's worker processes are forked while the ticker may be writing: hold its lock across the
    # fork, so that no child starts with the stream's lock taken by a thread it does not have.
    for progress in _SHOWN:
        progress._lock.acquire()


def _after_fork() -> None:
    for progress in _SHOWN:
        progress._lock.release()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(before=_before_fork, after_in_parent=_after_fork, after_in_child=_after_fork)


@contextmanager
def show_progress(stream: TextIO, *, delay: float = DELAY, many: int = MANY) -> Iterator[Progress | None]:
    """Show build progress on `stream` while the block runs, if it is a terminal; otherwise stay quiet."""
    isatty = getattr(stream, "isatty", None)
    if not (callable(isatty) and isatty()):
        yield None
        return
    progress = Progress(stream, delay=delay, many=many)
    token = _ACTIVE.set(progress)
    _SHOWN.append(progress)
    progress.start()
    try:
        yield progress
    finally:
        progress.stop()
        _SHOWN.remove(progress)
        _ACTIVE.reset(token)


def begin(total: int, label: str = "loading") -> None:
    """Tell the active progress line, if any, that `total` outputs are to be made."""
    if (progress := _ACTIVE.get()) is not None:
        progress.begin(total, label)


def working(label: str) -> None:
    """Tell the active progress line, if any, what is being made now."""
    if (progress := _ACTIVE.get()) is not None:
        progress.working(label)


def finished(count: int = 1) -> None:
    """Tell the active progress line, if any, that `count` more outputs are made."""
    if (progress := _ACTIVE.get()) is not None:
        progress.finished(count)


def clear() -> None:
    """Erase the active progress line, if any, before a message is printed."""
    if (progress := _ACTIVE.get()) is not None:
        progress.clear()
