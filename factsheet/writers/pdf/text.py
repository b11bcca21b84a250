"""Rich text as a flowable: styled runs in, greedy left-aligned lines, PDF text operators out.

ReportLab's `Paragraph` parses XML-like markup and re-breaks its lines on every `wrap`
(a table wraps each cell twice); profiling showed that was two thirds of a briefing's
render time. The document tree already knows its runs, so this flowable takes them
directly, breaks lines once per width, and draws each line as a few text operators.
It does what the briefing needs and no more: left alignment, hanging indents,
superscript citation links, named destinations, and splitting between lines.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus import Flowable

from factsheet.writers.pdf.linebreak import SPECIAL as _SPECIAL
from factsheet.writers.pdf.linebreak import Break, clusters, pieces
from factsheet.writers.pdf.shaping import Glyphs, Item, is_simple, items, mirrored, shape


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text in one face, size, colour and baseline, optionally linking to a destination."""

    text: str
    font: str
    size: float
    color: Color
    rise: float = 0.0
    link: str | None = None


@dataclass(slots=True)
class _Piece:
    """Part of a word in one run, with its measured width; `item` when it needs the correct path."""

    run: Run
    text: str
    width: float
    item: Item | None = None


@dataclass(slots=True)
class _Word:
    """Text between break opportunities; `space` is the width of the gap before it.

    `soft`: a soft hyphen (or a cut) follows, so a hyphen is drawn if the line breaks after it.
    """

    pieces: list[_Piece]
    width: float
    space: float
    newline: bool = False
    soft: bool = False


@dataclass(slots=True)
class _Segment:
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


@dataclass(slots=True)
class _Line:
    segments: list[_Segment] = field(default_factory=list)
    width: float = 0.0
    words: int = 0
    bidi: bool = False


# Only ASCII whitespace breaks or collapses: a no-break space (U+00A0) must stay put.
_BLANKS = re.compile(r"[ \t\r\f\v]+")
_BLANK = " \t\r\f\v"

_SPACE_WIDTHS: dict[tuple[str, float], float] = {}


def _space_width(run: Run) -> float:
    key = (run.font, run.size)
    width = _SPACE_WIDTHS.get(key)
    if width is None:
        width = _SPACE_WIDTHS[key] = getFont(run.font).stringWidth(" ", run.size)
    return width


def _measure(run: Run, text: str) -> list[_Piece]:
    """`text` of `run` as measured pieces: one on the fast path, or one per font and bidi class."""
    if is_simple(text, run.font):
        return [_Piece(run, text, getFont(run.font).stringWidth(text, run.size))]
    return [_Piece(run, item.text, item.width, item) for item in items(text, run.font, run.size)]


def _words(runs: Sequence[Run]) -> list[_Word]:
    """The runs cut at break opportunities into measured words; whitespace collapses as in HTML."""
    words: list[_Word] = []
    joined = False  # the next piece continues the last word (no break opportunity between)
    pending_space = 0.0
    newline = False
    special = _SPECIAL
    for run in runs:
        measure = getFont(run.font).stringWidth
        size = run.size
        for number, part in enumerate(run.text.split("\n")):
            if number:
                newline, joined, pending_space = True, False, 0.0
            for position, token in enumerate(_BLANKS.split(part) if part else ()):
                if position:  # blanks came before this token
                    joined = False
                    pending_space = pending_space or _space_width(run)
                if not token:
                    continue
                for text, kind in ((token, Break.none),) if special.isdisjoint(token) else pieces(token):
                    if text:
                        if is_simple(text, run.font):  # the fast path: one piece, one measurement
                            width = measure(text, size)
                            measured = [_Piece(run, text, width)]
                        else:
                            measured = _measure(run, text)
                            width = sum([piece.width for piece in measured])
                        if joined and words:
                            word = words[-1]
                            word.pieces.extend(measured)
                            word.width += width
                        else:
                            space = 0.0 if newline or not words else pending_space
                            words.append(_Word(measured, width, space, newline))
                            newline = False
                        pending_space = 0.0
                    if kind is not Break.none and words:
                        words[-1].soft = kind is Break.soft
                    joined = kind is Break.none
    return words


