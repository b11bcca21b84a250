"""The PDF writer's own text flowable: line breaking, splitting, drawing, read back with pypdf."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.lib.colors import black
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import SimpleDocTemplate

from factsheet.writers.pdf.styles import BOLD, REGULAR, make_styles
from factsheet.writers.pdf.text import RichText, Run, _subset_chunks, _words

STYLE = make_styles().body


def plain(text: str, font: str = REGULAR) -> Run:
    return Run(text, font, 10.0, black)


def line_texts(flowable: RichText, width: float) -> list[str]:
    flowable.wrap(width, 10_000)
    return [" ".join(segment.text for segment in line.segments) for line in flowable._lines or []]


def test_lines_fill_greedily_and_never_exceed_the_width() -> None:
    text = "the quick brown fox jumps over the lazy dog " * 6
    width = 150.0
    lines = line_texts(RichText([plain(text)], STYLE), width)
    assert len(lines) > 3
    assert " ".join(lines) == " ".join(text.split())
    for index, line in enumerate(lines):
        assert stringWidth(line, REGULAR, 10) <= width + 1e-6
        if index + 1 < len(lines):  # the next line's first word would not have fitted
            widened = line + " " + lines[index + 1].split()[0]
            assert stringWidth(widened, REGULAR, 10) > width


def test_no_break_space_joins_and_newline_breaks() -> None:
    lines = line_texts(RichText([plain("12.\u00a0Tech Times said so\nsecond line")], STYLE), 400)
    assert lines == ["12.\u00a0Tech Times said so", "second line"]


def test_a_word_wider_than_the_line_is_cut_between_characters() -> None:
    word = "https://example.org/" + "a" * 200
    lines = line_texts(RichText([plain("see " + word)], STYLE), 120)
    assert "".join(lines).replace(" ", "") == ("see" + word)
    assert all(stringWidth(line, REGULAR, 10) <= 120 + 1e-6 for line in lines)


def test_runs_without_space_between_stay_on_one_line() -> None:
    runs = [plain("x " * 30 + "States)"), Run("12", BOLD, 8, black, rise=5, link="note-12")]
    flowable = RichText(runs, STYLE)
    flowable.wrap(100, 1000)
    last = (flowable._lines or [])[-1]
    assert [segment.text for segment in last.segments][-2:] == ["States)", "12"]


def test_split_cuts_between_lines_without_orphans() -> None:
    flowable = RichText([plain("word " * 200)], STYLE)
    _, height = flowable.wrap(200, 10_000)
    lines = round(height / STYLE.leading)
    assert flowable.split(200, STYLE.leading * 1.5) == []  # one line alone would be an orphan
    first, rest = flowable.split(200, STYLE.leading * 3.2)
    assert first.wrap(200, 1000)[1] == 3 * STYLE.leading
    assert rest.wrap(200, 1000)[1] == (lines - 3) * STYLE.leading
    assert first.getSpaceAfter() == 0 and rest.getSpaceBefore() == 0


def render(flowables: list[RichText]) -> PdfReader:
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, invariant=1).build(list(flowables))
    return PdfReader(buffer)


def test_drawn_text_reads_back_with_links_to_named_destinations() -> None:
    target = RichText([plain("The note itself.")], STYLE, anchor="note-7")
    source = RichText([plain("Cited here"), Run("7", REGULAR, 8, black, rise=5, link="note-7")], STYLE)
    reader = render([source, target])
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Cited here7" in text and "The note itself." in text
    annotations = [a.get_object() for a in reader.pages[0]["/Annots"]]
    assert len(annotations) == 1
    baselines: dict[str, float] = {}
    reader.pages[0].extract_text(visitor_text=lambda t, cm, tm, _f, _s: baselines.setdefault(t.strip(), cm[5] + tm[5]))
    page, kind, _, top = annotations[0]["/Dest"][:4]
    assert page.get_object() == reader.pages[0] and kind == "/XYZ"
    assert abs(float(top) - STYLE.fontSize - baselines["The note itself."]) < 0.01  # lands on the note's line


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("ab cdЖΩ\u00a0\n-"), max_size=60), min_size=1, max_size=4),
       st.floats(min_value=20, max_value=400))
def test_any_text_keeps_every_character_but_collapsible_blanks(parts: list[str], width: float) -> None:
    flowable = RichText([plain(part) for part in parts], STYLE)
    flowable.wrap(width, 10_000)
    drawn = "".join(segment.text for line in flowable._lines or [] for segment in line.segments)
    assert drawn.replace(" ", "") == "".join(parts).replace(" ", "").replace("\n", "")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.text(alphabet=st.sampled_from("ab Ж\u00a0 "), max_size=12), st.booleans()),
                min_size=1, max_size=5))
def test_short_text_takes_the_one_line_shortcut_to_the_same_line(parts: list[tuple[str, bool]]) -> None:
    runs = [plain(text, BOLD if bold else REGULAR) for text, bold in parts]
    fast = RichText(runs, STYLE)
    fast.wrap(1000, 100)
    slow = RichText(runs, STYLE)
    slow._words = _words(runs)  # forces the word-by-word path
    slow.wrap(1000, 100)
    def layout(flowable: RichText) -> list[tuple[str, float, float]]:
        return [(s.text, round(s.x, 6), round(s.width, 6)) for line in flowable._lines or [] for s in line.segments]
    assert layout(fast) == layout(slow)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.text(max_size=20), min_size=1, max_size=6))
def test_ascii_shortcut_encodes_as_reportlab_does(texts: list[str]) -> None:
    from reportlab.pdfbase.pdfdoc import PDFDocument
    from reportlab.pdfbase.pdfmetrics import getFont

    font = getFont(REGULAR)
    ours, theirs = PDFDocument(), PDFDocument()
    font.splitString("x", ours)
    font.splitString("x", theirs)
    for text in texts:
        assert list(_subset_chunks(font, text, ours)) == font.splitString(text, theirs)
