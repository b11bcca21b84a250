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
from factsheet.writers.look import citation_marks
from factsheet.writers.pdf.figure import FigureFlowable
from factsheet.writers.pdf.grid import Grid, GridLook
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
            return runs(node.children, replace(look, bold=True, color=ALERT))
        if node.href:
            return [replace(run, link=node.href) for run in runs(node.children, replace(look, color=LINK))]
        return runs(node.children, look)
    raise TypeError(f"PDF writer: unknown inline node {type(node).__name__}")


def text(inlines: n.Inlines, style: ParagraphStyle, anchor: str | None = None) -> RichText:
    """A paragraph of `inlines` in `style`."""
    return RichText(runs(inlines, _Look.of(style)), style, anchor)


class PdfWriter:
    """Renders a Document to PDF bytes with ReportLab."""

    name = "pdf"
    extension = ".pdf"

    def __init__(self) -> None:
        self.warnings: list[str] = []
        self.page_count = 0

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
        story = _Story(styles, doc.width, doc.height).blocks(document.body)
        doc.build(story, canvasmaker=numbered_canvas(document))
        self.page_count = doc.page
        return buffer.getvalue()


class _Story:
    """Visits blocks, producing flowables."""

    def __init__(self, styles: Styles, width: float, height: float) -> None:
        self.styles = styles
        self.width = width
        self.height = height

    def blocks(self, blocks: tuple[n.Block, ...]) -> list[Flowable]:
        out: list[Flowable] = []
        for block in blocks:
            out.extend(self.block(block))
        return out

    def block(self, block: n.Block) -> list[Flowable]:
        s = self.styles
        if isinstance(block, n.Heading):
            style = s.title if block.level == 0 else s.h1 if block.level == 1 else s.h2
            para = text(block.children, style, block.anchor or None)
            if block.anchor:
                para._outline = (block.anchor, n.inline_text(block.children), max(block.level - 1, 0))
            return [para]
        if isinstance(block, n.Paragraph):
            return [text(block.children, s.paragraph(block.style))]
        if isinstance(block, n.BulletList):
            items = [ListItem(text(item, s.bullet), value="•") for item in block.items]
            return [ListFlowable(items, bulletType="bullet", start="•", leftIndent=s.body.fontSize * 1.3,
                                 bulletFontName=s.body.fontName, bulletFontSize=s.body.fontSize, bulletColor=NAVY)]
        if isinstance(block, n.Table):
            return [self.table(block), Spacer(1, 2 * mm)]
        if isinstance(block, n.Figure):
            scale = min(1.0, self.width / block.width, self.height * 0.8 / block.height)
            caption = RichText([replace(_Look.of(s.small), italic=True).run(block.caption)], s.small)
            return [KeepTogether([FigureFlowable(block, scale), caption]), Spacer(1, 1 * mm)]
        if isinstance(block, n.NoteList):
            look = _Look.of(s.note)
            return [
                RichText([replace(look, bold=True).run(f"{note.number}.\u00a0"), *runs(note.source, look),
                          look.run(f": “{note.quote}”")], s.note, note.anchor)
                for note in block.notes
            ]
        if isinstance(block, n.Div):
            children = self.blocks(block.children)
            # A section starts on a new page when little room is left, so its heading is never
            # stranded; keeping heading and a long table together would leave half-empty pages.
            if block.children and isinstance(block.children[0], n.Heading):
                return [CondPageBreak(36 * mm), *children]
            return children
        raise TypeError(f"PDF writer: unknown block node {type(block).__name__}")

    def table(self, table: n.Table) -> Grid:
        s = self.styles
        total = sum(c.weight for c in table.columns)
        widths = [self.width * c.weight / total for c in table.columns]
        header_look = _Look.of(s.header_cell)
        header = [RichText([header_look.run(c.title)], s.header_cell) for c in table.columns]
        rows = [[text(cell, s.cell) for cell in row] for row in table.rows]
        return Grid(header, rows, widths, GRID_LOOK)