def _one_line(runs: Sequence[Run], limit: float) -> _Line | None:
    """The runs as a single line if they fit in `limit`, measured a run at a time; else None.

    Most table cells are this short and simple: no need to cut them into words first.
    """
    line = _Line()
    x = 0.0
    pending_space = 0.0
    for run in runs:
        text = run.text
        if "\n" in text or not is_simple(text, run.font) or "\u00ad" in text:
            return None
        tokens = [token for token in _BLANKS.split(text) if token]
        if not tokens:
            if text:
                pending_space = _space_width(run)
            continue
        if line.segments and (pending_space or text[0] in _BLANK):
            x += pending_space or _space_width(run)
        joined = " ".join(tokens)
        width = getFont(run.font).stringWidth(joined, run.size)
        line.segments.append(_Segment(run, joined, x, width))
        line.words += len(tokens)
        x += width
        if x > limit:
            return None
        pending_space = _space_width(run) if text[-1] in _BLANK else 0.0
    line.width = x
    return line


def _hyphen(run: Run) -> tuple[str, float]:
    return "-", getFont(run.font).stringWidth("-", run.size)


def _chop(word: _Word, limit: float) -> list[_Word]:
    """A word wider than a line, cut between grapheme clusters into line-sized words, each but the last
    marked to end with a hyphen."""
    out: list[_Word] = []
    pieces_: list[_Piece] = []
    used = 0.0
    for piece in word.pieces:
        room = limit - _hyphen(piece.run)[1]
        parts = clusters(piece.text)
        start = 0
        for end in range(1, len(parts) + 1):
            width = sum(p.width for p in _measure(piece.run, "".join(parts[start:end])))
            if used + width > room and end - 1 > start:
                pieces_.extend(_measure(piece.run, "".join(parts[start:end - 1])))
                out.append(_Word(pieces_, sum(p.width for p in pieces_), 0.0, soft=True))
                pieces_, used, start = [], 0.0, end - 1
        if start < len(parts):
            rest = _measure(piece.run, "".join(parts[start:]))
            pieces_.extend(rest)
            used += sum(p.width for p in rest)
    if pieces_:
        out.append(_Word(pieces_, sum(p.width for p in pieces_), 0.0, soft=word.soft))
    out[0].space, out[0].newline = word.space, word.newline
    return out


def break_lines(words: list[_Word], first: float, other: float) -> list[_Line]:
    """Greedy line filling: `first` and `other` are the widths of the first and later lines."""
    lines: list[_Line] = []
    line = _Line()
    limit = first
    previous: _Word | None = None
    for whole in words:
        for word in _chop(whole, other) if whole.width > other else (whole,):
            if word.newline or (line.segments and line.width + word.space + word.width > limit):
                if previous is not None and previous.soft and not word.newline:
                    _add_hyphen(line, previous)
                lines.append(line)
                line, limit = _Line(), other
            x = line.width + word.space if line.segments else 0.0
            for piece in word.pieces:
                last = line.segments[-1] if line.segments else None
                if (last is not None and last.run is piece.run and piece.item is None and last.item is None
                        and x >= last.x + last.width - 1e-9):
                    last.text += (" " if x > last.x + last.width + 1e-9 else "") + piece.text
                    last.width = x + piece.width - last.x
                else:
                    line.segments.append(_Segment(piece.run, piece.text, x, piece.width, piece.item))
                    line.bidi = line.bidi or (piece.item is not None and piece.item.kind == "R")
                x += piece.width
            line.width = x
            line.words += 1
            previous = word
    if line.segments or not lines:
        lines.append(line)
    return lines


def _add_hyphen(line: _Line, word: _Word) -> None:
    run = word.pieces[-1].run
    text, width = _hyphen(run)
    line.segments.append(_Segment(run, text, line.width, width))
    line.width += width


def _simple_kind(text: str) -> str:
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return "L"
        if kind in ("R", "AL"):
            return "R"
    if any(ch.isdigit() for ch in text):
        return "D"
    return "E" if all(unicodedata.bidirectional(ch) == "ET" for ch in text) else "O"


def base_direction(lines: Sequence[_Line]) -> str:
    """The paragraph's direction by its first strong character (UAX #9, P2-P3): "L" or "R"."""
    for line in lines:
        for segment in line.segments:
            kind = segment.item.kind if segment.item is not None else _simple_kind(segment.text)
            if kind in ("L", "R"):
                return kind
    return "L"


def _kind(segment: _Segment) -> str:
    """A segment's bidi class; a raised run (a citation marker) counts as neutral, like an isolate (UAX #9 X5a)."""
    if segment.run.rise or segment.run.link:
        return "O"
    return segment.item.kind if segment.item is not None else _simple_kind(segment.text)


