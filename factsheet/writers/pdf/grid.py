"""The briefing's tables as one light flowable.

ReportLab's `Table` handles spans, per-cell styles and nested flowables; a briefing
table needs none of that, and its generality cost a tenth of the render time. A
`Grid` has fixed column widths, a header row repeated after every page break,
zebra rows, a rule under each row, and cells of `RichText`. It breaks between rows;
a row taller than `keep_lines` lines may also break inside, as the Word writer
allows, so a page never ends with a gap that a long row could have filled.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable

from factsheet.writers.look import KEEP_ROW_LINES
from factsheet.writers.pdf import tagging
from factsheet.writers.pdf.text import RichText

Row = Sequence[RichText]


@dataclass(frozen=True)
class GridLook:
    """Colours, rule and padding of a grid, in points."""

    header_fill: Color
    zebra: Color
    rule: Color
    rule_width: float = 0.4
    pad_top: float = 2.6
    pad_bottom: float = 3.2
    pad_x: float = 4.0
    keep_lines: int = KEEP_ROW_LINES
    """Rows of at most this many lines are never broken across pages."""


class Grid(Flowable):
    """Rows of cells under a header row, every second row shaded.

    `first_index` counts the rows of the table before this part of it, so the
    stripes continue across page breaks.
    """

    def __init__(self, header: Row, rows: Sequence[Row], widths: Sequence[float], look: GridLook,
                 first_index: int = 0, heights: Sequence[float] = ()) -> None:
        super().__init__()
        self.header = header
        self.rows = rows
        self.widths = widths
        self.look = look
        self.first_index = first_index
        self.width = sum(widths)
        # The header's and every row's height, once known. Columns have fixed widths, so a row's height
        # never changes: the parts of a split grid take theirs along instead of measuring every row
        # again on every page (a 2,000-row table measured 450,000 rows).
        self._heights: list[float] = list(heights)
        self.hAlign = "LEFT"
        self.continued = False
        """A later part of a split table: its header row repeats the first part's, as an artifact."""

    def _row_height(self, row: Row) -> float:
        look = self.look
        tallest = 0.0
        for cell, width in zip(row, self.widths, strict=False):
            tallest = max(tallest, cell.wrap(width - 2 * look.pad_x, 1e9)[1])
        return tallest + look.pad_top + look.pad_bottom

    def start_height(self, availWidth: float) -> float:
        """The height of the header and the first row (at most a few lines of it): what a heading keeps with it."""
        first = self._row_height(self.rows[0]) if self.rows else 0.0
        return self._row_height(self.header) + min(first, 60.0)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Lay out every row (once); the grid's width is fixed by its columns."""
        if len(self._heights) != len(self.rows) + 1:
            self._heights = [self._row_height(row) for row in (self.header, *self.rows)]
        self.height = sum(self._heights)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """Whole rows that fit, perhaps the start of a tall row, then the rest under a repeated header.

        [] when nothing fits, so the grid moves to the next page whole.
        """
        self.wrap(availWidth, availHeight)
        if self.height <= availHeight + 1e-6:
            return [self]
        room = availHeight - self._heights[0]
        fitting = 0
        for height in self._heights[1:]:
            if height > room + 1e-6:
                break
            room -= height
            fitting += 1
        if fitting < len(self.rows) and self._tall(self.rows[fitting]):
            cut = self._cut_row(self.rows[fitting], room)
            if cut is not None:
                head, tail = cut
                return [self._part([*self.rows[:fitting], head], 0),
                        self._part([tail, *self.rows[fitting + 1:]], fitting, continued=True)]
        if fitting:
            return [self._part(self.rows[:fitting], 0, heights=self._heights[:fitting + 1]),
                    self._part(self.rows[fitting:], fitting, continued=True,
                               heights=[self._heights[0], *self._heights[fitting + 1:]])]
        return []

    def _tall(self, row: Row) -> bool:
        return any(cell.height > self.look.keep_lines * cell.style.leading + 1e-6 for cell in row)

    def _cut_row(self, row: Row, room: float) -> tuple[list[RichText], list[RichText]] | None:
        """`row` cut inside so its first part fits in `room`; None unless every cell keeps two lines together."""
        look = self.look
        inner = room - look.pad_top - look.pad_bottom
        if inner <= 0:
            return None
        heads: list[RichText] = []
        tails: list[RichText] = []
        for cell, width in zip(row, self.widths, strict=False):
            cell_width = width - 2 * look.pad_x
            if cell.wrap(cell_width, inner)[1] <= inner + 1e-6:
                heads.append(cell)
                tails.append(RichText([], cell.style))
                continue
            parts = cell.split(cell_width, inner)
            if len(parts) != 2:
                return None
            head, tail = parts
            assert isinstance(head, RichText) and isinstance(tail, RichText)
            heads.append(head)
            tails.append(tail)
        return heads, tails

    def _part(self, rows: Sequence[Row], offset: int, continued: bool = False, heights: Sequence[float] = ()) -> Grid:
        """A grid of some of these rows (with their `heights` when known, the header's first); `offset` keeps
        the zebra stripes where they were."""
        part = Grid(self.header, rows, self.widths, self.look, self.first_index + offset, heights)
        part.continued = self.continued or continued
        return part

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        """Fills, rules and cells, top to bottom; text is drawn at absolute positions."""
        look = self.look
        if not self._heights:
            self.wrap(self.width, 1e9)
        top = y + self.height
        right = x + self.width
        canvas.saveState()
        canvas.setStrokeColor(look.rule)
        canvas.setLineWidth(look.rule_width)
        tagged = tagging.of(canvas) is not None
        code = canvas._code
        for index, (row, height) in enumerate(zip((self.header, *self.rows), self._heights, strict=True)):
            bottom = top - height
            fill = look.header_fill if index == 0 else look.zebra if (self.first_index + index) % 2 == 0 else None
            # Stripes and rules are layout artifacts: what `tagging.artifact` writes, without a context manager
            # per row (no flowable is drawn in between, so nothing needs its tagging suppressed).
            if tagged:
                code.append(tagging.LAYOUT)
            if fill is not None:
                canvas.setFillColor(fill)
                canvas.rect(x, bottom, self.width, height, stroke=0, fill=1)
            canvas.line(x, bottom, right, bottom)
            if tagged:
                code.append(tagging.END)
            with tagging.artifact(canvas) if index == 0 and self.continued else nullcontext():
                left = x
                for cell, width in zip(row, self.widths, strict=False):
                    cell_top = top - look.pad_top
                    cell.drawOn(canvas, left + look.pad_x, cell_top - cell.height)
                    left += width
            top = bottom
        canvas.restoreState()
