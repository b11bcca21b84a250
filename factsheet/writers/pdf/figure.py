"""Figures drawn as vectors straight onto the canvas.

A flowable that issues canvas calls itself costs a third of building a
`reportlab.graphics` Drawing and having renderPDF walk it, for the same marks.
"""

from __future__ import annotations

import math
from functools import cache
from typing import Any

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from factsheet.document import nodes as n
from factsheet.writers import assert_never, look
from factsheet.writers.pdf.lines import Run
from factsheet.writers.pdf.pen import draw_runs
from factsheet.writers.pdf.styles import BOLD, REGULAR


@cache
def _colour(hex_value: str) -> colors.Color:
    return colors.HexColor(hex_value)


class FigureFlowable(Flowable):
    """`figure` at `scale`; figure y grows downwards, PDF's upwards, so y is flipped."""

    def __init__(self, figure: n.Figure, scale: float = 1.0) -> None:
        super().__init__()
        self.figure = figure
        self.scale = scale
        self.width = figure.width * scale
        self.height = figure.height * scale

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """The figure's scaled size, whatever the room."""
        return self.width, self.height

    def draw(self) -> None:
        """Every shape in order, so later shapes paint over earlier ones."""
        canvas: Any = self.canv
        canvas.saveState()
        canvas.scale(self.scale, self.scale)
        height = self.figure.height
        for shape in self.figure.shapes:
            match shape:
                case n.Box():
                    _box(canvas, shape, height)
                case n.Arrow():
                    _arrow(canvas, shape, height)
                case n.Label():
                    _label(canvas, shape, height)
                case n.Dot():
                    canvas.setFillColor(_colour(look.NAVY))
                    canvas.setStrokeColor(colors.white)
                    canvas.setLineWidth(0.6)
                    canvas.circle(shape.x, height - shape.y, shape.radius, stroke=1, fill=1)
                case _:
                    assert_never(shape, "PDF writer")
        canvas.restoreState()


def _label(canvas: Any, label: n.Label, height: float) -> None:
    colour, bold = look.label_look(label.role)
    font = BOLD if bold else REGULAR
    size = label.size
    if label.width > 0:
        width = stringWidth(label.text, font, size)
        if width > label.width:  # the composer's estimate ran short: draw smaller rather than overrun
            size *= label.width / width
    # Shaped, with fallback fonts and bidi, as paragraphs are: a label in any script prints.
    draw_runs(canvas, [Run(label.text, font, size, _colour(colour))], label.x, height - label.y, label.anchor)


def _box(canvas: Any, box: n.Box, height: float) -> None:
    fill, stroke = look.box_look(box.role)
    canvas.setFillColor(_colour(fill))
    if stroke is not None:
        canvas.setStrokeColor(_colour(stroke))
        canvas.setLineWidth(0.5)
    radius = 2 if box.height > 6 else 0.8
    canvas.roundRect(box.x, height - box.y - box.height, box.width, box.height, radius,
                     stroke=int(stroke is not None), fill=1)
    if box.label:
        draw_runs(canvas, [Run(box.label, REGULAR, look.FIGURE_FONT, _colour(look.INK))],
                  box.x + box.width / 2, height - box.y - box.height / 2 - 2.6, "middle")


def _arrow(canvas: Any, arrow: n.Arrow, height: float) -> None:
    colour, dash, width = look.line_look(arrow.role)
    stroke = _colour(colour)
    x1, y1, x2, y2 = arrow.x1, height - arrow.y1, arrow.x2, height - arrow.y2
    length, spread = 5.0, 0.38
    angle = math.atan2(y2 - y1, x2 - x1)
    if arrow.head:  # the line stops where the head begins, so a dash never pokes through its tip
        x2, y2 = x2 - length * 0.8 * math.cos(angle), y2 - length * 0.8 * math.sin(angle)
    canvas.setStrokeColor(stroke)
    canvas.setLineWidth(width)
    canvas.setDash(list(dash) if dash else [])
    canvas.line(x1, y1, x2, y2)
    if arrow.head:
        tip_x, tip_y = arrow.x2, height - arrow.y2
        canvas.setDash([])
        canvas.setFillColor(stroke)
        canvas.setLineWidth(0.3)
        path = canvas.beginPath()
        path.moveTo(tip_x, tip_y)
        path.lineTo(tip_x - length * math.cos(angle - spread), tip_y - length * math.sin(angle - spread))
        path.lineTo(tip_x - length * math.cos(angle + spread), tip_y - length * math.sin(angle + spread))
        path.close()
        canvas.drawPath(path, stroke=1, fill=1)
