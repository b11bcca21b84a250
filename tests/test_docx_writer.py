"""The Word writer: hand-built document trees, read back with python-docx."""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from factsheet.document.nodes import (
    Arrow,
    Block,
    Box,
    BulletList,
    Cite,
    Column,
    Div,
    Document,
    Emph,
    Figure,
    Heading,
    Inlines,
    Metadata,
    Note,
    NoteList,
    Page,
    Paragraph,
    Span,
    Strong,
    Table,
    Text,
)
from factsheet.writers.docx import DocxWriter
from factsheet.writers.docx.make_reference import build_reference
from factsheet.writers.docx.package import reference_bytes

META = Metadata(
    title="Drones briefing",
    author="analyst desk",
    subject="Drone transfers",
    keywords=("Russia", "Iran", "drones"),
    language="en-GB",
    as_of="2026-11-25",
    build_id="b0123abcd",
)


def make(*body: Block, paper: str = "a4", marking: str = "UNCLASSIFIED // OPEN SOURCE") -> Document:
    return Document(META, Page(paper, marking), tuple(body))


def notes(*numbers: int) -> NoteList:
    return NoteList(tuple(Note(n, (Text("Tech Times"),), f"quote {n}", f"note-{n}") for n in numbers))


@dataclass
class Rendered:
    data: bytes
    doc: Any
    warnings: list[str]

    @property
    def paragraphs(self) -> list[Any]:
        return list(self.doc.paragraphs)

    def paragraph(self, text: str) -> Any:
        return next(p for p in self.doc.paragraphs if p.text == text)

    def part(self, name: str) -> str:
        with zipfile.ZipFile(io.BytesIO(self.data)) as package:
            return package.read(name).decode()


def render(document: Document) -> Rendered:
    writer = DocxWriter()
    data = writer.render(document)
    return Rendered(data, docx.Document(io.BytesIO(data)), list(writer.warnings))


def xpath(element: Any, path: str) -> list[Any]:
    # Plain lxml XPath: parts python-docx does not model (footnotes) parse to plain elements.
    from docx.oxml.ns import nsmap
    from lxml import etree

    result: list[Any] = etree.XPath(path, namespaces=nsmap)(element)
    return result


FULL = make(
    Heading(0, (Text("Drones briefing"),), "title"),
    Paragraph((Text("As of 25 November 2026"),), "meta"),
    Paragraph((Text("What this is about."),), "lead"),
    Div(
        (
            Heading(1, (Text("Key points"),), "sec-key"),
            BulletList(((Text("First point"), Cite(1), Cite(2)), (Text("Second point"), Cite(2)))),
            Heading(2, (Text("Detail"),), "sec-detail"),
            Paragraph((Text("Plain "), Strong((Text("bold"),)), Text(" and "), Emph((Text("italic"),))), "body"),
            Paragraph((Text("Quoted text."),), "quote"),
            Paragraph((Text("Small text."),), "small"),
        ),
        ("section", "key_points"),
        "sec-key",
    ),
    Div(
        (
            Heading(1, (Text("Systems"),), "sec-systems"),
            Table(
                (Column("System", 1.0), Column("Use", 3.0)),
                (
                    ((Strong((Text("Shahed"),)),), (Text("strike"), Cite(1))),
                    ((Text("Orlan"),), (Text("reconnaissance"),)),
                ),
            ),
        ),
        ("section",),
        "sec-systems",
    ),
    Div((Heading(1, (Text("Source notes"),), "sec-notes"), notes(1, 2)), ("section",), "sec-notes"),
)


@pytest.fixture(scope="module")
def full() -> Rendered:
    return render(FULL)


# ---------------------------------------------------------------- package


def test_package_is_reproducible_zip(full: Rendered) -> None:
    with zipfile.ZipFile(io.BytesIO(full.data)) as package:
        infos = package.infolist()
    names = [info.filename for info in infos]
    assert names[0] == "[Content_Types].xml"
    assert names[1:] == sorted(names[1:])
    assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in infos)
    assert all(info.compress_type == zipfile.ZIP_DEFLATED for info in infos)
    assert not any("thumbnail" in name for name in names)
    assert "thumbnail" not in full.part("_rels/.rels")


def test_same_tree_renders_identical_bytes() -> None:
    first = DocxWriter().render(FULL)
    writer = DocxWriter()
    assert writer.render(FULL) == first
    assert writer.render(FULL) == first


