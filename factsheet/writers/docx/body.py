"""The body visitor: one method per block node type of the document tree (inline nodes: `inlines.py`)."""

from __future__ import annotations

import re
from typing import Any

from factsheet.document.nodes import (
    KEEP,
    Block,
    BulletList,
    Div,
    Figure,
    Heading,
    Inlines,
    Note,
    NoteList,
    Paragraph,
    Table,
    Text,
    inline_text,
    walk_blocks,
)
from factsheet.writers import assert_never
from factsheet.writers import look as house
from factsheet.writers.docx import drawing, notes, ooxml, page, scripts, styles
from factsheet.writers.docx.inlines import PLAIN, InlineWriter
from factsheet.writers.docx.ooxml import Bookmarks, Cleaner, Element
from factsheet.writers.look import KEEP_ROW_LINES

EMPTY_LINE = ('<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
              '<w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>')
"""A paragraph as low as Word allows, for a section that must not be empty."""

CHAR_WIDTH = 95
"""A rough average character width of 9 pt table text, in twentieths of a point."""
CELL_PADDING = 160

NOTE_DIGIT = 100
"""About the width of one bold digit of note text, in twentieths of a point."""
NOTE_GAP = 160
"""The period after a note's number and the gap before its text."""
_KEEP_WITH_NEXT = re.compile(r'^(<w:p><w:pPr>(?:<w:pStyle w:val="[^"]*"/>)?)')
"""The start of a paragraph's properties, after its style: where keepNext must go (CT_PPr order)."""


def _direction(inlines: Inlines) -> str:
    """Paragraph properties for `inlines`: right to left (``w:bidi``) when its first strong letter is."""
    return _direction_of(inline_text(inlines))


def _direction_of(text: str) -> str:
    """`_direction` of inlines whose text is `text` (text without a right-to-left letter needs no look)."""
    return "<w:bidi/>" if scripts.has_rtl(text) and scripts.first_strong_is_rtl(text) else ""


def _balanced(inlines: Inlines) -> Inlines:
    """A title's inlines with its last two words joined by a no-break space, so neither stands alone."""
    for index in range(len(inlines) - 1, -1, -1):
        node = inlines[index]
        if isinstance(node, Text):
            words = node.text.rstrip().rsplit(" ", 1)
            if len(words) == 2 and words[0].strip() and len(inline_text(inlines).split()) > 2:
                joined = Text(words[0] + "\u00a0" + words[1] + node.text[len(node.text.rstrip()):])
                return (*inlines[:index], joined, *inlines[index + 1:])
            return inlines
    return inlines


