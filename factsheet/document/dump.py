"""The document tree as indented text: for golden tests and `factsheet build --format tree`."""

from __future__ import annotations

from factsheet.document.nodes import (
    Arrow,
    Block,
    Box,
    BulletList,
    Cite,
    Div,
    Document,
    Dot,
    Emph,
    Figure,
    Heading,
    Inline,
    Inlines,
    Label,
    NoteList,
    Paragraph,
    Shape,
    Span,
    Strong,
    Table,
    Text,
)


def dump(document: Document) -> str:
    """Every node of `document`, one per line, children indented."""
    meta = document.metadata
    lines = [
        f"Document title={meta.title!r} as_of={meta.as_of} build={meta.build_id}",
        f"  Page paper={document.page.paper} marking={document.page.marking!r}",
    ]
    for block in document.body:
        _block(block, 1, lines)
    return "\n".join(lines) + "\n"


def _inlines(inlines: Inlines) -> str:
    return "".join(_inline(node) for node in inlines)


def _inline(node: Inline) -> str:
    if isinstance(node, Text):
        return node.text
    if isinstance(node, Strong):
        return f"**{_inlines(node.children)}**"
    if isinstance(node, Emph):
        return f"_{_inlines(node.children)}_"
    if isinstance(node, Cite):
        return f"[^{node.number}]"
    if isinstance(node, Span):
        attributes = "".join(f" {key}={value}" for key, value in node.attributes)
        return f"[{_inlines(node.children)}]{{{' '.join(node.classes)}{attributes}}}"
    raise TypeError(f"unknown inline node {type(node).__name__}")


def _shape(shape: Shape) -> str:
    if isinstance(shape, Box):
        return f"Box {shape.role} {shape.x:.0f},{shape.y:.0f} {shape.width:.0f}x{shape.height:.0f} {shape.label!r}"
    if isinstance(shape, Arrow):
        return f"Arrow {shape.role} {shape.x1:.0f},{shape.y1:.0f} -> {shape.x2:.0f},{shape.y2:.0f}"
    if isinstance(shape, Label):
        return f"Label {shape.role} {shape.x:.0f},{shape.y:.0f} {shape.anchor} {shape.text!r}"
    if isinstance(shape, Dot):
        return f"Dot {shape.role} {shape.x:.0f},{shape.y:.0f} r{shape.radius:.0f}"
    raise TypeError(f"unknown shape {type(shape).__name__}")


def _block(block: Block, depth: int, lines: list[str]) -> None:
    pad = "  " * depth
    if isinstance(block, Heading):
        lines.append(f"{pad}Heading {block.level} #{block.anchor}: {_inlines(block.children)}")
    elif isinstance(block, Paragraph):
        lines.append(f"{pad}Paragraph ({block.style}): {_inlines(block.children)}")
    elif isinstance(block, BulletList):
        lines.append(f"{pad}BulletList")
        lines.extend(f"{pad}  - {_inlines(item)}" for item in block.items)
    elif isinstance(block, Table):
        lines.append(f"{pad}Table | " + " | ".join(c.title for c in block.columns))
        lines.extend(f"{pad}  | " + " | ".join(_inlines(cell) for cell in row) for row in block.rows)
    elif isinstance(block, NoteList):
        lines.append(f"{pad}NoteList")
        lines.extend(f"{pad}  {n.number}. {_inlines(n.source)}: {n.quote}" for n in block.notes)
    elif isinstance(block, Figure):
        lines.append(f"{pad}Figure {block.width:.0f}x{block.height:.0f} {block.caption!r}")
        lines.extend(f"{pad}  {_shape(shape)}" for shape in block.shapes)
    elif isinstance(block, Div):
        lines.append(f"{pad}Div #{block.anchor} .{' .'.join(block.classes)}")
        for child in block.children:
            _block(child, depth + 1, lines)
    else:
        raise TypeError(f"unknown block node {type(block).__name__}")
