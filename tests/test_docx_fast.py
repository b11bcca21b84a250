"""The Word writer's fast paths against their clear versions: the same bytes, for the shipped briefings
and for trees made to find where markup written as text and markup parsed and serialised could differ."""

from __future__ import annotations

from functools import cache

import pytest

from factsheet.document.nodes import (
    Arrow,
    Box,
    Column,
    Document,
    Dot,
    Figure,
    Heading,
    Label,
    Metadata,
    Note,
    NoteList,
    Page,
    Paragraph,
    Span,
    Strong,
    Table,
    Text,
)
from factsheet.writers.docx import filled, render, render_with
from factsheet.writers.docx.package import package_bytes, zip_members
from tests.conftest import REPO
from tests.test_docx_writer import FULL, META, make


@cache
def shipped() -> dict[str, Document]:
    """Every shipped facts file, and the stress workspace's (every script), composed with every shipped template."""
    from factsheet.compose.template import load_template
    from factsheet.facts.load import load_facts
    from factsheet.render import History, compose_fitted
    from factsheet.workspace import Workspace

    workspace = Workspace.open(REPO, REPO / "out")
    stress = Workspace.open(REPO / "tests" / "stress", REPO / "out")
    documents = {}
    for place, path in [(where, path) for where in (workspace, stress) for path in where.facts_files()]:
        facts = load_facts(path, place, check_quotes=False)
        for name in ("briefing", "one-pager"):
            template = load_template(workspace.template_path(name), name)
            documents[f"{path.name}:{name}"] = compose_fitted(facts, template, frozenset(), History())[0]
    return documents


def link(text: str, href: str) -> Span:
    return Span((Text(text),), attributes=(("href", href),))


ODD = {
    "empty column title and cell": make(Table((Column("", 1.0), Column("\x01", 3.0)), (((Text(""),), ()),))),
    "empty link text": make(Paragraph((link("", "https://example.org/a b"), link("\x02", 'https://e.org/"<&>')),
                                      "body")),
    "language with white space": make(Paragraph((Span((Text("h\u00e9"),), attributes=(
        ("lang", 'en\tGB\r\nx\ny\r"<&>'),)),), "body")),
    "empty metadata": Document(Metadata("", "", "", (), "", "2026-11-25", ""), Page("letter", ""),
                               (Paragraph((Text("a\tb\r\nc\rd\ne "),), "body"),)),
    "figure with line ends": make(Figure(100, 50, (
        Box(0, 0, 50, 20, "x\ny", "supplier"), Box(1, 1, 2, 2, "\x03"), Dot(5, 5, 2),
        Arrow(40, 30, 0, 0), Label(10, 10, "lab\tel\r\n", 8, "middle", "label", 30),
        Label(10, 10, "", 8)), "cap\ntion", 'alt\r\ntext\t"<&>\r'), Figure(10, 10, (), "\x04", "")),
    "white space and separators": make(Paragraph((Text("   "), Strong((Text(" "),)), Text("\u2028\u0085 \u00a0")),
                                                 "body"), Heading(1, (Text(" "),), " odd anchor\n")),
    "right to left": make(Heading(0, (Text("ab cd ef"),), ""), Paragraph((Text(
        "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 1 2 hi"),), "body")),
    "notes with links": make(Paragraph((Text("x"),), "body"), NoteList((
        Note(1, (link("", "https://example.org/n"),), "q\x05", "n-1"), Note(2, (Text("s"),), "", "")))),
    "one page, letter": Document(META, Page("letter", "M", one_page=True), FULL.body),
}


def same_bytes(document: Document) -> None:
    fast, clear = render(document), render_with(document, clear=True)
    if fast.data != clear.data:
        fast_parts, clear_parts = zip_members(fast.data), zip_members(clear.data)
        differ = [name for name in clear_parts if fast_parts.get(name) != clear_parts[name]]
        pytest.fail(f"fast and clear differ in {differ or sorted(set(fast_parts) ^ set(clear_parts))}")
    assert fast.warnings == clear.warnings


@pytest.mark.parametrize("name", sorted(ODD))
def test_body_written_as_text_equals_body_parsed(name: str) -> None:
    same_bytes(ODD[name])


def test_shipped_briefings_written_as_text_equal_parsed() -> None:
    for document in [FULL, *shipped().values()]:
        same_bytes(document)


def test_package_bytes_hold_what_python_docx_saves() -> None:
    # package_bytes writes python-docx's own members (content types made once per set of parts) into its
    # own zip: every member must be what python-docx's save writes.
    import io

    for document in (FULL, ODD["notes with links"], ODD["one page, letter"]):
        word, _, _ = filled(document, clear=True)
        saved = io.BytesIO()
        word.save(saved)
        assert zip_members(package_bytes(word.part.package)) == zip_members(saved.getvalue())
