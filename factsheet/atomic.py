"""Atomic file writes: a temporary file in the same folder, renamed into place."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from factsheet.diagnostics import Location
from factsheet.errors import OutputError


def write_atomic(path: Path, data: bytes, shown: str | None = None) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never a part."""
    where = Location(shown or str(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror}", where) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise OutputError(f"cannot write: {exc.strerror}", where) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
