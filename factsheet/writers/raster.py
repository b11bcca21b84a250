"""Figures as PNG pictures (for Word), drawn with Pillow in the briefing's font and palette."""

from __future__ import annotations

import io
import math
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from factsheet.document import nodes as n
from factsheet.fonts import font_files
from factsheet.writers import look

DPI = 160


@cache
def _font(size_px: int, bold: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_files()["bold" if bold else "regular"]), size_px)


def _dashed(draw: ImageDraw.ImageDraw, start: tuple[float, float], end: tuple[float, float],
            dash: tuple[float, float], colour: str, width: int) -> None:
    length = math.dist(start, end)
    if length == 0:
        return
    ux, uy = (end[0] - start[0]) / length, (end[1] - start[1]) / length
    pos = 0.0
    while pos < length:
        stop = min(pos + dash[0], length)
        draw.line([(start[0] + ux * pos, start[1] + uy * pos), (start[0] + ux * stop, start[1] + uy * stop)],
                  fill=colour, width=width)
        pos = stop + dash[1]


def png(figure: n.Figure) -> bytes:
    """The figure as PNG bytes at 160 dpi (sharp on screen and in print at figure size); deterministic."""
    k = DPI / 72.0
    image = Image.new("RGB", (math.ceil(figure.width * k), math.ceil(figure.height * k)), "white")
    draw = ImageDraw.Draw(image)
    for shape in figure.shapes:
        if isinstance(shape, n.Box):
            box = (shape.x * k, shape.y * k, (shape.x + shape.width) * k, (shape.y + shape.height) * k)
            outline = None if shape.role == "month" else look.BOX_STROKE
            draw.rounded_rectangle(box, radius=2 * k, fill=look.BOX_FILL.get(shape.role, "#ffffff"),
                                   outline=outline, width=max(1, round(0.5 * k)))
            if shape.label:
                centre = ((shape.x + shape.width / 2) * k, (shape.y + shape.height / 2) * k)
                draw.text(centre, shape.label, font=_font(round(7.5 * k), False), fill=look.INK, anchor="mm")
        elif isinstance(shape, n.Arrow):
            colour, dash = look.STATUS_LOOK.get(shape.role, (look.AXIS, None))
            width = max(1, round((0.5 if shape.role in ("axis", "leader") else 0.9) * k))
            start, end = (shape.x1 * k, shape.y1 * k), (shape.x2 * k, shape.y2 * k)
            if dash:
                _dashed(draw, start, end, (dash[0] * k, dash[1] * k), colour, width)
            else:
                draw.line([start, end], fill=colour, width=width)
            if shape.head:
                angle = math.atan2(end[1] - start[1], end[0] - start[0])
                size, spread = 5 * k, 0.4
                draw.polygon([end,
                              (end[0] - size * math.cos(angle - spread), end[1] - size * math.sin(angle - spread)),
                              (end[0] - size * math.cos(angle + spread), end[1] - size * math.sin(angle + spread))],
                             fill=colour)
        elif isinstance(shape, n.Label):
            colour = look.STATUS_LOOK.get(shape.role, (look.GREY if shape.role == "tick" else look.INK, None))[0]
            anchor = {"start": "ls", "middle": "ms", "end": "rs"}[shape.anchor]
            font = _font(round(shape.size * k), shape.role == "heading")
            draw.text((shape.x * k, shape.y * k), shape.text, font=font, fill=colour, anchor=anchor)
        elif isinstance(shape, n.Dot):
            r = shape.radius * k
            draw.ellipse((shape.x * k - r, shape.y * k - r, shape.x * k + r, shape.y * k + r),
                         fill=look.NAVY, outline="white", width=max(1, round(0.8 * k)))
        else:
            raise TypeError(f"raster: unknown shape {type(shape).__name__}")
    out = io.BytesIO()
    # Flat colours and anti-aliased text: an adaptive 64-colour palette looks the same at a third of the size.
    image = image.quantize(colors=64, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    image.save(out, format="PNG", optimize=False, dpi=(DPI, DPI))
    return out.getvalue()
