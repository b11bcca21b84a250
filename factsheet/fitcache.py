"""What one-page fitting found, kept in out/ so that a later build need not render the PDF to fit again.

A Word-only build of a one-page template needs to know how far the briefing must be
shortened, which only a PDF render can measure. The limits a fit chose are recorded here
under a key of everything that shapes the fit (the briefing's content, the template and the
tool's version and fonts), so a later build with the same inputs reuses them. The file is a
cache: an unreadable or odd one is ignored and rewritten, and a key that is not found means
fitting by rendering, as before.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from factsheet.atomic import write_atomic

NAME = ".factsheet-fits.json"
# Entries kept at most; the oldest go first, so the file stays small however many briefings come and go.
MAX_ENTRIES = 512

Limits = tuple[int | None, ...]


def fit_key(parts: Sequence[str]) -> str:
    """A key from the strings that shape a fit."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def _limits(value: object) -> Limits | None:
    """`value` as limits when it is a list of counts (ints from 0) and nulls, else None."""
    if not isinstance(value, list):
        return None
    if not all(v is None or (type(v) is int and v >= 0) for v in value):
        return None
    return tuple(value)


@dataclass
class FitCache:
    """Limits chosen by one-page fitting, by key; `changed` when something new is to be saved."""

    path: Path | None = None
    entries: dict[str, Limits] = field(default_factory=dict)
    changed: bool = False

    @classmethod
    def read(cls, out: Path) -> FitCache:
        """The cache kept in `out`; an empty one when missing or not as this version writes it."""
        path = out / NAME
        entries: dict[str, Limits] = {}
        try:
            data = json.loads(path.read_bytes()) if path.is_file() else {}
        except (OSError, ValueError):
            data = {}
        if isinstance(data, dict):
            for key, value in data.items():
                limits = _limits(value)
                if isinstance(key, str) and limits is not None:
                    entries[key] = limits
        return cls(path, entries)

    def get(self, key: str) -> Limits | None:
        """The limits recorded for `key`, if any."""
        return self.entries.get(key)

    def put(self, key: str, limits: Limits) -> None:
        """Record the limits a fit chose."""
        if self.entries.get(key) != limits:
            self.entries.pop(key, None)
            self.entries[key] = limits
            while len(self.entries) > MAX_ENTRIES:
                del self.entries[next(iter(self.entries))]
            self.changed = True

    def save(self) -> None:
        """Write the cache back when something changed (atomically, like every output)."""
        if self.path is not None and self.changed:
            data = {key: list(limits) for key, limits in self.entries.items()}
            write_atomic(self.path, json.dumps(data, sort_keys=False).encode("utf-8"))
            self.changed = False
