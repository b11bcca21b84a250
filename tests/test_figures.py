"""Figure geometry, tested on the format-neutral layout: nothing overlaps, nothing is cut, nothing is hidden."""

from __future__ import annotations

import re

import pytest

from factsheet.compose.figures import clashes, label_rect, text_width, wrap
from factsheet.compose.network import MAX_LANES, supply_network
from factsheet.compose.timeline import MIN_EVENTS, events_of, timeline_figure, timeline_strip
from factsheet.document.nodes import Arrow, Box, Dot, Figure, Label
from factsheet.writers import look
from tests.figure_sheets import big_sheet, many_dates, seed_dates, seed_sheet

STATUSES = set(look.STATUS_LOOK)


def labels(figure: Figure, role: str | None = None) -> list[Label]:
    return [s for s in figure.shapes if isinstance(s, Label) and (role is None or s.role == role)]


def status_arrows(figure: Figure) -> list[Arrow]:
    return [s for s in figure.shapes if isinstance(s, Arrow) and s.role in STATUSES and s.head]


def assert_clean(figure: Figure) -> None:
    assert clashes(figure) == []
    for label in labels(figure):
        assert "…" not in label.text, label.text  # wrapped, never cut
        if label.width:
            assert text_width(label.text, label.size) <= label.width + 0.01


# ---------------------------------------------------------------- the house look of statuses


def test_every_status_has_its_own_colour_and_dash() -> None:
    colours = [colour for colour, _ in look.STATUS_LOOK.values()]
    dashes = [dash for _, dash in look.STATUS_LOOK.values()]
    assert len(set(colours)) == len(colours)
    assert len(set(dashes)) == len(dashes)
    assert look.STATUS_LOOK["agreed"] != look.STATUS_LOOK["planned"]


# ---------------------------------------------------------------- supply network


def test_seed_network_one_arrow_per_transfer_with_separate_arrival_points() -> None:
    sheet, actor = seed_sheet()
    figure = supply_network(sheet, actor)
    assert figure is not None
    assert_clean(figure)
    arrows = status_arrows(figure)
    legend = [a for a in arrows if a.x1 > 20 and a.x2 - a.x1 < 30]
    drawn = [a for a in arrows if a not in legend]
    assert len(drawn) == len(sheet.transfers)
    assert len({(a.x2, a.y2) for a in drawn}) == len(drawn)  # every arrow meets its recipient at its own point
    assert sorted(a.role for a in drawn) == sorted(t.status.value for t in sheet.transfers)
    # A legend names each status drawn, next to a sample line of its style.
    assert {label.text for label in labels(figure, "legend")} == {t.status.value for t in sheet.transfers}
    # Each label says its system and status, beside (above) its own arrow.
    texts = " ".join(label.text for label in labels(figure, "transfer"))
    for transfer in sheet.transfers:
        system = next(s.designation for s in sheet.systems if s.id == transfer.system)
        assert system in texts
    assert "first" not in figure.caption


def test_labels_sit_above_their_own_arrow_and_clear_of_it() -> None:
    sheet, actor = seed_sheet()
    figure = supply_network(sheet, actor)
    assert figure is not None
    drawn = [a for a in status_arrows(figure) if a.x2 - a.x1 > 100]
    for label in labels(figure, "transfer"):
        bottom = label_rect(label)[3]
        below = [a.y1 for a in drawn if a.y1 > bottom]
        assert below and min(below) - bottom < 12  # the arrow right under it is its own


def test_long_names_are_wrapped_not_cut() -> None:
    sheet, actor = big_sheet(12)
    figure = supply_network(sheet, actor)
    assert figure is not None
    assert_clean(figure)
    words = " ".join(label.text for label in labels(figure))
    assert "Britain and Northern" in words and "Ireland" in words
    assert "one-way attack UAV 0" in words or "attack UAV 0" in words


@pytest.mark.parametrize("count", [48, 400])
def test_large_network_is_grouped_and_says_so(count: int) -> None:
    sheet, actor = big_sheet(count)
    figure = supply_network(sheet, actor)
    assert figure is not None
    assert_clean(figure)
    arrows = [a for a in status_arrows(figure) if a.x2 - a.x1 > 100]
    assert len(arrows) <= MAX_LANES * 2
    assert f"The {count} transfers are drawn as {len(arrows)} arrows" in figure.caption
    assert "the table lists each transfer" in figure.caption
    # Every transfer is counted in some arrow's label: none is silently left out.
    text = " ".join(label.text for label in labels(figure, "transfer"))
    grouped = sum(int(n) for n in re.findall(r"(\d+) transfers,", text))
    single = len(re.findall(r" \u00b7 ", text))
    assert grouped + single == count


def test_small_network_is_not_grouped() -> None:
    sheet, actor = big_sheet(MAX_LANES)
    figure = supply_network(sheet, actor)
    assert figure is not None
    assert len([a for a in status_arrows(figure) if a.x2 - a.x1 > 100]) == MAX_LANES
    assert "one arrow per transfer" in figure.caption


# ---------------------------------------------------------------- timeline


def test_timeline_left_out_when_a_short_table_says_it_all() -> None:
    sheet, _ = seed_sheet()
    short = sheet.dates[: MIN_EVENTS - 1]
    assert len(short) == MIN_EVENTS - 1
    assert timeline_strip([(d, d.event) for d in short]) is None
    assert timeline_strip([(d, d.event) for d in sheet.dates[:MIN_EVENTS]]) is not None


