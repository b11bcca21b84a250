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
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus import Flowable


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
    """Part of a word in one run, with its measured width."""

    run: Run
    text: str
    width: float


@dataclass(slots=True)
class _Word:
    """Text between break opportunities; `space` is the width of the gap before it."""

    pieces: list[_Piece]
    width: float
    space: float
    newline: bool = False


@dataclass(slots=True)
class _Segment:
    """What one text operator draws: text of one run at an x offset within its line."""

    run: Run
    text: str
    x: float
    width: float


@dataclass(slots=True)
class _Line:
    segments: list[_Segment] = field(default_factory=list)
    width: float = 0.0


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


def _words(runs: Sequence[Run]) -> list[_Word]:
    """The runs cut at whitespace into measured words; whitespace collapses as in HTML."""
    words: list[_Word] = []
    joined = False  # the next piece continues the last word (no whitespace between)
    pending_space = 0.0
    newline = False
    for run in runs:
        measure = getFont(run.font).stringWidth
        for number, part in enumerate(run.text.split("\n")):
            if number:
                newline, joined, pending_space = True, False, 0.0
            if not part:
                continue
            if part[0] in _BLANK:
                joined = False
                pending_space = pending_space or _space_width(run)
            tokens = [token for token in _BLANKS.split(part) if token]
            for index, token in enumerate(tokens):
                width = measure(token, run.size)
                if index == 0 and joined and words:
                    word = words[-1]
                    word.pieces.append(_Piece(run, token, width))
                    word.width += width
                else:
                    space = 0.0 if newline or not words else (pending_space or _space_width(run))
                    words.append(_Word([_Piece(run, token, width)], width, space, newline))
                    newline = False
                pending_space = 0.0
                joined = True
            if part[-1] in _BLANK:
                joined = False
                pending_space = _space_width(run)
    return words


def _one_line(runs: Sequence[Run], limit: float) -> _Line | None:
    """The runs as a single line if they fit in `limit`, measured a run at a time; else None.

    Most table cells are this short: no need to cut them into words first.
    """
    line = _Line()
    x = 0.0
    pending_space = 0.0
    for run in runs:
        if "\n" in run.text:
            return None
        tokens = [token for token in _BLANKS.split(run.text) if token]
        if not tokens:
            if run.text:
                pending_space = _space_width(run)
            continue
        if line.segments and (pending_space or run.text[0] in _BLANK):
            x += pending_space or _space_width(run)
        joined = " ".join(tokens)
        width = getFont(run.font).stringWidth(joined, run.size)
        line.segments.append(_Segment(run, joined, x, width))
        x += width
        if x > limit:
            return None
        pending_space = _space_width(run) if run.text[-1] in _BLANK else 0.0
    line.width = x
    return line


def _chop(word: _Word, limit: float) -> list[_Word]:
    """A word wider than a line, cut between characters into line-sized words."""
    out: list[_Word] = []
    pieces: list[_Piece] = []
    used = 0.0
    for piece in word.pieces:
        measure = getFont(piece.run.font).stringWidth
        start = 0
        for end in range(1, len(piece.text) + 1):
            width = measure(piece.text[start:end], piece.run.size)
            if used + width > limit and end - 1 > start:
                head = piece.text[start:end - 1]
                pieces.append(_Piece(piece.run, head, measure(head, piece.run.size)))
                out.append(_Word(pieces, sum(p.width for p in pieces), 0.0))
                pieces, used, start = [], 0.0, end - 1
        if start < len(piece.text):
            rest = _Piece(piece.run, piece.text[start:], measure(piece.text[start:], piece.run.size))
            pieces.append(rest)
            used += rest.width
    if pieces:
        out.append(_Word(pieces, sum(p.width for p in pieces), 0.0))
    out[0].space, out[0].newline = word.space, word.newline
    return out


