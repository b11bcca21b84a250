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

from factsheet.document.nodes import Document
from factsheet.writers import Rendition
from factsheet.writers import look as house
from factsheet.writers.docx import embed, notes, ooxml, page
from factsheet.writers.docx.body import BodyWriter
from factsheet.writers.docx.package import package_bytes, reference_document

__all__ = ["render"]


def render(document: Document) -> Rendition:
    """The complete .docx file for `document`; identical trees give identical bytes.

    The warnings list what had to be changed (characters XML cannot store, over-long
    core properties, citations without a note, figures that could not be drawn).
    """
    return render_with(document, parsed=False)


def render_with(document: Document, parsed: bool) -> Rendition:
    """`render`, with the body `parsed` into the python-docx document before it is saved (the clear
    version, `BodyWriter.parse_into`) or, as `render` does, written into the saved package as the
    markup it was written as (`package_bytes`); tests hold the two to the same bytes."""
    if not isinstance(document, Document):
        raise TypeError(f"docx writer: expected a Document, got {type(document).__name__}")
    warnings: list[str] = []
    clean = ooxml.Cleaner(warnings)
    word = reference_document()

    meta = page.clean_metadata(document.metadata, clean)
    scale = house.type_scale(document.page.one_page)
    sect_pr = word.element.body.find(ooxml.w("sectPr"))
    text_width = page.set_paper(sect_pr, document.page.paper)
    header, footer, first_header, first_footer = page.header_footer(word)
    marking = clean(document.page.marking, "page.marking")
    page.fill_header(header, marking, meta)
    page.fill_header(first_header, marking, None)
    page.fill_footer(footer, marking, meta, text_width)
    page.fill_footer(first_footer, marking, meta, text_width)
    page.set_language(word, meta.language)
    page.set_core_properties(word, meta, warnings)
    if document.page.one_page:
        page.tighten(word, scale)
    page.set_measure(word, scale, text_width)
    text_height = page.text_height(document.page.paper)
    body = BodyWriter(sect_pr, text_width, clean, warnings, text_height, word.part, document.page.one_page)
    body.write(document.body)
    notes.attach(word, body.footnote_markup)
    if parsed:
        body.parse_into()
        markup = [*body.footnote_markup.values()]
    else:
        markup = [body.markup, *body.footnote_markup.values()]
    embed.embed(word, embed.characters(word, markup))
    return Rendition(package_bytes(word.part.package, "" if parsed else body.markup), None, tuple(warnings))