def test_each_precision_is_drawn_as_precisely_as_known() -> None:
    events = many_dates()
    figure = timeline_figure(events)
    assert figure is not None
    assert_clean(figure)
    legend_top = next(label.y for label in labels(figure, "heading") if label.text == "Known to:") - 8
    marks = [s for s in figure.shapes if isinstance(s, Box | Dot) and 30 < s.y < legend_top]
    month = next(s.width + 1 for s in marks if isinstance(s, Box) and s.role == "month")
    widths = {s.role: round((s.width + 1) / month, 1) for s in marks if isinstance(s, Box)}
    assert widths["year"] == 12.0  # a year-precision date is never drawn as a month bar
    assert widths["season"] == 3.0 and widths["quarter"] == 3.0
    assert widths["range"] == 6.0
    assert sum(1 for s in marks if isinstance(s, Dot)) == sum(1 for e in events if e.period.kind == "day")
    assert "year only" in figure.caption


def test_year_precision_date_facts_are_year_bars() -> None:
    dates = seed_dates(9)
    events = events_of([(d, d.event) for d in dates])
    assert {e.period.kind for e in events} == {"day", "month", "year"}
    years = [e for e in events if e.period.kind == "year"]
    assert all(e.period.end - e.period.start == 12 for e in years)


@pytest.mark.parametrize("count", [5, 12, 40])
def test_timeline_labels_never_overlap_or_get_cut(count: int) -> None:
    figure = timeline_strip([(d, d.event) for d in seed_dates(count)])
    assert figure is not None
    assert_clean(figure)
    texts = [label.text for label in labels(figure, "event")]
    joined = " ".join(texts)
    for index in range(count):
        assert f"Event {index}:" in joined


# ---------------------------------------------------------------- text measure


def test_estimate_is_never_narrower_than_the_typeface() -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from factsheet.writers.pdf.styles import BOLD, REGULAR, register_fonts

    register_fonts()
    sheet, actor = big_sheet(48)
    figures = [supply_network(sheet, actor), timeline_figure(many_dates())]
    for figure in figures:
        assert figure is not None
        for label in labels(figure):
            for font in (REGULAR, BOLD):
                assert stringWidth(label.text, font, label.size) <= text_width(label.text, label.size) + 0.01


def test_wrap_keeps_every_character_and_the_width() -> None:
    text = "Geran-2/Shahed-136 surface-to-air Supercalifragilisticexpialidociousnessinthemiddle end"
    lines = wrap(text, 7.5, 60)
    assert all(text_width(line, 7.5) <= 60 for line in lines)
    assert "".join(lines).replace("-", "").replace(" ", "") == text.replace("-", "").replace(" ", "")


def test_clashes_are_found() -> None:
    crossing = Figure(200, 50, (Label(10, 20, "a label", 7.5), Label(12, 22, "another", 7.5),
                                Arrow(0, 18, 100, 18, "delivered"), Label(150, 60, "below", 7.5)), "c")
    problems = clashes(crossing)
    assert any("overlaps label" in p for p in problems)
    assert any("crosses a delivered line" in p for p in problems)
    assert any("sticks out" in p for p in problems)


@pytest.mark.parametrize("text", ["<b>bold?</b>", "&amp; AT&T a<b", "\x01ctrl\x0b", "lone \ud800 surrogate",
                                  "\u0645\u0631\u062d\u0628\u0627", "x" * 1000, "]]> <![CDATA[", "tab\tand\nnewline"])
def test_any_label_text_draws_in_both_formats(text: str) -> None:
    import io

    import docx

    from factsheet.document import nodes as n
    from factsheet.writers import render

    meta = n.Metadata("t", "a", "s", (), "en", "2026-11-25", "b")
    figure = Figure(200, 50, (Label(10, 20, text, 7.5, "start", "box", 100), Box(0, 30, 50, 10, text, "supplier")),
                    "caption", "alt")
    document = n.Document(meta, n.Page(), (figure,))
    assert render("pdf", document).data.startswith(b"%PDF")
    word = docx.Document(io.BytesIO(render("docx", document).data))
    drawn = "".join(t.text or "" for t in word.element.body.iter("{*}t"))
    assert "".join(text.split())[:50].replace("\x01", "").replace("\x0b", "").replace("\ud800", "") in "".join(
        drawn.split())


@pytest.mark.parametrize("years", [(2020, 2021, 2022, 2023, 2024), (1991, 1995, 2001, 2010, 2023),
                                   (1700, 1850, 1900, 2000, 2023)])
def test_long_spans_label_the_years_there_is_room_for(years: tuple[int, ...]) -> None:
    from factsheet.compose.timeline import Event, Period

    figure = timeline_figure([Event(Period(y * 12, y * 12 + 12, "year"), str(y), f"event {y}") for y in years])
    assert figure is not None
    assert_clean(figure)
    ticks = [label for label in labels(figure, "tick")]
    assert len(ticks) >= 2 and str(years[-1])[:2] in "".join(label.text for label in ticks)


def test_a_timeline_of_very_many_events_is_left_to_the_table() -> None:
    from factsheet.compose.timeline import MAX_EVENTS

    assert timeline_strip([(d, d.event) for d in seed_dates(MAX_EVENTS)]) is not None
    assert timeline_strip([(d, d.event) for d in seed_dates(MAX_EVENTS + 1)]) is None
