"""The body visitor: one method per block and inline node type of the document tree."""

from __future__ import annotations

from dataclasses import dataclass

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
from factsheet.writers.docx.ooxml import Bookmarks, Cleaner, Element, sub


@dataclass(frozen=True)
class Format:
    """Character formatting inherited from enclosing inline nodes."""

    bold: bool = False
    italic: bool = False
    flag: bool = False


PLAIN = Format()

KEEP_ROW_LINES = 8
"""Rows estimated at most this many lines high are kept on one page; taller ones may break."""
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
    """Appends the blocks of a document before the body's final ``w:sectPr``."""

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

    def append(self, element: Element) -> None:
        """Place `element` at the end of the body, before the section properties."""
        self.sect_pr.addprevious(element)
        self.last_was_table = element.tag == ooxml.w("tbl")

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
        p = ooxml.paragraph(self.sect_pr, style)
        mark = None
        if node.anchor:
            name = ooxml.bookmark_name(node.anchor)
            mark = self.bookmarks.start(p, name)
            if mark is None:
                self.warnings.append(f"docx: {self.where}: bookmark {name!r} already used; not repeated")
        self.inlines(p, node.children, PLAIN)
        self.bookmarks.end(p, mark)
        self.append(p)
        if node.anchor:
            self.where = f"section {node.anchor!r}"

    def paragraph(self, node: Paragraph) -> None:
        """A paragraph in the style its role names."""
        style = styles.PARAGRAPH_STYLE.get(node.style)
        if style is None:
            raise ValueError(f"docx writer: unknown paragraph style {node.style!r}")
        p = ooxml.paragraph(self.sect_pr, style)
        self.inlines(p, node.children, PLAIN)
        self.append(p)

    def bullet_list(self, node: BulletList) -> None:
        """One List Bullet paragraph per item."""
        for item in node.items:
            p = ooxml.paragraph(self.sect_pr, styles.LIST_BULLET)
            self.inlines(p, item, PLAIN)
            self.append(p)

    def table(self, node: Table) -> None:
        """A fixed-layout table in the table style; the header row repeats on every page."""
        where = self.where
        if self.last_was_table:  # Word merges adjacent tables: keep them apart
            self.append(ooxml.paragraph(self.sect_pr, styles.TABLE_TEXT))
        if node.caption:
            p = ooxml.paragraph(self.sect_pr, styles.CAPTION)
            ooxml.run(p, self.clean(node.caption, f"{where}: table caption"))
            self.append(p)
        widths = self.column_widths(node)
        tbl = ooxml.new(self.sect_pr, "tbl")
        props = sub(tbl, "tblPr")
        sub(props, "tblStyle", val=styles.TABLE)
        sub(props, "tblW", w=str(sum(widths)), type="dxa")
        sub(props, "tblLayout", type="fixed")
        sub(props, "tblLook", val="04A0", firstRow="1", lastRow="0", firstColumn="0", lastColumn="0",
            noHBand="1", noVBand="1")  # fmt: skip
        grid = sub(tbl, "tblGrid")
        for width in widths:
            sub(grid, "gridCol", w=str(width))

        tr = sub(tbl, "tr")
        sub(sub(tr, "trPr"), "tblHeader")
        for index, column in enumerate(node.columns):
            p = self.cell(tr, widths[index], styles.TABLE_HEADING)
            ooxml.run(p, self.clean(column.title, f"{where}: table column {index + 1} title"))
        for number, row in enumerate(node.rows, start=1):
            if len(row) > len(node.columns):
                raise ValueError(
                    f"docx writer: {where}: table row {number} has {len(row)} cells for {len(node.columns)} columns"
                )
            tr = sub(tbl, "tr")
            if estimated_lines(row, widths) <= KEEP_ROW_LINES:
                sub(sub(tr, "trPr"), "cantSplit")
            for index, width in enumerate(widths):
                p = self.cell(tr, width, styles.TABLE_TEXT)
                if index < len(row):
                    self.where = f"{where}: table row {number} column {index + 1}"
                    self.inlines(p, row[index], PLAIN)
        self.where = where
        self.append(tbl)

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

    def cell(self, tr: Element, width: int, style: str) -> Element:
        """Append a cell of `width` to row `tr`; its one paragraph, in `style`."""
        tc = sub(tr, "tc")
        props = sub(tc, "tcPr")
        sub(props, "tcW", w=str(width), type="dxa")
        p = ooxml.paragraph(tc, style)
        tc.append(p)
        return p

    def figure(self, node: Figure) -> None:
        """An inline picture no wider than the text, then its caption."""
        where = f"{self.where}: figure"
        caption = self.clean(node.caption, f"{where} caption")
        description = self.clean(node.alt, f"{where} alt text") or caption
        p = ooxml.paragraph(self.sect_pr, styles.FIGURE)
        try:
            inline = self.pictures.inline(node, self.text_width / 20, description)
        except (ImportError, OSError) as exc:
            self.warnings.append(f"docx: {where}: could not be drawn, its description is shown instead: {exc}")
            ooxml.run(p, description or "(figure)", italic=True)
        else:
            sub(sub(p, "r"), "drawing").append(inline)
        self.append(p)
        if caption:
            p = ooxml.paragraph(self.sect_pr, styles.FIGURE_CAPTION)
            ooxml.run(p, caption)
            self.append(p)

    def note_list(self, node: NoteList) -> None:
        """The source notes: 'N. source: “quote”', the number bookmarked as the note's anchor."""
        where = self.where
        for note in node.notes:
            self.where = f"{where}: note {note.number}"
            self.note(note)
        self.where = where

    def note(self, note: Note) -> None:
        """One numbered source note."""
        p = ooxml.paragraph(self.sect_pr, styles.NOTE)
        name = self.note_anchors.get(note.number, ooxml.bookmark_name(note.anchor or f"note-{note.number}"))
        mark = self.bookmarks.start(p, name)
        if mark is None:
            self.warnings.append(f"docx: {self.where}: bookmark {name!r} already used; not repeated")
        ooxml.run(p, f"{note.number}.", bold=True)
        self.bookmarks.end(p, mark)
        ooxml.run(p, " ")
        self.inlines(p, note.source, PLAIN)
        ooxml.run(p, ": ")
        quote = self.clean(note.quote, f"{self.where} quote")
        ooxml.run(p, f"\u201c{quote}\u201d", style=styles.SOURCE_QUOTE_CHAR)
        self.append(p)

    def div(self, node: Div) -> None:
        """A container: its children in order, nothing else."""
        where = self.where
        if node.anchor:
            self.where = f"section {node.anchor!r}"
        for child in node.children:
            self.block(child)
        self.where = where

    # ------------------------------------------------------------ inlines

    def inlines(self, p: Element, nodes: Inlines, fmt: Format) -> None:
        """Render a run of inlines into `p`; consecutive citations become one marker."""
        index = 0
        while index < len(nodes):
            node = nodes[index]
            if isinstance(node, Cite):
                end = index
                while end < len(nodes) and isinstance(nodes[end], Cite):
                    end += 1
                self.citations(p, [n.number for n in nodes[index:end] if isinstance(n, Cite)])
                index = end
                continue
            self.inline(p, node, fmt)
            index += 1

    def inline(self, p: Element, node: Inline, fmt: Format) -> None:
        """Render one inline node that is not a citation."""
        if isinstance(node, Text):
            text = self.clean(node.text, self.where)
            if text:
                style = styles.FLAG if fmt.flag else ""
                ooxml.run(p, text, style=style, bold=fmt.bold, italic=fmt.italic)
        elif isinstance(node, Strong):
            self.inlines(p, node.children, Format(True, fmt.italic, fmt.flag))
        elif isinstance(node, Emph):
            self.inlines(p, node.children, Format(fmt.bold, True, fmt.flag))
        elif isinstance(node, Span):
            flag = fmt.flag or not styles.FLAG_CLASSES.isdisjoint(node.classes)
            self.inlines(p, node.children, Format(fmt.bold, fmt.italic, flag))
        else:
            raise TypeError(f"docx writer: unknown inline node {type(node).__name__}")

    def citations(self, p: Element, numbers: list[int]) -> None:
        """One superscript marker 'n,m', each number a link to its note's bookmark."""
        for position, number in enumerate(numbers):
            if position:
                ooxml.run(p, ",", style=styles.CITATION)
            anchor = self.note_anchors.get(number)
            if anchor is None:
                self.warnings.append(f"docx: {self.where}: citation {number} has no note in the document")
                anchor = ooxml.bookmark_name(f"note-{number}")
            link = ooxml.internal_link(p, anchor)
            ooxml.run(link, str(number), style=styles.CITATION)
