"""Any Unicode string renders in both formats without error and reads back as written (property-based)."""

from __future__ import annotations

import io
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from factsheet.document import nodes as n
from factsheet.facts.clean import UNSTORABLE, clean_text
from factsheet.writers import render

AWKWARD = ["<b>bold?</b>", "&amp; AT&T a<b", "\x01ctrl\x0b", "lone \ud800 surrogate", "مرحبا بالعالم",
           "emoji 🚀🛰️", "x" * 10_000, "]]> <![CDATA[", "\t tab and\nnewline"]


def document(text: str) -> n.Document:
    t = (n.Text(text),)
    meta = n.Metadata(title=text[:200] or "t", author="a", subject="s", keywords=(), language="en-GB",
                      as_of="2026-11-25", build_id="b")
    body: tuple[n.Block, ...] = (
        n.Heading(1, t, "h"),
        n.Paragraph((*t, n.Cite((1,)))),
        n.BulletList((t,)),
        n.Table((n.Column("A"), n.Column("B")), ((t, t),)),
        n.NoteList((n.Note(1, (n.Text("src"),), text, "note-1"),)),
    )
    return n.Document(meta, n.Page(), body)


def body_text(page: Any) -> str:
    """The text a PDF page draws between its running header and footer."""
    from factsheet.writers.look import MARGINS

    top = float(page.mediabox.top) - MARGINS.top + 1
    pieces: list[str] = []

    def keep(text: str, cm: list[float], tm: list[float], _font: Any, _size: Any) -> None:
        if MARGINS.bottom - 1 < cm[5] + tm[5] < top:
            pieces.append(text)

    page.extract_text(visitor_text=keep)
    return "".join(pieces)


def docx_paragraph_texts(data: bytes) -> list[str]:
    from docx import Document

    doc = Document(io.BytesIO(data))
    texts = ["".join(t.text or "" for t in p._p.iter() if t.tag.endswith("}t")) for p in doc.paragraphs]
    for table in doc.tables:
        texts.extend(cell.text for row in table.rows for cell in row.cells)
    return texts


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=120))
@example(AWKWARD[0])
@example(AWKWARD[1])
@example(AWKWARD[4])
@example(AWKWARD[5])
@example(AWKWARD[6])
def test_any_text_renders_and_reads_back(raw: str) -> None:
    text = clean_text(raw)
    assert not UNSTORABLE.search(text)
    pdf = render("pdf", document(text)).data
    assert pdf.startswith(b"%PDF")
    data = render("docx", document(text)).data
    squeezed = "".join(text.split())
    if squeezed:
        # Word keeps the characters exactly; line breaks and tabs become its own elements.
        assert any(squeezed in "".join(para.split()) for para in docx_paragraph_texts(data))


@given(st.sampled_from(AWKWARD))
@settings(deadline=None, max_examples=len(AWKWARD))
def test_awkward_strings_survive_the_model_and_pdf_text(raw: str) -> None:
    from pypdf import PdfReader

    from factsheet.facts.model import Gap, Quote

    text = clean_text(raw)
    gap = Gap(id="g", text=text, cites=[Quote(source="s", text="abc")])
    assert gap.text == text
    reader = PdfReader(io.BytesIO(render("pdf", document(text)).data))
    # Hyphens aside: a word longer than a line is cut with one.
    drawable = "".join(ch for ch in text if ch.isascii() and not ch.isspace() and ch != "-")
    # Only the text area: running headers and footers would cut a paragraph that spans pages.
    extracted = "".join("".join(body_text(page).split()) for page in reader.pages).replace("-", "")
    assert drawable in extracted
    # Six times (heading, paragraph, bullet, two cells, note): nothing lost, nothing drawn twice.
    if drawable and len(drawable) < 100:
        assert extracted.count(drawable) == 6
    elif drawable:  # the long ones are one repeated character
        assert extracted.count(drawable[0]) == 6 * drawable.count(drawable[0])
