"""Notes in balanced columns: short lines at a small size, without a half-empty page.

ReportLab's `BalancedColumns` re-splits its content while it searches for a balance,
which a paragraph that spans both columns does not survive. Notes need less: they are
kept whole in their column unless one alone is taller than a column's room, the last
part is balanced, and the parts before it fill their page column by column.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Flowable

Sizes = dict[int, tuple[Flowable, float, float]]
"""Measured flowables by id: the flowable, the width it was measured at, its height with the space after."""


class NoteColumns(Flowable):
    """Flowables set in `count` columns `gap` points apart; `fixed` columns are filled as given (a page's part)."""

    def __init__(self, items: Sequence[Flowable], count: int, gap: float,
                 fixed: list[list[Flowable]] | None = None, sizes: Sizes | None = None) -> None:
        super().__init__()
        self.items = list(items)
        self.count = count
        self.gap = gap
        self.fixed = fixed
        self._columns: list[list[tuple[Flowable, float]]] = []
        # Heights measured so far, shared with the parts this splits into: every page measures all the
        # notes still to come, and 4,000 notes over 30 pages were measured 300,000 times.
        self._sizes: Sizes = {} if sizes is None else sizes

    def _column_width(self, availWidth: float) -> float:
        return (availWidth - self.gap * (self.count - 1)) / self.count

    def _measure(self, item: Flowable, width: float) -> float:
        known = self._sizes.get(id(item))
        if known is not None and known[0] is item and known[1] == width:
            return known[2]
        canvas = getattr(self, "canv", None)  # set by the frame; containers such as lists need it to wrap
        if canvas is not None:
            item.canv = canvas
        height = float(item.wrap(width, 1e9)[1]) + float(item.getSpaceAfter())
        self._sizes[id(item)] = (item, width, height)  # the item is held, so its id is never reused meanwhile
        return height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Balance the items over the columns; the height is that of the tallest column."""
        width = self._column_width(availWidth)
        if self.fixed is not None:
            columns = [[(item, self._measure(item, width)) for item in column] for column in self.fixed]
        else:
            measured: list[tuple[Flowable, float]] = []
            total = 0.0
            for item in self.items:
                measured.append((item, self._measure(item, width)))
                total += measured[-1][1]
                if total / self.count > availHeight + 1e-6:
                    # Taller than the room however it is balanced: the frame splits it, and measuring the
                    # rest of 4,000 notes on every page they flow over would cost more than the notes.
                    self._columns = []
                    self.width, self.height = availWidth, total / self.count
                    return availWidth, self.height
            columns = _balance(measured, self.count)
        self._columns = columns
        self.width = availWidth
        self.height = max((sum(h for _, h in column) for column in columns), default=0.0)
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """The columns that fill `availHeight`, then the rest; [] when not even a first note's start fits."""
        self.wrap(availWidth, availHeight)
        if self.height <= availHeight + 1e-6:
            return [self]
        width = self._column_width(availWidth)
        queue = [i for c in self.fixed for i in c] if self.fixed is not None else list(self.items)
        page: list[list[Flowable]] = []
        for _ in range(self.count):
            column: list[Flowable] = []
            room = availHeight
            while queue:
                item = queue[0]
                height = self._measure(item, width)
                if height <= room + 1e-6:
                    column.append(queue.pop(0))
                    room -= height
                    continue
                parts = item.split(width, room)
                if len(parts) == 2:
                    column.append(parts[0])
                    queue[0] = parts[1]
                break
            page.append(column)
        if not any(page):
            return []
        return [NoteColumns([], self.count, self.gap, page, self._sizes),
                NoteColumns(queue, self.count, self.gap, sizes=self._sizes)]

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        """Each column top down from the flowable's top edge."""
        if not self._columns:
            self.wrap(self.width, 1e9)
        width = self._column_width(self.width)
        for index, column in enumerate(self._columns):
            left = x + index * (width + self.gap)
            top = y + self.height
            for item, height in column:
                item.canv = canvas
                item.wrap(width, 1e9)
                item.drawOn(canvas, left, top - item.height)
                top -= height


def _balance(measured: list[tuple[Flowable, float]], count: int) -> list[list[tuple[Flowable, float]]]:
    """Items cut into `count` runs, in order, so that the tallest run is as short as it can be."""
    columns: list[list[tuple[Flowable, float]]] = []
    rest = list(measured)
    for remaining in range(count, 0, -1):
        target = sum(h for _, h in rest) / remaining
        column: list[tuple[Flowable, float]] = []
        height = 0.0
        while rest and (remaining == 1 or height + rest[0][1] / 2 <= target or not column):
            item = rest.pop(0)
            column.append(item)
            height += item[1]
        columns.append(column)
    return columns
