"""Rich text as a flowable: styled runs in, greedy lines, PDF text operators out.

ReportLab's `Paragraph` parses XML-like markup and re-breaks its lines on every `wrap`
(a table wraps each cell twice); profiling showed that was two thirds of a briefing's
render time. The document tree already knows its runs, so this flowable takes them
directly, breaks lines once per width, and draws each line as a few text operators.
It does what the briefing needs and no more: left alignment (right for right-to-left
paragraphs), hanging indents and labels, balanced titles, superscript citation links,
named destinations, and splitting between lines without widows or orphans. Text the
face draws left to right takes a fast path; the rest is shaped and ordered (see
`lines`, `shaping`, `bidi`); both draw through `pen.Pen.line`, one place per line.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from factsheet.writers.pdf import tagging
from factsheet.writers.pdf.bidi import base_direction, reorder
from factsheet.writers.pdf.lines import Line, Run, Segment, Word, break_lines, cut_words, measure, single_line
from factsheet.writers.pdf.pen import Pen

__all__ = ["RichText", "Run"]


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
        self._words: list[Word] | None = None
        self._lines: list[Line] | None = None
        self._broken_at: float | None = None
        self._continued = False
        self._outline: tuple[str, str, int] | None = None
        self._rtl = False
        self.is_heading = False
        self.tag: tagging.Element | None = None
        """The structure element this paragraph's text belongs to (None: not tagged)."""

    def _layout(self, width: float) -> list[Line]:
        if self._lines is None or (self._broken_at != width and not self._continued):
            style = self.style
            inner = width - style.leftIndent - style.rightIndent
            first = inner if self._continued else inner - style.firstLineIndent
            line = None if self._words else single_line(self._runs, first)
            if line is not None:
                self._lines = [line] if line.segments else []  # nothing to draw takes no room
            else:
                if self._words is None:
                    self._words = cut_words(self._runs)
                self._lines = self._break(self._words, first, inner)
            self._broken_at = width
        return self._lines

    def _break(self, words: list[Word], first: float, inner: float) -> list[Line]:
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
            reorder(lines, base)
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

    def _part(self, lines: list[Line], continued: bool, last: bool) -> RichText:
        part = RichText(self._runs, self.style, None if continued else self.anchor,
                        () if continued else self._label)
        part._lines, part._broken_at, part._continued = lines, self._broken_at, continued
        part._outline = None if continued else self._outline
        part._rtl = self._rtl
        part.tag = self.tag
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
        if not lines:
            return
        tagger = tagging.of(canvas)
        pen = Pen(canvas, tagger.marks(canvas, self.tag) if tagger else None)
        y = bottom + self.height - style.fontSize
        inner = (self._broken_at or self.width) - style.leftIndent - style.rightIndent
        if self._label and lines:
            label = Line()
            x = 0.0
            for run in self._label:
                width = measure(run.font, run.text, run.size)
                label.segments.append(Segment(run, run.text, x, width))
                x += width
            label.segments[-1].space_after = True  # "1." reads apart from the text it labels
            pen.line(label, left, y)
        for index, line in enumerate(lines):
            indent = left + style.leftIndent + (0 if index or self._continued else style.firstLineIndent)
            if self._rtl:  # right to left paragraphs are set flush right
                indent += inner - (0 if index or self._continued else style.firstLineIndent) - line.width
            pen.line(line, indent, y)
            y -= style.leading
        pen.finish()
