"""Fonts, colours and paragraph styles of the PDF briefing, all taken from the house style (`look`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics

from factsheet.fonts import PDF_NAMES, reportlab_font
from factsheet.writers import look as house
from factsheet.writers.pdf.slimfont import distinct_subset_tags, slim_subsets

REGULAR, BOLD, ITALIC, BOLD_ITALIC = (PDF_NAMES[f] for f in ("regular", "bold", "italic", "bold_italic"))

INK = colors.HexColor(house.INK)
NAVY = colors.HexColor(house.NAVY)
GREY = colors.HexColor(house.GREY)
RULE = colors.HexColor(house.RULE)
HEADER_FILL = colors.HexColor(house.HEADER_FILL)
HEADER_INK = colors.HexColor(house.HEADER_INK)
ZEBRA = colors.HexColor(house.ZEBRA)
ALERT = colors.HexColor(house.ALERT)
LINK = colors.HexColor(house.LINK)
QUOTE_INK = colors.HexColor(house.QUOTE_INK)


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
    bullet_column: ParagraphStyle
    cell: ParagraphStyle
    header_cell: ParagraphStyle
    note: ParagraphStyle
    caption: ParagraphStyle

    def paragraph(self, role: str) -> ParagraphStyle:
        """The style for a Paragraph node's role; an unknown role is an error, as in every writer."""
        styles = {"body": self.body, "lead": self.lead, "meta": self.meta, "small": self.small, "quote": self.quote}
        if role not in styles:
            raise ValueError(f"PDF writer: unknown paragraph style {role!r}")
        return styles[role]


@cache
def make_styles(scale: house.TypeScale = house.BRIEFING, text_width: float = 0.0) -> Styles:
    """The briefing's styles at the house's type `scale`, prose held to the house measure within `text_width`
    (0: no measure, lines as wide as the room they are given)."""
    register_fonts()
    lead = scale.leading
    # Prose keeps to the measure; tables and figures use the whole text width.
    narrow = house.right_indent("body", scale, text_width)
    body = ParagraphStyle(
        "Body", fontName=REGULAR, fontSize=scale.body, leading=scale.body * lead, textColor=INK,
        alignment=TA_LEFT, spaceAfter=scale.body * 0.45, rightIndent=narrow,
    )
    return Styles(
        title=ParagraphStyle("Title", body, fontName=BOLD, fontSize=scale.title, leading=scale.title * 1.18,
                             textColor=NAVY, spaceAfter=scale.body * 0.3, rightIndent=0),
        h1=ParagraphStyle("Heading1", body, fontName=BOLD, fontSize=scale.h1, leading=scale.h1 * 1.23,
                          textColor=NAVY, spaceBefore=scale.body * 1.0, spaceAfter=scale.body * 0.45,
                          rightIndent=0),
        h2=ParagraphStyle("Heading2", body, fontName=BOLD, fontSize=scale.h2, leading=scale.h2 * 1.27,
                          textColor=NAVY, spaceBefore=scale.body * 0.6, spaceAfter=scale.body * 0.3, keepWithNext=1,
                          rightIndent=0),
        body=body,
        lead=ParagraphStyle("Lead", body, fontSize=scale.lead, leading=scale.lead * 1.3, textColor=INK,
                            spaceAfter=scale.body * 0.5),
        meta=ParagraphStyle("Meta", body, fontSize=scale.meta, leading=scale.meta * lead, textColor=GREY,
                            spaceAfter=scale.body * 0.6),
        small=ParagraphStyle("Small", body, fontSize=scale.small, leading=scale.small * 1.3,
                             spaceBefore=scale.body * 0.5),
        quote=ParagraphStyle("Quote", body, leftIndent=scale.body * 1.5, textColor=QUOTE_INK),
        # The list flowable indents its items; the item's own style adds none.
        bullet=ParagraphStyle("Bullet", body, spaceAfter=scale.body * 0.35),
        bullet_column=ParagraphStyle("BulletColumn", body, spaceAfter=scale.body * 0.35, rightIndent=0),
        cell=ParagraphStyle("Cell", body, fontSize=scale.table, leading=scale.table * 1.28, spaceAfter=0,
                            rightIndent=0),
        header_cell=ParagraphStyle("HeaderCell", body, fontName=BOLD, fontSize=scale.table,
                                   leading=scale.table * 1.28, textColor=HEADER_INK, spaceAfter=0, rightIndent=0),
        note=ParagraphStyle("Note", body, fontSize=scale.note, leading=scale.note * 1.25, leftIndent=scale.note * 1.8,
                            firstLineIndent=-scale.note * 1.8, spaceAfter=scale.note * 0.25,
                            rightIndent=0),
        caption=ParagraphStyle("Caption", body, fontSize=scale.caption, leading=scale.caption * 1.3,
                               textColor=GREY, spaceBefore=2,
                               rightIndent=house.right_indent("caption", scale, text_width)),
    )