def estimated_lines(texts: list[str], widths: list[int]) -> int:
    """Roughly how many lines the tallest cell of a row needs, given the text of each cell."""
    tallest = 0
    for text, width in zip(texts, widths, strict=False):
        per_line = max(1, (width - CELL_PADDING) // CHAR_WIDTH)
        lines = sum([max(1, -(-len(part) // per_line)) for part in text.split("\n")])
        if lines > tallest:
            tallest = lines
    return tallest


class BodyWriter(InlineWriter):
    """Appends the blocks of a document before the body's final ``w:sectPr``.

    Blocks are written as markup into `out`; `write` leaves all of it in `markup`, which
    `package.package_bytes` writes into the document part as it is (`parse_into` is the clear
    version: the markup parsed into the body, where python-docx serialises it again).
    """

    def __init__(
        self, sect_pr: Element, text_width: int, clean: Cleaner, warnings: list[str], text_height: int = 0,
        part: Any = None, one_page: bool = False,
    ) -> None:
        self.sect_pr = sect_pr
        self.drawings = 0  # drawings placed so far: each needs an id of its own
        self.part = part  # the document part external links are related to
        self.one_page = one_page
        self.text_height = text_height or 10**6  # twips; a figure is never taller than 80% of it
        self.text_width = text_width
        self.clean = clean
        self.warnings = warnings
        self.bookmarks = Bookmarks()
        self.note_anchors: dict[int, str] = {}
        self.where = "body"
        self.last_was_table = False
        self.out: list[str] = []
        self.markup = ""
        """The body's blocks as markup, once `write` has run: everything before the final ``w:sectPr``."""
        self.cited: set[int] = set()
        """Numbers of the notes that become footnotes: those cited in the text."""
        self.footnotes: dict[int, int] = {}
        """Footnote id of each cited note, by note number, in the order of first citations (Word's numbering)."""
        self.note_paragraphs: dict[int, str] = {}
        self.footnote_markup: dict[int, str] = {}
        """The paragraphs of each footnote, by footnote id."""

    # ------------------------------------------------------------ entry

    def write(self, blocks: tuple[Block, ...]) -> None:
        """Render `blocks`; citations link to the bookmarks of the notes they number."""
        cited = notes.cited_numbers(blocks)
        for block in walk_blocks(blocks):
            if isinstance(block, NoteList):
                for note in block.notes:
                    name = ooxml.bookmark_name(note.anchor or f"note-{note.number}")
                    self.note_anchors.setdefault(note.number, name)
                    if note.number in cited:
                        self.cited.add(note.number)
        for block in blocks:
            self.block(block)
        if self.out and "<w:sectPr" in self.out[-1]:
            # The body ends with a set of columns (its notes went into footnotes): the last section
            # still needs a paragraph, one line high, or a full page 1 runs over onto an empty page 2.
            self.out.append(EMPTY_LINE)
        for number, footnote in self.footnotes.items():
            self.footnote_markup[footnote] = notes.note_markup(
                self.note_paragraphs.get(number, ""), ooxml.run(f"{number}.", bold=True), footnote, number,
                styles.CITATION)
        self.markup = "".join(self.out)
        self.out = []

    def parse_into(self) -> None:
        """Parse `markup` into the document's body, before its ``w:sectPr``, as python-docx would hold it.

        The clear version of what `package.package_bytes` does with the markup as text (tests hold
        the two to the same bytes): one new body replacing the old is far cheaper than moving
        hundreds of parsed elements into the document one by one; what the reference body held is kept.
        """
        body = self.sect_pr.getparent()
        existing = [ooxml.markup_of(child) for child in body]
        existing[-1:-1] = [self.markup]
        body.getparent().replace(body, ooxml.parse_body("".join(existing)))

    def append(self, markup: str, table: bool = False) -> None:
        """Add one body-level element's markup at the end of the body."""
        self.out.append(markup)
        self.last_was_table = table

    # ------------------------------------------------------------ blocks

    def block(self, block: Block) -> None:
        """Render one block node."""
        match block:
            case Heading():
                self.heading(block)
            case Paragraph():
                self.paragraph(block)
            case BulletList():
                self.bullet_list(block)
            case Table():
                self.table(block)
            case NoteList():
                self.note_list(block)
            case Figure():
                self.figure(block)
            case Div():
                if notes.only_footnotes(block, self.cited):  # a section left with only its heading goes
                    body, last = self.out, self.last_was_table
                    self.out = []
                    self.div(block)  # its notes go into their footnotes all the same
                    self.out, self.last_was_table = body, last
                else:
                    self.div(block)
            case _:
                assert_never(block, "docx writer")

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
        children = _balanced(node.children) if node.level == 0 else node.children
        self.append(ooxml.paragraph(style, start + self.inlines(children, PLAIN) + end, _direction(node.children)))
        if node.anchor:
            self.where = f"section {node.anchor!r}"

    def paragraph(self, node: Paragraph) -> None:
        """A paragraph in the style its role names."""
        style = styles.PARAGRAPH_STYLE.get(node.style)
        if style is None:
            raise ValueError(f"docx writer: unknown paragraph style {node.style!r}")
        self.append(ooxml.paragraph(style, self.inlines(node.children, PLAIN), _direction(node.children)))

    def bullet_list(self, node: BulletList) -> None:
        """One List Bullet paragraph per item; on a one-pager in the house's columns, as the PDF sets them."""
        columns = self.one_page and house.LIST_COLUMNS_ON_ONE_PAGE and len(node.items) > 1
        props = page.FULL_WIDTH_BULLET if columns else ""
        first = len(self.out)
        for item in node.items:
            self.append(ooxml.paragraph(styles.LIST_BULLET, self.inlines(item, PLAIN), _direction(item) + props))
        if columns:
            page.set_in_columns(self.out, first, self.sect_pr)

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
            ' w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>',
            *(f'<w:gridCol w:w="{width}"/>' for width in widths),
            "</w:tblGrid><w:tr><w:trPr><w:tblHeader/></w:trPr>",
        ]
        for index, column in enumerate(node.columns):
            title = self.clean(column.title, f"{where}: table column {index + 1} title")
            out.append(self.cell(widths[index], styles.TABLE_HEADING, ooxml.run(title), styles.HEADER_FILL))
        out.append("</w:tr>")
        for number, row in enumerate(node.rows, start=1):
            if len(row) > len(node.columns):
                raise ValueError(
                    f"docx writer: {where}: table row {number} has {len(row)} cells for {len(node.columns)} columns"
                )
            texts = [inline_text(cell) for cell in row]
            keep = estimated_lines(texts, widths) <= KEEP_ROW_LINES
            out.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>" if keep else "<w:tr>")
            fill = styles.ZEBRA if number % 2 == 0 else ""
            for index, width in enumerate(widths):
                content = props = ""
                if index < len(row):
                    self.where = f"{where}: table row {number} column {index + 1}"
                    content = self.inlines(row[index], PLAIN)
                    props = _direction_of(texts[index])
                out.append(self.cell(width, styles.TABLE_TEXT, content, fill, props))
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
    def cell(width: int, style: str, content: str, fill: str = "", props: str = "") -> str:
        """A table cell of `width` holding one paragraph in `style` (`props`: its paragraph properties),
        shaded with `fill` (hex) if given.

        The header fill and the stripes are also in the table style; they are repeated on the cells
        because not every program applies a table style's row bands.
        """
        shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
        return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shade}</w:tcPr>'
                f"{ooxml.paragraph(style, content, props)}</w:tc>")

    def figure(self, node: Figure) -> None:
        """A vector drawing no wider than the text, with its alternative text, then its caption."""
        where = f"{self.where}: figure"
        caption = self.clean(node.caption, f"{where} caption")
        description = self.clean(node.alt, f"{where} alt text") or caption
        self.drawings += 1
        inline = drawing.inline(node, (self.text_width / 20, self.text_height / 20), self.drawings, description,
                                caption,
                                lambda text: self.clean(text, f"{where} label"))
        self.append(ooxml.paragraph(styles.FIGURE, f"<w:r><w:drawing>{inline}</w:drawing></w:r>"))
        if caption:
            self.append(ooxml.paragraph(styles.FIGURE_CAPTION, ooxml.run(caption)))

    def note_list(self, node: NoteList) -> None:
        """The source notes: 'N. source: “quote”', the number bookmarked as the note's anchor."""
        where = self.where
        first = len(self.out)
        # The numbers hang in an indent that fits the longest, so wrapped lines align with the text.
        digits = max((len(str(note.number)) for note in node.notes), default=1)
        indent = NOTE_DIGIT * digits + NOTE_GAP
        for note in node.notes:
            self.where = f"{where}: note {note.number}"
            if note.number not in self.cited:
                self.note(note, indent)
                continue
            body, self.out = self.out, []  # the note's paragraph goes into its footnote
            self.note(note, indent)
            self.note_paragraphs[note.number], self.out = "".join(self.out), body
        self.where = where
        page.set_in_columns(self.out, first, self.sect_pr)

    def note(self, note: Note, indent: int) -> None:
        """One numbered source note, its number hanging `indent` twentieths of a point to the left of its text."""
        name = self.note_anchors.get(note.number, ooxml.bookmark_name(note.anchor or f"note-{note.number}"))
        mark = self.bookmarks.start(name)
        if mark is None:
            self.warnings.append(f"docx: {self.where}: bookmark {name!r} already used; not repeated")
            mark = ("", "")
        quote = self.clean(note.quote, f"{self.where} quote")
        quoted = "".join(ooxml.run(piece, script=script)  # roman, as the house sets quotes
                         for piece, script in scripts.pieces(f"\u201c{quote}\u201d"))
        self.append(ooxml.paragraph(styles.NOTE, (
            mark[0] + ooxml.run(f"{note.number}.", bold=True) + mark[1] + ooxml.run("\t")
            + self.inlines(note.source, PLAIN) + ooxml.run(": ") + quoted
        ), f'<w:ind w:left="{indent}" w:hanging="{indent}"/>'))

    def div(self, node: Div) -> None:
        """A container: its children in order, nothing else."""
        where = self.where
        if node.anchor:
            self.where = f"section {node.anchor!r}"
        first = len(self.out)
        for child in node.children:
            self.block(child)
        if KEEP in node.classes:  # every paragraph but the last kept with the next, as the PDF keeps it together
            self.out[first:-1] = [_KEEP_WITH_NEXT.sub(r"\1<w:keepNext/><w:keepLines/>", markup, count=1)
                                  if "<w:keepNext" not in markup else markup for markup in self.out[first:-1]]
        self.where = where