def test_reference_is_built_reproducibly_and_up_to_date() -> None:
    built = build_reference()
    assert built == build_reference()
    assert built == reference_bytes(), "run python -m factsheet.writers.docx.make_reference"


def test_reference_defines_named_styles() -> None:
    reference = docx.Document(io.BytesIO(reference_bytes()))
    names = {style.name for style in reference.styles}
    for name in ("Title", "Heading 1", "Heading 2", "Normal", "List Bullet", "Briefing Table",
                 "Source Quote", "Meta", "Lead", "Small", "Citation Marker"):  # fmt: skip
        assert name in names
    normal = reference.styles["Normal"]
    assert normal.font.name == "Source Sans Pro"
    assert normal.font.size.pt == 10.5
    assert reference.styles["Source Quote"].font.italic is True
    assert reference.core_properties.created is None
    assert len(reference.styles) < 40  # the default template's 160 styles are gone


# ---------------------------------------------------------------- content


def test_headings_and_paragraph_styles(full: Rendered) -> None:
    styles = {p.text: p.style.name for p in full.paragraphs}
    assert styles["Drones briefing"] == "Title"
    assert styles["Key points"] == "Heading 1"
    assert styles["Detail"] == "Heading 2"
    assert styles["As of 25 November 2026"] == "Meta"
    assert styles["What this is about."] == "Lead"
    assert styles["Quoted text."] == "Source Quote"
    assert styles["Small text."] == "Small"
    assert styles["Plain bold and italic"] == "Normal"
    assert styles["First point,"] == "List Bullet"  # the numbers are footnote references
    assert styles["Second point2"] == "List Bullet"


def test_div_renders_only_its_children() -> None:
    inner = Paragraph((Text("inside"),))
    rendered = render(make(Div((Div((inner,), ("a",), "x"), inner), ("b",), "y")))
    assert [p.text for p in rendered.paragraphs] == ["inside", "inside"]


def test_heading_bookmarks(full: Rendered) -> None:
    heading = full.paragraph("Key points")
    assert xpath(heading._p, "./w:bookmarkStart/@w:name") == ["sec-key"]
    ids = xpath(full.doc.element.body, ".//w:bookmarkStart/@w:id")
    assert len(ids) == len(set(ids))


def test_bold_italic_runs(full: Rendered) -> None:
    runs = full.paragraph("Plain bold and italic").runs
    assert [(r.text, r.bold, r.italic) for r in runs] == [
        ("Plain ", None, None),
        ("bold", True, None),
        (" and ", None, None),
        ("italic", None, True),
    ]


def test_stale_and_draft_spans_are_red_bold() -> None:
    rendered = render(make(Paragraph((Text("claim"), Span((Text(" [stale]"),), ("stale",)),
                                      Span((Text(" [draft]"),), ("draft",)),
                                      Span((Text(" plain"),), ("attribution",))))))  # fmt: skip
    runs = rendered.paragraphs[0].runs
    assert [r.style.name for r in runs] == ["Default Paragraph Font", "Flag", "Flag", "Default Paragraph Font"]
    flag = rendered.doc.styles["Flag"].font
    assert flag.bold is True
    assert str(flag.color.rgb) == "C00000"


def test_consecutive_citations_are_one_superscript_marker_of_footnote_references_and_links(full: Rendered) -> None:
    # A note's first citation holds its footnote's reference; later ones link to the footnote.
    first = full.paragraph("First point,")
    references = xpath(first._p, ".//w:footnoteReference")
    assert [ref.get(qn("w:id")) for ref in references] == ["1", "2"]
    assert all(ref.getparent().find(f"{qn('w:rPr')}/{qn('w:rStyle')}").get(qn("w:val")) == "CitationMarker"
               for ref in references)
    assert full.doc.styles["Citation Marker"].font.superscript is True
    comma = [r for r in first.runs if r.text == ","]
    assert len(comma) == 1 and comma[0].style.name == "Citation Marker"
    second = full.paragraph("Second point2")
    assert [(link.text, link.fragment) for link in second.hyperlinks] == [("2", "note-2")]


