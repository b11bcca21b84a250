"""Figures as inline pictures.

Word has no practical equivalent of the PDF's vector drawing, so a `Figure` is
rasterised to PNG by a function the writer is given (by default the shared
``factsheet.writers.raster.png``, imported only when a document has a figure)
and placed as an inline picture scaled to the text width. If no rasteriser can
be loaded, the figure's description is printed instead and a warning says why.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from lxml import etree

from factsheet.document.nodes import Figure

Rasterize = Callable[[Figure], bytes]
EMU_PER_POINT = 12700
CACHE_SIZE = 32


def default_rasterizer(figure: Figure) -> bytes:
    """The PNG the shared raster module draws for `figure`."""
    from factsheet.writers.raster import png

    return png(figure)


class Pictures:
    """Turns figures into ``wp:inline`` picture elements of one document, caching the PNG bytes."""

    def __init__(self, rasterize: Rasterize, cache: dict[Figure, bytes]) -> None:
        self.rasterize = rasterize
        self.cache = cache
        self.part: Any = None  # the document part pictures are added to, set per render
        self.count = 0  # pictures placed in the current document

    def png(self, figure: Figure) -> bytes:
        """`figure` as PNG bytes (drawn once per figure and writer)."""
        data = self.cache.get(figure)
        if data is None:
            data = self.rasterize(figure)
            if len(self.cache) >= CACHE_SIZE:
                self.cache.clear()
            self.cache[figure] = data
        return data

    def inline(self, figure: Figure, max_width_pt: float, description: str) -> str:
        """The markup of a ``wp:inline`` showing `figure` at most `max_width_pt` wide; raises if it cannot be drawn."""
        if figure.width <= 0 or figure.height <= 0:
            raise ValueError(f"figure has no size ({figure.width} x {figure.height} pt)")
        scale = min(1.0, max_width_pt / figure.width)
        width = round(figure.width * scale * EMU_PER_POINT)
        height = round(figure.height * scale * EMU_PER_POINT)
        inline = self.part.new_pic_inline(io.BytesIO(self.png(figure)), width, height)
        # python-docx numbers a picture by the ids already in the document, and the body is
        # only parsed at the end: number them here, so every drawing keeps a distinct id.
        self.count += 1
        inline.docPr.set("id", str(self.count))
        inline.docPr.set("name", f"Picture {self.count}")
        inline.docPr.set("descr", description)
        return str(etree.tostring(inline, encoding="unicode"))
