"""Seed text helpers: sentences with offsets, quotes cut from them, and slug ids."""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from factsheet.facts.anchor import find_all, normalise

LineKind = Literal["body", "item", "heading", "credit", "dateline", "skip"]

_ABBREVIATIONS = frozenset(
    (
        "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sgt", "capt", "adm", "maj", "rep", "sen", "gov", "st",
        "no", "nos", "vs", "approx", "est", "inc", "corp", "ltd", "co", "jan", "feb", "mar", "apr", "jun", "jul",
        "aug", "sep", "sept", "oct", "nov", "dec", "e.g", "i.e", "u.s", "u.k", "u.n", "mrd", "mio", "bn", "approx"
    )
)
_BOUNDARY = re.compile(r"(?<=[.!?])[\"\u201d\u2019)]?\s+(?=[\"\u201c\u2018(]?[A-Z])")
_SKIP_LINE = re.compile(
    r"^(?:related(?: article| articles| stories| story)?\s*:|read (?:more|also)\b|see also\b|also read\b|"
    r"sign up\b|subscribe\b|share this\b|advertisement$|photo(?: by)?\s*:|virin\s*:|click here\b|image\s*:|"
    r"\(photo\b)",
    re.IGNORECASE,
)
_CREDIT_LINE = re.compile(
    r"^(?:this (?:article|story|report) (?:is|was) (?:owned|published|written|produced) by|written by|by\s+[A-Z]|"
    r"copyright|©|\(c\)|source\s*:|attributed to\b|posted by\b|issued by\b)",
    re.IGNORECASE,
)
FUNCTION_WORDS = frozenset(
    (
        "a", "an", "and", "or", "but", "nor", "of", "the", "to", "from", "in", "on", "at", "by", "with", "for",
        "that", "which", "who", "whom", "whose", "after", "before", "since", "as", "it", "its", "their", "his", "her",
        "is", "are", "was", "were", "has", "have", "had", "be", "been", "being", "this", "these", "those", "than",
        "so", "while"
    )
)
_CLAUSE_END = (",", ";", ":")


@dataclass(frozen=True)
class Sentence:
    """One sentence (or heading, or credit line) of a seed text, with where it stands."""

    index: int
    start: int
    end: int
    text: str
    kind: LineKind

    @property
    def body(self) -> bool:
        """True for sentences of the article itself, list items included (not headings, credits or boilerplate)."""
        return self.kind in ("body", "item")


_ITEM_END = re.compile(r"(?:;|;\s*and|,\s*and|,)$")
_BULLET = re.compile(r"^(?:[-\u2013\u2014\u2022*\u25aa\u25cf]{1,2}|\d{1,2}[.)])\s+(?=\S)")
_DATELINE = re.compile(
    r"^\(?[^()]{0,60}?(?:\d{1,2}[./]\d{1,2}[./](?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d|"
    r"[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+(?:19|20)\d\d|\d{1,2}\s+[A-Z][a-z]{2,8}\s+(?:19|20)\d\d)"
    r"[^()]{0,30}\)?\s*\|?$"
)


def _line_kind(stripped: str, previous: LineKind | None, introduces: bool, open_list: bool) -> LineKind:
    """What a line is: boilerplate, a credit, a dateline, a list item, a heading or body text."""
    words = len(stripped.split())
    if _SKIP_LINE.match(stripped):
        return "skip"
    if _CREDIT_LINE.match(stripped) and (words <= 10 or not stripped.lower().startswith("by")):
        return "credit"
    if words <= 12 and _DATELINE.match(stripped) and not re.search(r"(?<![\w.])[a-z]{3,}(?![\w.])", stripped):
        return "dateline"
    if _BULLET.match(stripped) or (words <= 30 and _ITEM_END.search(stripped) and (introduces or previous == "item")):
        return "item"
    if previous == "item" and open_list and words <= 30:
        return "item"  # the last item of a list: "...; and" then "Four additional radars."
    if not re.search(r"[.!?:\"\u201d\u2019)\u2026]$", stripped) and words <= 14:
        return "heading"
    return "body"


