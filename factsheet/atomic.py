"""Atomic file writes: a temporary file in the same folder, renamed into place; our stale ones removed."""

from __future__ import annotations

import contextlib
import os
import stat
import time
from pathlib import Path
from typing import TYPE_CHECKING

from factsheet.diagnostics import Location
from factsheet.errors import OutputError

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

SUFFIX = ".factsheet.tmp"
STALE_AFTER = 3600.0  # seconds: a temporary file of ours this old was left by a killed process


def temp_prefix(path: Path) -> str:
    """The name prefix of the temporary files written on the way to `path`."""
    return f".{path.name}."


def write_atomic(path: Path, data: bytes, shown: str | None = None, mode: int = 0o644) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never a part."""
    commit(stage(path, data, shown, mode), path, shown)


def stage(path: Path, data: bytes, shown: str | None = None, mode: int = 0o644, flush: bool = True) -> Path:
    """Write `data` to a temporary file of ours beside `path`, flushed to disk, for `commit` to put in place.

    A build stages every output as it is rendered (so it holds none in memory) and commits them
    only when all succeeded; a staged file a killed process left behind is removed by
    `remove_stale_temps`. With `flush=False` the caller must `flush_to_disk` the file before
    committing it (a build has that done by a `Flusher` while it renders on).
    """
    where = Location(shown or str(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        import tempfile  # here, not at the top: a build with nothing to write never needs it

        fd, temp = tempfile.mkstemp(prefix=temp_prefix(path), suffix=SUFFIX, dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror}", where) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if flush:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(temp, mode)
    except OSError as exc:
        discard([Path(temp)])
        raise OutputError(f"cannot write: {exc.strerror}", where) from None
    except BaseException:
        discard([Path(temp)])
        raise
    return Path(temp)


def flush_to_disk(temp: Path, shown: str) -> None:
    """Flush a file staged with `flush=False` to disk (a full disk shows here); OutputError at `shown`."""
    try:
        fd = os.open(temp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror}", Location(shown)) from None


class Flusher:
    """Flushes staged files to disk in background threads, so that a build renders on meanwhile.

    A flush mostly waits for the disk (4 ms a file here, 3,000 files in a 1,000-briefing build);
    `wait` returns once every file handed over is on disk, or raises the first failure.
    """

    def __init__(self) -> None:
        self._pool: ThreadPoolExecutor | None = None
        self._pending: list[Future[None]] = []

    def add(self, temp: Path, shown: str) -> None:
        """Start flushing a staged file."""
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="factsheet-flush")
        if len(self._pending) >= 64:  # keep only what is still going, or failed: memory stays flat
            self._pending = [f for f in self._pending if not f.done() or f.exception() is not None]
        self._pending.append(self._pool.submit(flush_to_disk, temp, shown))

    def wait(self) -> None:
        """Block until every file handed over is on disk; the first failure is raised."""
        pending, self._pending = self._pending, []
        for future in pending:
            future.result()

    def __enter__(self) -> Flusher:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)


def commit(temp: Path, path: Path, shown: str | None = None) -> None:
    """Put a staged file in place of `path` in one step: readers see the old file or the new one."""
    try:
        os.replace(temp, path)
    except OSError as exc:
        discard([temp])
        raise OutputError(f"cannot write: {exc.strerror}", Location(shown or str(path))) from None


def discard(temps: list[Path]) -> None:
    """Remove staged files that will not be committed."""
    for temp in temps:
        with contextlib.suppress(OSError):
            os.unlink(temp)


def remove_stale_temps(
    folder: Path, older_than: float = STALE_AFTER, keep: frozenset[Path] = frozenset()
) -> list[Path]:
    """Delete temporary files of ours in `folder` left by a killed process (older than `older_than` s).

    Files in `keep` (staged by the caller itself) are left alone however old they are.
    """
    removed = []
    now = time.time()
    try:
        candidates = [p for p in folder.iterdir()
                      if p.name.startswith(".") and p.name.endswith(SUFFIX) and p not in keep]
    except OSError:
        return []
    for candidate in candidates:
        with contextlib.suppress(OSError):
            info = candidate.lstat()
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > older_than:
                candidate.unlink()
                removed.append(candidate)
    return removed
