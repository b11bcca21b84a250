"""Figures as PNG pictures (for Word), drawn with Pillow in the briefing's font and palette at 300 dpi."""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from functools import cache, lru_cache

from PIL import Image, ImageDraw, ImageFont

from factsheet.document import nodes as n
from factsheet.fonts import font_files
from factsheet.writers import assert_never, look

DPI = 300
"""Print resolution: figures stay sharp on paper at their full size."""


@cache
def _font(size_px: int, bold: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_files()["bold" if bold else "regular"]), size_px)


def _dashed(draw: ImageDraw.ImageDraw, start: tuple[float, float], end: tuple[float, float],
            dash: Sequence[float], colour: str, width: int) -> None:
    length = math.dist(start, end)
    if length == 0:
        return
    ux, uy = (end[0] - start[0]) / length, (end[1] - start[1]) / length
    pos, index = 0.0, 0
    while pos < length:
        stop = min(pos + dash[index % len(dash)], length)
        draw.line([(start[0] + ux * pos, start[1] + uy * pos), (start[0] + ux * stop, start[1] + uy * stop)],
                  fill=colour, width=width)
        pos = stop + dash[(index + 1) % len(dash)]
        index += 2


@lru_cache(maxsize=32)
def png(figure: n.Figure) -> bytes:
    """The figure as PNG bytes at `DPI`; deterministic, and cached by the figure's content (it is immutable)."""
    k = DPI / 72.0
    size = (math.ceil(figure.width * DPI / 72 - 1e-6), math.ceil(figure.height * DPI / 72 - 1e-6))
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    for shape in figure.shapes:
        match shape:
            case n.Box():
                box = (shape.x * k, shape.y * k, (shape.x + shape.width) * k, (shape.y + shape.height) * k)
                fill, stroke = look.box_look(shape.role)
                radius = (2 if shape.height > 6 else 0.8) * k
                draw.rounded_rectangle(box, radius=radius, fill=fill, outline=stroke, width=max(1, round(0.5 * k)))
                if shape.label:
                    centre = ((shape.x + shape.width / 2) * k, (shape.y + shape.height / 2) * k)
                    draw.text(centre, shape.label, font=_font(round(look.FIGURE_FONT * k), False), fill=look.INK,
                              anchor="mm")
            case n.Arrow():
                _arrow(draw, shape, k)
            case n.Label():
                colour, bold = look.label_look(shape.role)
                anchor = {"start": "ls", "middle": "ms", "end": "rs"}[shape.anchor]
                font = _font(round(shape.size * k), bold)
                if shape.width > 0 and font.getlength(shape.text) > shape.width * k:
                    font = _font(max(1, math.floor(shape.size * k * shape.width * k / font.getlength(shape.text))),
                                 bold)
                draw.text((shape.x * k, shape.y * k), shape.text, font=font, fill=colour, anchor=anchor)
            case n.Dot():
                r = shape.radius * k
                draw.ellipse((shape.x * k - r, shape.y * k - r, shape.x * k + r, shape.y * k + r),
                             fill=look.NAVY, outline="white", width=max(1, round(0.6 * k)))
            case _:
                assert_never(shape, "raster")
    out = io.BytesIO()
    # Flat colours and anti-aliased text: an adaptive 64-colour palette looks the same at a third of the size.
    image = image.quantize(colors=64, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    palette = image.getpalette() or []
    # The palette's near-white becomes white again, so the picture has no visible ground on the page.
    for index in range(0, len(palette) - 2, 3):
        if min(palette[index:index + 3]) >= 248:
            palette[index:index + 3] = [255, 255, 255]
    image.putpalette(palette)
    image.save(out, format="PNG", optimize=False, dpi=(DPI, DPI))
    return out.getvalue()


def _arrow(draw: ImageDraw.ImageDraw, arrow: n.Arrow, k: float) -> None:
    colour, dash, width_pt = look.line_look(arrow.role)
    width = max(1, round(width_pt * k))
    start, tip = (arrow.x1 * k, arrow.y1 * k), (arrow.x2 * k, arrow.y2 * k)
    angle = math.atan2(tip[1] - start[1], tip[0] - start[0])
    size, spread = 5 * k, 0.38
    end = (tip[0] - size * 0.8 * math.cos(angle), tip[1] - size * 0.8 * math.sin(angle)) if arrow.head else tip
    if dash:
        _dashed(draw, start, end, [d * k for d in dash], colour, width)
    else:
        draw.line([start, end], fill=colour, width=width)
    if arrow.head:
        draw.polygon([tip,
                      (tip[0] - size * math.cos(angle - spread), tip[1] - size * math.sin(angle - spread)),
                      (tip[0] - size * math.cos(angle + spread), tip[1] - size * math.sin(angle + spread))],
                     fill=colour)
