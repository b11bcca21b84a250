"""Regular-weight instances of the variable fallback fonts, made once per machine and kept.

Noto Sans Hebrew's default instance is Thin, so the PDF writer draws Hebrew from its
regular instance, made with fontTools: about 0.6 s (0.16 s of it importing fontTools) in
every process that draws Hebrew, each worker of every build. The instance depends only on
the font file's bytes, the axis values and fontTools' version, so it is kept under a name
made of those in the user's cache folder: `$FACTSHEET_CACHE_DIR`, else
`$XDG_CACHE_HOME/factsheet`, else `~/.cache/factsheet`. A kept file starts with the sha256
of the font that follows, and is used only when the two agree; a folder that cannot be read
or written is passed over. Either way the instance is the same bytes, so the PDF is too.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from factsheet.atomic import write_atomic
from factsheet.errors import FactsheetError

DIGEST = 32
"""Bytes of the sha256 that starts a kept file."""


def cache_folder() -> Path:
    """Where kept instances go: `$FACTSHEET_CACHE_DIR`, `$XDG_CACHE_HOME/factsheet` or `~/.cache/factsheet`."""
    chosen = os.environ.get("FACTSHEET_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "factsheet"


def instance_key(font: bytes, axes: dict[str, float], maker: str) -> str:
    """The name of a kept instance: a hash of the font's bytes, the axis values and what makes it."""
    recipe = ";".join(f"{axis}={value}" for axis, value in sorted(axes.items()))
    return hashlib.sha256(font + f"\0{recipe}\0{maker}".encode()).hexdigest()[:32]


def kept(key: str) -> bytes | None:
    """The kept instance called `key`, or None when there is none or it is damaged."""
    try:
        stored = (cache_folder() / f"{key}.ttf").read_bytes()
    except OSError:
        return None
    data = stored[DIGEST:]
    if len(stored) <= DIGEST or hashlib.sha256(data).digest() != stored[:DIGEST]:
        return None
    return data


def keep(key: str, data: bytes) -> None:
    """Keep `data` as the instance called `key`, atomically; a folder we cannot write to is passed over."""
    try:
        folder = cache_folder()
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(folder / f"{key}.ttf", hashlib.sha256(data).digest() + data)
    except (OSError, FactsheetError):
        pass


def instance(font: Path, axes: dict[str, float], maker: str, make: Callable[[], bytes]) -> bytes:
    """The instance of the variable `font` at `axes`: kept from before, or made by `make` and kept.

    `maker` names what makes it and its version (fontTools 4.55.0), so a new fontTools makes it anew.
    """
    key = instance_key(font.read_bytes(), axes, maker)
    found = kept(key)
    if found is not None:
        return found
    data = make()
    keep(key, data)
    return data
