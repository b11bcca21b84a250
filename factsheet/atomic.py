"""Atomic file writes: a temporary file in the same folder, renamed into place; our stale ones removed."""

from __future__ import annotations

import contextlib
import os
import stat
import time
from pathlib import Path

from factsheet.diagnostics import Location
from factsheet.errors import OutputError

SUFFIX = ".factsheet.tmp"
STALE_AFTER = 3600.0  # seconds: a temporary file of ours this old was left by a killed process


def temp_prefix(path: Path) -> str:
    """The name prefix of the temporary files written on the way to `path`."""
    return f".{path.name}."


def write_atomic(path: Path, data: bytes, shown: str | None = None, mode: int = 0o644) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never a part."""
    commit(stage(path, data, shown, mode), path, shown)


def stage(path: Path, data: bytes, shown: str | None = None, mode: int = 0o644) -> Path:
    """Write `data` to a temporary file of ours beside `path`, flushed to disk, for `commit` to put in place.

    A build stages every output as it is rendered (so it holds none in memory) and commits them
    only when all succeeded; a staged file a killed process left behind is removed by
    `remove_stale_temps`.
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
