"""Figures as ReportLab vector drawings."""

from __future__ import annotations

import math

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, Rect, String
from reportlab.lib import colors

from factsheet.document import nodes as n
from factsheet.writers import look
from factsheet.writers.pdf.styles import BOLD, REGULAR


def drawing(figure: n.Figure, scale: float = 1.0) -> Drawing:
    """A Drawing of `figure`; figure y grows downwards, ReportLab's upwards, so y is flipped."""
    height = figure.height

    def y(value: float) -> float:
        return height - value

    group = Group()
    for shape in figure.shapes:
        if isinstance(shape, n.Box):
            fill = look.BOX_FILL.get(shape.role, "#ffffff")
            stroke = None if shape.role == "month" else colors.HexColor(look.BOX_STROKE)
            group.add(Rect(shape.x, y(shape.y + shape.height), shape.width, shape.height, rx=2, ry=2,
                           fillColor=colors.HexColor(fill), strokeColor=stroke, strokeWidth=0.5))
            if shape.label:
                group.add(String(shape.x + shape.width / 2, y(shape.y + shape.height / 2) - 2.6, shape.label,
                                 fontName=REGULAR, fontSize=7.5, textAnchor="middle",
                                 fillColor=colors.HexColor(look.INK)))
        elif isinstance(shape, n.Arrow):
            colour, dash = look.STATUS_LOOK.get(shape.role, (look.AXIS, None))
            stroke = colors.HexColor(colour)
            width = 0.5 if shape.role in ("axis", "leader") else 0.9
            group.add(Line(shape.x1, y(shape.y1), shape.x2, y(shape.y2), strokeColor=stroke,
                           strokeWidth=width, strokeDashArray=list(dash) if dash else None))
            if shape.head:
                group.add(_head(shape.x1, y(shape.y1), shape.x2, y(shape.y2), stroke))
        elif isinstance(shape, n.Label):
            colour = look.STATUS_LOOK.get(shape.role, (look.GREY if shape.role == "tick" else look.INK, None))[0]
            font = BOLD if shape.role == "heading" else REGULAR
            group.add(String(shape.x, y(shape.y), shape.text, fontName=font, fontSize=shape.size,
                             textAnchor=shape.anchor, fillColor=colors.HexColor(colour)))
        elif isinstance(shape, n.Dot):
            group.add(Circle(shape.x, y(shape.y), shape.radius, fillColor=colors.HexColor(look.NAVY),
                             strokeColor=colors.white, strokeWidth=0.8))
        else:
            raise TypeError(f"PDF writer: unknown shape {type(shape).__name__}")
    group.scale(scale, scale)
    result = Drawing(figure.width * scale, figure.height * scale)
    result.add(group)
    return result


def _head(x1: float, y1: float, x2: float, y2: float, colour: colors.Color) -> Polygon:
    angle = math.atan2(y2 - y1, x2 - x1)
    length, spread = 5.0, 0.4
    left = (x2 - length * math.cos(angle - spread), y2 - length * math.sin(angle - spread))
    right = (x2 - length * math.cos(angle + spread), y2 - length * math.sin(angle + spread))
    return Polygon([x2, y2, *left, *right], fillColor=colour, strokeColor=colour, strokeWidth=0.3)