def test_cited_notes_are_footnotes_and_bookmarked_targets(full: Rendered) -> None:
    from docx.oxml.parser import parse_xml

    footnotes = parse_xml(full.part("word/footnotes.xml").encode())
    notes = {int(f.get(qn("w:id"))): f for f in xpath(footnotes, "./w:footnote") if int(f.get(qn("w:id"))) > 0}
    assert sorted(notes) == [1, 2]
    first = notes[1].find(qn("w:p"))
    assert first.find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val")) == "Note"
    assert xpath(first, "./w:bookmarkStart/@w:name") == ["note-1"]
    # the bookmark wraps the footnote's own number, where the typed number was
    children = [c.tag for c in first]
    start, end = children.index(qn("w:bookmarkStart")), children.index(qn("w:bookmarkEnd"))
    assert end == start + 2 and xpath(first[start + 1], "./w:footnoteRef")
    assert "".join(xpath(first, ".//w:t/text()")).strip() == "Tech Times: \u201cquote 1\u201d"
    assert not [p for p in full.paragraphs if "quote 1" in p.text]  # no longer typed in the body
    anchors = set(xpath(full.doc.element.body, ".//w:hyperlink/@w:anchor"))
    names = set(xpath(full.doc.element.body, ".//w:bookmarkStart/@w:name")) | set(
        xpath(footnotes, ".//w:bookmarkStart/@w:name"))
    assert anchors <= names


def test_citation_without_note_is_reported() -> None:
    rendered = render(make(Paragraph((Text("x"), Cite(7)))))
    assert rendered.paragraphs[0].hyperlinks[0].fragment == "note-7"
    assert any("citation 7 has no note" in w for w in rendered.warnings)


def test_table(full: Rendered) -> None:
    (table,) = full.doc.tables
    assert table.style.name == "Briefing Table"
    assert [c.text for c in table.rows[0].cells] == ["System", "Use"]
    assert [c.text for c in table.rows[1].cells] == ["Shahed", "strike1"]
    header_tr = table.rows[0]._tr
    assert xpath(header_tr, "./w:trPr/w:tblHeader")
    assert not xpath(table.rows[1]._tr, "./w:trPr/w:tblHeader")
    widths = [int(w) for w in xpath(table._tbl, "./w:tblGrid/w:gridCol/@w:w")]
    assert sum(widths) == 11906 - 2 * 1134
    assert widths[1] == pytest.approx(3 * widths[0], abs=2)
    cell_paragraph = table.rows[1].cells[1].paragraphs[0]
    assert cell_paragraph.style.name == "Table Text"
    assert cell_paragraph.style.font.size.pt == 9
    assert table.rows[0].cells[0].paragraphs[0].style.name == "Table Heading"
    assert cell_paragraph.hyperlinks[0].fragment == "note-1"


def test_short_rows_stay_whole_and_long_rows_may_break() -> None:
    long_text = "word " * 400
    table = Table((Column("A"), Column("B")), (((Text("short"),), (Text("row"),)), ((Text("x"),), (Text(long_text),))))
    (rendered,) = render(make(table)).doc.tables
    assert xpath(rendered.rows[1]._tr, "./w:trPr/w:cantSplit")
    assert not xpath(rendered.rows[2]._tr, "./w:trPr/w:cantSplit")


def test_table_caption_and_adjacent_tables_kept_apart() -> None:
    captioned = Table((Column("A"),), (((Text("a"),),),), caption="Caption text")
    plain = Table((Column("A"),), (((Text("a"),),),))
    rendered = render(make(captioned, plain))
    tags = [child.tag.split("}")[1] for child in rendered.doc.element.body]
    assert tags == ["p", "tbl", "p", "tbl", "sectPr"]
    assert [p.text for p in rendered.paragraphs] == ["Caption text", ""]
    assert rendered.paragraph("Caption text").style.name == "Caption"


def test_page_header_and_footer(full: Rendered) -> None:
    section = full.doc.sections[0]
    header = [p.text for p in section.header.paragraphs]
    assert header == ["UNCLASSIFIED // OPEN SOURCE", "Drones briefing"]
    marking = section.header.paragraphs[0]
    assert marking.style.name == "Marking"
    assert marking.style.font.bold is True and marking.style.font.all_caps is True
    footer_xml = full.part("word/footer1.xml")
    instructions = re.findall(r"<w:instrText[^>]*>([^<]*)</w:instrText>", footer_xml)
    assert [i.strip() for i in instructions] == ["PAGE", "NUMPAGES"]
    footer = section.footer.paragraphs[0].text
    assert footer.startswith("As of 2026-11-25\tPage ")
    assert "b0123abcd" not in footer_xml and full.doc.core_properties.identifier == "build b0123abcd"
    assert " of " in footer


def test_no_marking_leaves_only_the_title() -> None:
    rendered = render(make(Paragraph((Text("x"),)), marking=""))
    assert [p.text for p in rendered.doc.sections[0].header.paragraphs] == ["Drones briefing"]


