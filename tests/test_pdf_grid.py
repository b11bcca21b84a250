"""The PDF writer's table flowable: page breaks between and inside rows, repeated headers, zebra rows."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader
from reportlab.lib.colors import black, white
from reportlab.platypus import SimpleDocTemplate

from factsheet.document import nodes as n
from factsheet.writers import render
from factsheet.writers.pdf.grid import Grid, GridLook
from factsheet.writers.pdf.styles import REGULAR, make_styles
from factsheet.writers.pdf.text import RichText, Run

STYLE = make_styles().cell
LOOK = GridLook(header_fill=black, zebra=white, rule=black)


def cell(text: str) -> RichText:
    return RichText([Run(text, REGULAR, 8.6, black)], STYLE)


def grid(rows: list[list[str]]) -> Grid:
    return Grid([cell("Head A"), cell("Head B")], [[cell(a), cell(b)] for a, b in rows], [200.0, 200.0], LOOK)


def test_breaks_between_rows_and_repeats_the_header() -> None:
    table = grid([[f"row {i}", "x"] for i in range(10)])
    _, height = table.wrap(400, 1000)
    row = height / 11
    first, rest = table.split(400, row * 4.5)  # header and three rows fit
    assert [c._runs[0].text for c, _ in first.rows] == ["row 0", "row 1", "row 2"]
    assert [c._runs[0].text for c, _ in rest.rows] == [f"row {i}" for i in range(3, 10)]
    assert rest.header is table.header and rest.first_index == 3  # zebra parity carries over


def drawn(text: RichText) -> list[str]:
    return [segment.text for line in text._lines or [] for segment in line.segments]


def test_a_tall_row_breaks_inside_to_fill_the_page() -> None:
    long = " ".join(f"word{i}" for i in range(400))
    table = grid([["first", "row"], [long, "short"], ["next", "row"]])
    table.wrap(400, 10_000)
    head, tail = table.split(400, 200)
    assert [c._runs[0].text for c, _ in head.rows] == ["first", long]
    (_, row), (tail_cell, empty) = head.rows[1], tail.rows[0]
    assert row._runs[0].text == "short" and empty.wrap(192, 100)[1] == 0
    assert " ".join(drawn(head.rows[1][0]) + drawn(tail_cell)) == long
    assert head.wrap(400, 200)[1] <= 200
    assert tail.first_index == 1  # the cut row keeps its stripe on the next page
    assert grid([["a", "b"]]).split(400, 5) == []  # not even the header fits


def test_a_short_row_moves_to_the_next_page_whole() -> None:
    three_lines = "one\ntwo\nthree"
    table = grid([[three_lines, "x"], [three_lines, "y"]])
    table.wrap(400, 10_000)
    header = table._heights[0]
    first, rest = table.split(400, header + table._heights[1] * 1.8)
    assert len(first.rows) == 1 and len(rest.rows) == 1
    assert rest.split(400, header + table._heights[1] * 0.8) == []  # never a header over half a row


def test_long_table_reads_back_in_order_with_a_header_on_every_page() -> None:
    rows = tuple((((n.Text(f"Entry {i:03d}"),), (n.Text("detail " * (i % 7 + 1)),))) for i in range(150))
    table = n.Table((n.Column("Name"), n.Column("Detail", 3.0)), rows)
    meta = n.Metadata(title="t", author="a", subject="s", keywords=(), language="en-GB", as_of="2026-11-25",
                      build_id="b")
    reader = PdfReader(io.BytesIO(render("pdf", n.Document(meta, n.Page(), (table,))).data))
    assert len(reader.pages) > 2
    seen: list[int] = []
    for page in reader.pages:
        text = page.extract_text()
        assert "Name" in text and "Detail" in text  # the header row, repeated
        seen.extend(int(number) for number in re.findall(r"Entry (\d{3})", text))
    assert seen == list(range(150))


def test_a_grid_draws_inside_a_plain_reportlab_document() -> None:
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, invariant=1).build([grid([["alpha", "beta"], ["gamma", "delta"]])])
    text = " ".join(PdfReader(buffer).pages[0].extract_text().split())
    assert text == "Head A Head B alpha beta gamma delta"
