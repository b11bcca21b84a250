"""Quotes and seed texts: find where a quote sits, and re-anchor it after the seed is edited.

An anchor follows the W3C Web Annotation model: a TextQuoteSelector (exact,
prefix, suffix) plus a TextPositionSelector (start, end), with the hash of the
seed text it was taken from.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from array import array
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from itertools import pairwise

from factsheet.facts.fix import word_diff

_SPACE = re.compile(r"\s+")
CONTEXT = 32  # characters of context kept on each side
FUZZY_FLOOR = 85.0  # below this similarity a quote is orphaned, not changed


def normalise(text: str) -> str:
    """Compose characters (NFC), collapse every run of whitespace to one space and trim the ends.

    A quote typed with precomposed letters then matches a source written with combining
    marks, and the other way round.
    """
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
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
def _normalised_reference(seed: str) -> tuple[str, array[int], array[int]]:
    """`seed` with whitespace runs collapsed and letters composed (NFC), and for each of its characters
    the offsets in `seed` where it starts and ends.

    Per character, so it costs seconds on a 5 MB seed: `_Flat` does the same in C-speed string
    operations when composing changes nothing, and falls back to this otherwise.
    """
    parts: list[str] = []
    starts: array[int] = array("q")
    ends: array[int] = array("q")
    composed = seed.isascii() or unicodedata.is_normalized("NFC", seed)
    for match in re.finditer(r"\S+", seed):
        if parts:
            parts.append(" ")
            starts.append(match.start() - 1)
            ends.append(match.start())
        word = match.group()
        if composed or unicodedata.is_normalized("NFC", word):
            parts.append(word)
            starts.extend(range(match.start(), match.end()))
            ends.extend(range(match.start() + 1, match.end() + 1))
            continue
        # Compose a letter with its marks; each composed character spans its source characters.
        start = 0
        for end in range(1, len(word) + 1):
            if end == len(word) or not unicodedata.combining(word[end]):
                piece = unicodedata.normalize("NFC", word[start:end])
                parts.append(piece)
                starts.extend([match.start() + start] * len(piece))
                ends.extend([match.start() + end] * len(piece))
                start = end
    return "".join(parts), starts, ends


def find_all_reference(seed: str, quote: str) -> list[Span]:
    """Every place `quote` occurs in `seed`: the plain search `find_all` is tested against."""
    wanted = normalise(quote)
    if not wanted:
        return []
    flat, starts, ends = _normalised_reference(seed)
    spans = []
    at = flat.find(wanted)
    while at != -1:
        spans.append(Span(starts[at], ends[at + len(wanted) - 1]))
        at = flat.find(wanted, at + 1)
    return spans


# A run of whitespace longer than the one space it becomes: where normalised and original offsets drift apart.
_DRIFT = re.compile(r"\s\s+")


class _Flat:
    """A seed normalised once for many searches: its text, how often each word occurs, and where
    each of its characters came from."""

    def __init__(self, seed: str) -> None:
        self.words: Counter[str] = Counter()
        """How often each whole word occurs."""
        if seed.isascii() or unicodedata.is_normalized("NFC", seed):
            # Characters map one to one; only runs of whitespace longer than one shift the offsets, and
            # a seed has few of those (paragraph breaks), so they are found in C and kept as a step function.
            parts = []
            for words in _word_chunks(seed):
                parts.append(" ".join(words))
                self.words.update(words)
            self.text = " ".join(parts)
            lead = len(seed) - len(seed.lstrip())
            self._at, self._shift = [0], [lead]
            for run in _DRIFT.finditer(seed, lead):
                if run.end() < len(seed):
                    self._at.append(run.start() - self._shift[-1] + 1)
                    self._shift.append(self._shift[-1] + run.end() - run.start() - 1)
            self._starts: array[int] | None = None
            self._ends: array[int] | None = None
        else:
            self.text, self._starts, self._ends = _normalised_reference(seed)
            for words in _word_chunks(self.text):
                self.words.update(words)
        self._pairs: Counter[tuple[str, str]] | None = None
        self._first: dict[str, int] = {}

    def first(self, wanted: str) -> int:
        """Where `wanted` (normalised) first occurs, or -1; remembered (a build looks each quote up three times:
        to check it, and for each template's source notes)."""
        at = self._first.get(wanted)
        if at is None:
            at = self._first[wanted] = self.text.find(wanted)
        return at

    def most(self, wanted: str) -> int | None:
        """At most how often `wanted` (normalised) occurs, when its inner words tell; else None.

        Wherever `wanted` occurs, its inner words (all but the first and last, which may be parts of
        words) occur whole, and so do their pairs: it occurs at most as often as the rarest of them.
        """
        inner = wanted.split(" ")[1:-1]
        if not inner:
            return None
        most = min(self.words[word] for word in inner)
        if most > 1 and len(inner) > 1:
            if self._pairs is None:  # counted once per seed, and only for a quote whose words are common
                self._pairs = Counter()
                last: list[str] = []
                for words in _word_chunks(self.text):
                    self._pairs.update(pairwise(last + words[:1]))  # the pair across the cut
                    self._pairs.update(pairwise(words))
                    last = words[-1:]
            most = min(most, *(self._pairs[pair] for pair in pairwise(inner)))
        return most

    def span(self, at: int, length: int) -> Span:
        """Where the normalised text's `length` characters at `at` (not starting or ending in a space) came from."""
        last = at + length - 1
        if self._starts is not None and self._ends is not None:
            return Span(self._starts[at], self._ends[last])
        return Span(at + self._shift_at(at), last + 1 + self._shift_at(last))

    def _shift_at(self, index: int) -> int:
        return self._shift[bisect_right(self._at, index) - 1]


_SPACE_AT = re.compile(r"\s")
CHUNK = 1 << 20
"""Characters split into words at a time: a 5 MB seed as one list of words would take 50 MB."""


def _word_chunks(text: str, size: int | None = None) -> Iterator[list[str]]:
    """The words of `text` (`text.split()`), in lists of those of about `size` (CHUNK) characters each."""
    size = size or CHUNK
    start = 0
    while start < len(text):
        cut = _SPACE_AT.search(text, start + size) if start + size < len(text) else None
        end = cut.start() if cut else len(text)
        words = text[start:end].split()
        if words:
            yield words
        start = end


@lru_cache(maxsize=4)
def _flat(seed: str) -> _Flat:
    return _Flat(seed)


def find_all(seed: str, quote: str, limit: int | None = None) -> list[Span]:
    """Every place `quote` occurs in `seed` (the first `limit` of them), ignoring whitespace and composition.

    The seed is normalised once, and the search stops once it has found as many places as the
    quote's words allow (`_Flat.most`): a quote found once is not looked for again through the
    rest of a 5 MB seed.
    """
    wanted = normalise(quote)
    if not wanted:
        return []
    flat = _flat(seed)
    most = flat.most(wanted)
    if limit is not None:
        most = limit if most is None else min(most, limit)
    spans: list[Span] = []
    at = flat.first(wanted) if most != 0 else -1
    while at != -1:
        spans.append(flat.span(at, len(wanted)))
        if most is not None and len(spans) >= most:
            break
        at = flat.text.find(wanted, at + 1)
    return spans


def find_quote(seed: str, quote: str) -> Span | None:
    """The first place `quote` occurs in `seed`, whitespace-insensitively, or None."""
    found = find_all(seed, quote, limit=1)
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
