"""The format-neutral document tree.

A small, closed set of node types plus one generic container (`Div` for blocks,
`Span` for inlines) that carries classes. Writers visit these nodes; a new node
type means every writer is updated on purpose. This module imports nothing from
facts, compose or writers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

# ---------------------------------------------------------------- inlines


@dataclass(frozen=True)
class Text:
    """Plain text, never markup: writers escape it for their format."""

    text: str


@dataclass(frozen=True)
class Strong:
    """Bold text."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Emph:
    """Italic text."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Cite:
    """One citation marker pointing at one or more numbered notes, printed as one mark ('2,3').

    The composer groups the citations of a statement into one `Cite`; writers print it as it is.
    """

    numbers: tuple[int, ...]


@dataclass(frozen=True)
class Span:
    """A generic inline container; `classes` name its role (e.g. ``claim``, ``stale``).

    A span with the class `FLAG` is a warning to the reader (a changed source, an unreviewed fact):
    every writer shows it in the house's alert look. `attributes` are key-value pairs, as pandoc's
    Span has; writers know two: ``href`` (the children link to that web address) and ``lang`` (the
    children's language, BCP 47, when it is not the document's; marked for screen readers and spelling).
    """

    children: tuple[Inline, ...]
    classes: tuple[str, ...] = ()
    attributes: tuple[tuple[str, str], ...] = ()

    @property
    def href(self) -> str | None:
        """The web address the span links to, if any."""
        return dict(self.attributes).get("href")

    @property
    def lang(self) -> str:
        """The language of the text (BCP 47, the ``lang`` attribute) when it is not the document's."""
        return dict(self.attributes).get("lang", "")


FLAG = "flag"
"""The class of a `Span` every writer shows as a warning."""
KEEP = "keep"
"""The class of a `Div` every writer keeps on one page (a short closing section such as the end matter)."""

Inline = Union[Text, Strong, Emph, Cite, Span]  # noqa: UP007 - used at runtime by isinstance
Inlines = tuple[Inline, ...]

# ---------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Heading:
    """A section heading; `anchor` is a stable id for bookmarks and links."""

    level: int
    children: Inlines
    anchor: str = ""


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; `style` is one of the writer-known roles below."""

    children: Inlines
    style: str = "body"


PARAGRAPH_STYLES = ("body", "lead", "meta", "small", "quote")


@dataclass(frozen=True)
class BulletList:
    """A bulleted list; each item is a run of inlines."""

    items: tuple[Inlines, ...]


@dataclass(frozen=True)
class Column:
    """A table column: its header and its relative width."""

    title: str
    weight: float = 1.0


@dataclass(frozen=True)
class Table:
    """A table with one header row; every cell is a run of inlines."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[Inlines, ...], ...]
    caption: str = ""


@dataclass(frozen=True)
class Note:
    """A numbered source note: which source, and the exact text quoted from it."""

    number: int
    source: Inlines
    quote: str
    anchor: str


@dataclass(frozen=True)
class NoteList:
    """The numbered notes that `Cite` markers point to."""

    notes: tuple[Note, ...]


@dataclass(frozen=True)
class Box:
    """A labelled rectangle; `role` names its look (e.g. ``supplier``, ``system``, ``recipient``)."""

    x: float
    y: float
    width: float
    height: float
    label: str
    role: str = "node"


@dataclass(frozen=True)
class Arrow:
    """A straight arrow from (x1, y1) to (x2, y2); `role` names its look (e.g. ``delivered``)."""

    x1: float
    y1: float
    x2: float
    y2: float
    role: str = "edge"
    head: bool = True


@dataclass(frozen=True)
class Label:
    """Text at (x, y), the baseline's start, middle or end (`anchor`).

    `width` is the room the composer reserved for the text (0: unlimited); a writer whose font sets
    the text wider draws it smaller, so it never runs into what is beside it.
    """

    x: float
    y: float
    text: str
    size: float = 7.5
    anchor: str = "start"
    role: str = "label"
    width: float = 0.0


@dataclass(frozen=True)
class Dot:
    """A filled circle; `role` names its look."""

    x: float
    y: float
    radius: float
    role: str = "dot"


Shape = Union[Box, Arrow, Label, Dot]  # noqa: UP007


@dataclass(frozen=True)
class Figure:
    """A vector figure: shapes in points, origin at the top left, y growing downwards."""

    width: float
    height: float
    shapes: tuple[Shape, ...]
    caption: str
    alt: str = ""


@dataclass(frozen=True)
class Div:
    """A generic block container, e.g. one section of the briefing."""

    children: tuple[Block, ...]
    classes: tuple[str, ...] = ()
    anchor: str = ""


Block = Union[Heading, Paragraph, BulletList, Table, NoteList, Figure, Div]  # noqa: UP007

# ---------------------------------------------------------------- document


@dataclass(frozen=True)
class Metadata:
    """What the output formats record about the document itself."""

    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    language: str
    as_of: str  # ISO date: the only date any output may carry
    build_id: str


@dataclass(frozen=True)
class Page:
    """Page set-up chosen by the template."""

    paper: str = "a4"  # "a4" or "letter"
    marking: str = ""
    one_page: bool = False  # set in a tighter, smaller style meant to fit one page


@dataclass(frozen=True)
class Document:
    """A whole briefing: metadata, page set-up and body blocks."""

    metadata: Metadata
    page: Page
    body: tuple[Block, ...]
    warnings: tuple[str, ...] = field(default=())


def inline_text(inlines: Inlines) -> str:
    """The plain text of a run of inlines (citations left out)."""
    parts: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            parts.append(node.text)
        elif isinstance(node, Strong | Emph | Span):
            parts.append(inline_text(node.children))
    return "".join(parts)


def walk_blocks(blocks: tuple[Block, ...]) -> list[Block]:
    """Every block in document order, containers before their children."""
    out: list[Block] = []
    for block in blocks:
        out.append(block)
        if isinstance(block, Div):
            out.extend(walk_blocks(block.children))
    return out
