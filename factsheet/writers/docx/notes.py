"""Source notes as real Word footnotes (``word/footnotes.xml``).

A note cited in the text becomes a footnote whose reference sits at its first
citation; later citations of the same note link to it. Notes are numbered in
the order of their first citation, as Word numbers footnotes, so the numbers
are the PDF's; a note out of that order gets its number as a custom mark. Word
and LibreOffice then know the notes as notes: numbered references in the text,
navigable, read as notes by screen readers. A note nobody cites stays a
paragraph where the note list is. Footnotes rather than endnotes: LibreOffice
sets endnotes on a page of their own, which would make a one-pager two pages.
"""

from __future__ import annotations

import re
from typing import Any

from factsheet.document.nodes import Block, Cite, Div, Emph, Heading, Inline, Inlines, NoteList, Span, Strong
from factsheet.writers.docx import ooxml

_RELATIONSHIP_ID = re.compile(r'r:id="([^"]+)"')
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_SEPARATORS = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
    '</w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240"'
    ' w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
)


def cited_numbers(blocks: tuple[Block, ...]) -> set[int]:
    """The numbers of every note cited anywhere in `blocks`."""
    from factsheet.document.nodes import BulletList, Paragraph, Table

    found: set[int] = set()

    def inlines(nodes: Inlines) -> None:
        for node in nodes:
            _inline(node)

    def _inline(node: Inline) -> None:
        if isinstance(node, Cite):
            found.update(node.numbers)
        elif isinstance(node, Strong | Emph | Span):
            inlines(node.children)

    for block in blocks:
        if isinstance(block, Heading | Paragraph):
            inlines(block.children)
        elif isinstance(block, BulletList):
            for item in block.items:
                inlines(item)
        elif isinstance(block, Table):
            for row in block.rows:
                for cell in row:
                    inlines(cell)
        elif isinstance(block, Div):
            found |= cited_numbers(block.children)
    return found


def only_footnotes(div: Div, footnotes: set[int]) -> bool:
    """Whether nothing of `div` stays in the body once its cited notes are footnotes (headings aside)."""
    return any(isinstance(child, NoteList) for child in div.children) and all(
        isinstance(child, Heading) or (isinstance(child, NoteList)
                                       and all(note.number in footnotes for note in child.notes))
        for child in div.children)


def reference(footnote: int, number: int, style: str) -> str:
    """The footnote reference at a note's first citation: Word's own number, or `number` where that differs."""
    if footnote == number:
        return f'<w:r><w:rPr><w:rStyle w:val="{style}"/></w:rPr><w:footnoteReference w:id="{footnote}"/></w:r>'
    return (f'<w:r><w:rPr><w:rStyle w:val="{style}"/></w:rPr><w:footnoteReference w:customMarkFollows="1"'
            f' w:id="{footnote}"/><w:t>{number}</w:t></w:r>')


def note_markup(paragraph: str, numbering: str, footnote: int, number: int, style: str) -> str:
    """A note's paragraph as footnote text: its typed number `numbering` becomes the footnote's own mark."""
    if footnote != number:
        return paragraph
    mark = f'<w:r><w:rPr><w:rStyle w:val="{style}"/></w:rPr><w:footnoteRef/></w:r>'
    return paragraph.replace(numbering, mark, 1)


def attach(document: Any, notes: dict[int, str]) -> None:
    """Add the footnotes part (footnote id -> its paragraphs' markup) to the python-docx `document`."""
    if not notes:
        return
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    body = "".join(f'<w:footnote w:id="{ident}">{markup}</w:footnote>' for ident, markup in sorted(notes.items()))
    part = Part(PackURI("/word/footnotes.xml"), CONTENT_TYPE, b"", document.part.package)
    document.part.relate_to(part, RELATIONSHIP)
    # The notes were written as body text: their links' relationships are the document's, and
    # belong to the footnotes part now.
    rels = document.part.rels

    def moved(match: re.Match[str]) -> str:
        rel = rels[match.group(1)]
        return f'r:id="{part.relate_to(rel.target_ref, rel.reltype, is_external=rel.is_external)}"'

    body = _RELATIONSHIP_ID.sub(moved, body)
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {ooxml.NAMESPACES}>'
           f"{_SEPARATORS}{body}</w:footnotes>")
    part._blob = xml.encode("utf-8")
    settings = document.settings.element
    properties = ooxml.parse('<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>')[0]
    compat = settings.find(ooxml.w("compat"))
    if compat is not None:
        compat.addprevious(properties)
    else:
        settings.append(properties)
