"""The ReportLab internals the PDF writer relies on (pyproject caps ReportLab's version; this says why).

ReportLab has no tagging, no PDF/A and no per-subset font tags, so the writer
reaches into its canvas, document and TrueType objects. If an upgrade moves
any of these, this file fails first and names what moved.
"""

from __future__ import annotations

import inspect
import io

import pytest
from reportlab.pdfbase import pdfdoc, ttfonts
from reportlab.pdfgen.canvas import Canvas

from factsheet.fonts import reportlab_font


def test_canvas_internals_used_for_marked_content_links_and_deferred_pages() -> None:
    canvas = Canvas(None)
    for name in ("_code", "_doc", "_annotationrefs", "_pageNumber", "_pagesize"):
        assert hasattr(canvas, name), name
    for name in ("_escape", "_absRect", "_bookmarkReference", "_addAnnotation", "_startPage", "getPageNumber"):
        assert callable(getattr(canvas, name, None)), name
    assert isinstance(canvas._code, list)
    # pdf.render empties the template's namespace (only its doc* flowables read it) to break its cycle.
    from reportlab.platypus import BaseDocTemplate

    template = BaseDocTemplate(io.BytesIO())
    assert template._nameSpace == {"doc": template}
    # tagging._on_page stands for _absRect(rect, 1) where the transform is the identity.
    assert canvas._currentMatrix == (1, 0, 0, 1, 0, 0) and not canvas._getCmShift()
    assert canvas._absRect((3.5, -2.25, 10.0, 7.0), 1) == (3.5, -2.25, 10.0, 7.0)
    # Pages are named Page1, Page2, ... (structure elements refer to them by name).
    assert inspect.getsource(pdfdoc.PDFDocument.thisPageName).count('"Page"') == 1


def test_document_internals_used_for_the_structure_tree_and_identification() -> None:
    document = pdfdoc.PDFDocument()
    assert isinstance(document.Pages.pages, list)
    assert {"StructTreeRoot", "MarkInfo", "Metadata", "ViewerPreferences", "PageMode"} <= set(
        pdfdoc.PDFCatalog.__NoDefault__) | set(pdfdoc.PDFCatalog.__Defaults__)
    assert "Trans" in pdfdoc.PDFPage.__NoDefault__
    assert isinstance(document._pdfVersion, tuple)
    assert isinstance(document.info, pdfdoc.PDFInfo)
    assert "BasicFonts" in document.idToObject
    assert pdfdoc.LinkAnnotation.__init__.__code__.co_varnames[1:4] == ("Rect", "Contents", "Destination")


def test_truetype_internals_used_for_distinct_subset_tags() -> None:
    font = reportlab_font("regular")
    for name in ("state", "_asciiReadable", "getSubsetInternalName", "fontName"):
        assert hasattr(font, name), name
    for name in ("addSubsetObjects", "getCharWidth", "makeSubset", "name", "subfontNameX", "charToGlyph"):
        assert hasattr(font.face, name), name
    assert hasattr(ttfonts.TTFont, "State") and callable(ttfonts.makeToUnicodeCMap)
    # The reason for distinct_subset_tags: ReportLab names the first subset of every font alike.
    assert ttfonts.SUBSETN(0) == b"AAAAAA"


# sha256 (first 16 hex digits) of the source of the ReportLab code objstreams.write stands in for, identical in
# ReportLab 4.1.0 and 5.1.0. If one changes, read the new code and bring objstreams.write in line before updating.
MIRRORED = {
    "PDFDocument.format": "536ea7a675493430",
    "PDFDocument.GetPDFData": "d277704fa42a1062",
    "PDFDocument.Reference": "75342ed129b2115c",  # structure.write registers elements as it does
    "format": "84e14ffb9186e488",  # objstreams.write calls obj.format(document) where this would
    "PDFIndirectObject.format": "51e5f73e4f8e16f6",
    "PDFTrailer": "75d31617ae4eaba1",
}


def test_document_internals_used_to_write_object_streams() -> None:
    import hashlib
    import re

    found = {}
    for name in MIRRORED:
        obj = pdfdoc
        for part in name.split("."):
            obj = getattr(obj, part)
        found[name] = hashlib.sha256(inspect.getsource(obj).encode()).hexdigest()[:16]
    assert found == MIRRORED, "ReportLab's document writing changed: re-check factsheet/writers/pdf/objstreams.py"
    # objstreams.install puts its writer where GetPDFData calls the document's format step.
    assert inspect.getsource(pdfdoc.PDFDocument.GetPDFData).rstrip().endswith("return self.format()")
    document = Canvas(None)._doc
    assert isinstance(document, pdfdoc.PDFDocument)
    for name in ("numberToId", "idToObject", "idToObjectNumberAndVersion"):
        assert isinstance(getattr(document, name), dict), name
    assert isinstance(document.encrypt, pdfdoc.NoEncryption) and isinstance(document.Catalog, pdfdoc.PDFCatalog)
    assert inspect.signature(pdfdoc.format).parameters.keys() == {"element", "document", "toplevel"}
    assert re.fullmatch(rb"\n\[<[0-9a-f]{32}><[0-9a-f]{32}>\]\n%[^\n]*\n", document.ID())
    assert pdfdoc.PDFFile((1, 7)).format(document).startswith(b"%PDF-1.7\n%\x93\x8c\x8b\x9e")


