"""Figures as inline pictures of print resolution, with their alternative text.

A `Figure` is drawn as a 300 dpi PNG by ``factsheet.writers.raster`` (imported
only when a document has a figure; its drawing is cached by the figure's content)
and placed as an inline picture scaled to fit the text width, never wider, so it
is never clipped. Its description (``descr``) and title carry the figure's
alternative text for screen readers. If the picture cannot be drawn, the
description is printed instead and a warning says why.
"""

from __future__ import annotations

import io
from typing import Any

from lxml import etree

from factsheet.document.nodes import Figure

EMU_PER_POINT = 12700


class Pictures:
    """Turns figures into ``wp:inline`` picture elements of one document."""

    def __init__(self, part: Any) -> None:
        self.part = part  # the document part the pictures are added to
        self.count = 0  # pictures placed so far

    def inline(self, figure: Figure, max_width_pt: float, description: str, title: str) -> str:
        """The markup of a ``wp:inline`` showing `figure` at most `max_width_pt` wide; raises if it cannot be drawn."""
        from factsheet.writers.raster import png

        if figure.width <= 0 or figure.height <= 0:
            raise ValueError(f"figure has no size ({figure.width} x {figure.height} pt)")
        scale = min(1.0, max_width_pt / figure.width)
        width = round(figure.width * scale * EMU_PER_POINT)
        height = round(figure.height * scale * EMU_PER_POINT)
        inline = self.part.new_pic_inline(io.BytesIO(png(figure)), width, height)
        # python-docx numbers a picture by the ids already in the document, and the body is
        # only parsed at the end: number them here, so every drawing keeps a distinct id.
        self.count += 1
        for side in ("distT", "distB", "distL", "distR"):  # no gap around the picture: it fills the text width
            inline.set(side, "0")
        inline.docPr.set("id", str(self.count))
        inline.docPr.set("name", f"Figure {self.count}")
        inline.docPr.set("descr", description)
        if title:
            inline.docPr.set("title", title)
        return str(etree.tostring(inline, encoding="unicode"))
