"""The PDF writer: walks the document tree into ReportLab platypus flowables."""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from reportlab import rl_config
from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Spacer,
)

from factsheet.document import nodes as n
from factsheet.writers import Rendition, assert_never
from factsheet.writers import look as house
from factsheet.writers.pdf import objstreams
from factsheet.writers.pdf.columns import NoteColumns
from factsheet.writers.pdf.figure import FigureFlowable
from factsheet.writers.pdf.grid import Grid, GridLook
from factsheet.writers.pdf.lists import Item
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
from factsheet.writers.pdf.tagging import Element, Tagged, Tagger
from factsheet.writers.pdf.text import RichText, Run

GRID_LOOK = GridLook(header_fill=HEADER_FILL, zebra=ZEBRA, rule=RULE)

# Binary (Flate) streams instead of ASCII85 on top: a quarter smaller and faster; 8-bit clean transport is a given.
rl_config.useA85 = 0


class _BriefingDoc(BaseDocTemplate):
    """Adds a PDF outline entry for every heading paragraph as it is laid out, nested by heading level."""

    _outline_level = -1

    def afterFlowable(self, flowable: Flowable) -> None:
        outline = getattr(flowable, "_outline", None)
        if outline:
            key, text, level = outline
            # An outline level may not skip one: a level 2 heading under the title nests one deeper.
            level = min(level, self._outline_level + 1)
            self._outline_level = level
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(text, key, level=level, closed=False)


_FACES = {(False, False): REGULAR, (True, False): BOLD, (False, True): ITALIC, (True, True): BOLD_ITALIC}


@dataclass(slots=True)
class _Look:
    """How the runs being made look: face flags, size and colour.

    A value, never changed once made (`but` makes another); not a frozen dataclass, which costs three times
    as much to make, for a look made per paragraph and per emphasis.
    """

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

    def but(self, bold: bool | None = None, italic: bool | None = None, color: Color | None = None) -> _Look:
        """This look with the flags or colour given changed (`dataclasses.replace` at a quarter of its cost)."""
        return _Look(self.bold if bold is None else bold, self.italic if italic is None else italic, self.size,
                     self.color if color is None else color)


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
            return runs(node.children, look.but(bold=True))
        case n.Emph():
            return runs(node.children, look.but(italic=True))
        case n.Span():
            if n.FLAG in node.classes:
                inner = runs(node.children, look.but(bold=True, color=ALERT))
            elif node.href:
                inner = [replace(run, link=node.href) for run in runs(node.children, look.but(color=LINK))]
            else:
                inner = runs(node.children, look)
            return [run if run.lang else replace(run, lang=node.lang) for run in inner] if node.lang else inner
        case n.Cite():
            size = look.size - min(2.0, 0.2 * look.size)
            face = _FACES[look.bold, False]
            out: list[Run] = []
            for position, (label, target) in enumerate(house.citation_marks(node.numbers)):
                if position:
                    out.append(Run(",", face, size, LINK, rise=look.size * 0.5))
                out.append(Run(label, face, size, LINK, rise=look.size * 0.5, link=f"note-{target}"))
            return out
        case _:
            assert_never(node, "PDF writer")


def text(inlines: n.Inlines, style: ParagraphStyle, anchor: str | None = None, balance: bool = False,
         tag: Element | None = None) -> RichText:
    """A paragraph of `inlines` in `style`, the content of structure element `tag`; `balance` keeps a single
    word off its last line (titles)."""
    para = RichText(runs(inlines, _Look.of(style)), style, anchor, balance=balance)
    para.tag = tag
    return para


def heading_role(level: int) -> str:
    """The structure type of a heading: the title is H1, sections H2, subsections H3 (H6 at most)."""
    return f"H{min(level + 1, 6)}"


def render(document: n.Document, object_streams: bool = True) -> Rendition:
    """The complete PDF file for `document` and its page count; byte-identical for identical trees.

    With `object_streams` (the default) the file keeps its non-stream objects in compressed object
    streams with a cross-reference stream (`objstreams`); without, it is written as ReportLab writes it.
    """
    buffer = io.BytesIO()
    tagger = Tagger(document.metadata.language)
    canvas = numbered_canvas(document, tagger)
    pages, room_left = _lay_out(document, buffer, objstreams.compact(canvas) if object_streams else canvas, tagger)
    return Rendition(buffer.getvalue(), pages, (), room_left)


