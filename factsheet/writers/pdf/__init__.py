"""The PDF writer: walks the document tree into ReportLab platypus flowables."""

from __future__ import annotations

import io
from dataclasses import dataclass, replace

from reportlab import rl_config
from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    ListFlowable,
    ListItem,
    PageTemplate,
    Spacer,
)

from factsheet.document import nodes as n
from factsheet.writers import Rendition, assert_never
from factsheet.writers import look as house
from factsheet.writers.pdf.columns import NoteColumns
from factsheet.writers.pdf.figure import FigureFlowable
from factsheet.writers.pdf.grid import Grid, GridLook
from factsheet.writers.pdf.page import numbered_canvas
from factsheet.writers.pdf.styles import (
    ALERT,
    BOLD,
    BOLD_ITALIC,
    HEADER_FILL,
    ITALIC,
    LINK,
    NAVY,
    REGULAR,
    RULE,
    ZEBRA,
    Styles,
    make_styles,
)
from factsheet.writers.pdf.text import RichText, Run

GRID_LOOK = GridLook(header_fill=HEADER_FILL, zebra=ZEBRA, rule=RULE)

# Binary (Flate) streams instead of ASCII85 on top: a quarter smaller and faster; 8-bit clean transport is a given.
rl_config.useA85 = 0


class _BriefingDoc(BaseDocTemplate):
    """Adds a PDF outline entry for every heading paragraph as it is laid out."""

    def afterFlowable(self, flowable: Flowable) -> None:
        outline = getattr(flowable, "_outline", None)
        if outline:
            key, text, level = outline
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(text, key, level=level, closed=False)


_FACES = {(False, False): REGULAR, (True, False): BOLD, (False, True): ITALIC, (True, True): BOLD_ITALIC}


@dataclass(frozen=True)
class _Look:
    """How the runs being made look: face flags, size and colour."""

    bold: bool
    italic: bool
    size: float
    color: Color

    @classmethod
    def of(cls, style: ParagraphStyle) -> _Look:
        """The look a paragraph style starts with."""
        return cls(style.fontName in (BOLD, BOLD_ITALIC), style.fontName in (ITALIC, BOLD_ITALIC),
                   style.fontSize, style.textColor)

    def run(self, text: str) -> Run:
        """`text` in this look."""
        return Run(text, _FACES[self.bold, self.italic], self.size, self.color)


def runs(inlines: n.Inlines, look: _Look) -> list[Run]:
    """Inline nodes as text runs; a citation becomes superscript numbers linking to their notes."""
    out: list[Run] = []
    for node in inlines:
        out.extend(_inline(node, look))
    return out


def _inline(node: n.Inline, look: _Look) -> list[Run]:
    match node:
        case n.Text():
            return [look.run(node.text)]
        case n.Strong():
            return runs(node.children, replace(look, bold=True))
        case n.Emph():
            return runs(node.children, replace(look, italic=True))
        case n.Span():
            if n.FLAG in node.classes:
                return runs(node.children, replace(look, bold=True, color=ALERT))
            if node.href:
                return [replace(run, link=node.href) for run in runs(node.children, replace(look, color=LINK))]
            return runs(node.children, look)
        case n.Cite():
            size = look.size - min(2.0, 0.2 * look.size)
            face = _FACES[look.bold, False]
            out: list[Run] = []
            for position, number in enumerate(node.numbers):
                if position:
                    out.append(Run(",", face, size, LINK, rise=look.size * 0.5))
                out.append(Run(str(number), face, size, LINK, rise=look.size * 0.5, link=f"note-{number}"))
            return out
        case _:
            assert_never(node, "PDF writer")


def text(inlines: n.Inlines, style: ParagraphStyle, anchor: str | None = None) -> RichText:
    """A paragraph of `inlines` in `style`."""
    return RichText(runs(inlines, _Look.of(style)), style, anchor)


def render(document: n.Document) -> Rendition:
    """The complete PDF file for `document` and its page count; byte-identical for identical trees."""
    meta = document.metadata
    buffer = io.BytesIO()
    pagesize = house.paper_size(document.page.paper)
    margins = house.MARGINS
    width = pagesize[0] - margins.left - margins.right
    styles = make_styles(house.type_scale(document.page.one_page), width)
    doc = _BriefingDoc(
        buffer, pagesize=pagesize, invariant=1, lang=meta.language,
        title=meta.title, author=meta.author, subject=meta.subject,
        keywords=", ".join(meta.keywords), creator="factsheet", producer="factsheet",
        leftMargin=margins.left, rightMargin=margins.right, topMargin=margins.top, bottomMargin=margins.bottom,
        initialFontName=styles.body.fontName, initialFontSize=styles.body.fontSize,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("page", [frame])])
    story = _Story(styles, doc.width, doc.height, document.page.one_page).blocks(document.body)
    doc.build(story, canvasmaker=numbered_canvas(document))
    return Rendition(buffer.getvalue(), doc.page, ())


