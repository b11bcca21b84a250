"""Export what the briefings say, as plain JSON, for the raw-library floor (`raw_floor.py`).

    python benchmarks/export_content.py ROOT CONTENT.json

Not measured: it runs once before the timed runs. For every facts file x template of
the workspace ROOT (what `factsheet build` makes by default) it composes the briefing as a
build does, one-page fitting included, and writes its blocks - headings, paragraphs, lists,
tables, numbered notes and the figures' shapes - as plain data. The floor then writes the
same text and draws the same figures straight with ReportLab and python-docx, so the two
sides of a comparison carry the same content and differ only in what factsheet adds.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import Any


def inline_text(nodes: Any) -> str:
    """Plain text of a run of inlines, citations as [n]."""
    from factsheet.document import nodes as n

    parts: list[str] = []
    for node in nodes:
        if isinstance(node, n.Text):
            parts.append(node.text)
        elif isinstance(node, n.Cite):
            parts.append(f"[{node.number}]")
        elif hasattr(node, "children"):
            parts.append(inline_text(node.children))
        else:  # a kind added since: its string fields
            parts.extend(str(v) for v in dataclasses.asdict(node).values() if isinstance(v, str))
    return "".join(parts)


def blocks(items: Any) -> list[dict[str, Any]]:
    """The blocks as plain data, containers flattened."""
    from factsheet.document import nodes as n

    out: list[dict[str, Any]] = []
    for block in items:
        if isinstance(block, n.Div):
            out.extend(blocks(block.children))
        elif isinstance(block, n.Heading):
            out.append({"kind": "heading", "level": block.level, "text": inline_text(block.children)})
        elif isinstance(block, n.Paragraph):
            out.append({"kind": "paragraph", "text": inline_text(block.children)})
        elif isinstance(block, n.BulletList):
            out.append({"kind": "list", "items": [inline_text(item) for item in block.items]})
        elif isinstance(block, n.Table):
            out.append({"kind": "table", "header": [c.title for c in block.columns],
                        "weights": [c.weight for c in block.columns],
                        "rows": [[inline_text(cell) for cell in row] for row in block.rows]})
        elif isinstance(block, n.NoteList):
            items = [f"{note.number}. {inline_text(note.source)}: \u201c{note.quote}\u201d" for note in block.notes]
            out.append({"kind": "notes", "items": items})
        elif isinstance(block, n.Figure):
            shapes = [{"type": type(s).__name__, **dataclasses.asdict(s)} for s in block.shapes]
            out.append({"kind": "figure", "width": block.width, "height": block.height, "shapes": shapes,
                        "caption": block.caption})
        else:  # a block kind added since: keep its text, so the floor never carries less
            text = " ".join(str(v) for v in dataclasses.asdict(block).values() if isinstance(v, str))
            out.append({"kind": "paragraph", "text": text})
    return out


def main() -> None:
    root, target = Path(sys.argv[1]), Path(sys.argv[2])
    from factsheet.compose.template import load_template
    from factsheet.facts.load import load_facts
    from factsheet.render import History, compose_fitted
    from factsheet.workspace import Workspace

    workspace = Workspace.open(root, root / "out")
    briefings = []
    for facts_path in workspace.facts_files():
        facts = load_facts(facts_path, workspace, check_quotes=False)
        for template_path in workspace.template_files():
            template = load_template(template_path, template_path.name)
            document, _ = compose_fitted(facts, template, frozenset(), History())
            meta = document.metadata
            briefings.append({
                "name": f"{facts_path.name.removesuffix('.facts.yaml')}-{template.name}",
                "title": meta.title, "author": meta.author, "subject": meta.subject, "as_of": meta.as_of,
                "paper": document.page.paper, "marking": document.page.marking,
                "blocks": blocks(document.body),
            })
    target.write_text(json.dumps(briefings, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
