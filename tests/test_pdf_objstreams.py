"""Object streams and a cross-reference stream (factsheet/writers/pdf/objstreams.py).

The compact file must hold the same PDF as ReportLab's plain writing: both are
rendered from one composed briefing and read back with pikepdf, pypdf and qpdf.
"""

from __future__ import annotations

import io
import re
import subprocess
from functools import cache
from typing import Any

import pikepdf
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from factsheet.writers import pdf as pdf_writer
from factsheet.writers.pdf import objstreams
from tests import pdfcheck
from tests.conftest import require_tool
from tests.test_accessibility import composed


@cache
def both(template: str) -> tuple[bytes, bytes]:
    """The seed's `template` rendered plain (as ReportLab writes it) and compact."""
    document = composed(template)
    return (pdf_writer.render(document, object_streams=False).data,
            pdf_writer.render(document, object_streams=True).data)


def _destination(pdf: pikepdf.Pdf, destination: Any) -> tuple[Any, ...]:
    """A destination array with its page as a page number."""
    page = destination[0]
    return (pdf.pages.index(pdf.pages.from_objgen(page.objgen)) if isinstance(page, pikepdf.Dictionary) else page,
            *(str(item) for item in destination[1:]))


def content(data: bytes) -> dict[str, Any]:
    """What a reader sees in the file: pages, structure roles, text, links, outline, metadata."""
    text = [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
    with pikepdf.open(io.BytesIO(data)) as pdf:
        links = []
        for number, page in enumerate(pdf.pages):
            for annotation in page.get("/Annots", []):
                target = (_destination(pdf, annotation.Dest) if "/Dest" in annotation
                          else str(annotation.A.URI))
                links.append((number, [float(x) for x in annotation.Rect], target, str(annotation.get("/Contents"))))
        with pdf.open_outline() as outline:
            entries: list[tuple[int, str, tuple[Any, ...]]] = []

            def visit(items: list[Any], level: int) -> None:
                for item in items:
                    entries.append((level, item.title, _destination(pdf, item.destination)))
                    visit(item.children, level + 1)

            visit(outline.root, 0)
        return {
            "pages": len(pdf.pages),
            "roles": [str(element.S) for element, _ in pdfcheck.walk(pdf.Root.StructTreeRoot)],
            "text": text,
            "links": links,
            "outline": entries,
            "info": {str(key): str(value) for key, value in pdf.docinfo.items()},
            "xmp": pdf.Root.Metadata.read_bytes(),
            "catalog": sorted(str(key) for key in pdf.Root),
            "id": bytes(pdf.trailer.ID[0]),
        }


@pytest.mark.parametrize("template", ["briefing", "one-pager"])
def test_compact_file_has_the_same_content_as_reportlabs(template: str) -> None:
    plain, compact = both(template)
    seen = content(compact)
    assert seen == content(plain)
    assert seen["pages"] >= 1 and len(seen["roles"]) > 50 and seen["links"] and seen["outline"]
    assert len(compact) < 0.8 * len(plain)


def test_every_object_keeps_its_number_and_bytes() -> None:
    plain, compact = both("briefing")
    with pikepdf.open(io.BytesIO(plain)) as before, pikepdf.open(io.BytesIO(compact)) as after:
        count = len(before.objects)
        assert count > 300
        for number in range(1, count):
            old, new = before.get_object(number, 0), after.get_object(number, 0)
            assert new.unparse() == old.unparse(), number
            if isinstance(old, pikepdf.Stream):
                assert new.read_raw_bytes() == old.read_raw_bytes(), number


def _xref(data: bytes, tmp_path: Any) -> dict[int, str]:
    """qpdf's view of every cross-reference entry: object number -> 'compressed' or 'uncompressed'."""
    qpdf = require_tool("qpdf")
    path = tmp_path / "compact.pdf"
    path.write_bytes(data)
    check = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0 and "No syntax or stream encoding errors" in check.stdout, check.stdout + check.stderr
    listing = subprocess.run([qpdf, "--show-xref", str(path)], capture_output=True, text=True, check=True).stdout
    return {int(number): kind for number, kind in re.findall(r"^(\d+)/0: (\w+)", listing, re.M)}


def test_streams_the_catalog_and_info_stay_top_level_and_the_rest_is_packed(tmp_path: Any) -> None:
    _, compact = both("briefing")
    entries = _xref(compact, tmp_path)
    assert compact.startswith(b"%PDF-1.7\n%\x93\x8c\x8b\x9e")  # PDF/A: a binary comment right after the header
    assert b"\nxref\n" not in compact and b"\ntrailer\n" not in compact
    with pikepdf.open(io.BytesIO(compact)) as pdf:
        assert pdf.trailer.Type == "/XRef" and "/Encrypt" not in pdf.trailer
        top_level = {pdf.Root.objgen[0], pdf.trailer.Info.objgen[0], pdf.Root.Metadata.objgen[0]}
        for number, kind in entries.items():
            obj = pdf.get_object(number, 0)
            if isinstance(obj, pikepdf.Stream) or number in top_level:
                assert kind == "uncompressed", number
            else:
                assert kind == "compressed", (number, obj.unparse()[:60])
    assert sum(kind == "compressed" for kind in entries.values()) > 300


def test_compact_output_is_reproducible() -> None:
    document = composed("briefing")
    assert pdf_writer.render(document).data == both("briefing")[1]


@given(st.integers(1, 8).flatmap(lambda width: st.tuples(
    st.just(width), st.lists(st.binary(min_size=width, max_size=width), min_size=1, max_size=40))))
def test_up_predictor_is_the_png_up_filter(case: tuple[int, list[bytes]]) -> None:
    width, rows = case
    expected, above = b"", bytes(width)
    for row in rows:
        expected += b"\x02" + bytes((a - b) % 256 for a, b in zip(row, above, strict=True))
        above = row
    assert objstreams.up_predicted(b"".join(rows), width) == expected


def test_an_encrypted_document_is_written_by_reportlab_itself() -> None:
    buffer = io.BytesIO()
    canvas = objstreams.compact(Canvas)(buffer, encrypt="secret", invariant=1)
    canvas.drawString(72, 720, "hidden")
    canvas.save()
    data = buffer.getvalue()
    assert b"\nxref\n" in data and b"/ObjStm" not in data
    with pikepdf.open(io.BytesIO(data), password="secret") as pdf:
        assert pdf.is_encrypted and len(pdf.pages) == 1


@given(st.text(max_size=20))
def test_remembered_pdf_names_are_reportlabs_own(name: str) -> None:
    from reportlab.pdfbase import pdfdoc

    objstreams.remember_names()  # a second call must not wrap the wrapper
    original = pdfdoc.PDFName.__wrapped__
    assert not hasattr(original, "__wrapped__")
    assert pdfdoc.PDFName(name) == original(name)
    assert pdfdoc.PDFName(name) == original(name)  # remembered, still the same
    assert original("A#(b) c") == "/A#23#28b#29#20c"


@given(st.text(max_size=20) | st.text(st.characters(max_codepoint=127), max_size=20) | st.binary(max_size=8))
def test_pdfdoc_encoding_of_ascii_is_reportlabs_own(value: str | bytes) -> None:
    from reportlab.pdfbase import pdfdoc

    original = pdfdoc.pdfdocEnc.__wrapped__
    try:
        expected: bytes | type[Exception] = original(value)
    except UnicodeEncodeError:
        expected = UnicodeEncodeError
    if expected is UnicodeEncodeError:
        with pytest.raises(UnicodeEncodeError):
            pdfdoc.pdfdocEnc(value)
    else:
        assert pdfdoc.pdfdocEnc(value) == expected
    with pytest.raises(UnicodeEncodeError):  # not every ASCII character is its own byte: this one has none
        pdfdoc.pdfdocEnc("\x18")
