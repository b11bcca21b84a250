"""Page furniture: the marking line at the top and the bottom of every page, the running head and foot."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from factsheet.document.nodes import Document, Metadata
from factsheet.writers import look as house
from factsheet.writers.pdf import archival, structure, tagging
from factsheet.writers.pdf.lines import Line, Run
from factsheet.writers.pdf.pen import draw_line, one_line
from factsheet.writers.pdf.styles import BOLD, GREY, NAVY, REGULAR, RULE


def fit(canvas: Canvas, text: str, font: str, size: float, width: float) -> str:
    """`text` shortened with an ellipsis to fit `width` points (a binary search: O(log n) measurements)."""
    if canvas.stringWidth(text, font, size) <= width:
        return text
    low, high = 0, len(text)  # the longest prefix that fits with its ellipsis lies in [low, high)
    while low < high:
        middle = (low + high + 1) // 2
        if canvas.stringWidth(text[:middle] + "…", font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


@dataclass
class _Furniture:
    """What one document's canvas draws on every page and writes on saving."""

    meta: Metadata
    tagger: tagging.Tagger
    size: float
    """The furniture's type size."""
    marking: str
    foot: str
    head: Line | None = None
    """The running head's line, once made (kept here, not in the canvas's state, which is restored per page)."""


def numbered_canvas(document: Document, tagger: tagging.Tagger) -> Callable[..., Canvas]:
    """A canvas maker whose canvases draw header and footer once the page count is known.

    On saving they also write the structure tree `tagger` collected and make the
    file a PDF/A-2 and PDF/UA-1 one; header and footer are pagination artifacts.
    """
    meta, page = document.metadata, document.page
    furniture = _Furniture(meta, tagger, house.type_scale(page.one_page).furniture, house.marking_text(page.marking),
                           house.footer_text(meta.as_of))
    return functools.partial(NumberedCanvas, furniture=furniture)


class NumberedCanvas(Canvas):
    """A canvas that keeps its pages until saving, then draws their furniture and writes the structure tree.

    One class for every document (its `furniture` says what to draw): a class made per document would be a
    reference cycle holding the document's whole structure tree until the cyclic collector ran.
    """

    def __init__(self, *args: Any, furniture: _Furniture, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self._furniture = furniture
        self.tagger = furniture.tagger

    def showPage(self) -> None:
        """Keep the page's state; its furniture is drawn on saving, when the page count is known."""
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        """Draw every page's furniture, write the structure tree and the file."""
        total = len(self._pages)
        pages = []
        for state in self._pages:
            self.__dict__.update(state)
            with tagging.artifact(self, tagging.PAGINATION):
                self.furniture(total)
            super().showPage()
            pages.append(self._doc.Pages.pages[-1])
            pages[-1].Trans = None  # ReportLab writes an empty transition dictionary otherwise
        release = structure.write(self.tagger, self._doc, pages)
        archival.identify(self._doc, self._furniture.meta)
        super().save()
        release()
        # The kept states refer to the document template, which refers to this canvas: let both go without the
        # cyclic collector (ReportLab drops its own reference to the template before saving).
        self._pages.clear()
        self.__dict__.pop("_doctemplate", None)

    def furniture(self, total: int) -> None:
        """The marking lines, the running head (after page 1), the rules and the foot of the current page."""
        look = self._furniture
        size, marking, margins = look.size, look.marking, house.MARGINS
        width, height = self._pagesize
        left, right = margins.left, width - margins.right
        self.saveState()
        top = height - margins.head
        if marking:
            self.setFont(BOLD, size)
            self.setFillColor(NAVY)
            self.drawCentredString(width / 2, top, marking)
        self.setFont(REGULAR, size)
        self.setFillColor(GREY)
        if self._pageNumber > 1:  # page 1 has the title itself right below
            if look.head is None:  # the same on every page: shortened and set once
                title = fit(self, look.meta.title, REGULAR, size, right - left)
                look.head = one_line([Run(title, REGULAR, size, GREY)])
            draw_line(self, look.head, left, top - size * 1.4)  # any script
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(left, top - size * 1.9, right, top - size * 1.9)
        bottom = margins.foot
        self.line(left, bottom + size * 1.25, right, bottom + size * 1.25)
        self.drawString(left, bottom, look.foot)
        self.drawRightString(right, bottom, f"Page {self._pageNumber} of {total}")
        if marking:
            self.setFont(BOLD, size)
            self.setFillColor(NAVY)
            self.drawCentredString(width / 2, bottom, marking)
        self.restoreState()
