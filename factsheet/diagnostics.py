"""Locations and diagnostics: every message reads ``path:line:col: level: text``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["error", "warning", "note"]


@dataclass(frozen=True, order=True)
class Location:
    """A place in an input file; line and column are 1-based, 0 when unknown."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.path
        return f"{self.path}:{self.line}:{max(self.col, 1)}"


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in the input, with where it is."""

    location: Location
    message: str
    level: Level = "error"

    def __str__(self) -> str:
        return f"{self.location}: {self.level}: {self.message}"