def split_sentences(text: str) -> list[Sentence]:
    """The lines of `text` cut into sentences; headings, credits, datelines and boilerplate are marked.

    A line ending with ";" or "; and" after a line that ends with ":" (or after another such line) is a
    list item, and so is a bulleted line and the line that ends such a list: items are body text kept
    whole, one sentence each, so that package lists keep every item.
    """
    out: list[Sentence] = []
    previous: LineKind | None = None
    introduces, last_text = False, ""
    for line in re.finditer(r"[^\n]+", text):
        raw = line.group()
        stripped = raw.strip()
        if not stripped:
            continue
        offset = line.start() + (len(raw) - len(raw.lstrip()))
        kind = _line_kind(stripped, previous, introduces, bool(_ITEM_END.search(last_text)))
        introduces, last_text = stripped.endswith(":"), stripped
        previous = kind
        if kind != "body":
            out.append(Sentence(len(out), offset, offset + len(stripped), stripped, kind))
            continue
        begin = 0
        for boundary in _BOUNDARY.finditer(stripped):
            before = stripped[begin : boundary.start()].split()
            last = before[-1].rstrip(".!?\"\u201d\u2019)").lower() if before else ""
            if last in _ABBREVIATIONS or re.fullmatch(r"[a-z]", last):
                continue
            piece = stripped[begin : boundary.start()].rstrip()
            out.append(Sentence(len(out), offset + begin, offset + begin + len(piece), piece, "body"))
            begin = boundary.end()
        piece = stripped[begin:]
        out.append(Sentence(len(out), offset + begin, offset + len(stripped), piece, "body"))
    return out


def sentence_at(sentences: list[Sentence], offset: int) -> Sentence | None:
    """The sentence that holds `offset` (sentences are in text order), found by bisection."""
    starts = _starts(sentences)
    i = bisect.bisect_right(starts, offset) - 1
    return sentences[i] if i >= 0 and sentences[i].start <= offset < sentences[i].end else None


_STARTS: dict[int, tuple[list[Sentence], list[int]]] = {}


def _starts(sentences: list[Sentence]) -> list[int]:
    """The sentences' start offsets, computed once per list of sentences."""
    cached = _STARTS.get(id(sentences))
    if cached is None or cached[0] is not sentences or len(cached[1]) != len(sentences):
        _STARTS.clear()
        cached = (sentences, [s.start for s in sentences])
        _STARTS[id(sentences)] = cached
    return cached[1]


def _bare(word: str) -> str:
    return word.strip(".,;:!?\"\u201c\u201d\u2018\u2019()").lower()


def excerpt(
    text: str, sentence: Sentence, start: int, end: int, before: int = 4, after: int = 6, min_words: int = 5
) -> tuple[int, int]:
    """Offsets of a short quote around `text[start:end]`, within its sentence.

    Takes up to `before` and `after` words around the core, stops at the nearest clause boundary
    (comma, semicolon, colon, parenthesis) when what remains still has `min_words` words, and drops
    function words at both ends.
    """
    words = [(m.start() + sentence.start, m.end() + sentence.start) for m in re.finditer(r"\S+", sentence.text)]
    first = next(i for i, (_, e) in enumerate(words) if e > start)
    last = max(i for i, (s, _) in enumerate(words) if s < end)
    lo, hi = max(0, first - before), min(len(words) - 1, last + after)
    for i in range(first - 1, lo - 1, -1):
        if text[words[i][0] : words[i][1]].endswith(_CLAUSE_END) or text[words[i + 1][0]] == "(":
            if hi - i >= min_words:
                lo = i + 1
            break
    for j in range(last, hi):
        if text[words[j][0] : words[j][1]].endswith(_CLAUSE_END) or text[words[j + 1][0]] == "(":
            if j - lo + 1 >= min_words:
                hi = j
            break
    while lo < first and _bare(text[words[lo][0] : words[lo][1]]) in FUNCTION_WORDS:
        lo += 1
    while hi > last and _bare(text[words[hi][0] : words[hi][1]]) in FUNCTION_WORDS:
        hi -= 1
    qs, qe = min(words[lo][0], start), max(words[hi][1], end)
    while qe > end and text[qe - 1] in ",;:":
        qe -= 1
    if qe == sentence.end and qe > end and text[qe - 1] == ".":
        qe -= 1
    while qs < start and text[qs] in "\"\u201c\u2018":
        qs += 1
    return qs, qe