def _explode(segment: _Segment) -> list[_Segment]:
    """A fast-path segment cut at spaces and between letters, digits and punctuation, which bidi may part."""
    if segment.item is not None or segment.run.rise or segment.run.link:
        return [segment]
    run, text = segment.run, segment.text
    measure = getFont(run.font).stringWidth
    out = []
    for match in _BIDI_PARTS.finditer(text):
        x = segment.x + measure(text[:match.start()], run.size)
        out.append(_Segment(run, match.group(), x, measure(match.group(), run.size)))
    return out


_BIDI_PARTS = re.compile(r"[^\W\d_]+|\d+|[^\w\s]|_+")


def _bidi_type(segment: _Segment) -> str:
    """The bidi type a segment stands for: L, R, AL, EN, AN, ES, CS, ET or O (other neutral)."""
    kind = _kind(segment)
    text = segment.text
    if kind == "R":
        return "AL" if unicodedata.bidirectional(text[0]) == "AL" else "R"
    if kind == "D":
        return "AN" if any(unicodedata.bidirectional(ch) == "AN" for ch in text) else "EN"
    if kind == "E":
        return "ET"
    if kind == "O" and len(text) == 1 and unicodedata.bidirectional(text) in ("ES", "CS"):
        return unicodedata.bidirectional(text)
    return "L" if kind == "L" else "O"


def resolve_levels(types: list[str], base: str) -> list[int]:
    """Embedding levels for a line of bidi types by the implicit rules of UAX #9 (W1-W7, N1-N2, I1-I2).

    `types` are per segment or gap (L, R, AL, EN, AN, ES, CS, ET, O); `base` is "L" or "R".
    On return each O, separator and terminator is resolved. There are no explicit embeddings.
    """
    types = list(types)
    last = base
    for index, kind in enumerate(types):  # W2, W3: numbers after Arabic letters are Arabic numbers
        if kind in ("L", "R", "AL"):
            last = kind
        elif kind == "EN" and last == "AL":
            types[index] = "AN"
        if kind == "AL":
            types[index] = "R"
    for index in range(1, len(types) - 1):  # W4: one separator between two numbers of a kind joins them
        before, kind, after = types[index - 1:index + 2]
        if before == after == "EN" and kind in ("ES", "CS"):
            types[index] = "EN"
        elif before == after == "AN" and kind == "CS":
            types[index] = "AN"
    index = 0
    while index < len(types):  # W5: terminators next to European numbers are numbers
        end = index
        while end < len(types) and types[end] == "ET":
            end += 1
        if end > index:
            if (index and types[index - 1] == "EN") or (end < len(types) and types[end] == "EN"):
                types[index:end] = ["EN"] * (end - index)
            index = end
        else:
            index += 1
    types = ["O" if kind in ("ES", "CS", "ET") else kind for kind in types]  # W6
    last = base
    for index, kind in enumerate(types):  # W7: European numbers after left-to-right text are left to right
        if kind in ("L", "R"):
            last = kind
        elif kind == "EN" and last == "L":
            types[index] = "L"
    strong = ["R" if kind in ("EN", "AN") else kind for kind in types]  # numbers count as R for N1
    resolved = list(types)
    for index, kind in enumerate(types):  # N1, N2
        if kind == "O":
            before = next((strong[j] for j in range(index - 1, -1, -1) if types[j] != "O"), base)
            after = next((strong[j] for j in range(index + 1, len(types)) if types[j] != "O"), base)
            resolved[index] = before if before == after else base
    if base == "L":  # I1
        return [0 if kind == "L" else 1 if kind == "R" else 2 for kind in resolved]
    return [1 if kind == "R" else 2 for kind in resolved]  # I2


