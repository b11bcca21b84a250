"""Locations and diagnostics: every message reads ``path:line:col: level: text``."""

from __future__ import annotations

from typing import Literal, NamedTuple

Level = Literal["error", "warning", "note"]


# NamedTuples, not dataclasses: every command defines them, a build with nothing to do too, and a dataclass
# costs about 0.6 ms to define (its methods are generated and compiled), a NamedTuple 0.1 ms.
class Location(NamedTuple):
    """A place in an input file; line and column are 1-based, 0 when unknown."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.path
        return f"{self.path}:{self.line}:{max(self.col, 1)}"


class Diagnostic(NamedTuple):
    """One problem found in the input, with where it is."""

    location: Location
    message: str
    level: Level = "error"

    def __str__(self) -> str:
        return f"{self.location}: {self.level}: {self.message}"
