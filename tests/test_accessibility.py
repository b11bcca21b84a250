"""Accessible, archival PDFs: the structure tree reads back as the document tree, and machine checks pass.

The structure tree is read back with poppler (`pdfinfo -struct-text`) and pikepdf
and compared element by element with what the composed document tree says:
every heading, paragraph, list item, table cell, figure (with its alt text),
caption and note, in order. The PDF/UA-1 and PDF/A-2 checks are in tests/pdfcheck.py.
"""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pikepdf
import pytest

from factsheet.compose.composer import compose
from factsheet.compose.template import load_template
from factsheet.document import nodes as n
from factsheet.facts.load import load_facts
from factsheet.workspace import Workspace
from factsheet.writers import pdf as pdf_writer
from factsheet.writers.look import citation_marks
from factsheet.writers.pdf import heading_role
from tests import pdfcheck
from tests.conftest import REPO, SEED_FACTS, require_tool

TEMPLATES = sorted(path.stem for path in (REPO / "templates").glob("*.yaml"))
SEEDS = sorted(path.name.removesuffix(".facts.yaml") for path in (REPO / "seeds").glob("*.facts.yaml"))
BRIEFINGS = [(seed, template) for seed in SEEDS for template in TEMPLATES]
SKIP = {"Reference"}  # citation markers: compared as notes, not as text of the paragraph


def composed(template: str, seed: str = SEED_FACTS.removesuffix(".facts.yaml")) -> n.Document:
    """Shipped facts composed with a shipped template."""
    workspace = Workspace.open(REPO)
    facts = load_facts(REPO / "seeds" / f"{seed}.facts.yaml", workspace)
    loaded = load_template(REPO / "templates" / f"{template}.yaml", f"templates/{template}.yaml")
    return compose(facts.sheet, loaded.template, "build-id")


def squash(text: str) -> str:
    """`text` with its whitespace collapsed to single spaces, for comparing what was drawn with what the tree says.

    Words must read back apart: a line break or a change of font between two words is still a space.
    """
    return " ".join(text.split())


def expected(blocks: tuple[n.Block, ...]) -> list[tuple[str, str]]:
    """(structure type, text) of every element with content, in the tree's order."""
    out: list[tuple[str, str]] = []
    for block in blocks:
        if isinstance(block, n.Heading):
            out.append((heading_role(block.level), n.inline_text(block.children)))
        elif isinstance(block, n.Paragraph):
            out.append(("P", n.inline_text(block.children)))
        elif isinstance(block, n.BulletList):
            for item in block.items:
                out.extend([("Lbl", "•"), ("LBody", n.inline_text(item))])
        elif isinstance(block, n.Table):
            out.extend(("TH", column.title) for column in block.columns)
            out.extend(("TD", n.inline_text(cell)) for row in block.rows for cell in row)
        elif isinstance(block, n.Figure):
            out.extend([("Figure", ""), ("Caption", block.caption)])
        elif isinstance(block, n.NoteList):
            out.extend(("Note", f"{note.number}.\u00a0{n.inline_text(note.source)}: “{note.quote}”")
                       for note in block.notes)
        elif isinstance(block, n.Div):
            out.extend(expected(block.children))
    return [(role, squash(text)) for role, text in out if text or role == "Figure"]


def read_back(path: Path) -> list[tuple[str, str]]:
    """(structure type, own text) of every content element poppler finds, in order; figures' text left out."""
    pdfinfo = require_tool("pdfinfo")
    listing = subprocess.run([pdfinfo, "-struct-text", str(path)], capture_output=True, text=True, check=True).stdout
    out: list[tuple[str, str]] = []
    stack: list[tuple[int, str, int]] = []  # indent, role, index in out (-1: not compared)
    after_reference = False
    for line in listing.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith(("/", "Object ")):
            continue
        indent = len(line) - len(line.lstrip())
        while stack and stack[-1][0] >= indent:
            stack.pop()
        if stripped.startswith('"'):
            # The comma between two citation numbers is part of the marker, not of the sentence.
            if stack and stack[-1][2] >= 0 and not any(role in SKIP for _, role, _ in stack) and not (
                    stripped == '","' and after_reference):
                role, text = out[stack[-1][2]]
                out[stack[-1][2]] = (role, text + stripped[1:-1])
            if not any(role in SKIP for _, role, _ in stack):
                after_reference = False
            continue
        role = stripped.split()[0].rstrip(":")
        after_reference = after_reference or role == "Reference"
        compared = role not in {"Document", "Sect", "L", "LI", "Table", "TR", "Link", *SKIP}
        # A web link's text belongs to the element around it.
        owner = len(out) if compared else stack[-1][2] if role == "Link" and stack else -1
        stack.append((indent, role, owner))
        if compared:
            out.append((role, ""))
    return [(role, "" if role == "Figure" else squash(text)) for role, text in out]


