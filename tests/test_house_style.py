"""One house style: both writers print the same furniture, sizes, measure and quotes, and fail alike."""

from __future__ import annotations

import gc
import io
import re
from typing import Any

import docx
import pytest
from pypdf import PdfReader

from factsheet.document import nodes as n
from factsheet.errors import InputError
from factsheet.writers import FORMATS, WRITERS, look, render
from factsheet.writers.pdf.styles import ITALIC, REGULAR, make_styles

META = n.Metadata("House style", "desk", "subject", (), "en-GB", "2026-11-25", "b0123abc")
PROSE = (
    "Russia is buying millions of artillery shells and rockets from North Korea, according to a declassified "
    "US intelligence assessment, while Iranian Mohajer-6 and Shahed-series drones reached the Russian military "
    "in August as part of a plan to obtain hundreds of Iranian UAVs for use in Ukraine; the purchases point to "
    "severe Russian supply shortages, partly caused by export controls and sanctions, as the Associated Press "
    "reported, and Norway and Britain will supply Ukraine with Teledyne FLIR Black Hornet micro drones."
)


def document(one_page: bool = False, paper: str = "a4", as_of: str = "2026-11-25") -> n.Document:
    meta = n.Metadata(META.title, META.author, META.subject, (), META.language, as_of, META.build_id)
    body: tuple[n.Block, ...] = (
        n.Heading(0, (n.Text("House style"),), "title"),
        n.Paragraph((n.Text(PROSE),)),
        n.NoteList((n.Note(1, (n.Text("Tech Times"),), "a quoted passage", "note-1"),)),
    )
    return n.Document(meta, n.Page(paper, "Unclassified // open source", one_page), body)


def pdf_lines(data: bytes) -> list[str]:
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text() or ""
    return text.splitlines()


@pytest.mark.parametrize("one_page", [False, True])
def test_prose_keeps_to_a_readable_measure(one_page: bool) -> None:
    lines = pdf_lines(render("pdf", document(one_page)).data)
    start = next(i for i, line in enumerate(lines) if line.startswith("Russia is buying"))
    prose: list[str] = []
    for line in lines[start:]:
        prose.append(line)
        if line.rstrip().endswith("micro drones."):
            break
    assert len(prose) >= 4
    assert all(len(line) <= 80 for line in prose), [len(line) for line in prose]
    assert sum(len(line) for line in prose[:-1]) / len(prose[:-1]) >= 55


@pytest.mark.parametrize("one_page", [False, True])
def test_type_sizes_are_the_house_sizes_in_both_formats(one_page: bool) -> None:
    scale = look.type_scale(one_page)
    pdf = make_styles(scale, look.text_width("a4"))
    word: Any = docx.Document(io.BytesIO(render("docx", document(one_page)).data))
    for role, pdf_style, word_style in (("body", pdf.body, "Normal"), ("table", pdf.cell, "Table Text"),
                                        ("note", pdf.note, "Note"), ("h1", pdf.h1, "Heading 1")):
        assert pdf_style.fontSize == getattr(scale, role) == word.styles[word_style].font.size.pt
    assert scale.body >= (8.5 if one_page else 9.5) and scale.table >= 8 and scale.note >= 8


def test_quotes_are_roman_in_both_formats() -> None:
    styles = make_styles()
    assert styles.note.fontName == REGULAR and styles.quote.fontName != ITALIC
    word: Any = docx.Document(io.BytesIO(render("docx", document()).data))
    note = next(p for p in word.paragraphs if p.style.name == "Note")
    assert all(not run.italic for run in note.runs)
    assert not word.styles["Source Quote"].font.italic


