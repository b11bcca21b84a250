"""The raw-ReportLab floor: the briefing's text written straight with ReportLab, no factsheet.

    python benchmarks/raw_reportlab.py seeds/russia-drones-2022.facts.yaml /tmp/raw.pdf

Same text as factsheet's full briefing for the parts it writes (title, headings, key
points, the transfers table, the timeline and numbered source notes), in the same
embedded typeface (Source Sans Pro, subset by ReportLab), on A4 with page numbers.
No figures, claims, costs, actors or gaps: this is a floor, not a copy.
"""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path
from xml.sax.saxutils import escape

from raw_content import TIMELINE_COLUMNS, TRANSFER_COLUMNS, arguments, read
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Table, TableStyle
from reportlab.platypus.doctemplate import BaseDocTemplate


def register_fonts() -> None:
    """Source Sans Pro regular, bold and italic from the installed font package."""
    spec = find_spec("font_source_sans_pro")
    assert spec is not None and spec.submodule_search_locations
    folder = Path(next(iter(spec.submodule_search_locations))) / "files"
    for name, file in (("Sans", "SourceSansPro-Regular.ttf"), ("Sans-Bold", "SourceSansPro-Bold.ttf"),
                       ("Sans-Italic", "SourceSansPro-It.ttf")):
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily("Sans", normal="Sans", bold="Sans-Bold", italic="Sans-Italic",
                                  boldItalic="Sans-Bold")


def marked(text: str, numbers: list[int]) -> str:
    """Escaped text with its citation numbers as superscripts."""
    return escape(text) + (f"<super>{','.join(map(str, numbers))}</super>" if numbers else "")


def footer(canvas: Canvas, doc: BaseDocTemplate) -> None:
    """The page number at the foot of every page."""
    canvas.setFont("Sans", 8)
    canvas.drawRightString(A4[0] - 20 * mm, 11 * mm, f"Page {doc.page}")


def main() -> None:
    facts, out = arguments()
    briefing = read(facts)
    register_fonts()
    body = ParagraphStyle("Body", fontName="Sans", fontSize=10, leading=13.2, spaceAfter=4.5)
    title = ParagraphStyle("Title", body, fontName="Sans-Bold", fontSize=20, leading=23.5)
    h1 = ParagraphStyle("H1", body, fontName="Sans-Bold", fontSize=13, leading=16, spaceBefore=10)
    cell = ParagraphStyle("Cell", body, fontSize=8.6, leading=11, spaceAfter=0)
    head = ParagraphStyle("Head", cell, fontName="Sans-Bold", textColor=colors.white)
    note = ParagraphStyle("Note", body, fontSize=8, leading=10.2, leftIndent=16, firstLineIndent=-16)

    def table(columns: tuple[str, ...], rows: list[list[tuple[str, list[int]]]], weights: list[float]) -> Table:
        width = A4[0] - 40 * mm
        data = [[Paragraph(escape(c), head) for c in columns]]
        data += [[Paragraph(marked(text, numbers), cell) for text, numbers in row] for row in rows]
        flowable = Table(data, colWidths=[width * w / sum(weights) for w in weights], repeatRows=1)
        flowable.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#1f3a5f")),
                                      ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                      ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#b8c2cc"))]))
        return flowable

    story = [
        Paragraph(escape(briefing.title), title),
        Paragraph(escape(briefing.meta), body),
        Paragraph(escape(briefing.subject), body),
        Paragraph("Key points", h1),
        ListFlowable([ListItem(Paragraph(marked(t, n), body), value="•") for t, n in briefing.key_points],
                     bulletType="bullet", start="•"),
        Paragraph("Systems and transfers", h1),
        table(TRANSFER_COLUMNS, briefing.transfers, [1.6, 1.1, 1.8, 1.9, 1.3]),
        Paragraph("Timeline", h1),
        table(TIMELINE_COLUMNS, briefing.timeline, [1.4, 5.0]),
        Paragraph("Source notes", h1),
        *(Paragraph(f"<b>{i}.</b>&nbsp;{escape(text)}", note) for i, text in enumerate(briefing.notes, 1)),
    ]
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=24 * mm,
                            bottomMargin=20 * mm, title=briefing.title, invariant=1)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)


if __name__ == "__main__":
    main()
