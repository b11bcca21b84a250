"""The PDF writer: walks the document tree into ReportLab platypus flowables."""

from __future__ import annotations

import io
from dataclasses import dataclass, replace

from reportlab import rl_config
from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
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
from factsheet.writers.look import citation_marks
from factsheet.writers.pdf.figure import FigureFlowable
from factsheet.writers.pdf.grid import Grid, GridLook
from factsheet.writers.pdf.lists import Item
from factsheet.writers.pdf.page import MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, PAPER, numbered_canvas
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
    """Inline nodes as text runs; runs of citations become superscript links to their notes."""
    out: list[Run] = []
    index = 0
    while index < len(inlines):
        node = inlines[index]
        if isinstance(node, n.Cite):
            size = look.size - min(2.0, 0.2 * look.size)
            face = _FACES[look.bold, False]
            numbers: list[int] = []
            while index < len(inlines) and isinstance(inlines[index], n.Cite):
                cite = inlines[index]
                assert isinstance(cite, n.Cite)
                numbers.append(cite.number)
                index += 1
            for position, (label, target) in enumerate(citation_marks(numbers)):
                if position:
                    out.append(Run(",", face, size, LINK, rise=look.size * 0.5))
                out.append(Run(label, face, size, LINK, rise=look.size * 0.5, link=f"note-{target}"))
            continue
        out.extend(_inline(node, look))
        index += 1
    return out


def _inline(node: n.Inline, look: _Look) -> list[Run]:
    if isinstance(node, n.Text):
        return [look.run(node.text)]
    if isinstance(node, n.Strong):
        return runs(node.children, replace(look, bold=True))
    if isinstance(node, n.Emph):
        return runs(node.children, replace(look, italic=True))
    if isinstance(node, n.Span):
        if {"stale", "draft"} & set(node.classes):
            inner = runs(node.children, replace(look, bold=True, color=ALERT))
        elif node.href:
            inner = [replace(run, link=node.href) for run in runs(node.children, replace(look, color=LINK))]
        else:
            inner = runs(node.children, look)
        return [run if run.lang else replace(run, lang=node.lang) for run in inner] if node.lang else inner
    raise TypeError(f"PDF writer: unknown inline node {type(node).__name__}")


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


class PdfWriter:
    """Renders a Document to PDF bytes with ReportLab."""

    name = "pdf"
    extension = ".pdf"

    def __init__(self) -> None:
        self.warnings: list[str] = []
        self.page_count = 0
        self.room_left = 0.0
        """Height in points left free at the foot of the last page's text frame."""

    def render(self, document: n.Document) -> bytes:
        """The complete PDF file for `document`; byte-identical for identical trees."""
        self.warnings = []
        styles = make_styles(8.6 if document.page.one_page else 10.0)
        return self._build(document, styles)

    def _build(self, document: n.Document, styles: Styles) -> bytes:
        meta = document.metadata
        buffer = io.BytesIO()
        pagesize = PAPER.get(document.page.paper, PAPER["a4"])
        doc = _BriefingDoc(
            buffer, pagesize=pagesize, invariant=1, lang=meta.language,
            title=meta.title, author=meta.author, subject=meta.subject,
            keywords=", ".join(meta.keywords), creator=f"factsheet (build {meta.build_id})", producer="factsheet",
            leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
            initialFontName=styles.body.fontName, initialFontSize=styles.body.fontSize,
        )
        frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        doc.addPageTemplates([PageTemplate("page", [frame])])
        tagger = Tagger(meta.language)
        story = keep_headings(_Story(styles, doc.width, doc.height, tagger).blocks(document.body), doc.width)
        doc.build(story, canvasmaker=numbered_canvas(document, tagger))
        self.page_count = doc.page
        self.room_left = max(0.0, float(doc.frame._y - doc.frame._y1))
        return buffer.getvalue()


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

    def __init__(self, styles: Styles, width: float, height: float, tagger: Tagger) -> None:
        self.styles = styles
        self.width = width
        self.height = height
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
        if isinstance(block, n.Heading):
            style = s.title if block.level == 0 else s.h1 if block.level == 1 else s.h2
            para = text(block.children, style, block.anchor or None, balance=block.level == 0,
                        tag=self.parent.add(heading_role(block.level)))
            if block.anchor:
                para._outline = (block.anchor, n.inline_text(block.children), block.level)
            para.is_heading = True
            return [para]
        if isinstance(block, n.Paragraph):
            return [text(block.children, s.paragraph(block.style), tag=self.parent.add("P"))]
        if isinstance(block, n.BulletList):
            return self.bullet_list(block)
        if isinstance(block, n.Table):
            return [self.table(block), Spacer(1, 2 * mm)]
        if isinstance(block, n.Figure):
            scale = min(1.0, self.width / block.width, self.height * 0.8 / block.height)
            figure = self.parent.add("Figure", alt=block.alt or block.caption)
            caption = RichText([replace(_Look.of(s.small), italic=True).run(block.caption)], s.small)
            caption.tag = self.parent.add("Caption")
            return [KeepTogether([Tagged(FigureFlowable(block, scale), figure, record_bbox=True), caption]),
                    Spacer(1, 1 * mm)]
        if isinstance(block, n.NoteList):
            return self.notes(block)
        if isinstance(block, n.Div):
            outer = self.parent
            if block.children:
                self.parent = outer.add("Sect")
            children = self.blocks(block.children)
            self.parent = outer
            return children
        raise TypeError(f"PDF writer: unknown block node {type(block).__name__}")

    def bullet_list(self, block: n.BulletList) -> list[Flowable]:
        """One flowable per item: L > LI > (Lbl, LBody)."""
        s = self.styles
        element = self.parent.add("L")
        out: list[Flowable] = []
        for item in block.items:
            entry = element.add("LI")
            label = entry.add("Lbl")
            body = text(item, s.bullet, tag=entry.add("LBody"))
            out.append(Item(body, s.body.fontSize * 1.3, "•", s.body.fontName, NAVY, label))
        return out

    def notes(self, block: n.NoteList) -> list[Flowable]:
        """Each note a Note element with an /ID; citation links to it say which source they lead to."""
        # Numbers hang in the indent, which fits the widest: wrapped lines align with the text of "1." and "10.".
        look = _Look.of(self.styles.note)
        number = replace(look, bold=True)
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

    def table(self, table: n.Table) -> Grid:
        s = self.styles
        total = sum(c.weight for c in table.columns)
        widths = [self.width * c.weight / total for c in table.columns]
        header_look = _Look.of(s.header_cell)
        element = self.parent.add("Table")
        header_row = element.add("TR")
        header = [RichText([header_look.run(c.title)], s.header_cell) for c in table.columns]
        for cell in header:
            cell.tag = header_row.add("TH", scope="Column")
        rows = []
        for row in table.rows:
            row_element = element.add("TR")
            rows.append([text(cell, s.cell, tag=row_element.add("TD")) for cell in row])
        return Grid(header, rows, widths, GRID_LOOK)