def render(document: n.Document, path: Path) -> Path:
    """`document` rendered to PDF at `path`."""
    path.write_bytes(pdf_writer.render(document).data)
    return path


@pytest.mark.parametrize(("seed", "template"), BRIEFINGS)
def test_structure_tree_reads_back_as_the_document_tree(seed: str, template: str, tmp_path: Path) -> None:
    document = composed(template, seed)
    pdf = render(document, tmp_path / f"{template}.pdf")
    assert read_back(pdf) == expected(document.body)

    figures = [block for block in n.walk_blocks(document.body) if isinstance(block, n.Figure)]
    notes = [note for block in n.walk_blocks(document.body) if isinstance(block, n.NoteList) for note in block.notes]
    with pikepdf.open(pdf) as opened:
        elements = [element for element, _ in pdfcheck.walk(opened.Root.StructTreeRoot)]
        alts = [str(e.Alt) for e in elements if pikepdf.Name.Figure == e.S]
        ids = [str(e.ID) for e in elements if pikepdf.Name.Note == e.S]
        links = [e for e in elements if pikepdf.Name.Link == e.S and pikepdf.Name.Reference == e.P.S]
        assert str(opened.Root.Lang) == document.metadata.language
    assert alts == [figure.alt for figure in figures] and all(alts)
    assert ids == [note.anchor for note in notes]
    # One link per printed citation mark: a run of three or more consecutive notes prints as one range ("4-6").
    cites = [node for block in n.walk_blocks(document.body) for node in _inlines_of(block) if isinstance(node, n.Cite)]
    marks = sum(len(citation_marks(cite.numbers)) for cite in cites)
    assert marks and len(links) == marks


def _inlines_of(block: n.Block) -> list[n.Inline]:
    runs: list[n.Inlines] = []
    if isinstance(block, n.Heading | n.Paragraph):
        runs.append(block.children)
    elif isinstance(block, n.BulletList):
        runs.extend(block.items)
    elif isinstance(block, n.Table):
        runs.extend(cell for row in block.rows for cell in row)
    out: list[n.Inline] = []

    def visit(nodes: n.Inlines) -> None:
        for node in nodes:
            out.append(node)
            if isinstance(node, n.Strong | n.Emph | n.Span):
                visit(node.children)

    for run in runs:
        visit(run)
    return out


def test_every_shipped_briefing_passes_the_machine_checks(built: Path) -> None:
    pdfs = sorted((built / "out").glob("*.pdf"))
    assert len(pdfs) == len(BRIEFINGS)
    for pdf in pdfs:
        assert pdfcheck.problems(pdf) == [], pdf.name
        assert pdfcheck.pdfua_findings(pdf) == [], pdf.name
        assert pdfcheck.pdfa_findings(pdf) == [], pdf.name


def test_the_checks_catch_untagged_content_and_a_figure_without_alt_text(tmp_path: Path) -> None:
    pdf = render(composed("briefing"), tmp_path / "good.pdf")
    with pikepdf.open(pdf) as opened:
        for element, _ in pdfcheck.walk(opened.Root.StructTreeRoot):
            if pikepdf.Name.Figure == element.S:
                del element["/Alt"]
        opened.pages[0].contents_add(opened.make_stream(b"BT /F1 9 Tf (loose) Tj ET"))
        opened.save(tmp_path / "bad.pdf")
    found = pdfcheck.problems(tmp_path / "bad.pdf")
    assert "structure: a Figure without /Alt" in found
    assert "page 1: Tj outside marked content (neither artifact nor tagged)" in found


def test_text_in_another_language_is_a_span_with_its_language(tmp_path: Path) -> None:
    meta = n.Metadata("Title", "author", "subject", (), "en-GB", "2026-11-25", "b1")
    body = (n.Heading(0, (n.Text("Title"),), "title"),
            n.Paragraph((n.Text("The motto "), n.Span((n.Text("Liberté, égalité"),), attributes=(("lang", "fr"),)),
                         n.Text(" reads."))))
    pdf = render(n.Document(meta, n.Page(), body), tmp_path / "lang.pdf")
    with pikepdf.open(pdf) as opened:
        spans = [e for e, _ in pdfcheck.walk(opened.Root.StructTreeRoot) if pikepdf.Name.Span == e.S]
        assert [str(span.Lang) for span in spans] == ["fr"]
    assert read_back(pdf) == [("H1", "Title"), ("P", squash("The motto reads.")), ("Span", squash("Liberté, égalité"))]
    assert pdfcheck.problems(pdf) == []


def test_tagged_output_is_reproducible() -> None:
    document = composed("one-pager")
    first, second = pdf_writer.render(document).data, pdf_writer.render(document).data
    assert first == second
    with pikepdf.open(io.BytesIO(first)) as opened:
        assert opened.pdf_version == "1.7"
