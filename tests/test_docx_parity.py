"""Word parity: the DOCX opens in LibreOffice, converts to PDF, and runs to about as many pages as the PDF."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from tests.conftest import require_tool
from tests.readback import pdf_text

STEM = "russia-drones-2022"


@pytest.mark.parametrize("template", ["briefing", "one-pager"])
def test_docx_converts_with_libreoffice(built: Path, tmp_path: Path, template: str) -> None:
    soffice = require_tool("soffice")
    docx = built / "out" / f"{STEM}-{template}.docx"
    result = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(docx)],
        capture_output=True, text=True, timeout=180,
    )
    converted = tmp_path / f"{STEM}-{template}.pdf"
    assert result.returncode == 0 and converted.exists(), result.stdout + result.stderr
    ours = len(PdfReader(str(built / "out" / f"{STEM}-{template}.pdf")).pages)
    theirs = len(PdfReader(str(converted)).pages)
    assert abs(theirs - ours) <= 1, f"LibreOffice: {theirs} pages, ReportLab: {ours}"
    text = pdf_text(converted)
    assert "Mohajer-6" in text and "Page 1 of" in text


def test_docx_has_figures_header_footer_and_properties(built: Path) -> None:
    document = Document(str(built / "out" / f"{STEM}-briefing.docx"))
    # The supply network and the timeline, as vector drawings with their alternative text.
    drawings = document.element.body.xpath(".//w:drawing/wp:inline/wp:docPr")
    assert [d.get("descr").split(". ")[0] for d in drawings] == ["Supply network", "Timeline"]
    assert drawings[0].get("descr").startswith("Supply network. North Korea to Russia")
    assert not [r for r in document.part.rels.values() if r.reltype.endswith("/image")]
    props = document.core_properties
    assert props.title == "Russia turns to North Korea and Iran for munitions and drones"
    assert props.created is not None and props.created.date().isoformat() == "2026-11-25"
    assert props.modified == props.created
    header = " ".join(p.text for p in document.sections[0].header.paragraphs)
    assert "UNCLASSIFIED // OPEN SOURCE" in header.upper()
    footer_xml = document.sections[0].footer._element.xml
    assert "NUMPAGES" in footer_xml and "PAGE" in footer_xml