class _Occurrences:
    """Where each word of a text stands (whitespace-normalised as quotes are matched), to count a quote's
    occurrences from its rarest inner word instead of scanning the whole text for every quote."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.flat = normalise(text)
        self.where: dict[str, list[int]] = {}
        for word in re.finditer(r"\S+", self.flat):
            self.where.setdefault(word.group(), []).append(word.start())

    def unique(self, found: str) -> bool:
        """Whether `found` occurs exactly once in the text."""
        wanted = normalise(found)
        words = list(re.finditer(r"\S+", wanted))[1:-1]  # the edge words may be cut inside a text word
        if not words:
            return len(find_all(self.text, found)) == 1
        rarest = min(words, key=lambda w: len(self.where.get(w.group(), ())))
        hits = 0
        for at in self.where.get(rarest.group(), ()):
            if self.flat.startswith(wanted, at - rarest.start()):
                hits += 1
                if hits > 1:
                    return False
        return hits == 1 or (hits == 0 and len(find_all(self.text, found)) == 1)


_OCCURRENCES: list[_Occurrences] = []


def _occurrences(text: str) -> _Occurrences:
    if not _OCCURRENCES or _OCCURRENCES[0].text is not text:
        _OCCURRENCES[:] = [_Occurrences(text)]
    return _OCCURRENCES[0]


def quote(text: str, sentence: Sentence, start: int, end: int, before: int = 4, after: int = 6,
          min_words: int = 5) -> str:
    """A quote around `text[start:end]` that occurs only once in `text`, widened until it does."""
    occurrences = _occurrences(text)
    if len(sentence.text) >= 3 and not occurrences.unique(sentence.text):
        # the whole sentence repeats elsewhere (a repeated paragraph): no quote inside it can be unique
        qs, qe = excerpt(text, sentence, start, end, before, after, min_words)
        return text[qs:qe] if qe - qs >= 3 else sentence.text
    for extra in range(0, 40, 3):
        qs, qe = excerpt(text, sentence, start, end, before + extra, after + extra, min_words)
        found = text[qs:qe]
        if len(found) >= 3 and occurrences.unique(found):
            return found
        if qs <= sentence.start and qe >= sentence.end - 1:
            break
    if len(sentence.text) >= 3:
        return sentence.text
    return text[max(0, start - 3) : end + 3]  # a sentence of one or two characters: borrow its neighbours


def slug(text: str, limit: int = 48) -> str:
    """A lower-case id made of letters, digits and hyphens, at most `limit` characters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(out) > limit:
        out = out[:limit].rsplit("-", 1)[0] if "-" in out[:limit] else out[:limit]
    return out or "fact"


@dataclass
class Ids:
    """Hands out ids unique within one facts file."""

    taken: set[str] = field(default_factory=set)
    _last: dict[str, int] = field(default_factory=dict)

    def claim(self, wanted: str) -> str:
        """`wanted` if free, else `wanted-2`, `wanted-3`, ...; the id is then taken."""
        base = slug(wanted, 60)
        ident, n = base, self._last.get(base, 1)  # start where the last claim of this base stopped
        if n > 1:
            ident = f"{base}-{n}"
        while ident in self.taken:
            n += 1
            ident = f"{base}-{n}"
        self._last[base] = n
        self.taken.add(ident)
        return ident
