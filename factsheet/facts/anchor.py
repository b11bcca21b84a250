"""Quotes and seed texts: find where a quote sits, and re-anchor it after the seed is edited.

An anchor follows the W3C Web Annotation model: a TextQuoteSelector (exact,
prefix, suffix) plus a TextPositionSelector (start, end), with the hash of the
seed text it was taken from.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from array import array
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from factsheet.facts.fix import word_diff

_SPACE = re.compile(r"\s+")
CONTEXT = 32  # characters of context kept on each side
FUZZY_FLOOR = 85.0  # below this similarity a quote is orphaned, not changed


def normalise(text: str) -> str:
    """Collapse every run of whitespace to one space and trim the ends."""
    return _SPACE.sub(" ", text).strip()


@lru_cache(maxsize=8)
def text_hash(text: str) -> str:
    """The sha256 of a seed text, as anchors record it (cached: seeds are hashed once per run)."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Span:
    """Where a quote sits in the original (not normalised) seed text."""

    start: int
    end: int


@lru_cache(maxsize=4)
def _normalised(seed: str) -> tuple[str, array[int]]:
    """`seed` with whitespace runs collapsed, and for each of its characters the offset in `seed`."""
    parts: list[str] = []
    offsets: array[int] = array("q")
    for match in re.finditer(r"\S+", seed):
        if parts:
            parts.append(" ")
            offsets.append(match.start() - 1)
        parts.append(match.group())
        offsets.extend(range(match.start(), match.end()))
    return "".join(parts), offsets


def find_all(seed: str, quote: str) -> list[Span]:
    """Every place `quote` occurs in `seed`, whitespace-insensitively (searched once per seed, then by find)."""
    wanted = normalise(quote)
    if not wanted:
        return []
    flat, offsets = _normalised(seed)
    spans = []
    at = flat.find(wanted)
    while at != -1:
        spans.append(Span(offsets[at], offsets[at + len(wanted) - 1] + 1))
        at = flat.find(wanted, at + 1)
    return spans


def find_quote(seed: str, quote: str) -> Span | None:
    """The first place `quote` occurs in `seed`, whitespace-insensitively, or None."""
    found = find_all(seed, quote)
    return found[0] if found else None


@dataclass(frozen=True)
class Anchor:
    """Where one citation was found, with context, as last checked."""

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int
    seed_hash: str

    @classmethod
    def at(cls, seed: str, span: Span, seed_hash: str | None = None) -> Anchor:
        """The anchor for the text at `span` of `seed` (pass `seed_hash` when anchoring many quotes)."""
        return cls(
            exact=seed[span.start : span.end],
            prefix=seed[max(0, span.start - CONTEXT) : span.start],
            suffix=seed[span.end : span.end + CONTEXT],
            start=span.start,
            end=span.end,
            seed_hash=seed_hash or text_hash(seed),
        )


class Status(StrEnum):
    """How a citation stands against the current seed text."""

    intact = "intact"
    moved = "moved"
    changed = "changed"
    ambiguous = "ambiguous"
    orphaned = "orphaned"


@dataclass(frozen=True)
class Reanchored:
    """The outcome of re-anchoring one quote."""

    status: Status
    span: Span | None = None
    found: str = ""
    similarity: float = 100.0
    diff: str = ""
    fixable: bool = False  # changed only as `check --fix` may accept (factsheet.facts.fix)

    @property
    def ok(self) -> bool:
        """True when the citation still stands (intact or moved)."""
        return self.status in (Status.intact, Status.moved)


def _context_score(seed: str, span: Span, anchor: Anchor) -> float:
    """How well the text around `span` matches the anchor's context: 0 (not at all) to 2 (both sides)."""
    before = normalise(seed[max(0, span.start - 2 * CONTEXT) : span.start])[-len(normalise(anchor.prefix)) :]
    after = normalise(seed[span.end : span.end + 2 * CONTEXT])[: len(normalise(anchor.suffix))]
    if not normalise(anchor.prefix):
        before = ""
    ratio = difflib.SequenceMatcher
    return ratio(None, before, normalise(anchor.prefix)).ratio() + ratio(None, after, normalise(anchor.suffix)).ratio()


SAME_PLACE = 1.8  # context score at or above which a quote has not moved
TIE = 0.15  # scores closer than this cannot tell two occurrences apart


def reanchor(seed: str, quote: str, anchor: Anchor | None) -> Reanchored:
    """Find `quote` in the (possibly edited) `seed`, using its last `anchor` to choose and classify.

    Intact: found where its recorded context still surrounds it (offsets may shift).
    Moved: found once elsewhere, or best matching the context among several.
    """
    unchanged = anchor is not None and anchor.seed_hash == text_hash(seed)
    if anchor is not None and unchanged and normalise(seed[anchor.start : anchor.end]) == normalise(quote):
        return Reanchored(Status.intact, Span(anchor.start, anchor.end), seed[anchor.start : anchor.end])
    spans = find_all(seed, quote)
    if not spans:
        return _approximate(seed, quote)
    if anchor is None:
        if len(spans) > 1:
            return Reanchored(Status.ambiguous, None, diff=f"occurs {len(spans)} times")
        return Reanchored(Status.intact, spans[0], seed[spans[0].start : spans[0].end])
    scored = sorted(((_context_score(seed, s, anchor), -s.start, s) for s in spans), key=lambda t: t[:2], reverse=True)
    if len(scored) > 1 and scored[0][0] - scored[1][0] < TIE:
        return Reanchored(Status.ambiguous, None, diff=f"occurs {len(spans)} times in like contexts")
    score, _, span = scored[0]
    status = Status.intact if score >= SAME_PLACE else Status.moved
    return Reanchored(status, span, seed[span.start : span.end])


def _approximate(seed: str, quote: str) -> Reanchored:
    from rapidfuzz import fuzz

    wanted = normalise(quote)
    match = fuzz.partial_ratio_alignment(wanted, seed, score_cutoff=FUZZY_FLOOR)
    if match is None:
        return Reanchored(Status.orphaned, similarity=0.0)
    start, end = _widen(seed, match.dest_start, match.dest_end)
    found = seed[start:end]
    diff, fixable = word_diff(wanted, normalise(found))
    return Reanchored(Status.changed, Span(start, end), found, round(match.score, 1), diff, fixable)


def _widen(seed: str, start: int, end: int) -> tuple[int, int]:
    """Extend a match to whole words."""
    while start > 0 and seed[start - 1].isalnum():
        start -= 1
    while end < len(seed) and seed[end].isalnum():
        end += 1
    return start, end
