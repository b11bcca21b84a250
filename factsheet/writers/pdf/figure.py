"""Figures drawn as vectors straight onto the canvas.

A flowable that issues canvas calls itself costs a third of building a
`reportlab.graphics` Drawing and having renderPDF walk it, for the same marks.
"""

from __future__ import annotations

import math
from functools import cache
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable

from factsheet.document import nodes as n
from factsheet.writers import look
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
            if isinstance(shape, n.Box):
                _box(canvas, shape, height)
            elif isinstance(shape, n.Arrow):
                _arrow(canvas, shape, height)
            elif isinstance(shape, n.Label):
                colour = look.STATUS_LOOK.get(shape.role, (look.GREY if shape.role == "tick" else look.INK, None))[0]
                canvas.setFillColor(_colour(colour))
                canvas.setFont(BOLD if shape.role == "heading" else REGULAR, shape.size)
                draw = {"middle": canvas.drawCentredString, "end": canvas.drawRightString}.get(
                    shape.anchor, canvas.drawString)
                draw(shape.x, height - shape.y, shape.text)
            elif isinstance(shape, n.Dot):
                canvas.setFillColor(_colour(look.NAVY))
                canvas.setStrokeColor(colors.white)
                canvas.setLineWidth(0.8)
                canvas.circle(shape.x, height - shape.y, shape.radius, stroke=1, fill=1)
            else:
                raise TypeError(f"PDF writer: unknown shape {type(shape).__name__}")
        canvas.restoreState()


def _box(canvas: Any, box: n.Box, height: float) -> None:
    canvas.setFillColor(_colour(look.BOX_FILL.get(box.role, "#ffffff")))
    outlined = box.role != "month"
    if outlined:
        canvas.setStrokeColor(_colour(look.BOX_STROKE))
        canvas.setLineWidth(0.5)
    canvas.roundRect(box.x, height - box.y - box.height, box.width, box.height, 2, stroke=int(outlined), fill=1)
    if box.label:
        canvas.setFillColor(_colour(look.INK))
        canvas.setFont(REGULAR, 7.5)
        canvas.drawCentredString(box.x + box.width / 2, height - box.y - box.height / 2 - 2.6, box.label)


def _arrow(canvas: Any, arrow: n.Arrow, height: float) -> None:
    colour, dash = look.STATUS_LOOK.get(arrow.role, (look.AXIS, None))
    stroke = _colour(colour)
    x1, y1, x2, y2 = arrow.x1, height - arrow.y1, arrow.x2, height - arrow.y2
    canvas.setStrokeColor(stroke)
    canvas.setLineWidth(0.5 if arrow.role in ("axis", "leader") else 0.9)
    canvas.setDash(list(dash) if dash else [])
    canvas.line(x1, y1, x2, y2)
    if arrow.head:
        canvas.setDash([])
        canvas.setFillColor(stroke)
        canvas.setLineWidth(0.3)
        angle = math.atan2(y2 - y1, x2 - x1)
        length, spread = 5.0, 0.4
        path = canvas.beginPath()
        path.moveTo(x2, y2)
        path.lineTo(x2 - length * math.cos(angle - spread), y2 - length * math.sin(angle - spread))
        path.lineTo(x2 - length * math.cos(angle + spread), y2 - length * math.sin(angle + spread))
        path.close()
        canvas.drawPath(path, stroke=1, fill=1)
