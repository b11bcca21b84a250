"""Atomic file writes: a temporary file in the same folder, renamed into place; our stale ones removed."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import time
from pathlib import Path

from factsheet.diagnostics import Location
from factsheet.errors import OutputError

SUFFIX = ".factsheet.tmp"
STALE_AFTER = 300.0  # seconds: a temporary file of ours this old was left by a killed process


def temp_prefix(path: Path) -> str:
    """The name prefix of the temporary files written on the way to `path`."""
    return f".{path.name}."


def write_atomic(path: Path, data: bytes, shown: str | None = None, mode: int = 0o644) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never a part."""
    where = Location(shown or str(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=temp_prefix(path), suffix=SUFFIX, dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror}", where) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise OutputError(f"cannot write: {exc.strerror}", where) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def remove_stale_temps(folder: Path, older_than: float = STALE_AFTER) -> list[Path]:
    """Delete temporary files of ours in `folder` left by a killed process (older than `older_than` s)."""
    removed = []
    now = time.time()
    try:
        candidates = [p for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith(SUFFIX)]
    except OSError:
        return []
    for candidate in candidates:
        with contextlib.suppress(OSError):
            info = candidate.lstat()
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > older_than:
                candidate.unlink()
                removed.append(candidate)
    return removed
