"""The raw-python-docx floor: the briefing's text written straight with python-docx, no factsheet.

    python benchmarks/raw_docx.py seeds/russia-drones-2022.facts.yaml /tmp/raw.docx

Same text as raw_reportlab.py (title, headings, key points, the transfers table, the
timeline and numbered source notes), on python-docx's default template with its
built-in styles. No figures, claims, costs, actors or gaps: this is a floor, not a copy.
"""

from __future__ import annotations

import docx
from docx.text.paragraph import Paragraph
from raw_content import TIMELINE_COLUMNS, TRANSFER_COLUMNS, arguments, read


def marked(paragraph: Paragraph, text: str, numbers: list[int]) -> None:
    """Append text and its citation numbers as a superscript run."""
    paragraph.add_run(text)
    if numbers:
        paragraph.add_run(",".join(map(str, numbers))).font.superscript = True


def main() -> None:
    facts, out = arguments()
    briefing = read(facts)
    word = docx.Document()
    word.core_properties.title = briefing.title

    def table(columns: tuple[str, ...], rows: list[list[tuple[str, list[int]]]]) -> None:
        grid = word.add_table(rows=1 + len(rows), cols=len(columns))
        grid.style = "Table Grid"
        for cell, title in zip(grid.rows[0].cells, columns, strict=True):
            cell.paragraphs[0].add_run(title).bold = True
        for row, values in zip(grid.rows[1:], rows, strict=True):
            for cell, (text, numbers) in zip(row.cells, values, strict=True):
                marked(cell.paragraphs[0], text, numbers)

    word.add_heading(briefing.title, 0)
    word.add_paragraph(briefing.meta)
    word.add_paragraph(briefing.subject)
    word.add_heading("Key points", 1)
    for text, numbers in briefing.key_points:
        marked(word.add_paragraph(style="List Bullet"), text, numbers)
    word.add_heading("Systems and transfers", 1)
    table(TRANSFER_COLUMNS, briefing.transfers)
    word.add_heading("Timeline", 1)
    table(TIMELINE_COLUMNS, briefing.timeline)
    word.add_heading("Source notes", 1)
    for number, text in enumerate(briefing.notes, 1):
        paragraph = word.add_paragraph()
        paragraph.add_run(f"{number}. ").bold = True
        paragraph.add_run(text)
    word.save(str(out))


if __name__ == "__main__":
    main()