def reorder(line: _Line, base: str) -> None:
    """Lay a line out in visual order by the Unicode bidi algorithm's implicit rules (UAX #9 W, N, I, L2).

    Levels are resolved per segment and per gap between segments: strong classes come
    from the items, digits after right-to-left text rise above it, neutrals (gaps too)
    take the direction of matching neighbours or else the paragraph's. Only positions
    change: segments are drawn in logical order, each right-to-left one with its glyphs
    in visual order, mapped back to their characters (shaping.TO_UNICODE).
    """
    segments = [part for segment in line.segments for part in _explode(segment)]
    # Tokens: a segment's index, or -1 for the gap of `width` before the next segment.
    tokens: list[tuple[int, float]] = []
    for index, segment in enumerate(segments):
        if index:
            gap = segment.x - (segments[index - 1].x + segments[index - 1].width)
            if gap > 1e-9:
                tokens.append((-1, gap))
        tokens.append((index, segment.width))
    types = [_bidi_type(segments[i]) if i >= 0 else "O" for i, _ in tokens]
    levels = resolve_levels(types, base)
    kinds = ["O" if kind in ("O", "ES", "CS", "ET") else kind for kind in types]
    for (index, _), level, kind in zip(tokens, levels, kinds, strict=True):
        if index < 0:
            continue
        segment = segments[index]
        item = segment.item
        if item is not None:
            glyphs = item.glyphs or shape(segment.text, item.font, False)
            segment.glyphs = mirrored(glyphs) if level % 2 and item.kind != "R" else glyphs
        elif level % 2 and kind == "O":  # neutral fast-path text set right to left: reversed and mirrored
            segment.glyphs = mirrored(shape(segment.text, segment.run.font, False))
    order = list(range(len(tokens)))
    top = max(levels)
    lowest_odd = min((level for level in levels if level % 2), default=top + 1)
    for level in range(top, lowest_odd - 1, -1):  # L2
        i = 0
        while i < len(order):
            if levels[order[i]] < level:
                i += 1
                continue
            j = i
            while j < len(order) and levels[order[j]] >= level:
                j += 1
            order[i:j] = order[i:j][::-1]
            i = j
    # Positions are visual; the segments stay in logical order, which is the order they are drawn in,
    # so the content stream (what text extraction and assistive technology read) is in reading order.
    x = 0.0
    for token in order:
        index, width = tokens[token]
        if index >= 0:
            segments[index].x = x
        x += width
    line.segments = segments