def test_link_rectangles_are_placed_as_reportlab_places_them() -> None:
    from factsheet.writers.pdf.tagging import _on_page

    canvas = Canvas(None)
    for rect in [(3.5, -2.25, 10.0, 7.0), (10.0, 7.0, 3.5, -2.25), (0.1, 0.2, 0.3, 0.4)]:
        assert _on_page(canvas, rect) == canvas._absRect(rect, 1)
        canvas.saveState()
        canvas.translate(12.5, 30)
        canvas.rotate(90)
        assert _on_page(canvas, rect) == canvas._absRect(rect, 1)
        canvas.restoreState()


def test_annotations_are_registered_as_reportlab_registers_them() -> None:
    from factsheet.writers.pdf.tagging import LinkAnnotation, annotate

    def tables(canvas: Canvas) -> tuple[object, ...]:
        document = canvas._doc
        names = {name: type(obj).__name__ for name, obj in document.idToObject.items()}
        return (canvas._annotationCount, [ref.name for ref in canvas._annotationrefs], document.objectcounter,
                dict(document.idToObjectNumberAndVersion), dict(document.numberToId), names)

    theirs, ours = Canvas(None), Canvas(None)
    for canvas in (theirs, ours):
        canvas._doc.Reference(pdfdoc.PDFString("an object registered before"))
    for number in range(3):
        theirs._addAnnotation(LinkAnnotation((0, 0, 1, 1), "", None))
        annotate(ours, LinkAnnotation((0, 0, 1, 1), "", None))
        assert tables(ours) == tables(theirs), number
    # A name already taken is ReportLab's to refuse.
    ours._doc.idToObject["Annot.NUMBER4"] = ours._doc.idToObject["Annot.NUMBER1"]
    with pytest.raises(ValueError, match="redefin"):
        annotate(ours, LinkAnnotation((0, 0, 1, 1), "", None))


# sha256 (first 16 hex digits) of the source of the ReportLab code factsheet/ttface.py and ttsubset.py follow,
# the same in ReportLab 4.4.10, 4.5.1, 5.0.0, 5.0.1 and 5.1.0: they build TTFont and TTFontFace as these do, fill
# what extractInfo reads and make the subsets makeSubset makes. tests/test_ttface.py holds the results equal for
# our fonts; this names the code to re-read when ReportLab changes it.
READ_AS_REPORTLAB = {
    "TTFont.__init__": "ac43d7e44b0cf9d9",
    "TTFontFace.__init__": "35f179100b318f73",
    "TTFontFile.__init__": "fc976fded52e39ed",
    "TTFontFile.extractInfo": "95fbfd5dbf73cbd4",
    "TTFontFile.makeSubset": "25b6baf377941767",
    "TTFontParser.__init__": "b1591f5137c4e520",
    "TTFontParser.readFile": "201c1abb88f2ec56",
}
# ReportLab 4.1.0 (which pyproject still allows) differs in these two: no scale function or glyphToChar kept,
# no `shapable`. There ttface.follows_reportlab() is false and ReportLab reads the fonts itself.
OLDER = {"TTFont.__init__": "92a4fb23126bc787", "TTFontFile.extractInfo": "bf64e47ef6b85275"}


def test_truetype_reading_followed_by_the_fast_reader() -> None:
    import hashlib

    from factsheet.ttface import follows_reportlab

    found = {}
    for name in READ_AS_REPORTLAB:
        obj = ttfonts
        for part in name.split("."):
            obj = getattr(obj, part)
        found[name] = hashlib.sha256(inspect.getsource(obj).encode()).hexdigest()[:16]
    assert found in (READ_AS_REPORTLAB, READ_AS_REPORTLAB | OLDER), (
        "ReportLab's TrueType code changed: re-check factsheet/ttface.py, ttsubset.py")
    assert follows_reportlab() == (found == READ_AS_REPORTLAB)
    face = reportlab_font("italic").face
    assert (type(face) is ttfonts.TTFontFace) != follows_reportlab()
