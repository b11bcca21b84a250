"""Quotes and seed texts: find where a quote sits, comparing with whitespace normalised."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Collapse every run of whitespace to one space and trim the ends."""
    return _SPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class Span:
    """Where a quote sits in the original (not normalised) seed text."""

    start: int
    end: int


def find_quote(seed: str, quote: str) -> Span | None:
    """The first place `quote` occurs in `seed`, whitespace-insensitively, or None."""
    words = quote.split()
    if not words:
        return None
    pattern = r"\s+".join(re.escape(word) for word in words)
    match = re.search(pattern, seed)
    return Span(match.start(), match.end()) if match else None