class _Story:
    """Visits blocks, producing flowables."""

    def __init__(self, styles: Styles, width: float, height: float, one_page: bool = False) -> None:
        self.styles = styles
        self.width = width
        self.height = height
        self.one_page = one_page

    def blocks(self, blocks: tuple[n.Block, ...]) -> list[Flowable]:
        out: list[Flowable] = []
        for block in blocks:
            out.extend(self.block(block))
        return out

    def block(self, block: n.Block) -> list[Flowable]:
        s = self.styles
        match block:
            case n.Heading():
                if block.level not in (0, 1, 2):
                    raise ValueError(f"PDF writer: heading level {block.level} is not supported (0-2)")
                style = s.title if block.level == 0 else s.h1 if block.level == 1 else s.h2
                para = text(block.children, style, block.anchor or None)
                if block.anchor:
                    para._outline = (block.anchor, n.inline_text(block.children), max(block.level - 1, 0))
                return [para]
            case n.Paragraph():
                return [text(block.children, s.paragraph(block.style))]
            case n.BulletList():
                if self.one_page and house.LIST_COLUMNS_ON_ONE_PAGE and len(block.items) > 1:
                    # The one-pager sets its lists in the house's two columns: short lines, less height.
                    return [NoteColumns([self.bullets((item,), s.bullet_column) for item in block.items],
                                        house.NOTE_COLUMNS, house.COLUMN_GAP)]
                return [self.bullets(block.items, s.bullet)]
            case n.Table():
                if block.caption:  # above its table, in the caption look the Word writer gives it too
                    caption = RichText([replace(_Look.of(s.caption), bold=True).run(block.caption)], s.caption)
                    caption.keepWithNext = 1
                    return [caption, self.table(block), Spacer(1, 2 * mm)]
                return [self.table(block), Spacer(1, 2 * mm)]
            case n.Figure():
                scale = min(1.0, self.width / block.width, self.height * 0.8 / block.height)
                caption = RichText([replace(_Look.of(s.caption), italic=True).run(block.caption)], s.caption)
                return [KeepTogether([FigureFlowable(block, scale), caption]), Spacer(1, 1 * mm)]
            case n.NoteList():
                look = _Look.of(s.note)
                notes: list[Flowable] = [
                    RichText([replace(look, bold=True).run(f"{note.number}.\u00a0"), *runs(note.source, look),
                              look.run(f": \u201c{note.quote}\u201d")], s.note, note.anchor)
                    for note in block.notes
                ]
                # The notes are set in columns of the text width, each line short enough to read.
                return [NoteColumns(notes, house.NOTE_COLUMNS, house.COLUMN_GAP)]
            case n.Div():
                children = self.blocks(block.children)
                # A heading right before a figure moves with it (a figure is never split); the Word
                # styles keep them together the same way (keepNext on both).
                if (len(block.children) > 1 and isinstance(block.children[0], n.Heading)
                        and isinstance(block.children[1], n.Figure) and isinstance(children[1], KeepTogether)):
                    children[:2] = [KeepTogether([children[0], *children[1]._content])]
                # A section starts on a new page when little room is left, so its heading is never
                # stranded; keeping heading and a long table together would leave half-empty pages.
                if block.children and isinstance(block.children[0], n.Heading):
                    return [CondPageBreak(36 * mm), *children]
                return children
            case _:
                assert_never(block, "PDF writer")

    def bullets(self, items: tuple[n.Inlines, ...], style: ParagraphStyle) -> ListFlowable:
        """A bulleted list of `items` in `style`."""
        s = self.styles
        return ListFlowable([ListItem(text(item, style), value="•") for item in items], bulletType="bullet",
                            start="•", leftIndent=s.body.fontSize * 1.3, bulletFontName=s.body.fontName,
                            bulletFontSize=s.body.fontSize, bulletColor=NAVY)

    def table(self, table: n.Table) -> Grid:
        s = self.styles
        total = sum(c.weight for c in table.columns)
        widths = [self.width * c.weight / total for c in table.columns]
        header_look = _Look.of(s.header_cell)
        header = [RichText([header_look.run(c.title)], s.header_cell) for c in table.columns]
        rows = [[text(cell, s.cell) for cell in row] for row in table.rows]
        return Grid(header, rows, widths, GRID_LOOK)
