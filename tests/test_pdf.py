"""Print quality of the PDF: fonts, outline, metadata, links, paper, one page, a page that is not blank."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from factsheet.cli import main
from tests.conftest import SEED_FACTS, require_tool
from tests.readback import pdf_text

STEM = "russia-drones-2022"


def build(workspace: Path, *args: str) -> CliRunner:
    runner = CliRunner()
    result = runner.invoke(main, ["build", "--root", str(workspace), "--format", "pdf", *args])
    assert result.exit_code == 0, result.output
    return runner


def embedded_fonts(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                names.add(str(font["/BaseFont"]))
    return names


def test_fonts_are_embedded_subsets_of_one_family(workspace: Path) -> None:
    build(workspace, "--template", "briefing")
    reader = PdfReader(str(workspace / "out" / f"{STEM}-briefing.pdf"))
    fonts = embedded_fonts(reader)
    # Subset fonts carry a six-letter tag: "ABCDEF+Name".
    assert fonts and all("+" in name for name in fonts)
    faces = {name.split("+", 1)[1] for name in fonts}
    assert {"SourceSansPro-Regular", "SourceSansPro-Bold", "SourceSansPro-It"} <= faces


def test_outline_metadata_and_citation_links(workspace: Path) -> None:
    build(workspace, "--template", "briefing")
    reader = PdfReader(str(workspace / "out" / f"{STEM}-briefing.pdf"))
    # Nested by heading level: the title at the top, its sections under it, the bottom line first.
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    assert top == ["Russia turns to North Korea and Iran for munitions and drones"]
    sections = [item.title for item in reader.outline[1] if not isinstance(item, list)]
    assert sections[:3] == ["Bottom line", "Key judgments", "Key points"]
    assert "Source notes" in sections
    assert str(reader.trailer["/Root"]["/PageMode"]) == "/UseOutlines"
    info = reader.metadata
    assert info is not None
    assert info.title == "Russia turns to North Korea and Iran for munitions and drones"
    assert info.author and info.subject and "Black Hornet" in str(info.get("/Keywords"))
    assert str(reader.trailer["/Root"].get("/Lang")) == "en-GB"
    links = [
        annot.get_object() for annot in reader.pages[0].get("/Annots", []) if annot.get_object()["/Subtype"] == "/Link"
    ]
    assert links, "citation markers should link to their notes"
    assert all("/Dest" in link or "/A" in link for link in links)
    text = pdf_text(workspace / "out" / f"{STEM}-briefing.pdf")
    assert "Page 1 of" in text and "UNCLASSIFIED // OPEN SOURCE" in text and "As of 25 Nov 2026" in text


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_one_pager_fits_one_page_on_both_papers(workspace: Path, paper: str) -> None:
    build(workspace, "--template", "one-pager", "--paper", paper)
    reader = PdfReader(str(workspace / "out" / f"{STEM}-one-pager.pdf"))
    assert len(reader.pages) == 1
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == ((595, 842) if paper == "a4" else (612, 792))


def test_too_long_for_one_page_says_what_it_shortened(workspace: Path) -> None:
    facts = workspace / "seeds" / SEED_FACTS
    text = facts.read_text(encoding="utf-8")
    extra = "".join(
        f"  - id: gap-extra-{i}\n    text: Unknown detail number {i} about the shipments and their routes.\n"
        "    cites: [{source: techtimes, text: or size of the shipments}]\n"
        for i in range(25)
    )
    facts.write_text(text + extra, encoding="utf-8")
    build(workspace, "--template", "one-pager")
    pdf = workspace / "out" / f"{STEM}-one-pager.pdf"
    assert len(PdfReader(str(pdf)).pages) == 1
    text = pdf_text(pdf)
    assert "Shortened to fit one page: " in text
    assert re.search(r"Not known \((\d+ of 28 shown|left out)\)", text)
    # The long section was cut, never the bottom line, and judgments never to none; the type was not
    # shrunk. Items are given back where they fit once the page fits (a judgment's row is taller than a gap).
    assert "Bottom line (" not in text and "Key judgments (left out)" not in text and "Likely (55-80%)" in text


def test_greek_cyrillic_and_diacritics_render(workspace: Path) -> None:
    facts = workspace / "seeds" / SEED_FACTS
    text = facts.read_text(encoding="utf-8")
    text = text.replace("    name: Ukraine\n", "    name: Україна (Ukraine) — Ελλάδα test, Łódź\n", 1)
    facts.write_text(text, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["build", "--root", str(workspace), "--format", "pdf", "--template", "briefing"])
    assert result.exit_code == 0, result.output
    assert "cannot draw" not in result.output
    assert "Україна (Ukraine) — Ελλάδα test, Łódź" in pdf_text(workspace / "out" / f"{STEM}-briefing.pdf")


def test_undrawable_characters_are_reported_by_fact_and_field(workspace: Path) -> None:
    facts = workspace / "seeds" / SEED_FACTS
    text = facts.read_text(encoding="utf-8")
    text = text.replace("    role: think tank\n", "    role: think tank 智库\n", 1)
    facts.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--root", str(workspace), "--format", "pdf"])
    assert result.exit_code == 0
    warning = next(line for line in result.output.splitlines() if "cannot draw" in line)
    assert f"{SEED_FACTS}:" in warning and ": warning: actors.16.role: no shipped font (Source Sans Pro, " in warning
    assert "U+667A CJK UNIFIED IDEOGRAPH-667A" in warning


def test_first_page_is_not_blank(workspace: Path, tmp_path: Path) -> None:
    pdftoppm = require_tool("pdftoppm")
    from PIL import Image

    build(workspace)
    for template in ("briefing", "one-pager"):
        prefix = tmp_path / template
        subprocess.run([pdftoppm, "-png", "-r", "40", "-f", "1", "-l", "1", "-singlefile",
                        str(workspace / "out" / f"{STEM}-{template}.pdf"), str(prefix)], check=True)
        image = Image.open(f"{prefix}.png").convert("L")
        dark = sum(1 for value in image.get_flattened_data() if value < 128)
        assert dark / (image.width * image.height) > 0.02, f"{template}: page 1 looks blank"


def test_embedded_subsets_carry_no_hinting(workspace: Path) -> None:
    import struct

    build(workspace, "--template", "briefing")
    reader = PdfReader(str(workspace / "out" / f"{STEM}-briefing.pdf"))
    files = []
    for page in reader.pages:
        for ref in page["/Resources"].get_object().get("/Font", {}).values():
            descriptor = ref.get_object().get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                files.append(descriptor.get_object()["/FontFile2"].get_object().get_data())
    assert files
    for data in files:
        count = struct.unpack(">H", data[4:6])[0]
        tags = {data[12 + 16 * i : 16 + 16 * i] for i in range(count)}
        assert {b"glyf", b"loca", b"head", b"hmtx", b"cmap"} <= tags
        assert not tags & {b"fpgm", b"prep", b"cvt "}


def test_remembered_subsets_and_deflates_give_the_bytes_made_afresh(workspace: Path) -> None:
    # Font subsets and their compressed streams are remembered across documents (slimfont); the
    # bytes must be those ReportLab makes without the memory.
    from reportlab.pdfbase import pdfdoc
    from reportlab.pdfbase.pdfmetrics import getFont

    from factsheet.compose.template import load_template
    from factsheet.facts.load import load_facts
    from factsheet.fonts import FAMILY
    from factsheet.render import History, compose_fitted, render
    from factsheet.workspace import Workspace
    from factsheet.writers.pdf import slimfont
    from factsheet.writers.pdf.styles import BOLD, REGULAR

    space = Workspace.open(workspace, workspace / "out")
    facts = load_facts(space.facts_files()[0], space, check_quotes=False)
    document, _ = compose_fitted(facts, load_template(space.template_path("briefing"), "briefing"), frozenset(),
                                 History())
    warm = render("pdf", document).data
    faces = [getFont(name).face for name in (REGULAR, BOLD)]
    assert all(face.factsheet_subsets for face in faces), FAMILY
    for face in faces:
        for subset, font in face.factsheet_subsets.items():
            assert font == slimfont.slim(face.factsheet_make_subset(list(subset)))
        face.factsheet_subsets.clear()
    for data, packed in slimfont.SHARED_FLATE.known.items():
        assert packed == pdfdoc.PDFZCompress.encode(data)
    slimfont.SHARED_FLATE.known.clear()
    widths = [0, 500, 250.5, 1000] * 30
    assert slimfont._widths_array()(widths).format(None) == pdfdoc.PDFArray(widths).format(None)
    assert render("pdf", document).data == warm  # made afresh
    assert render("pdf", document).data == warm  # remembered


def test_a_rendered_briefing_is_freed_without_the_cyclic_collector(workspace: Path) -> None:
    # No reference cycle is left when the writer returns, so reference counting frees the document (its
    # canvas, structure tree and PDF objects) at once: the collector would scan thousands of objects.
    import gc

    from factsheet.compose.template import load_template
    from factsheet.facts.load import load_facts
    from factsheet.render import History, compose_fitted, render
    from factsheet.workspace import Workspace

    space = Workspace.open(workspace, workspace / "out")
    facts = load_facts(space.facts_files()[0], space, check_quotes=False)
    document, _ = compose_fitted(facts, load_template(space.template_path("briefing"), "briefing"), frozenset(),
                                 History())
    render("pdf", document)  # warm: fonts, caches
    gc.collect()
    gc.disable()
    try:
        rendition = render("pdf", document)
        assert rendition.pages and rendition.pages > 1 and len(rendition.data) > 10_000
        del rendition
        assert gc.collect() == 0
    finally:
        gc.enable()
