"""The raw-library floor: every briefing of a workspace written straight with ReportLab and python-docx.

    python benchmarks/raw_floor.py CONTENT.json OUTDIR [pdf|docx|both]

One process, as `factsheet build` is one process. It reads what `export_content.py`
exported (the same text, tables, notes and figure shapes that factsheet's briefings
carry) and writes each briefing as a PDF (Source Sans Pro embedded as subsets, tables
with a repeated header, figures drawn as vector shapes, a running head and page
numbers) and as a Word file (headings, lists, tables, figures as PNG drawn by Pillow).
It leaves out what factsheet adds on top: validation, anchoring, composing, fitting,
links, bookmarks, tagging and byte-for-byte reproducibility. So it is a floor, the least
any tool must spend to write these files with these libraries, not a copy of factsheet.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape


def font_folder() -> Path:
    from importlib.util import find_spec

    spec = find_spec("font_source_sans_pro")
    assert spec is not None and spec.submodule_search_locations
    return Path(next(iter(spec.submodule_search_locations))) / "files"


def write_pdf(briefing: dict[str, Any], target: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, LETTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Flowable, ListFlowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    if "Raw" not in pdfmetrics.getRegisteredFontNames():
        folder = font_folder()
        for name, file in (("Raw", "SourceSansPro-Regular.ttf"), ("Raw-Bold", "SourceSansPro-Bold.ttf"),
                           ("Raw-Italic", "SourceSansPro-It.ttf")):
            pdfmetrics.registerFont(TTFont(name, str(folder / file)))
        pdfmetrics.registerFontFamily("Raw", normal="Raw", bold="Raw-Bold", italic="Raw-Italic",
                                      boldItalic="Raw-Bold")
    body = ParagraphStyle("body", fontName="Raw", fontSize=10, leading=13)
    small = ParagraphStyle("small", parent=body, fontSize=8, leading=10)
    heads = {1: ParagraphStyle("h1", parent=body, fontName="Raw-Bold", fontSize=18, leading=22),
             2: ParagraphStyle("h2", parent=body, fontName="Raw-Bold", fontSize=13, leading=17, spaceBefore=8)}

    class Drawing(Flowable):  # type: ignore[misc]
        def __init__(self, figure: dict[str, Any], width: float) -> None:
            super().__init__()
            self.figure, self.scale = figure, min(1.0, width / figure["width"])
            self.width, self.height = figure["width"] * self.scale, figure["height"] * self.scale

        def draw(self) -> None:
            c, h = self.canv, self.figure["height"]
            c.scale(self.scale, self.scale)
            for s in self.figure["shapes"]:
                if s["type"] == "Box":
                    c.rect(s["x"], h - s["y"] - s["height"], s["width"], s["height"])
                    c.setFont("Raw", 7.5)
                    c.drawString(s["x"] + 3, h - s["y"] - s["height"] / 2, s["label"])
                elif s["type"] == "Arrow":
                    c.line(s["x1"], h - s["y1"], s["x2"], h - s["y2"])
                elif s["type"] == "Label":
                    c.setFont("Raw", s.get("size", 7.5))
                    c.drawString(s["x"], h - s["y"], s["text"])
                elif s["type"] == "Dot":
                    c.circle(s["x"], h - s["y"], s["radius"], fill=1)

    def page(canvas: Any, doc: Any) -> None:
        canvas.setFont("Raw", 7.5)
        canvas.drawString(doc.leftMargin, doc.pagesize[1] - 12 * mm, f"{briefing['marking']}  {briefing['title']}")
        canvas.drawRightString(doc.pagesize[0] - doc.rightMargin, 10 * mm, f"Page {doc.page}")

    size = LETTER if briefing["paper"] == "letter" else A4
    doc = SimpleDocTemplate(str(target), pagesize=size, title=briefing["title"], author=briefing["author"],
                            subject=briefing["subject"], leftMargin=20 * mm, rightMargin=20 * mm,
                            topMargin=20 * mm, bottomMargin=18 * mm)
    story: list[Any] = []
    for block in briefing["blocks"]:
        kind = block["kind"]
        if kind == "heading":
            story.append(Paragraph(escape(block["text"]), heads.get(block["level"], heads[2])))
        elif kind == "paragraph":
            story.append(Paragraph(escape(block["text"]), body))
        elif kind in ("list", "notes"):
            style = small if kind == "notes" else body
            story.append(ListFlowable([Paragraph(escape(t), style) for t in block["items"]],
                                      bulletType="bullet" if kind == "list" else "1"))
        elif kind == "table":
            total = sum(block["weights"])
            widths = [doc.width * w / total for w in block["weights"]]
            data = [[Paragraph(escape(t), small) for t in block["header"]]]
            data += [[Paragraph(escape(t), small) for t in row] for row in block["rows"]]
            table = Table(data, colWidths=widths, repeatRows=1, splitInRow=1)
            table.setStyle(TableStyle([("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.whitesmoke]),
                                       ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black)]))
            story.append(table)
        elif kind == "figure":
            story.append(Drawing(block, doc.width))
            story.append(Paragraph(escape(block["caption"]), small))
        story.append(Spacer(1, 3))
    doc.build(story, onFirstPage=page, onLaterPages=page)


def figure_png(figure: dict[str, Any]) -> bytes:
    from PIL import Image, ImageDraw

    scale = 300 / 72  # 300 dpi, as print wants
    image = Image.new("RGB", (int(figure["width"] * scale), int(figure["height"] * scale)), "white")
    draw = ImageDraw.Draw(image)
    for s in figure["shapes"]:
        if s["type"] == "Box":
            draw.rectangle([s["x"] * scale, s["y"] * scale, (s["x"] + s["width"]) * scale,
                            (s["y"] + s["height"]) * scale], outline="black")
            draw.text(((s["x"] + 3) * scale, (s["y"] + 3) * scale), s["label"], fill="black")
        elif s["type"] == "Arrow":
            draw.line([s["x1"] * scale, s["y1"] * scale, s["x2"] * scale, s["y2"] * scale], fill="black", width=2)
        elif s["type"] == "Label":
            draw.text((s["x"] * scale, s["y"] * scale), s["text"], fill="black")
        elif s["type"] == "Dot":
            r = s["radius"] * scale
            draw.ellipse([s["x"] * scale - r, s["y"] * scale - r, s["x"] * scale + r, s["y"] * scale + r], fill="black")
    buffer = io.BytesIO()
    image.convert("P", palette=Image.Palette.ADAPTIVE, colors=16).save(buffer, "PNG")
    return buffer.getvalue()


def write_docx(briefing: dict[str, Any], target: Path) -> None:
    from docx import Document
    from docx.shared import Pt

    document = Document()
    document.core_properties.title = briefing["title"]
    document.styles["Normal"].font.name = "Source Sans Pro"
    document.styles["Normal"].font.size = Pt(10)
    document.sections[0].header.paragraphs[0].text = f"{briefing['marking']}  {briefing['title']}"
    for block in briefing["blocks"]:
        kind = block["kind"]
        if kind == "heading":
            document.add_heading(block["text"], level=min(block["level"], 3))
        elif kind == "paragraph":
            document.add_paragraph(block["text"])
        elif kind in ("list", "notes"):
            for item in block["items"]:
                document.add_paragraph(item, style="List Bullet" if kind == "list" else "List Number")
        elif kind == "table":
            table = document.add_table(rows=1 + len(block["rows"]), cols=len(block["header"]))
            for row, texts in zip(table.rows, [block["header"], *block["rows"]], strict=True):
                for cell, text in zip(row.cells, texts, strict=True):
                    cell.text = text
        elif kind == "figure":
            document.add_picture(io.BytesIO(figure_png(block)), width=Pt(min(block["width"], 450)))
            document.add_paragraph(block["caption"])
    document.save(str(target))


def main() -> None:
    content, out = Path(sys.argv[1]), Path(sys.argv[2])
    which = sys.argv[3] if len(sys.argv) > 3 else "both"
    out.mkdir(parents=True, exist_ok=True)
    for briefing in json.loads(content.read_text(encoding="utf-8")):
        if which in ("pdf", "both"):
            write_pdf(briefing, out / f"{briefing['name']}.pdf")
        if which in ("docx", "both"):
            write_docx(briefing, out / f"{briefing['name']}.docx")


if __name__ == "__main__":
    main()