def break_lines(words: list[_Word], first: float, other: float) -> list[_Line]:
    """Greedy line filling: `first` and `other` are the widths of the first and later lines."""
    lines: list[_Line] = []
    line = _Line()
    limit = first
    for whole in words:
        for word in _chop(whole, other) if whole.width > other else (whole,):
            if word.newline or (line.segments and line.width + word.space + word.width > limit):
                lines.append(line)
                line, limit = _Line(), other
            x = line.width + word.space if line.segments else 0.0
            for piece in word.pieces:
                last = line.segments[-1] if line.segments else None
                if last is not None and last.run is piece.run and x > last.x + last.width:
                    last.text += " " + piece.text
                    last.width = x + piece.width - last.x
                else:
                    line.segments.append(_Segment(piece.run, piece.text, x, piece.width))
                x += piece.width
            line.width = x
    if line.segments or not lines:
        lines.append(line)
    return lines


class RichText(Flowable):
    """A paragraph of runs laid out with a ParagraphStyle's indents, leading and spacing."""

    def __init__(self, runs: Sequence[Run], style: ParagraphStyle, anchor: str | None = None) -> None:
        super().__init__()
        self.style = style
        self.anchor = anchor
        self._runs = runs
        self._words: list[_Word] | None = None
        self._lines: list[_Line] | None = None
        self._broken_at: float | None = None
        self._continued = False
        self._outline: tuple[str, str, int] | None = None

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
                self._lines = break_lines(self._words, first, inner)
            self._broken_at = width
        return self._lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Break lines for `availWidth` (once per width) and report the height they need."""
        lines = self._layout(availWidth)
        self.width = availWidth
        self.height = len(lines) * self.style.leading
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """Two paragraphs cut between lines, or [] when not even two lines fit (no orphans)."""
        lines = self._layout(availWidth)
        fits = int((availHeight + 1e-6) // self.style.leading)
        if fits >= len(lines):
            return [self]
        if fits < 2 and len(lines) > 1 and not self._continued:
            return []
        if fits < 1:
            return []
        return [self._part(lines[:fits], self._continued, last=False), self._part(lines[fits:], True, last=True)]

    def _part(self, lines: list[_Line], continued: bool, last: bool) -> RichText:
        part = RichText(self._runs, self.style, None if continued else self.anchor)
        part._lines, part._broken_at, part._continued = lines, self._broken_at, continued
        part._outline = None if continued else self._outline
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
        document, escape, code = canvas._doc, canvas._escape, canvas._code
        y = bottom + self.height - style.fontSize
        out = ["q BT"]
        current_font: tuple[str, float] | None = None
        current_color: Color | None = None
        links: list[tuple[str, tuple[float, float, float, float]]] = []
        for index, line in enumerate(lines):
            indent = left + style.leftIndent + (0 if index or self._continued else style.firstLineIndent)
            for segment in line.segments:
                run = segment.run
                if run.color is not current_color:
                    out.append(f"{fp_str(run.color.red, run.color.green, run.color.blue)} rg")
                    current_color = run.color
                x = indent + segment.x
                out.append(f"1 0 0 1 {fp_str(x, y + run.rise)} Tm")
                font = getFont(run.font)
                for subset, chunk in _subset_chunks(font, segment.text, document):
                    key = (font.getSubsetInternalName(subset, document), run.size)
                    if key != current_font:
                        out.append(f"{key[0]} {fp_str(run.size)} Tf")
                        current_font = key
                    out.append(f"({escape(chunk)}) Tj")
                if run.link:
                    low = y + run.rise - run.size / 4
                    links.append((run.link, (x, low, x + segment.width, low + run.size * 1.25)))
            y -= style.leading
        out.append("ET Q")
        code.append(" ".join(out))
        for destination, rect in links:
            link_to(canvas, destination, rect)


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
    """What `canvas.linkRect("", destination, rect, relative=1, thickness=0)` does, with a `_Link`;
    a web address becomes a link to it."""
    if destination.startswith(("https://", "http://")):
        canvas.linkURL(destination, rect, relative=1, thickness=0)
        return
    reference = canvas._bookmarkReference(destination)
    canvas._addAnnotation(_Link(canvas._absRect(rect, 1), "", reference))