def measure(document: n.Document) -> tuple[int, float]:
    """The page count of `document`'s PDF and the room left at the foot of its last page, as `render` lays
    it out, without writing the file (no furniture, structure tree, fonts or compression: about a third of
    a render): what one-page fitting asks of each shortening it tries."""
    tagger = Tagger(document.metadata.language)
    return _lay_out(document, io.BytesIO(), functools.partial(_Measuring, tagger=tagger), tagger)


class _Measuring(Canvas):
    """A canvas that is drawn on like any other but never saved: pages are laid out, and nothing written."""

    def __init__(self, *args: Any, tagger: Tagger, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tagger = tagger

    def showPage(self) -> None:
        """Start the next page; the page drawn is dropped."""
        self._startPage()

    def save(self) -> None:
        """Nothing: the file is not wanted."""
        self.__dict__.pop("_doctemplate", None)  # the template refers to this canvas: no cycle left behind


def _lay_out(
    document: n.Document, buffer: io.BytesIO, canvasmaker: Callable[..., Canvas], tagger: Tagger
) -> tuple[int, float]:
    """Lay `document` out on `canvasmaker`'s canvas (saved into `buffer`), tagged by `tagger` (the canvas's);
    its page count and the room left at the foot of its last page."""
    meta = document.metadata
    pagesize = house.paper_size(document.page.paper)
    margins = house.MARGINS
    width = pagesize[0] - margins.left - margins.right
    styles = make_styles(house.type_scale(document.page.one_page), width)
    doc = _BriefingDoc(
        buffer, pagesize=pagesize, invariant=1, lang=meta.language,
        title=meta.title, author=meta.author, subject=meta.subject,
        keywords=", ".join(meta.keywords), creator=f"factsheet (build {meta.build_id})", producer="factsheet",
        leftMargin=margins.left, rightMargin=margins.right, topMargin=margins.top, bottomMargin=margins.bottom,
        initialFontName=styles.body.fontName, initialFontSize=styles.body.fontSize,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("page", [frame])])
    story = _Story(styles, doc.width, doc.height, tagger, document.page.one_page).blocks(document.body)
    doc.build(keep_headings(story, doc.width), canvasmaker=canvasmaker)
    # ReportLab's template keeps itself in its namespace for its doc* flowables (none here): the one reference
    # cycle left, which held the whole document until the cyclic collector ran. Reference counting frees it now.
    doc._nameSpace.clear()
    # room left at the foot of the last page: a one-pager that fills its PDF page to the last line
    # spills onto a second page in Word (render.WORD_SLACK)
    return int(doc.page), max(0.0, float(doc.frame._y - doc.frame._y1))


def keep_headings(story: list[Flowable], width: float) -> list[Flowable]:
    """A page break before each heading that would otherwise end a page without two lines of what follows.

    Keeping a heading together with a whole long table would leave half-empty pages; this
    asks only for the heading plus the start of the next block (two lines, or a table's
    header and first row).
    """
    out: list[Flowable] = []
    for index, flowable in enumerate(story):
        if isinstance(flowable, RichText) and flowable.is_heading and index + 1 < len(story):
            following = story[index + 1]
            _, height = flowable.wrap(width, 1e6)
            need = height + flowable.getSpaceAfter() + _start_height(following, width)
            out.append(CondPageBreak(need + flowable.getSpaceBefore()))
        out.append(flowable)
    return out


def _start_height(flowable: Flowable, width: float) -> float:
    """The height of the first lines of `flowable`: what must follow a heading on its page."""
    if isinstance(flowable, RichText):
        flowable.wrap(width, 1e6)
        return float(flowable.getSpaceBefore() + flowable.style.leading * min(2, len(flowable._lines or [])))
    if isinstance(flowable, Grid):
        return flowable.start_height(width)
    return 40.0  # lists and figures: about three lines, without laying them out twice


