"""Page flow of the PDF: headings kept with what follows, no widows or orphans, hanging note numbers."""

from __future__ import annotations

import io

from pypdf import PdfReader

from factsheet.document import nodes as n
from factsheet.writers import look, render
from factsheet.writers.pdf.styles import make_styles
from factsheet.writers.pdf.text import RichText, Run

META = n.Metadata(title="Flow", author="a", subject="s", keywords=(), language="en-GB", as_of="2026-11-25",
                  build_id="b")
FILLER = "Filler text that takes up room on the page and wraps over a few lines of the body text. " * 3


def pages(body: tuple[n.Block, ...]) -> list[str]:
    reader = PdfReader(io.BytesIO(render("pdf", n.Document(META, n.Page(), body)).data))
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def test_a_heading_is_never_the_last_thing_on_its_page() -> None:
    follow = "Followingparagraph " + "words " * 60
    for count in range(38, 52):  # one-line paragraphs: the heading lands on each line near the foot of page 1
        body = (*(n.Paragraph((n.Text("One line."),)) for _ in range(count)),
                n.Div((n.Heading(1, (n.Text("Stranded heading"),), "h"), n.Paragraph((n.Text(follow),)))))
        for text in pages(body):
            if "Stranded heading" in text:
                assert "Followingparagraph words words" in text, count


def test_paragraphs_split_without_widows_or_orphans() -> None:
    style = make_styles(look.BRIEFING).body
    para = RichText([Run("word " * 400, style.fontName, 10.0, style.textColor)], style)
    para.wrap(300, 1e6)
    total = len(para._lines or [])
    for room in range(0, total + 1):
        parts = para.split(300, room * style.leading + 0.5)
        if parts and len(parts) == 2:
            first, rest = (len(part._lines or []) for part in parts)
            assert first >= 2 and rest >= 2, (room, first, rest)
            assert first + rest == total


def test_note_numbers_hang_and_wrapped_lines_align_with_the_text() -> None:
    notes = tuple(n.Note(number, (n.Text("Source"),), "quoted words " * 30, f"note-{number}")
                  for number in range(1, 12))
    reader = PdfReader(io.BytesIO(render("pdf", n.Document(META, n.Page(), (n.NoteList(notes),))).data))
    starts: dict[str, set[float]] = {"label": set(), "text": set()}

    def visit(text: str, cm: list[float], tm: list[float], _font: object, _size: object) -> None:
        x = round(cm[4] + tm[4], 1)
        if text.strip().rstrip(".").isdigit() and text.strip().endswith("."):
            starts["label"].add(x)
        elif text.strip().startswith(("Source", "quoted")):
            starts["text"].add(x)

    reader.pages[0].extract_text(visitor_text=visit)
    # In each of the house's note columns, "1." and "10." start at one left edge, and the first and
    # wrapped lines of every note start at one indent right of it.
    labels, texts = sorted(starts["label"]), sorted(starts["text"])
    assert len(labels) == len(texts) == look.NOTE_COLUMNS, starts
    assert all(label < text for label, text in zip(labels, texts, strict=True)), starts
    indents = [text - label for label, text in zip(labels, texts, strict=True)]
    assert max(indents) - min(indents) < 0.5, starts


def test_a_title_does_not_end_with_one_word_alone() -> None:
    style = make_styles(look.BRIEFING).title
    words = "Russia turns to North Korea and Iran for munitions and drones"
    for width in range(200, 480, 7):
        title = RichText([Run(words, style.fontName, style.fontSize, style.textColor)], style, balance=True)
        title.wrap(width, 1e6)
        lines = title._lines or []
        if len(lines) > 1:
            assert lines[-1].words >= 2, width
