"""Runs cut into words at break opportunities, and words filled greedily into lines.

The fast path measures text the run's own face draws left to right with one string
width; anything else is cut into items by `shaping` (font fallback, HarfBuzz). Break
opportunities inside words come from `linebreak` (UAX #14); a word wider than a line
is cut between grapheme clusters and marked with a hyphen.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import getFont

from factsheet.writers.pdf.linebreak import SPECIAL as _SPECIAL
from factsheet.writers.pdf.linebreak import Break, clusters, pieces
from factsheet.writers.pdf.shaping import Glyphs, Item, is_simple, items


@dataclass(slots=True)
class Run:
    """A stretch of text in one face, size, colour and baseline, optionally linking to a destination.

    A value: never changed once made (`dataclasses.replace` makes another). Not a frozen dataclass only because
    a frozen one costs three times as much to make, and a briefing makes a run per piece of text it draws.
    """

    text: str
    font: str
    size: float
    color: Color
    rise: float = 0.0
    link: str | None = None
    lang: str = ""
    """The run's language (BCP 47) where it differs from the document's; tagged as a Span with /Lang."""


@dataclass(slots=True)
class Piece:
    """Part of a word in one run, with its measured width; `item` when it needs the correct path."""

    run: Run
    text: str
    width: float
    item: Item | None = None


@dataclass(slots=True)
class Word:
    """Text between break opportunities; `space` is the width of the gap before it.

    `soft`: a soft hyphen (or a cut) follows, so a hyphen is drawn if the line breaks after it.
    """

    pieces: list[Piece]
    width: float
    space: float
    newline: bool = False
    soft: bool = False


@dataclass(slots=True)
class Segment:
    """What one text operator draws: text of one run at an x offset within its line.

    `item` is set for text on the correct path (another font, shaped glyphs or a bidi class);
    `glyphs`, when set, are what is drawn.
    """

    run: Run
    text: str
    x: float
    width: float
    item: Item | None = None
    glyphs: Glyphs | None = None
    space_after: bool = False
    """A word space follows in reading order (drawn as an invisible space for text extraction)."""


@dataclass(slots=True)
class Line:
    """Segments in reading order with their x offsets; `words` counts words, `bidi` marks right-to-left text
    (letters, or Arabic digits, which UAX #9 orders as right to left among neutrals)."""

    segments: list[Segment] = field(default_factory=list)
    width: float = 0.0
    words: int = 0
    bidi: bool = False
    spaced: bool = False
    """The line ended at a space or a line break (not inside a word): its text reads on after a space."""
    newline: bool = False
    """The line starts after a forced line break, which ends a bidi paragraph (UAX #9 B)."""


# Only ASCII whitespace breaks or collapses: a no-break space (U+00A0) must stay put.
_BLANKS = re.compile(r"[ \t\r\f\v]+")
_BLANK = " \t\r\f\v"
_OPPORTUNITIES = re.compile("[\n" + re.escape("".join(sorted(_SPECIAL))) + "]")
"""A line break or a character around which a line may break: plain text has none."""


def _blank_split(text: str) -> list[str]:
    """`_BLANKS.split(text)`: where the only blanks are single spaces (most text), `str.split` at a third of the
    cost. Printable text has no tab, return, form feed or vertical tab."""
    if text.isprintable() and "  " not in text:
        return text.split(" ")
    return _BLANKS.split(text)


def _one_spaced(text: str) -> bool:
    """Whether `text` is words one space apart, with no other blank and none at either end."""
    return bool(text) and text.isprintable() and "  " not in text and text[0] != " " and text[-1] != " "

_WIDTHS: dict[tuple[str, float], dict[str, float]] = {}
"""Widths remembered per face and size, then per text: a hot loop looks its face's table up once per run."""
_WIDTHS_KEPT = 50_000  # words (about 8 MB at most); then the memory starts again
_widths_count = 0


def widths(font: str, size: float) -> dict[str, float]:
    """The remembered widths of texts in `font` at `size` (fill it through `measure`)."""
    table = _WIDTHS.get((font, size))
    if table is None:
        table = _WIDTHS[font, size] = {}
    return table


def measure(font: str, text: str, size: float) -> float:
    """`getFont(font).stringWidth(text, size)`, remembered: the same words recur in every paragraph and document,
    and ReportLab's call costs ten times a look-up."""
    table = _WIDTHS.get((font, size))
    if table is not None:
        width = table.get(text)
        if width is not None:
            return width
    global _widths_count
    if _widths_count >= _WIDTHS_KEPT:
        for kept in _WIDTHS.values():
            kept.clear()  # cleared in place: callers may hold a table
        _widths_count = 0
    width = widths(font, size)[text] = float(getFont(font).stringWidth(text, size))
    _widths_count += 1
    return width


def space_width(run: Run) -> float:
    """The width of a word space in `run`'s face and size."""
    return measure(run.font, " ", run.size)


def pieces_of(run: Run, text: str) -> list[Piece]:
    """`text` of `run` as measured pieces: one on the fast path, or one per font and bidi class."""
    if is_simple(text, run.font):
        return [Piece(run, text, measure(run.font, text, run.size))]
    return [Piece(run, item.text, item.width, item) for item in items(text, run.font, run.size)]


def cut_words(runs: Sequence[Run], plain_path: bool = True) -> list[Word]:
    """The runs cut at break opportunities into measured words; whitespace collapses as in HTML.

    `plain_path=False` takes the general steps for every run (tests hold the two paths equal).
    """
    words: list[Word] = []
    joined = False  # the next piece continues the last word (no break opportunity between)
    pending_space = 0.0
    newline = False
    special = _SPECIAL
    for run in runs:
        font = run.font
        size = run.size
        text = run.text
        if plain_path and _OPPORTUNITIES.search(text) is None and is_simple(text, font):
            # Plain text (most runs): every token is one simple piece with no break inside. The general steps
            # below (the clear version; tests hold the two equal), unrolled: the first token may continue the
            # last word, every later one starts a word after a blank, and the gap before all but the first of
            # those is this run's space. Widths come from the face's table, looked up once per run.
            known = widths(font, size)
            tokens = _blank_split(text)
            head = tokens[0]
            if head:
                width = known.get(head) or measure(font, head, size)
                if joined and words:
                    word = words[-1]
                    word.pieces.append(Piece(run, head, width))
                    word.width += width
                else:
                    words.append(Word([Piece(run, head, width)], width,
                                      0.0 if newline or not words else pending_space, newline))
                    newline = False
                pending_space = 0.0
                joined = True
            count = len(tokens)
            if count > 1:
                space = known.get(" ") or measure(font, " ", size)
                joined = False
                if not pending_space:
                    pending_space = space
                trailing = not tokens[-1]  # the text ends with blanks
                end = count - 1 if trailing else count
                if end > 1:
                    token = tokens[1]
                    width = known.get(token) or measure(font, token, size)
                    words.append(Word([Piece(run, token, width)], width,
                                      0.0 if newline or not words else pending_space, newline))
                    newline = False
                    append = words.append
                    for index in range(2, end):
                        token = tokens[index]
                        width = known.get(token) or measure(font, token, size)
                        append(Word([Piece(run, token, width)], width, space))
                    pending_space = 0.0 if not trailing else space
                    joined = not trailing
            continue
        simple = is_simple(text, font)  # then so is every piece of it
        known = widths(font, size)
        for number, part in enumerate(text.split("\n")):
            if number:
                newline, joined, pending_space = True, False, 0.0
            for position, token in enumerate(_blank_split(part) if part else ()):
                if position:  # blanks came before this token
                    joined = False
                    pending_space = pending_space or space_width(run)
                if not token:
                    continue
                for text, kind in ((token, Break.none),) if special.isdisjoint(token) else pieces(token):
                    if text:
                        if simple or is_simple(text, font):  # the fast path: one piece, one measurement
                            width = known.get(text) or measure(font, text, size)
                            measured = [Piece(run, text, width)]
                        else:
                            measured = pieces_of(run, text)
                            width = sum([piece.width for piece in measured])
                        if joined and words:
                            word = words[-1]
                            word.pieces.extend(measured)
                            word.width += width
                        else:
                            space = 0.0 if newline or not words else pending_space
                            words.append(Word(measured, width, space, newline))
                            newline = False
                        pending_space = 0.0
                    if kind is not Break.none and words:
                        words[-1].soft = kind is Break.soft
                    joined = kind is Break.none
    return words


def _narrowest(font: str) -> float:
    """The advance of the narrowest printable ASCII character of `font`, per point of size."""
    width = _NARROWEST.get(font)
    if width is None:
        face = getFont(font)
        width = _NARROWEST[font] = min(face.stringWidth(chr(code), 1.0) for code in range(0x21, 0x7F))
    return width


_NARROWEST: dict[str, float] = {}
_LONG = 40
"""Characters in a run from which single_line first asks whether it can fit at all."""


def single_line(runs: Sequence[Run], limit: float, early: bool = True) -> Line | None:
    """The runs as a single line if they fit in `limit`, measured a run at a time; else None.

    Most table cells are this short and simple: no need to cut them into words first. A long run of
    printable ASCII that is certainly wider than the room left (its non-space characters at the face's
    narrowest) is not measured (`early=False` measures it all the same; tests hold the two equal).
    """
    line = Line()
    segments = line.segments
    x = 0.0
    pending_space = 0.0
    for run in runs:
        text = run.text
        font = run.font
        if "\n" in text or not (text.isascii() or is_simple(text, font)) or "\u00ad" in text:
            return None
        if _one_spaced(text):
            joined, count = text, text.count(" ") + 1  # words one space apart: the text as it is
        else:
            tokens = [token for token in _BLANKS.split(text) if token]
            if not tokens:
                if text:
                    pending_space = space_width(run)
                continue
            joined, count = " ".join(tokens), len(tokens)
        if segments and (pending_space or text[0] in _BLANK):
            x += pending_space or space_width(run)
            segments[-1].space_after = True
        if (early and len(joined) > _LONG and joined.isascii()
                and (len(joined) - count + 1) * _narrowest(font) * run.size * 0.999 > limit - x
                and joined.isprintable()):
            return None  # wider than the room left however narrow its letters: a paragraph, not a cell
        width = measure(font, joined, run.size)
        segments.append(Segment(run, joined, x, width))
        line.words += count
        x += width
        if x > limit:
            return None
        pending_space = space_width(run) if text[-1] in _BLANK else 0.0
    line.width = x
    return line


def _hyphen(run: Run) -> tuple[str, float]:
    return "-", measure(run.font, "-", run.size)


def chop(word: Word, limit: float) -> list[Word]:
    """A word wider than a line, cut between grapheme clusters into line-sized words, each but the last
    marked to end with a hyphen."""
    out: list[Word] = []
    pieces_: list[Piece] = []
    used = 0.0
    for piece in word.pieces:
        room = limit - _hyphen(piece.run)[1]
        parts = clusters(piece.text)
        start = 0
        for end in range(1, len(parts) + 1):
            width = sum(p.width for p in pieces_of(piece.run, "".join(parts[start:end])))
            if used + width > room and end - 1 > start:
                pieces_.extend(pieces_of(piece.run, "".join(parts[start:end - 1])))
                out.append(Word(pieces_, sum(p.width for p in pieces_), 0.0, soft=True))
                pieces_, used, start = [], 0.0, end - 1
        if start < len(parts):
            rest = pieces_of(piece.run, "".join(parts[start:]))
            pieces_.extend(rest)
            used += sum(p.width for p in rest)
    if pieces_:
        out.append(Word(pieces_, sum(p.width for p in pieces_), 0.0, soft=word.soft))
    out[0].space, out[0].newline = word.space, word.newline
    return out


def break_lines(words: list[Word], first: float, other: float) -> list[Line]:
    """Greedy line filling: `first` and `other` are the widths of the first and later lines.

    A word's piece continues the line's last segment when it is of the same run and on the fast path
    (joined by a space where the word's gap lies between them); otherwise it starts a segment.
    """
    lines: list[Line] = []
    line = Line()
    segments = line.segments
    last: Segment | None = None  # segments[-1], kept at hand
    limit = first
    previous: Word | None = None
    for whole in words:
        for word in chop(whole, other) if whole.width > other else (whole,):
            if word.newline or (last is not None and line.width + word.space + word.width > limit):
                if previous is not None and previous.soft and not word.newline:
                    _add_hyphen(line, previous)
                line.spaced = word.newline or word.space > 0
                lines.append(line)
                line, limit = Line(newline=word.newline), other
                segments = line.segments
                last = None
            x = line.width + word.space if last is not None else 0.0
            for piece in word.pieces:
                item = piece.item
                if last is not None:
                    end = last.x + last.width
                    if item is None and last.item is None and last.run is piece.run and x >= end - 1e-9:
                        last.text = f"{last.text} {piece.text}" if x > end + 1e-9 else last.text + piece.text
                        last.width = x + piece.width - last.x
                        x += piece.width
                        continue
                    if x > end + 1e-9:
                        last.space_after = True
                last = Segment(piece.run, piece.text, x, piece.width, item)
                segments.append(last)
                if item is not None and not line.bidi:
                    line.bidi = _right_to_left(item)
                x += piece.width
            line.width = x
            line.words += 1
            previous = word
    if segments or not lines:
        lines.append(line)
    return lines


def _right_to_left(item: Item) -> bool:
    """Whether the item holds right-to-left letters or Arabic digits (bidi class AN): text to reorder."""
    return item.kind == "R" or (item.kind == "D" and any(unicodedata.bidirectional(ch) == "AN" for ch in item.text))


def _add_hyphen(line: Line, word: Word) -> None:
    run = word.pieces[-1].run
    text, width = _hyphen(run)
    line.segments.append(Segment(run, text, line.width, width))
    line.width += width
