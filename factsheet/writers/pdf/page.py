"""Page furniture: the marking line at the top and the bottom of every page, the running head and foot."""

from __future__ import annotations

from typing import Any

from reportlab.pdfgen.canvas import Canvas

from factsheet.document.nodes import Document
from factsheet.writers import look as house
from factsheet.writers.pdf import archival, structure, tagging
from factsheet.writers.pdf.lines import Line
from factsheet.writers.pdf.styles import BOLD, GREY, NAVY, REGULAR, RULE
from factsheet.writers.pdf.text import Run, draw_line, one_line


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


def numbered_canvas(document: Document, tagger: tagging.Tagger) -> type[Canvas]:
    """A canvas class that draws header and footer once the page count is known.

    On saving it also writes the structure tree `tagger` collected and makes the
    file a PDF/A-2 and PDF/UA-1 one; header and footer are pagination artifacts.
    """
    meta, page = document.metadata, document.page
    size = house.type_scale(page.one_page).furniture
    margins = house.MARGINS
    marking = house.marking_text(page.marking)
    foot = house.footer_text(meta.as_of)
    head: list[Line] = []  # the running head's line, once made (not in the canvas's state, restored per page)

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self.tagger = tagger

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            pages = []
            for state in self._pages:
                self.__dict__.update(state)
                with tagging.artifact(self, tagging.PAGINATION):
                    self.furniture(total)
                super().showPage()
                pages.append(self._doc.Pages.pages[-1])
                pages[-1].Trans = None  # ReportLab writes an empty transition dictionary otherwise
            structure.write(self.tagger, self._doc, pages)
            archival.identify(self._doc, meta)
            super().save()

        def furniture(self, total: int) -> None:
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
                if not head:  # the same on every page: shortened and set once
                    title = fit(self, meta.title, REGULAR, size, right - left)
                    head.append(one_line([Run(title, REGULAR, size, GREY)]))
                draw_line(self, head[0], left, top - size * 1.4)  # any script
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(left, top - size * 1.9, right, top - size * 1.9)
            bottom = margins.foot
            self.line(left, bottom + size * 1.25, right, bottom + size * 1.25)
            self.drawString(left, bottom, foot)
            self.drawRightString(right, bottom, f"Page {self._pageNumber} of {total}")
            if marking:
                self.setFont(BOLD, size)
                self.setFillColor(NAVY)
                self.drawCentredString(width / 2, bottom, marking)
            self.restoreState()

    return NumberedCanvas
