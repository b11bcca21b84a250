"""The Word (.docx) writer: a pure function from the document tree to a .docx file.

The output starts from ``factsheet/resources/reference.docx`` (built by
``python -m factsheet.writers.docx.make_reference``), whose named styles carry
all the formatting: Title, Heading 1-2, Normal, Lead, Meta, Small, Source Quote,
List Bullet, Briefing Table, Citation Marker and a few more, with the sizes and
colours of the house style (`factsheet.writers.look`). The writer adds content in
those styles plus the small pieces of OOXML python-docx has no API for:
PAGE/NUMPAGES fields, bookmarks and internal hyperlinks (citations link to
footnotes, the note's first citation holding its reference; docx/notes.py).

Output is reproducible: the only date recorded is the document's as-of date,
and the zip is rewritten with fixed entry times, order and attributes.
"""

from __future__ import annotations

from typing import Any

from factsheet.document.nodes import Document
from factsheet.writers import Rendition
from factsheet.writers.docx import embed, notes, ooxml, page
from factsheet.writers.docx.body import BodyWriter
from factsheet.writers.docx.package import package_bytes, pristine_blob, reference_document

NUMBERING = "/word/numbering.xml"

__all__ = ["render"]


def render(document: Document) -> Rendition:
    """The complete .docx file for `document`; identical trees give identical bytes.

    The warnings list what had to be changed (characters XML cannot store, over-long
    core properties, citations without a note, figures that could not be drawn).
    """
    return render_with(document, clear=False)


def render_with(document: Document, clear: bool) -> Rendition:
    """`render` by the clear versions of its fast paths, or (as `render` does) by the fast ones; tests hold
    the two to the same bytes.

    Clear: the reference's styles are set in the document (`page.set_styles`) and the body is parsed
    into it (`BodyWriter.parse_into`); python-docx then serialises both. Fast: the styles are the bytes
    made once for the set-up (`page.styles_blob`), and the body is written into the saved document
    part as the markup it was written as (`package_bytes`).
    """
    word, body, warnings = filled(document, clear)
    return Rendition(package_bytes(word.part.package, body), None, tuple(warnings))


def filled(document: Document, clear: bool) -> tuple[Any, str, list[str]]:
    """The python-docx document `render_with` saves, the body markup it writes in as it saves it (none
    when `clear`: then the body is in the document), and the warnings."""
    if not isinstance(document, Document):
        raise TypeError(f"docx writer: expected a Document, got {type(document).__name__}")
    warnings: list[str] = []
    clean = ooxml.Cleaner(warnings)
    meta = page.clean_metadata(document.metadata, clean)
    one_page = document.page.one_page
    text_width = page.text_width(document.page.paper)
    if clear:
        word = reference_document()
        page.set_styles(word.styles.element, meta.language, one_page, text_width)
    else:
        word = reference_document({page.STYLES: page.styles_blob(meta.language, one_page, text_width),
                                   NUMBERING: pristine_blob(NUMBERING)})
    sect_pr = word.element.body.find(ooxml.w("sectPr"))
    page.set_paper(sect_pr, document.page.paper)
    header, footer, first_header, first_footer = page.header_footer(word)
    marking = clean(document.page.marking, "page.marking")
    page.fill_header(header, marking, meta)
    page.fill_header(first_header, marking, None)
    page.fill_footer(footer, marking, meta, text_width)
    page.fill_footer(first_footer, marking, meta, text_width)
    page.set_core_properties(word, meta, warnings)
    text_height = page.text_height(document.page.paper)
    body = BodyWriter(sect_pr, text_width, clean, warnings, text_height, word.part, document.page.one_page)
    body.write(document.body)
    notes.attach(word, body.footnote_markup)
    if clear:
        body.parse_into()
        markup = [*body.footnote_markup.values()]
    else:
        markup = [body.markup, *body.footnote_markup.values()]
    embed.embed(word, embed.characters(word, markup))
    return word, "" if clear else body.markup, warnings
