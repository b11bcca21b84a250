"""Page furniture: running header with marking and title, footer with 'Page X of Y'."""

from __future__ import annotations

from typing import Any

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from factsheet.document.nodes import Document
from factsheet.writers.pdf import archival, structure, tagging
from factsheet.writers.pdf.styles import BOLD, GREY, NAVY, REGULAR, RULE
from factsheet.writers.pdf.text import Run, draw_runs

PAPER = {"a4": A4, "letter": LETTER}
MARGIN_X = 20 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 20 * mm


def pretty_date(iso: str) -> str:
    """'2026-11-25' -> '25 Nov 2026' (no wall clock: the document's own date)."""
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    year, month, day = iso.split("-")
    return f"{int(day)} {months[int(month) - 1]} {year}"


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
            right = width - MARGIN_X
            self.saveState()
            top = height - 11 * mm
            if page.marking:
                self.setFont(BOLD, 8)
                self.setFillColor(NAVY)
                self.drawCentredString(width / 2, top, page.marking.upper())
            self.setFont(REGULAR, 8)
            self.setFillColor(GREY)
            title = fit(self, meta.title, REGULAR, 8, width - 2 * MARGIN_X)
            draw_runs(self, [Run(title, REGULAR, 8, GREY)], MARGIN_X, top - 11)  # any script, not only the face's
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN_X, top - 15, right, top - 15)
            bottom = 11 * mm
            self.line(MARGIN_X, bottom + 10, right, bottom + 10)
            self.drawString(MARGIN_X, bottom, f"As of {pretty_date(meta.as_of)}")
            self.drawRightString(right, bottom, f"Page {self._pageNumber} of {total}")
            if page.marking:
                self.setFont(BOLD, 8)
                self.setFillColor(NAVY)
                self.drawCentredString(width / 2, bottom, page.marking.upper())
            self.restoreState()

    return NumberedCanvas
