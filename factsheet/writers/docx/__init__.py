"""The Word (.docx) writer: a visitor over the document tree.

The output starts from ``factsheet/resources/reference.docx`` (built by
``python -m factsheet.writers.docx.make_reference``), whose named styles carry
all the formatting: Title, Heading 1-2, Normal, Lead, Meta, Small, Source Quote,
List Bullet, Briefing Table, Citation Marker and a few more. The writer adds
content in those styles plus the small pieces of OOXML python-docx has no API
for: PAGE/NUMPAGES fields, bookmarks and internal hyperlinks (citations link to
footnotes, the note's first citation holding its reference; docx/notes.py).

Output is reproducible: the only date recorded is the document's as-of date,
and the zip is rewritten with fixed entry times, order and attributes.
"""

from __future__ import annotations

import io

import docx

from factsheet.document.nodes import Document
from factsheet.writers.docx import embed, notes, ooxml, page
from factsheet.writers.docx.body import BodyWriter
from factsheet.writers.docx.figures import Pictures, Rasterize, default_rasterizer
from factsheet.writers.docx.package import package_bytes, reference_bytes

__all__ = ["DocxWriter"]


class DocxWriter:
    """Renders a `Document` to the bytes of a .docx file.

    `warnings` lists what the last `render` had to change (characters XML cannot
    store, over-long core properties, citations without a note, figures that
    could not be drawn), one message each. `rasterize` draws a `Figure` as PNG
    bytes; by default the shared ``factsheet.writers.raster`` does, loaded only
    when a document has a figure.
    """

    name = "docx"
    extension = ".docx"

    def __init__(self, rasterize: Rasterize | None = None) -> None:
        self.warnings: list[str] = []
        self._pictures = Pictures(rasterize or default_rasterizer, cache={})

    def render(self, document: Document) -> bytes:
        """The complete .docx file for `document`; identical trees give identical bytes."""
        if not isinstance(document, Document):
            raise TypeError(f"docx writer: expected a Document, got {type(document).__name__}")
        self.warnings = []
        clean = ooxml.Cleaner(self.warnings)
        word = docx.Document(io.BytesIO(reference_bytes()))

        meta = page.clean_metadata(document.metadata, clean)
        sect_pr = word.element.body.find(ooxml.w("sectPr"))
        text_width = page.set_paper(sect_pr, document.page.paper)
        header, footer = page.header_footer(word)
        page.fill_header(header, document.page, meta, clean)
        page.fill_footer(footer, meta, text_width)
        page.set_language(word, meta.language)
        page.set_core_properties(word, meta, self.warnings)

        if document.page.one_page:
            page.tighten(word)
        self._pictures.part, self._pictures.count = word.part, 0
        body = BodyWriter(sect_pr, text_width, clean, self.warnings, self._pictures)
        try:
            body.write(document.body)
        finally:
            self._pictures.part = None
        notes.attach(word, body.footnote_markup)
        embed.embed(word, embed.characters(word, body.footnote_markup.values()))

        return package_bytes(word.part.package)