@pytest.mark.parametrize(("paper", "size"), [("a4", (11906, 16838)), ("letter", (12240, 15840))])
def test_paper(paper: str, size: tuple[int, int]) -> None:
    section = render(make(Paragraph((Text("x"),)), paper=paper)).doc.sections[0]
    assert (section.page_width.twips, section.page_height.twips) == size
    assert section.left_margin.cm == pytest.approx(2.0, abs=0.01)


def test_core_properties(full: Rendered) -> None:
    core = full.doc.core_properties
    midnight = dt.datetime(2026, 11, 25, 0, 0, 0, tzinfo=dt.UTC)
    assert core.title == "Drones briefing"
    assert core.author == "analyst desk"
    assert core.last_modified_by == "analyst desk"
    assert core.subject == "Drone transfers"
    assert core.keywords == "Russia; Iran; drones"
    assert core.language == "en-GB"
    assert core.revision == 1
    assert core.created == midnight and core.modified == midnight
    assert core.last_printed is None
    assert core.comments == "" and core.category == ""


def test_no_dates_but_the_as_of_date(full: Rendered) -> None:
    with zipfile.ZipFile(io.BytesIO(full.data)) as package:
        text = "".join(package.read(name).decode() for name in package.namelist()
                       if name.endswith((".xml", ".rels")))
    assert set(re.findall(r"\d{4}-\d{2}-\d{2}", text)) == {"2026-11-25"}
    assert "python-docx" not in text


def test_proofing_language_follows_metadata(full: Rendered) -> None:
    assert '<w:lang w:val="en-GB"' in full.part("word/styles.xml")


# ---------------------------------------------------------------- text is data


def test_markup_like_text_is_kept_verbatim() -> None:
    nasty = "<b>&amp; AT&T </w:t> ]]> \"quoted\" 'single'"
    meta_doc = Document(
        Metadata(nasty, nasty, nasty, (nasty,), "en", "2026-01-02", "b1"),
        Page("a4", nasty),
        (Heading(1, (Text(nasty),), "h"), Paragraph((Strong((Text(nasty),)),)),
         Table((Column(nasty),), (((Text(nasty),),),), caption=nasty),
         NoteList((Note(1, (Text(nasty),), nasty, "note-1"),))),
    )  # fmt: skip
    rendered = render(meta_doc)
    texts = [p.text for p in rendered.paragraphs]
    assert texts[:3] == [nasty, nasty, nasty]
    assert texts[-1] == f"1.\t{nasty}: \u201c{nasty}\u201d"
    assert rendered.doc.tables[0].rows[0].cells[0].text == nasty
    assert rendered.doc.tables[0].rows[1].cells[0].text == nasty
    assert rendered.doc.core_properties.title == nasty
    assert rendered.doc.sections[0].header.paragraphs[0].text == nasty
    assert rendered.warnings == []


def test_tabs_and_newlines_become_tab_and_break() -> None:
    rendered = render(make(Paragraph((Text("a\tb\nc"),))))
    p = rendered.paragraphs[0]
    assert xpath(p._p, "./w:r/w:tab") and xpath(p._p, "./w:r/w:br")
    assert p.text == "a\tb\nc"


def test_characters_xml_cannot_store_are_removed_and_reported() -> None:
    bad = "bell\x07 nul\x00 lone\ud800 surrogate\ufffe"
    writer = DocxWriter()
    data = writer.render(
        make(
            Heading(1, (Text(bad),), "h"),
            Table((Column("col\x01"),), (((Text("cell\x0b"),),),)),
            NoteList((Note(1, (Text("src"),), "quote\x1f", "note-1"),)),
        )
    )
    document: Any = docx.Document(io.BytesIO(data))
    assert document.paragraphs[0].text == "bell nul lone surrogate"
    assert document.tables[0].rows[0].cells[0].text == "col"
    assert len(writer.warnings) == 4
    assert "U+0000, U+0007, U+D800, U+FFFE" in writer.warnings[0]
    assert "heading 'h'" in writer.warnings[0]
    assert any("note 1 quote" in w for w in writer.warnings)
    writer.render(make(Paragraph((Text("clean"),))))
    assert writer.warnings == []