def test_marking_top_and_bottom_and_the_same_footer_date_in_both_formats() -> None:
    pdf = PdfReader(io.BytesIO(render("pdf", document()).data)).pages[0].extract_text() or ""
    assert pdf.count("UNCLASSIFIED // OPEN SOURCE") == 2
    assert "As of 25 Nov 2026" in pdf and "b0123abc" not in pdf  # the build id is in the properties only
    word: Any = docx.Document(io.BytesIO(render("docx", document()).data))
    section = word.sections[0]
    for header in (section.header, section.first_page_header):
        assert header.paragraphs[0].text == "Unclassified // open source"
        marking = header.paragraphs[0].runs[0]
        assert (marking.style.font.all_caps or header.paragraphs[0].style.font.all_caps) is True
    for footer in (section.footer, section.first_page_footer):
        text = footer.paragraphs[0].text
        assert text.startswith("As of 25 Nov 2026\tUnclassified // open source\tPage ")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_bad_paper_or_date_is_the_same_clear_error_in_every_format(fmt: str) -> None:
    with pytest.raises(InputError, match=re.escape("page.paper: unknown paper 'a3' (known: a4, letter)")):
        render(fmt, document(paper="a3"))
    with pytest.raises(InputError, match=r"metadata\.as_of: not an ISO date"):
        render(fmt, document(as_of="25/11/2026"))
    with pytest.raises(ValueError, match="unknown paragraph style 'poster'"):
        render(fmt, n.Document(META, n.Page(), (n.Paragraph((n.Text("x"),), "poster"),)))


@pytest.mark.parametrize("paper", sorted(look.PAPER))
def test_paper_and_margins_match(paper: str) -> None:
    reader = PdfReader(io.BytesIO(render("pdf", document(paper=paper)).data))
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(look.PAPER[paper], abs=0.01)
    section: Any = docx.Document(io.BytesIO(render("docx", document(paper=paper)).data)).sections[0]
    assert (section.page_width.pt, section.page_height.pt) == pytest.approx(look.PAPER[paper], abs=0.05)
    assert section.left_margin.pt == pytest.approx(look.MARGINS.left, abs=0.05)
    assert section.top_margin.pt == pytest.approx(look.MARGINS.top, abs=0.05)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_render_leaves_the_cyclic_collector_as_it_found_it(fmt: str) -> None:
    # Rendering pauses the collector: it must come back on, after a failed render too, and stay off if it was.
    assert gc.isenabled()
    render(fmt, document())
    assert gc.isenabled()
    with pytest.raises(InputError):
        render(fmt, document(paper="a3"))
    assert gc.isenabled()
    gc.disable()
    try:
        render(fmt, document())
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_registry_gives_names_extensions_and_types() -> None:
    assert FORMATS == ("pdf", "docx")
    assert {info.extension for info in WRITERS.values()} == {".pdf", ".docx"}
    assert WRITERS["pdf"].mime == ("application", "pdf")


def test_one_pager_sets_its_lists_in_two_columns_in_both_formats() -> None:
    items = tuple((n.Text(f"Point {i}: " + "a statement of some length " * 3),) for i in range(6))
    body: tuple[n.Block, ...] = (n.Heading(1, (n.Text("Key points"),), "k"), n.BulletList(items))
    one_page = n.Document(META, n.Page("a4", "", True), body)
    reader = PdfReader(io.BytesIO(render("pdf", one_page).data))
    starts: dict[str, float] = {}

    def keep(text: str, cm: list[float], tm: list[float], _font: Any, _size: Any) -> None:
        if text.startswith("Point "):
            starts[text[:7]] = cm[4] + tm[4]

    reader.pages[0].extract_text(visitor_text=keep)
    assert len({round(x) for x in starts.values()}) == 2  # two columns
    word: Any = docx.Document(io.BytesIO(render("docx", one_page).data))
    body_xml = word.element.body
    columns = body_xml.xpath(".//w:p/w:pPr/w:sectPr/w:cols[@w:num='2']")
    assert len(columns) == 1
    # The briefing keeps one column for its lists.
    briefing = docx.Document(io.BytesIO(render("docx", n.Document(META, n.Page(), body)).data))
    assert not briefing.element.body.xpath(".//w:cols[@w:num='2']")


def test_a_table_caption_prints_in_both_formats() -> None:
    table = n.Table((n.Column("A"),), (((n.Text("cell"),),),), caption="Table caption")
    document = n.Document(META, n.Page(), (table,))
    pdf = PdfReader(io.BytesIO(render("pdf", document).data)).pages[0].extract_text() or ""
    assert pdf.index("Table caption") < pdf.index("cell")
    word: Any = docx.Document(io.BytesIO(render("docx", document).data))
    assert word.paragraphs[0].text == "Table caption"
