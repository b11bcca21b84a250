"""The body visitor: one method per block and inline node type of the document tree."""

from __future__ import annotations

from dataclasses import dataclass

from docx.opc.constants import RELATIONSHIP_TYPE as RT

from factsheet.document.nodes import (
    Block,
    BulletList,
    Cite,
    Div,
    Emph,
    Figure,
    Heading,
    Inline,
    Inlines,
    Note,
    NoteList,
    Paragraph,
    Span,
    Strong,
    Table,
    Text,
    inline_text,
    walk_blocks,
)
from factsheet.writers.docx import ooxml, styles
from factsheet.writers.docx.figures import Pictures
from factsheet.writers.docx.ooxml import Bookmarks, Cleaner, Element
from factsheet.writers.look import KEEP_ROW_LINES, citation_marks


@dataclass(frozen=True)
class Format:
    """Character formatting inherited from enclosing inline nodes."""

    bold: bool = False
    italic: bool = False
    flag: bool = False


PLAIN = Format()

CHAR_WIDTH = 95
"""A rough average character width of 9 pt table text, in twentieths of a point."""
CELL_PADDING = 160


def estimated_lines(row: tuple[Inlines, ...], widths: list[int]) -> int:
    """Roughly how many lines the tallest cell of `row` needs."""
    tallest = 0
    for cell, width in zip(row, widths, strict=False):
        per_line = max(1, (width - CELL_PADDING) // CHAR_WIDTH)
        lines = sum(max(1, -(-len(part) // per_line)) for part in inline_text(cell).split("\n"))
        tallest = max(tallest, lines)
    return tallest


class BodyWriter:
    """Appends the blocks of a document before the body's final ``w:sectPr``.

    Blocks are written as markup into `out` and parsed once at the end of `write`.
    """

    def __init__(
        self, sect_pr: Element, text_width: int, clean: Cleaner, warnings: list[str], pictures: Pictures
    ) -> None:
        self.sect_pr = sect_pr
        self.pictures = pictures
        self.text_width = text_width
        self.clean = clean
        self.warnings = warnings
        self.bookmarks = Bookmarks()
        self.note_anchors: dict[int, str] = {}
        self.where = "body"
        self.last_was_table = False
        self.out: list[str] = []

    # ------------------------------------------------------------ entry

    def write(self, blocks: tuple[Block, ...]) -> None:
        """Render `blocks`; citations link to the bookmarks of the notes they number."""
        for block in walk_blocks(blocks):
            if isinstance(block, NoteList):
                for note in block.notes:
                    name = ooxml.bookmark_name(note.anchor or f"note-{note.number}")
                    self.note_anchors.setdefault(note.number, name)
        for block in blocks:
            self.block(block)
        # One new body replacing the old is far cheaper than moving hundreds of parsed
        # elements into the document one by one; what the reference body held is kept.
        body = self.sect_pr.getparent()
        existing = [ooxml.markup_of(child) for child in body]
        existing[-1:-1] = self.out
        body.getparent().replace(body, ooxml.parse_body("".join(existing)))
        self.out = []

    def append(self, markup: str, table: bool = False) -> None:
        """Add one body-level element's markup at the end of the body."""
        self.out.append(markup)
        self.last_was_table = table

    # ------------------------------------------------------------ blocks

    def block(self, block: Block) -> None:
        """Render one block node."""
        if isinstance(block, Heading):
            self.heading(block)
        elif isinstance(block, Paragraph):
            self.paragraph(block)
        elif isinstance(block, BulletList):
            self.bullet_list(block)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, NoteList):
            self.note_list(block)
        elif isinstance(block, Figure):
            self.figure(block)
        elif isinstance(block, Div):
            self.div(block)
        else:
            raise TypeError(f"docx writer: unknown block node {type(block).__name__}")

    def heading(self, node: Heading) -> None:
        """Level 0 is the document title, 1 and 2 are Heading 1 and 2; a bookmark holds the anchor."""
        if node.level == 0:
            style = styles.TITLE
        elif node.level in styles.HEADING:
            style = styles.HEADING[node.level]
        else:
            raise ValueError(f"docx writer: heading level {node.level} is not supported (0-2)")
        if node.anchor:
            self.where = f"heading {node.anchor!r}"
        start = end = ""
        if node.anchor:
            name = ooxml.bookmark_name(node.anchor)
            mark = self.bookmarks.start(name)
            if mark is None:
                self.warnings.append(f"docx: {self.where}: bookmark {name!r} already used; not repeated")
            else:
                start, end = mark
        self.append(ooxml.paragraph(style, start + self.inlines(node.children, PLAIN) + end))
        if node.anchor:
            self.where = f"section {node.anchor!r}"

    def paragraph(self, node: Paragraph) -> None:
        """A paragraph in the style its role names."""
        style = styles.PARAGRAPH_STYLE.get(node.style)
        if style is None:
            raise ValueError(f"docx writer: unknown paragraph style {node.style!r}")
        self.append(ooxml.paragraph(style, self.inlines(node.children, PLAIN)))

    def bullet_list(self, node: BulletList) -> None:
        """One List Bullet paragraph per item."""
        for item in node.items:
            self.append(ooxml.paragraph(styles.LIST_BULLET, self.inlines(item, PLAIN)))

    def table(self, node: Table) -> None:
        """A fixed-layout table in the table style; the header row repeats on every page."""
        where = self.where
        if self.last_was_table:  # Word merges adjacent tables: keep them apart
            self.append(ooxml.paragraph(styles.TABLE_TEXT, ""))
        if node.caption:
            self.append(ooxml.paragraph(styles.CAPTION, ooxml.run(self.clean(node.caption, f"{where}: table caption"))))
        widths = self.column_widths(node)
        out = [
            f'<w:tbl><w:tblPr><w:tblStyle w:val="{styles.TABLE}"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
            '<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0"'
            ' w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>',
            *(f'<w:gridCol w:w="{width}"/>' for width in widths),
            "</w:tblGrid><w:tr><w:trPr><w:tblHeader/></w:trPr>",
        ]
        for index, column in enumerate(node.columns):
            title = self.clean(column.title, f"{where}: table column {index + 1} title")
            out.append(self.cell(widths[index], styles.TABLE_HEADING, ooxml.run(title)))
        out.append("</w:tr>")
        for number, row in enumerate(node.rows, start=1):
            if len(row) > len(node.columns):
                raise ValueError(
                    f"docx writer: {where}: table row {number} has {len(row)} cells for {len(node.columns)} columns"
                )
            keep = estimated_lines(row, widths) <= KEEP_ROW_LINES
            out.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>" if keep else "<w:tr>")
            for index, width in enumerate(widths):
                content = ""
                if index < len(row):
                    self.where = f"{where}: table row {number} column {index + 1}"
                    content = self.inlines(row[index], PLAIN)
                out.append(self.cell(width, styles.TABLE_TEXT, content))
            out.append("</w:tr>")
        out.append("</w:tbl>")
        self.where = where
        self.append("".join(out), table=True)

    def column_widths(self, node: Table) -> list[int]:
        """Column widths in twentieths of a point, proportional to the weights, filling the text width."""
        count = len(node.columns)
        if count == 0:
            raise ValueError(f"docx writer: {self.where}: table without columns")
        weights = [max(column.weight, 0.0) for column in node.columns]
        total = sum(weights)
        if total <= 0:
            weights, total = [1.0] * count, float(count)
        widths = [int(self.text_width * weight / total) for weight in weights]
        widths[-1] += self.text_width - sum(widths)
        return widths

    @staticmethod
    def cell(width: int, style: str, content: str) -> str:
        """A table cell of `width` holding one paragraph in `style`."""
        return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{ooxml.paragraph(style, content)}</w:tc>'

    def figure(self, node: Figure) -> None:
        """An inline picture no wider than the text, then its caption."""
        where = f"{self.where}: figure"
        caption = self.clean(node.caption, f"{where} caption")
        description = self.clean(node.alt, f"{where} alt text") or caption
        try:
            inline = self.pictures.inline(node, self.text_width / 20, description)
        except (ImportError, OSError) as exc:
            self.warnings.append(f"docx: {where}: could not be drawn, its description is shown instead: {exc}")
            content = ooxml.run(description or "(figure)", italic=True)
        else:
            content = f"<w:r><w:drawing>{inline}</w:drawing></w:r>"
        self.append(ooxml.paragraph(styles.FIGURE, content))
        if caption:
            self.append(ooxml.paragraph(styles.FIGURE_CAPTION, ooxml.run(caption)))

    def note_list(self, node: NoteList) -> None:
        """The source notes: 'N. source: “quote”', the number bookmarked as the note's anchor."""
        where = self.where
        for note in node.notes:
            self.where = f"{where}: note {note.number}"
            self.note(note)
        self.where = where

    def note(self, note: Note) -> None:
        """One numbered source note."""
        name = self.note_anchors.get(note.number, ooxml.bookmark_name(note.anchor or f"note-{note.number}"))
        mark = self.bookmarks.start(name)
        if mark is None:
            self.warnings.append(f"docx: {self.where}: bookmark {name!r} already used; not repeated")
            mark = ("", "")
        quote = self.clean(note.quote, f"{self.where} quote")
        self.append(ooxml.paragraph(styles.NOTE, (
            mark[0] + ooxml.run(f"{note.number}.", bold=True) + mark[1] + ooxml.run(" ")
            + self.inlines(note.source, PLAIN) + ooxml.run(": ")
            + ooxml.run(f"\u201c{quote}\u201d", style=styles.SOURCE_QUOTE_CHAR)
        )))

    def div(self, node: Div) -> None:
        """A container: its children in order, nothing else."""
        where = self.where
        if node.anchor:
            self.where = f"section {node.anchor!r}"
        for child in node.children:
            self.block(child)
        self.where = where

    # ------------------------------------------------------------ inlines

    def inlines(self, nodes: Inlines, fmt: Format) -> str:
        """The runs for `nodes`; consecutive citations become one marker."""
        out: list[str] = []
        index = 0
        while index < len(nodes):
            node = nodes[index]
            if isinstance(node, Cite):
                end = index
                while end < len(nodes) and isinstance(nodes[end], Cite):
                    end += 1
                out.append(self.citations([n.number for n in nodes[index:end] if isinstance(n, Cite)]))
                index = end
                continue
            out.append(self.inline(node, fmt))
            index += 1
        return "".join(out)

    def inline(self, node: Inline, fmt: Format) -> str:
        """The runs for one inline node that is not a citation."""
        if isinstance(node, Text):
            text = self.clean(node.text, self.where)
            if not text:
                return ""
            return ooxml.run(text, style=styles.FLAG if fmt.flag else "", bold=fmt.bold, italic=fmt.italic)
        if isinstance(node, Strong):
            return self.inlines(node.children, Format(True, fmt.italic, fmt.flag))
        if isinstance(node, Emph):
            return self.inlines(node.children, Format(fmt.bold, True, fmt.flag))
        if isinstance(node, Span):
            flag = fmt.flag or not styles.FLAG_CLASSES.isdisjoint(node.classes)
            content = self.inlines(node.children, Format(fmt.bold, fmt.italic, flag))
            if node.href and self.pictures.part is not None:
                rid = self.pictures.part.relate_to(node.href, RT.HYPERLINK, is_external=True)
                return ooxml.external_link(rid, content)
            return content
        raise TypeError(f"docx writer: unknown inline node {type(node).__name__}")

    def citations(self, numbers: list[int]) -> str:
        """One superscript marker 'n,m', each number a link to its note's bookmark."""
        out: list[str] = []
        for position, (label, number) in enumerate(citation_marks(numbers)):
            if position:
                out.append(ooxml.run(",", style=styles.CITATION))
            anchor = self.note_anchors.get(number)
            if anchor is None:
                self.warnings.append(f"docx: {self.where}: citation {number} has no note in the document")
                anchor = ooxml.bookmark_name(f"note-{number}")
            out.append(ooxml.internal_link(anchor, ooxml.run(label, style=styles.CITATION)))
        return "".join(out)
