"""Fonts, colours and paragraph styles of the PDF briefing."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics

from factsheet.fonts import PDF_NAMES, reportlab_font
from factsheet.writers.pdf.slimfont import distinct_subset_tags, slim_subsets

REGULAR, BOLD, ITALIC, BOLD_ITALIC = (PDF_NAMES[f] for f in ("regular", "bold", "italic", "bold_italic"))

INK = colors.HexColor("#1a1a1a")
NAVY = colors.HexColor("#1f3a5f")
GREY = colors.HexColor("#5f6670")
RULE = colors.HexColor("#b8c2cc")
HEADER_FILL = colors.HexColor("#1f3a5f")
ZEBRA = colors.HexColor("#f2f4f7")
ALERT = colors.HexColor("#b00020")
LINK = colors.HexColor("#1f5fa8")


@cache
def register_fonts() -> None:
    """Register the four faces as one family, so <b> and <i> pick the right face."""
    for face in PDF_NAMES:
        font = reportlab_font(face)
        slim_subsets(font.face)
        distinct_subset_tags(font)
        pdfmetrics.registerFont(font)
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)


@dataclass(frozen=True)
class Styles:
    """Every paragraph style the writer uses, for one base size."""

    title: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    lead: ParagraphStyle
    meta: ParagraphStyle
    small: ParagraphStyle
    quote: ParagraphStyle
    bullet: ParagraphStyle
    cell: ParagraphStyle
    header_cell: ParagraphStyle
    note: ParagraphStyle

    def paragraph(self, role: str) -> ParagraphStyle:
        """The style for a Paragraph node's role."""
        return {"lead": self.lead, "meta": self.meta, "small": self.small, "quote": self.quote}.get(
            role, self.body
        )


@cache
def make_styles(base: float = 10.0) -> Styles:
    """The briefing's styles; `base` is the body size in points (smaller for one-pagers)."""
    register_fonts()
    body = ParagraphStyle(
        "Body", fontName=REGULAR, fontSize=base, leading=base * 1.32, textColor=INK, alignment=TA_LEFT,
        spaceAfter=base * 0.45,
    )
    return Styles(
        title=ParagraphStyle("Title", body, fontName=BOLD, fontSize=base * 2.0, leading=base * 2.35,
                             textColor=NAVY, spaceAfter=base * 0.3),
        h1=ParagraphStyle("Heading1", body, fontName=BOLD, fontSize=base * 1.3, leading=base * 1.6,
                          textColor=NAVY, spaceBefore=base * 1.0, spaceAfter=base * 0.45),
        h2=ParagraphStyle("Heading2", body, fontName=BOLD, fontSize=base * 1.1, leading=base * 1.4,
                          textColor=NAVY, spaceBefore=base * 0.6, spaceAfter=base * 0.3, keepWithNext=1),
        body=body,
        lead=ParagraphStyle("Lead", body, fontSize=base * 1.15, leading=base * 1.5, textColor=INK,
                            spaceAfter=base * 0.5),
        meta=ParagraphStyle("Meta", body, fontSize=base * 0.9, textColor=GREY, spaceAfter=base * 0.6),
        small=ParagraphStyle("Small", body, fontSize=base * 0.85, leading=base * 1.1, spaceBefore=base * 0.5),
        quote=ParagraphStyle("Quote", body, fontName=ITALIC, leftIndent=base * 1.5, textColor=GREY),
        # The list flowable indents its items; the item's own style adds none.
        bullet=ParagraphStyle("Bullet", body, spaceAfter=base * 0.35),
        cell=ParagraphStyle("Cell", body, fontSize=base * 0.86, leading=base * 1.1, spaceAfter=0),
        header_cell=ParagraphStyle("HeaderCell", body, fontName=BOLD, fontSize=base * 0.86, leading=base * 1.1,
                                   textColor=colors.white, spaceAfter=0),
        note=ParagraphStyle("Note", body, fontSize=base * 0.8, leading=base * 1.02, leftIndent=base * 1.6,
                            firstLineIndent=-base * 1.6, spaceAfter=base * 0.2),
    )
