"""Build ``factsheet/resources/reference.docx``: ``python -m factsheet.writers.docx.make_reference``.

Starts from python-docx's default template and makes it ours:

- drops the thumbnail (docProps/thumbnail.jpeg), ``stylesWithEffects``,
  ``webSettings`` and the customXml bibliography part;
- empties the core properties (the template carries 2013 dates and
  "python-docx" as author) and the application statistics;
- replaces the ~160 inherited styles with the few the writer uses (see
  `styles`), the bullet numbering and the font table;
- clears revision ids, the preview-picture switch and the document id from
  the settings; sets A4 paper with 2 cm margins;
- adds a header and a footer part, and those of the first page, which the writer fills per render.

The result is written with fixed zip times, so rebuilding gives identical bytes.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from factsheet.writers.docx import styles
from factsheet.writers.docx.package import reference_path, reproducible_zip, zip_members

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DROPPED_DOCUMENT_RELS = {
    RT.CUSTOM_XML,
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    RT.WEB_SETTINGS,
}
APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>factsheet</Application><DocSecurity>0</DocSecurity></Properties>"
)
CORE_XML = (
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>'
)
# A4 with the house margins (twentieths of a point); the writer sets them again for the template's paper.
PAGE_WIDTH, PAGE_HEIGHT, MARGIN, EDGE = 11906, 16838, 1134, 567
SETTINGS_DROPPED = ("rsids", "proofState", "savePreviewPicture", "zoom")


def build_reference() -> bytes:
    """The reference document's bytes."""
    document = docx.Document()
    package = document.part.package

    for rId, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rId]
    for rId, rel in list(document.part.rels.items()):
        if rel.reltype in DROPPED_DOCUMENT_RELS:
            del document.part.rels[rId]

    for rel in package.rels.values():
        if rel.reltype == RT.CORE_PROPERTIES:
            rel.target_part._element = parse_xml(CORE_XML)
        elif rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = APP_XML.encode()

    for rel in document.part.rels.values():
        part = rel.target_part
        if rel.reltype == RT.STYLES:
            part._element = _new_styles(part.element)
        elif rel.reltype == RT.NUMBERING:
            part._element = parse_xml(f'<w:numbering xmlns:w="{W_NS}">{styles.NUMBERING}</w:numbering>')
        elif rel.reltype == RT.FONT_TABLE:
            part._blob = _xml_bytes(f'<w:fonts xmlns:w="{W_NS}">{styles.FONT_TABLE}</w:fonts>')
        elif rel.reltype == RT.SETTINGS:
            _clean_settings(part.element)

    _set_up_page(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return reproducible_zip(zip_members(buffer.getvalue()))


def _xml_bytes(xml: str) -> bytes:
    return ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n" + xml).encode()


def _new_styles(old: Any) -> Any:
    """The new styles part: our defaults and styles, keeping the template's latent styles."""
    new = parse_xml(f'<w:styles xmlns:w="{W_NS}">{styles.DOC_DEFAULTS}{styles.STYLES}</w:styles>')
    latent = old.find(qn("w:latentStyles"))
    if latent is not None:
        new.find(qn("w:docDefaults")).addnext(latent)
    return new


def _clean_settings(settings: Any) -> None:
    """Drop revision ids, preview-picture, proofing state and the document id; Word 2013+ layout."""
    for name in SETTINGS_DROPPED:
        for child in settings.findall(qn(f"w:{name}")):
            settings.remove(child)
    w14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
    for child in settings.findall(f"{w14}docId"):
        settings.remove(child)
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")


def _set_up_page(document: Any) -> None:
    """A4 with 2 cm margins, the Word default page set-up, and empty header and footer parts."""
    body = document.element.body
    sect_pr = body.find(qn("w:sectPr"))
    for name in list(sect_pr.attrib):
        del sect_pr.attrib[name]  # revision ids
    size = sect_pr.find(qn("w:pgSz"))
    size.set(qn("w:w"), str(PAGE_WIDTH))
    size.set(qn("w:h"), str(PAGE_HEIGHT))
    margins = sect_pr.find(qn("w:pgMar"))
    for side in ("top", "right", "bottom", "left"):
        margins.set(qn(f"w:{side}"), str(MARGIN))
    margins.set(qn("w:header"), str(EDGE))
    margins.set(qn("w:footer"), str(EDGE))
    section = document.sections[0]
    section.different_first_page_header_footer = True  # page 1 has no running title: the title is below
    for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
        part.is_linked_to_previous = False
    for part in (section.header, section.first_page_header):
        part.paragraphs[0].style = "Header"
    for part in (section.footer, section.first_page_footer):
        part.paragraphs[0].style = "Footer"


def main() -> int:
    """Write the reference document next to the package's other resources."""
    target = Path(reference_path())
    target.parent.mkdir(parents=True, exist_ok=True)
    data = build_reference()
    target.write_bytes(data)
    print(f"wrote {target} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