class _Story:
    """Visits blocks, producing flowables."""

    def __init__(self, styles: Styles, width: float, height: float, tagger: Tagger, one_page: bool = False) -> None:
        self.styles = styles
        self.width = width
        self.height = height
        self.one_page = one_page
        self.tagger = tagger
        self.parent = tagger.root
        """The structure element new blocks' elements go into."""

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
                para = text(block.children, style, block.anchor or None, balance=block.level == 0,
                            tag=self.parent.add(heading_role(block.level)))
                if block.anchor:
                    para._outline = (block.anchor, n.inline_text(block.children), block.level)
                para.is_heading = True
                return [para]
            case n.Paragraph():
                return [text(block.children, s.paragraph(block.style), tag=self.parent.add("P"))]
            case n.BulletList():
                if self.one_page and house.LIST_COLUMNS_ON_ONE_PAGE and len(block.items) > 1:
                    # The one-pager sets its lists in the house's two columns: short lines, less height.
                    return [NoteColumns(self.bullet_list(block, s.bullet_column), house.NOTE_COLUMNS,
                                        house.COLUMN_GAP)]
                return self.bullet_list(block, s.bullet)
            case n.Table():
                if block.caption:  # above its table, in the caption look the Word writer gives it too
                    caption = RichText([_Look.of(s.caption).but(bold=True).run(block.caption)], s.caption)
                    caption.keepWithNext = True
                    return [caption, self.table(block, caption), Spacer(1, 2 * mm)]
                return [self.table(block), Spacer(1, 2 * mm)]
            case n.Figure():
                scale = min(1.0, self.width / block.width, self.height * 0.8 / block.height)
                figure = self.parent.add("Figure", alt=block.alt or block.caption)
                caption = RichText([_Look.of(s.caption).but(italic=True).run(block.caption)], s.caption)
                caption.tag = self.parent.add("Caption")
                return [KeepTogether([Tagged(FigureFlowable(block, scale), figure, record_bbox=True), caption]),
                        Spacer(1, 1 * mm)]
            case n.NoteList():
                # The notes are set in columns of the text width, each line short enough to read.
                return [NoteColumns(self.notes(block), house.NOTE_COLUMNS, house.COLUMN_GAP)]
            case n.Div():
                outer = self.parent
                if block.children:
                    self.parent = outer.add("Sect")
                children = self.blocks(block.children)
                self.parent = outer
                # A heading right before a figure moves with it (a figure is never split); the Word
                # styles keep them together the same way (keepNext on both). Other headings are kept
                # with the start of what follows them by `keep_headings`.
                if (len(block.children) > 1 and isinstance(block.children[0], n.Heading)
                        and isinstance(block.children[1], n.Figure) and isinstance(children[1], KeepTogether)):
                    children[:2] = [KeepTogether([children[0], *children[1]._content])]
                if n.KEEP in block.classes:
                    return [KeepTogether(children)]
                return children
            case _:
                assert_never(block, "PDF writer")

    def bullet_list(self, block: n.BulletList, style: ParagraphStyle) -> list[Flowable]:
        """One flowable per item in `style`: L > LI > (Lbl, LBody)."""
        s = self.styles
        element = self.parent.add("L")
        out: list[Flowable] = []
        for item in block.items:
            entry = element.add("LI")
            label = entry.add("Lbl")
            body = text(item, style, tag=entry.add("LBody"))
            out.append(Item(body, s.body.fontSize * 1.3, "•", s.body.fontName, NAVY, label))
        return out

    def notes(self, block: n.NoteList) -> list[Flowable]:
        """Each note a Note element with an /ID; citation links to it say which source they lead to."""
        # Numbers hang in the indent, which fits the widest: wrapped lines align with the text of "1." and "10.".
        look = _Look.of(self.styles.note)
        number = look.but(bold=True)
        labels = [number.run(f"{note.number}.") for note in block.notes]
        indent = max((stringWidth(label.text, label.font, label.size) for label in labels), default=0.0)
        style = ParagraphStyle("NoteHanging", self.styles.note, leftIndent=indent + look.size * 0.45,
                               firstLineIndent=0)
        out: list[Flowable] = []
        for note, label in zip(block.notes, labels, strict=True):
            description = f"Source note {note.number}: {n.inline_text(note.source)}"
            for destination in {note.anchor, f"note-{note.number}"}:
                self.tagger.descriptions.setdefault(destination, description)
            para = RichText([*runs(note.source, look), look.run(f": “{note.quote}”")], style, note.anchor,
                            label=[label])
            para.tag = self.parent.add("Note", ident=note.anchor or f"note-{note.number}")
            out.append(para)
        return out

    def table(self, table: n.Table, caption: RichText | None = None) -> Grid:
        """The table as a grid: Table > (Caption, TR > TH..., TR > TD...)."""
        s = self.styles
        total = sum(c.weight for c in table.columns)
        widths = [self.width * c.weight / total for c in table.columns]
        header_look = _Look.of(s.header_cell)
        element = self.parent.add("Table")
        if caption is not None:
            caption.tag = element.add("Caption")
        header_row = element.add("TR")
        header = [RichText([header_look.run(c.title)], s.header_cell) for c in table.columns]
        for cell in header:
            cell.tag = header_row.add("TH", scope="Column")
        rows = []
        for row in table.rows:
            row_element = element.add("TR")
            rows.append([text(cell, s.cell, tag=row_element.add("TD")) for cell in row])
        return Grid(header, rows, widths, GRID_LOOK)