class RichText(Flowable):
    """A paragraph of runs laid out with a ParagraphStyle's indents, leading and spacing.

    `label` runs are drawn hanging in the left indent of the first line (a note's number),
    so every line of the text itself starts at the indent. `balance` re-breaks a
    paragraph (a title) whose last line would hold a single word.
    """

    def __init__(self, runs: Sequence[Run], style: ParagraphStyle, anchor: str | None = None,
                 label: Sequence[Run] = (), balance: bool = False) -> None:
        super().__init__()
        self.style = style
        self.anchor = anchor
        self.keepWithNext = bool(getattr(style, "keepWithNext", 0))
        self._runs = runs
        self._label = label
        self._balance = balance
        self._words: list[_Word] | None = None
        self._lines: list[_Line] | None = None
        self._broken_at: float | None = None
        self._continued = False
        self._outline: tuple[str, str, int] | None = None
        self._rtl = False
        self.is_heading = False

    def _layout(self, width: float) -> list[_Line]:
        if self._lines is None or (self._broken_at != width and not self._continued):
            style = self.style
            inner = width - style.leftIndent - style.rightIndent
            first = inner if self._continued else inner - style.firstLineIndent
            line = None if self._words else _one_line(self._runs, first)
            if line is not None:
                self._lines = [line] if line.segments else []  # nothing to draw takes no room
            else:
                if self._words is None:
                    self._words = _words(self._runs)
                self._lines = self._break(self._words, first, inner)
            self._broken_at = width
        return self._lines

    def _break(self, words: list[_Word], first: float, inner: float) -> list[_Line]:
        lines = break_lines(words, first, inner)
        if self._balance and len(lines) > 1 and lines[-1].words < 2:
            # Narrow the measure until the last line holds two words, without adding a line.
            for step in range(1, 9):
                scale = 1 - 0.05 * step
                trial = break_lines(words, first * scale, inner * scale)
                if len(trial) > len(lines):
                    break
                if trial[-1].words >= 2:
                    lines = trial
                    break
        if any(line.bidi for line in lines):
            base = base_direction(lines)
            self._rtl = base == "R"
            for line in lines:
                reorder(line, base)
        return lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Break lines for `availWidth` (once per width) and report the height they need."""
        lines = self._layout(availWidth)
        self.width = availWidth
        self.height = len(lines) * self.style.leading
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """Two paragraphs cut between lines, never leaving one line alone at the foot (orphan) or head
        (widow) of a page; [] when that is impossible."""
        lines = self._layout(availWidth)
        fits = int((availHeight + 1e-6) // self.style.leading)
        if fits >= len(lines):
            return [self]
        if len(lines) - fits == 1:
            fits -= 1  # keep two lines for the next page
        if fits < 2 and len(lines) > 1 and not self._continued:
            return []
        if fits < 1:
            return []
        return [self._part(lines[:fits], self._continued, last=False), self._part(lines[fits:], True, last=True)]

    def _part(self, lines: list[_Line], continued: bool, last: bool) -> RichText:
        part = RichText(self._runs, self.style, None if continued else self.anchor,
                        () if continued else self._label)
        part._lines, part._broken_at, part._continued = lines, self._broken_at, continued
        part._outline = None if continued else self._outline
        part._rtl = self._rtl
        part.keepWithNext = self.keepWithNext if last else False
        part.spaceBefore = 0 if continued else self.getSpaceBefore()
        part.spaceAfter = self.getSpaceAfter() if last else 0
        return part

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        """Draw with the lower left corner at (x, y), in absolute positions.

        ReportLab's default wraps every flowable in save, translate and restore
        state; a briefing has hundreds of cells, and text positions can carry the offset.
        """
        self._draw(canvas, x, y)

    def draw(self) -> None:
        """Draw at the origin of the current canvas transform (the Flowable protocol)."""
        self._draw(self.canv, 0.0, 0.0)

    def _draw(self, canvas: Any, left: float, bottom: float) -> None:
        """Emit the lines as text operators; links and destinations through the canvas."""
        lines = self._lines or []
        style = self.style
        if self.anchor:
            canvas.bookmarkHorizontal(self.anchor, left, bottom + self.height)
        pen = _Pen(canvas)
        y = bottom + self.height - style.fontSize
        inner = (self._broken_at or self.width) - style.leftIndent - style.rightIndent
        if self._label and lines:
            label = _Line()
            x = 0.0
            for run in self._label:
                width = getFont(run.font).stringWidth(run.text, run.size)
                label.segments.append(_Segment(run, run.text, x, width))
                x += width
            pen.line(label, left, y)
        for index, line in enumerate(lines):
            indent = left + style.leftIndent + (0 if index or self._continued else style.firstLineIndent)
            if self._rtl:  # right to left paragraphs are set flush right
                indent += inner - (0 if index or self._continued else style.firstLineIndent) - line.width
            pen.line(line, indent, y)
            y -= style.leading
        pen.finish()


class _Pen:
    """Writes lines of segments as one PDF text object; links and ActualText spans as it goes."""

    def __init__(self, canvas: Any) -> None:
        self.canvas = canvas
        self.document = canvas._doc
        self.escape = canvas._escape
        self.out = ["q BT"]
        self.font: tuple[str, float] | None = None
        self.color: Color | None = None
        self.links: list[tuple[str, tuple[float, float, float, float]]] = []
        self.slant = "0"

    def line(self, line: _Line, left: float, y: float) -> None:
        """Draw one line with its left end at `left` and its baseline at `y`: everything a line draws is here."""
        out = self.out
        for segment in line.segments:
            run = segment.run
            if run.color is not self.color:
                out.append(f"{fp_str(run.color.red, run.color.green, run.color.blue)} rg")
                self.color = run.color
            x = left + segment.x
            # A fallback font has neither bold nor italic faces: a bold run's fallback text is stroked as
            # well as filled, an italic run's is slanted.
            fallback = segment.item is not None and segment.item.font != run.font
            embolden = fallback and "Bold" in run.font
            self.slant = "0.2" if fallback and ("Italic" in run.font or run.font.endswith("It")) else "0"
            if embolden:
                rgb = fp_str(run.color.red, run.color.green, run.color.blue)
                out.append(f"{rgb} RG {fp_str(run.size * 0.035)} w 2 Tr")
            if segment.glyphs is not None:
                self.glyphs(segment.glyphs, run, x, y + run.rise)
            else:
                out.append(f"1 0 {self.slant} 1 {fp_str(x, y + run.rise)} Tm")
                self.text(segment.item.font if segment.item is not None else run.font, run.size, segment.text)
            if embolden:
                out.append("0 Tr")
            if run.link:
                low = y + run.rise - run.size / 4
                self.links.append((run.link, (x, low, x + segment.width, low + run.size * 1.25)))

    def text(self, name: str, size: float, text: str) -> None:
        """Show `text` in font `name` at the current text position."""
        font = getFont(name)
        for subset, chunk in _subset_chunks(font, text, self.document):
            key = (font.getSubsetInternalName(subset, self.document), size)
            if key != self.font:
                self.out.append(f"{key[0]} {fp_str(size)} Tf")
                self.font = key
            self.out.append(f"({self.escape(chunk)}) Tj")

    def glyphs(self, glyphs: Glyphs, run: Run, x: float, y: float) -> None:
        """Show shaped glyphs from (x, y): runs at their natural advances share one operator.

        A glyph that only adds to another's character (a letter's dots) is shown after the
        others, marked as having no text of its own (empty ActualText): the word's letters stay
        together in the content stream and each reads back once.
        """
        widths = getFont(glyphs.font).face.charWidths
        silent = glyphs.silent
        scale = run.size / 1000
        pen = x
        start = 0
        count = len(glyphs.chars)
        groups: list[tuple[int, int, str]] = []
        while start < count:
            end = start + 1
            if not glyphs.x_offsets[start] and not glyphs.y_offsets[start] and start not in silent:
                while (end < count and end not in silent and not glyphs.x_offsets[end] and not glyphs.y_offsets[end]
                       and abs(glyphs.advances[end - 1] - widths.get(ord(glyphs.chars[end - 1]), -1)) < 0.01):
                    end += 1
            groups.append((start, end, fp_str(pen + glyphs.x_offsets[start] * scale,
                                              y + glyphs.y_offsets[start] * scale)))
            pen += sum(glyphs.advances[start:end]) * scale
            start = end
        groups.sort(key=lambda group: group[0] in silent)
        for start, end, at in groups:
            if start in silent:
                self.out.append("/Span <</ActualText ()>> BDC")
            self.out.append(f"1 0 {self.slant} 1 {at} Tm")
            self.text(glyphs.font, run.size, glyphs.chars[start:end])
            if start in silent:
                self.out.append("EMC")

    def finish(self) -> None:
        """Close the text object, hand it to the canvas and add the links."""
        self.out.append("ET Q")
        self.canvas._code.append(" ".join(self.out))
        for destination, rect in self.links:
            link_to(self.canvas, destination, rect)


def one_line(runs: Sequence[Run]) -> _Line:
    """The runs as one line, however long, in visual order: for labels drawn outside paragraphs."""
    words = _words(runs)
    line = break_lines(words, float("inf"), float("inf"))[0] if words else _Line()
    if line.bidi:
        reorder(line, base_direction([line]))
    return line


def draw_runs(canvas: Any, runs: Sequence[Run], x: float, y: float, align: str = "start") -> float:
    """Draw `runs` as one line with its baseline at `y`, starting, centred or ending at `x` (`align` start,
    middle or end), through the same fallback, shaping and bidi as paragraphs; returns the line's width.

    Running heads and figure labels use this, so every script prints wherever text is drawn.
    """
    line = one_line(runs)
    left = x - (line.width / 2 if align == "middle" else line.width if align == "end" else 0.0)
    pen = _Pen(canvas)
    pen.line(line, left, y)
    pen.finish()
    return line.width


def _subset_chunks(font: Any, text: str, document: Any) -> Sequence[tuple[int, bytes]]:
    """`font.splitString(text, document)`, without its per-character loop for printable ASCII.

    ReportLab's TrueType subsets are "ASCII readable": once a font is in use in a
    document, its first subset maps printable ASCII to itself, so those bytes are the text.
    """
    if text and font._asciiReadable and document in font.state and text.isascii() and text.isprintable():
        return ((0, text.encode("ascii")),)
    return font.splitString(text, document)  # type: ignore[no-any-return]


class _Link(pdfdoc.LinkAnnotation):
    """A borderless link to a named destination, formatted in one step.

    ReportLab builds a dictionary of PDF objects for each annotation and formats it
    value by value at save time; a briefing has a link per citation, so this writes
    the same bytes directly.
    """

    def format(self, document: Any) -> bytes:
        """The annotation dictionary, as ReportLab's own LinkAnnotation writes it."""
        destination = pdfdoc.format(self.Destination, document)
        rect = fp_str(*self.Rect).encode("ascii")
        return b"<<\n/Border [ 0 0 0 ] /Contents () /Dest %s /Rect [ %s ] /Subtype /Link /Type /Annot\n>>" % (
            destination, rect)


def link_to(canvas: Any, destination: str, rect: tuple[float, float, float, float]) -> None:
    """What `canvas.linkRect("", destination, rect, relative=1, thickness=0)` does, with a `_Link`."""
    reference = canvas._bookmarkReference(destination)
    canvas._addAnnotation(_Link(canvas._absRect(rect, 1), "", reference))