def test_invalid_metadata_characters_are_reported() -> None:
    writer = DocxWriter()
    meta = Metadata("T\x02", "A", "S", ("k\x03",), "en", "2026-11-25", "b")
    data = writer.render(Document(meta, Page(), (Paragraph((Text("x"),)),)))
    assert docx.Document(io.BytesIO(data)).core_properties.title == "T"
    assert [w.split(":")[1].strip() for w in writer.warnings] == ["metadata.title", "metadata.keywords[0]"]


# ---------------------------------------------------------------- figures

FIGURE = Figure(
    width=960.0,
    height=120.0,
    shapes=(Box(0, 0, 100, 20, "Iran", "supplier"), Arrow(100, 10, 200, 10, "delivered")),
    caption="Who supplies what",
    alt="Iran supplies drones to Russia",
)


def tiny_png(figure: Figure) -> bytes:
    """A valid 2x1 PNG, standing in for the raster module."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 2, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" + b"\xff\x00\x00" * 2)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def test_figure_is_an_inline_picture_scaled_to_the_text_width() -> None:
    drawn: list[Figure] = []

    def rasterize(figure: Figure) -> bytes:
        drawn.append(figure)
        return tiny_png(figure)

    writer = DocxWriter(rasterize=rasterize)
    data = writer.render(make(FIGURE, Paragraph((Text("after"),))))
    assert writer.warnings == []
    document: Any = docx.Document(io.BytesIO(data))
    (shape,) = document.inline_shapes
    text_width_emu = (11906 - 2 * 1134) * 635
    assert shape.width == text_width_emu
    assert shape.height == round(text_width_emu * 120 / 960)
    picture, caption = document.paragraphs[:2]
    assert picture.style.name == "Figure"
    assert caption.text == "Who supplies what" and caption.style.name == "Figure Caption"
    assert xpath(picture._p, ".//wp:docPr/@descr") == ["Iran supplies drones to Russia"]
    assert writer.render(make(FIGURE)) == writer.render(make(FIGURE))
    assert drawn == [FIGURE]  # drawn once, then cached


def test_every_picture_has_its_own_drawing_id() -> None:
    writer = DocxWriter(rasterize=tiny_png)
    second = Figure(FIGURE.width, FIGURE.height, FIGURE.shapes, "Timeline", "Events by month")
    for _ in range(2):  # ids restart with each document
        document: Any = docx.Document(io.BytesIO(writer.render(make(FIGURE, second))))
        assert xpath(document.element.body, ".//wp:docPr/@id") == ["1", "2"]


def test_figure_that_cannot_be_drawn_is_described_and_reported() -> None:
    def broken(figure: Figure) -> bytes:
        raise ModuleNotFoundError("No module named 'font_source_sans_pro'")

    writer = DocxWriter(rasterize=broken)
    document: Any = docx.Document(io.BytesIO(writer.render(make(FIGURE))))
    assert [p.text for p in document.paragraphs] == ["Iran supplies drones to Russia", "Who supplies what"]
    assert not document.inline_shapes
    assert len(writer.warnings) == 1 and "font_source_sans_pro" in writer.warnings[0]


def test_one_page_documents_use_smaller_type() -> None:
    def size(document: Document, style: str) -> float:
        return float(render(document).doc.styles[style].font.size.pt)

    body = Paragraph((Text("x"),))
    normal = Document(META, Page(), (body,))
    tight = Document(META, Page(one_page=True), (body,))
    assert size(normal, "Normal") == 10.5
    assert size(tight, "Normal") == 9.0
    assert size(tight, "Table Text") < size(normal, "Table Text")


# ---------------------------------------------------------------- errors


@dataclass(frozen=True)
class Strange:
    children: Inlines = ()


def test_unknown_block_raises_type_error() -> None:
    with pytest.raises(TypeError, match="Strange"):
        DocxWriter().render(make(Strange()))  # type: ignore[arg-type]


def test_unknown_inline_raises_type_error() -> None:
    with pytest.raises(TypeError, match="Strange"):
        DocxWriter().render(make(Paragraph((Strange(),))))  # type: ignore[arg-type]


def test_unknown_paragraph_style_and_paper_raise() -> None:
    with pytest.raises(ValueError, match="'poster'"):
        DocxWriter().render(make(Paragraph((Text("x"),), "poster")))
    with pytest.raises(ValueError, match="'a3'"):
        DocxWriter().render(make(Paragraph((Text("x"),)), paper="a3"))


def test_writer_attributes() -> None:
    writer = DocxWriter()
    assert (writer.name, writer.extension, writer.warnings) == ("docx", ".docx", [])
