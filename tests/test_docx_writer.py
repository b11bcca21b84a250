"""The Word writer: hand-built document trees, read back with python-docx."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from factsheet.document.nodes import (
    FLAG,
    Arrow,
    Block,
    Box,
    BulletList,
    Cite,
    Column,
    Div,
    Document,
    Dot,
    Emph,
    Figure,
    Heading,
    Inlines,
    Label,
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
from factsheet.errors import InputError
from factsheet.writers import WRITERS, look
from factsheet.writers import render as render_writer
from factsheet.writers.docx import render as render_docx
from factsheet.writers.docx.make_reference import build_reference
from factsheet.writers.docx.package import (
    open_reference,
    package_bytes,
    pristine_blob,
    reference_bytes,
    reference_document,
    reproducible_zip,
    reproducible_zip_reference,
    zip_members,
)

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
    result = render_docx(document)
    return Rendered(result.data, docx.Document(io.BytesIO(result.data)), list(result.warnings))


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
            BulletList(((Text("First point"), Cite((1, 2))), (Text("Second point"), Cite((2,))))),
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
                    ((Strong((Text("Shahed"),)),), (Text("strike"), Cite((1,)))),
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


def test_hand_written_zip_equals_zipfiles(full: Rendered) -> None:
    # The writer's own zip (shared members deflated once per process) against the standard library's.
    members = zip_members(full.data)
    assert reproducible_zip(members) == reproducible_zip_reference(members)
    assert reproducible_zip(members) == full.data  # the second time from the remembered deflates
    odd = {"z.odttf": bytes(range(256)) * 40, "a/b.xml": b"", "\u00e9t\u00e9.xml": b"<x/>" * 3000,
           "[Content_Types].xml": b"<Types/>", "word/styles.xml": b"s" * 10}
    assert reproducible_zip(odd) == reproducible_zip_reference(odd)
    with zipfile.ZipFile(io.BytesIO(reproducible_zip(odd))) as package:
        assert package.testzip() is None
        assert {info.filename: package.read(info) for info in package.infolist()} == odd


def test_reference_copies_equal_the_reference_opened_afresh() -> None:
    # The writer fills a new package of the reference parsed once; a copy must be the package python-docx
    # opens from the bytes, and filling one copy must leave the next untouched.
    fresh = package_bytes(open_reference().part.package)
    first = reference_document()
    assert package_bytes(first.part.package) == fresh
    first.add_paragraph("changed")
    first.core_properties.title = "changed"
    first.styles.element.find(qn("w:docDefaults")).clear()
    first.part.package.parts[-1].element.clear()
    assert package_bytes(reference_document().part.package) == fresh
    # Parts given as bytes are saved as those bytes, in place of the parsed part.
    pristine = {name: pristine_blob(name) for name in ("/word/styles.xml", "/word/numbering.xml")}
    assert package_bytes(reference_document(pristine).part.package) == fresh
    assert render_docx(FULL).data == render_docx(FULL).data


def test_same_tree_renders_identical_bytes() -> None:
    first = render_docx(FULL).data
    assert render_docx(FULL).data == first
    assert render_docx(FULL).data == first


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
    assert normal.font.size.pt == look.BRIEFING.body
    assert reference.styles["Source Quote"].font.italic is None  # quotes are roman in every format
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
    rendered = render(make(Paragraph((Text("claim"), Span((Text(" [stale]"),), ("stale", FLAG)),
                                      Span((Text(" [draft]"),), ("draft", FLAG)),
                                      Span((Text(" plain"),), ("attribution",))))))  # fmt: skip
    runs = rendered.paragraphs[0].runs
    assert [r.style.name for r in runs] == ["Default Paragraph Font", "Flag", "Flag", "Default Paragraph Font"]
    flag = rendered.doc.styles["Flag"].font
    assert flag.bold is True
    assert str(flag.color.rgb) == look.ALERT.lstrip("#").upper()


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
    last = xpath(first, "./w:r")[-1]  # the quote is roman, in the paragraph's own font
    assert not xpath(last, "./w:rPr/w:i") and not xpath(last, "./w:rPr/w:rStyle")
    anchors = set(xpath(full.doc.element.body, ".//w:hyperlink/@w:anchor"))
    names = set(xpath(full.doc.element.body, ".//w:bookmarkStart/@w:name")) | set(
        xpath(footnotes, ".//w:bookmarkStart/@w:name"))
    assert anchors <= names


def test_citation_without_note_is_reported() -> None:
    rendered = render(make(Paragraph((Text("x"), Cite((7,))))))
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
    assert cell_paragraph.style.font.size.pt == look.BRIEFING.table
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
    assert footer.startswith("As of 25 Nov 2026\tUNCLASSIFIED // OPEN SOURCE\tPage ")
    assert "b0123abcd" not in footer_xml and full.doc.core_properties.identifier == "build b0123abcd"
    assert " of " in footer
    first_page = [p.text for p in section.first_page_header.paragraphs]
    assert first_page == ["UNCLASSIFIED // OPEN SOURCE"]  # the title is right below on page 1
    assert section.first_page_footer.paragraphs[0].text == footer


def test_no_marking_leaves_only_the_title() -> None:
    rendered = render(make(Paragraph((Text("x"),)), marking=""))
    assert [p.text for p in rendered.doc.sections[0].header.paragraphs] == ["Drones briefing"]


@pytest.mark.parametrize(("paper", "size"), [("a4", (11906, 16838)), ("letter", (12240, 15840))])
def test_paper(paper: str, size: tuple[int, int]) -> None:
    section = render(make(Paragraph((Text("x"),)), paper=paper)).doc.sections[0]
    assert (section.page_width.twips, section.page_height.twips) == size
    assert section.left_margin.pt == pytest.approx(look.MARGINS.left, abs=0.05)


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
    footer = rendered.doc.sections[0].footer.paragraphs[0].text
    assert f"\t{nasty}\tPage" in footer  # stored as typed; the marking style shows it in capitals


def test_tabs_and_newlines_become_tab_and_break() -> None:
    rendered = render(make(Paragraph((Text("a\tb\nc"),))))
    p = rendered.paragraphs[0]
    assert xpath(p._p, "./w:r/w:tab") and xpath(p._p, "./w:r/w:br")
    assert p.text == "a\tb\nc"


def test_characters_xml_cannot_store_are_removed_and_reported() -> None:
    bad = "bell\x07 nul\x00 lone\ud800 surrogate\ufffe"
    result = render_docx(
        make(
            Heading(1, (Text(bad),), "h"),
            Table((Column("col\x01"),), (((Text("cell\x0b"),),),)),
            NoteList((Note(1, (Text("src"),), "quote\x1f", "note-1"),)),
        )
    )
    warnings = list(result.warnings)
    document: Any = docx.Document(io.BytesIO(result.data))
    assert document.paragraphs[0].text == "bell nul lone surrogate"
    assert document.tables[0].rows[0].cells[0].text == "col"
    assert len(warnings) == 4
    assert "U+0000, U+0007, U+D800, U+FFFE" in warnings[0]
    assert "heading 'h'" in warnings[0]
    assert any("note 1 quote" in w for w in warnings)
    assert render_docx(make(Paragraph((Text("clean"),)))).warnings == ()


def test_invalid_metadata_characters_are_reported() -> None:
    meta = Metadata("T\x02", "A", "S", ("k\x03",), "en", "2026-11-25", "b")
    result = render_docx(Document(meta, Page(), (Paragraph((Text("x"),)),)))
    warnings = result.warnings
    assert docx.Document(io.BytesIO(result.data)).core_properties.title == "T"
    assert [w.split(":")[1].strip() for w in warnings] == ["metadata.title", "metadata.keywords[0]"]


# ---------------------------------------------------------------- figures

FIGURE = Figure(
    width=960.0,
    height=120.0,
    shapes=(Box(0, 0, 100, 20, "Iran", "supplier"), Arrow(100, 10, 200, 10, "delivered")),
    caption="Who supplies what",
    alt="Iran supplies drones to Russia",
)


A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
WPS = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}"


def drawings(document: Any) -> list[Any]:
    return xpath(document.element.body, ".//w:drawing/wp:inline")


def test_figure_is_a_vector_drawing_scaled_to_the_text_width() -> None:
    labelled = Figure(FIGURE.width, FIGURE.height,
                      (*FIGURE.shapes, Label(210, 14, "Russia", 7.5, "start", "box"), Dot(300, 10, 3)),
                      FIGURE.caption, FIGURE.alt)
    result = render_docx(make(labelled, Paragraph((Text("after"),))))
    assert result.warnings == ()
    document: Any = docx.Document(io.BytesIO(result.data))
    (inline,) = drawings(document)
    text_width_emu = round(look.text_width("a4") * 20) * 635
    extent = inline.find(qn("wp:extent"))
    assert int(extent.get("cx")) == pytest.approx(text_width_emu, abs=2)
    assert int(extent.get("cy")) == pytest.approx(text_width_emu * 120 / 960, abs=2)
    shapes = inline.findall(f".//{WPS}wsp")
    assert len(shapes) == len(labelled.shapes)  # one vector shape per figure shape, no picture
    assert not [r for r in document.part.rels.values() if r.reltype.endswith("/image")]
    geometry = [s.find(f".//{A}prstGeom").get("prst") for s in shapes]
    assert geometry == ["roundRect", "line", "rect", "ellipse"]
    line = shapes[1].find(f".//{A}ln")
    assert line.find(f"{A}tailEnd").get("type") == "triangle"
    assert line.find(f"{A}solidFill/{A}srgbClr").get("val") == look.STATUS_LOOK["delivered"][0][1:].upper()
    texts = ["".join(t.text for t in shape.iter(qn("w:t"))) for shape in shapes]
    assert texts == ["Iran", "", "Russia", ""]  # real text, not pixels
    for shape in shapes:  # nothing outside the drawing, so nothing is clipped
        off, ext = shape.find(f".//{A}off"), shape.find(f".//{A}ext")
        assert int(off.get("x")) >= 0 and int(off.get("x")) + int(ext.get("cx")) <= int(extent.get("cx")) + 1
        assert int(off.get("y")) >= 0 and int(off.get("y")) + int(ext.get("cy")) <= int(extent.get("cy")) + 1
    picture, caption = document.paragraphs[:2]
    assert picture.style.name == "Figure"
    assert caption.text == "Who supplies what" and caption.style.name == "Figure Caption"
    assert xpath(picture._p, ".//wp:docPr/@descr") == ["Iran supplies drones to Russia"]
    assert xpath(picture._p, ".//wp:docPr/@title") == ["Who supplies what"]


def test_dashes_follow_the_status() -> None:
    figure = Figure(200, 40, tuple(Arrow(0, 5 + 5 * i, 100, 5 + 5 * i, s) for i, s in enumerate(look.STATUS_LOOK)),
                    "statuses")
    document: Any = docx.Document(io.BytesIO(render_docx(make(figure)).data))
    patterns = [tuple(ds.get("d") for ds in shape.findall(f".//{A}ds"))
                for shape in drawings(document)[0].findall(f".//{WPS}wsp")]
    assert len(set(patterns)) == len(look.STATUS_LOOK)  # solid for one, a different dash for each other


def test_every_drawing_has_its_own_id() -> None:
    second = Figure(FIGURE.width, FIGURE.height, FIGURE.shapes, "Timeline", "Events by month")
    for _ in range(2):  # ids restart with each document
        document: Any = docx.Document(io.BytesIO(render_docx(make(FIGURE, second)).data))
        assert xpath(document.element.body, ".//wp:docPr/@id") == ["1", "2"]


def test_one_page_documents_use_smaller_type() -> None:
    def size(document: Document, style: str) -> float:
        return float(render(document).doc.styles[style].font.size.pt)

    body = Paragraph((Text("x"),))
    normal = Document(META, Page(), (body,))
    tight = Document(META, Page(one_page=True), (body,))
    assert size(normal, "Normal") == look.BRIEFING.body
    assert size(tight, "Normal") == look.ONE_PAGE.body >= 8.5
    assert size(tight, "Table Text") == look.ONE_PAGE.table >= 8
    assert size(tight, "Note") == look.ONE_PAGE.note >= 8


# ---------------------------------------------------------------- errors


@dataclass(frozen=True)
class Strange:
    children: Inlines = ()


def test_unknown_block_raises_type_error() -> None:
    with pytest.raises(TypeError, match="Strange"):
        render_docx(make(Strange()))  # type: ignore[arg-type]


def test_unknown_inline_raises_type_error() -> None:
    with pytest.raises(TypeError, match="Strange"):
        render_docx(make(Paragraph((Strange(),))))  # type: ignore[arg-type]


def test_unknown_paragraph_style_and_paper_raise() -> None:
    with pytest.raises(ValueError, match="'poster'"):
        render_docx(make(Paragraph((Text("x"),), "poster")))
    with pytest.raises(InputError, match="unknown paper 'a3'"):
        render_docx(make(Paragraph((Text("x"),)), paper="a3"))

MIME_DOCX = "vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_registry_names_the_writer_its_files_and_their_type() -> None:
    info = WRITERS["docx"]
    assert (info.extension, info.mime) == (".docx", ("application", MIME_DOCX))
    assert render_writer("docx", make(Paragraph((Text("x"),)))).data == render_docx(make(Paragraph((Text("x"),)))).data


def test_a_tall_figure_is_scaled_to_the_page_as_in_the_pdf() -> None:
    tall = Figure(480.0, 2000.0, FIGURE.shapes, "Tall", "A tall figure")
    document: Any = docx.Document(io.BytesIO(render_docx(make(tall)).data))
    extent = drawings(document)[0].find(qn("wp:extent"))
    text_height = look.PAPER["a4"][1] - look.MARGINS.top - look.MARGINS.bottom
    assert int(extent.get("cy")) / 12700 == pytest.approx(text_height * 0.8, abs=1)
    assert int(extent.get("cx")) / int(extent.get("cy")) == pytest.approx(480 / 2000, rel=0.01)
