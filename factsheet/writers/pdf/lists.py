"""Bulleted list items as a flowable: a bullet label hanging left of a paragraph.

ReportLab's `ListFlowable` draws its bullets itself, out of reach of the
tagging; this item draws its bullet as the marked content of a Lbl element and
its text as the LBody, so the list reads as L > LI > (Lbl, LBody).
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus import Flowable

from factsheet.writers.pdf import tagging
from factsheet.writers.pdf.text import RichText


class Item(Flowable):
    """`body` indented by `indent`, with `bullet` on its first line's baseline at the left edge (at the right
    edge, the indent on the right, when the body is set right to left)."""

    def __init__(self, body: RichText, indent: float, bullet: str, font: str, color: Color,
                 label: tagging.Element | None = None, first: bool = True) -> None:
        super().__init__()
        self.body = body
        self.indent = indent
        self.bullet = bullet
        self.font = font
        self.color = color
        self.label = label
        self.first = first

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """The body's height at the width left after the indent."""
        _, self.height = self.body.wrap(availWidth - self.indent, availHeight)
        self.width = availWidth
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """The body split between lines; only the first part carries the bullet."""
        parts = self.body.split(availWidth - self.indent, availHeight)
        return [Item(part, self.indent, self.bullet, self.font, self.color, self.label, self.first and not index)
                for index, part in enumerate(parts) if isinstance(part, RichText)]

    def getSpaceBefore(self) -> float:
        """The body's space before."""
        return float(self.body.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        """The body's space after."""
        return float(self.body.getSpaceAfter())

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        """The bullet (as the item's label), then the body."""
        if self.first:
            size = self.body.style.fontSize
            font = getFont(self.font)
            subset, chunk = font.splitString(self.bullet, canvas._doc)[0]
            name = font.getSubsetInternalName(subset, canvas._doc)
            tagger = tagging.of(canvas)
            marks = tagger.marks(canvas, self.label) if tagger else None
            start = marks.run(tagging.PLAIN) if marks else ""
            end = marks.close() if marks else ""
            # A right-to-left item is set flush right: its bullet hangs at the right edge, mirrored.
            right_edge = x + self.width - float(self.body.style.rightIndent)  # where the body's lines end
            left = right_edge - font.stringWidth(self.bullet, size) if self.body._rtl else x
            canvas._code.append(
                f"{start} q BT {fp_str(self.color.red, self.color.green, self.color.blue)} rg {name} {fp_str(size)} Tf"
                f" 1 0 0 1 {fp_str(left, y + self.height - size)} Tm ({canvas._escape(chunk)}) Tj ET Q {end}")
        self.body.drawOn(canvas, x if self.body._rtl else x + self.indent, y, _sW)
