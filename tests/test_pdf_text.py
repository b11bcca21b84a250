# ruff: noqa: RUF001 - texts in Cyrillic, Persian and Hebrew on purpose
"""The PDF writer's own text flowable: line breaking, splitting, drawing, read back with pypdf."""

from __future__ import annotations

import io
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
from bidi.mirror import MIRRORED
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.lib.colors import black
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.platypus import SimpleDocTemplate

from factsheet.writers.pdf import lines as module
from factsheet.writers.pdf.linebreak import Break, pieces
from factsheet.writers.pdf.lines import cut_words as _words
from factsheet.writers.pdf.pen import _subset_chunks
from factsheet.writers.pdf.styles import BOLD, REGULAR, make_styles
from factsheet.writers.pdf.text import RichText, Run
from tests.conftest import require_tool

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


def test_a_word_wider_than_the_line_is_cut_between_characters_with_a_hyphen() -> None:
    word = "https://example.org/" + "a" * 200
    flowable = RichText([plain("see " + word)], STYLE)
    lines = line_texts(flowable, 120)
    cut = lines[2:-1]
    assert cut and all(line.endswith("-") for line in cut)
    assert "".join(line.removesuffix("-") for line in lines).replace(" ", "") == ("see" + word)
    assert all(line.width <= 120 + 1e-6 for line in flowable._lines or [])


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
    # Cut words gain a hyphen at the line end; hyphens aside, nothing is lost or added.
    assert drawn.replace(" ", "").replace("-", "") == "".join(parts).replace(" ", "").replace("\n", "").replace("-", "")


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
@given(st.lists(st.tuples(st.text(alphabet=st.sampled_from("ab Z.,\t\u00a0-/\u00adé\n"), max_size=24),
                          st.sampled_from([REGULAR, BOLD]), st.sampled_from([8, 9.5])), min_size=1, max_size=5))
def test_plain_runs_cut_as_the_general_steps_cut_them(parts: list[tuple[str, str, float]]) -> None:
    make_styles()
    runs = [Run(text, font, size, black) for text, font, size in parts]
    assert _words(runs) == _words(runs, plain_path=False)


BLANKISH = st.text(alphabet=st.sampled_from("ab \t\r\f\v\n\u00a0\u00ad\u200b-/\u2013é"), max_size=16)


@settings(max_examples=200, deadline=None)
@given(BLANKISH | st.text(max_size=16))
def test_text_shortcuts_answer_as_the_clear_tests(text: str) -> None:
    """The string tests the hot loops use in place of a regular expression or a set give the same answers."""
    assert module._blank_split(text) == module._BLANKS.split(text)
    if module._one_spaced(text):  # a shortcut taken only where the text is its own words (else the long way)
        assert module._BLANKS.split(text) == text.split(" ") and "" not in text.split(" ")
    assert module._one_spaced(" ".join(text.split())) == bool(text.split()) or not text.isprintable()
    assert (module._OPPORTUNITIES.search(text) is None) == ("\n" not in text and module._SPECIAL.isdisjoint(text))


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=20), st.sampled_from([REGULAR, BOLD]), st.sampled_from([7, 9.5, 10.0, 24]))
def test_remembered_widths_are_reportlabs(text: str, font: str, size: float) -> None:
    make_styles()  # fonts registered
    assert module.measure(font, text, size) == stringWidth(text, font, size)
    assert module.measure(font, text, size) == stringWidth(text, font, size)  # remembered


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
    # Past the first subset: characters known in later subsets, with and without new ones among them.
    many = "".join(chr(code) for code in range(0x100, 0x500) if ord(chr(code)) in font.face.charToGlyph)
    assert len(many) > 300
    for text in [many[:150], many[150:], many[::7], *texts, many[::-3] + "".join(texts), "\u00a0x\u00a0"]:
        assert list(_subset_chunks(font, text, ours)) == font.splitString(text, theirs)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=12), st.sampled_from([REGULAR, BOLD])), min_size=1, max_size=8))
def test_pen_shortcut_writes_what_reportlab_names_and_splits(texts: list[tuple[str, str]]) -> None:
    # Pen.text remembers each font's first subset name per document; the operators must be those
    # made from ReportLab's splitString and getSubsetInternalName for every text.
    from reportlab.pdfbase.pdfmetrics import getFont
    from reportlab.pdfgen.canvas import Canvas

    from factsheet.writers.pdf.pen import Pen

    make_styles()
    ours, theirs = Canvas(io.BytesIO()), Canvas(io.BytesIO())
    pen = Pen(ours)
    expected: list[str] = []
    current = None
    for text, name in texts:
        pen.text(name, 9, text)
        font = getFont(name)
        for subset, chunk in font.splitString(text, theirs._doc):
            internal = font.getSubsetInternalName(subset, theirs._doc)
            if (internal, 9) != current:
                expected.append(f"{internal} 9 Tf")
                current = (internal, 9)
            expected.append(f"({theirs._escape(chunk)}) Tj")
    assert pen.out[1:] == expected


def broken(text: str, width: float) -> list[str]:
    """Each line's drawn text, segments joined as drawn (a break hyphen is its own segment)."""
    flowable = RichText([plain(text)], STYLE)
    flowable.wrap(width, 10_000)
    return ["".join(s.text if i == 0 or s.x <= line.segments[i - 1].x + line.segments[i - 1].width + 1e-6
                    else " " + s.text for i, s in enumerate(line.segments))
            for line in flowable._lines or []]


def test_lines_break_after_hyphens_dashes_and_slashes_but_not_before_digits() -> None:
    assert broken("surface-to-air", stringWidth("surface-", REGULAR, 10) + 1) == ["surface-", "to-air"]
    assert broken("Korea\u2014Belarus", stringWidth("Korea\u2014Bel", REGULAR, 10)) == ["Korea\u2014", "Belarus"]
    assert broken("Geran-2/Shahed-136", stringWidth("Geran-2/Shahe", REGULAR, 10)) == ["Geran-2/", "Shahed-136"]
    # No break between a hyphen and a digit (UAX #14 LB25), nor after a slash before one.
    assert pieces("Geran-2") == [("Geran-2", Break.none)] and pieces("1/2") == [("1/2", Break.none)]


def test_no_break_at_no_break_spaces_and_hyphens() -> None:
    width = stringWidth("Шахед", REGULAR, 10) + 2
    for text in ("Шахед\u2011136", "10\u00a0km"):
        lines = broken(text, width)
        # Too long for the line, the word is cut only as a last resort, never at the joiner.
        assert not any(line.endswith(("\u2011", "\u00a0")) for line in lines[:-1])
    assert broken("Шахед\u2011136 and more", 400) == ["Шахед\u2011136 and more"]


def test_soft_hyphen_shows_only_where_the_line_breaks() -> None:
    text = "counter\u00admeasures"
    assert broken(text, 400) == ["countermeasures"]
    assert broken(text, stringWidth("measures", REGULAR, 10) + 1) == ["counter-", "measures"]


def test_zero_width_space_is_a_break_and_is_not_drawn() -> None:
    text = "loitering\u200bmunition"
    assert broken(text, 400) == ["loiteringmunition"]
    assert broken(text, stringWidth("munition", REGULAR, 10) + 1) == ["loitering", "munition"]


def test_a_long_word_is_cut_between_grapheme_clusters() -> None:
    word = "за\u0301мок" * 12  # a combining acute on every second letter
    flowable = RichText([plain(word)], STYLE)
    flowable.wrap(60, 10_000)
    for line in flowable._lines or []:
        first = line.segments[0].text
        assert first and not unicodedata.combining(first[0]), "a mark was cut from its letter"


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from("abc xyzÄöü-/ËÑ ,.;ЖΩ"), min_size=1, max_size=80),
       st.floats(min_value=30, max_value=300))
def test_fast_and_shaped_paths_give_the_same_lines(text: str, width: float) -> None:
    """Where both apply (text the face draws left to right), the shaped path measures and breaks as the fast one."""
    from factsheet.writers.pdf.shaping import Item, shape

    def shaped(run: Run, part: str) -> list[module.Piece]:
        glyphs = shape(part, run.font, False)
        width = sum(glyphs.advances) * run.size / 1000
        return [module.Piece(run, part, width, Item(part, run.font, "L", width, glyphs))]

    assume(text.strip())  # blank text: no words, nothing to compare
    fast = RichText([plain(text)], STYLE)
    fast._words = _words(fast._runs)
    fast.wrap(width, 10_000)
    original = module.pieces_of, module.is_simple
    module.pieces_of, module.is_simple = shaped, lambda text, font: False  # everything takes the shaped path
    try:
        slow = RichText([plain(text)], STYLE)
        slow._words = _words(slow._runs)
        slow.wrap(width, 10_000)
    finally:
        module.pieces_of, module.is_simple = original
    assert all(piece.item is not None for word in slow._words for piece in word.pieces)

    def layout(flowable: RichText) -> list[tuple[str, float]]:
        return [(" ".join(s.text for s in line.segments), round(line.width, 3)) for line in flowable._lines or []]

    fast_lines, slow_lines = layout(fast), layout(slow)
    assert [w for _, w in fast_lines] == pytest.approx([w for _, w in slow_lines], abs=1e-3)
    assert ["".join(t.split()) for t, _ in fast_lines] == ["".join(t.split()) for t, _ in slow_lines]


def test_shaped_text_reads_back_as_its_characters(tmp_path: Path) -> None:
    pdftotext = require_tool("pdftotext")
    texts = ["Уда\u0301рные беспило\u0301тники", "Шахед\u2011136", "ایران", "שאהד"]
    path = tmp_path / "shaped.pdf"
    SimpleDocTemplate(str(path)).build([RichText([plain(text)], STYLE) for text in texts])
    out = subprocess.run([pdftotext, str(path), "-"], capture_output=True, text=True, check=True).stdout
    lines = [re.sub("[\u202a-\u202e]", "", line) for line in out.split("\n") if line.strip()]
    assert lines == texts


BIDI_SAMPLES = [
    "Iran (ایران) supplied پهپاد شاهد ۱۳۶ to Russia in 2022, says the source.",
    "מקור: ״שאהד 136״ נמסרו לרוסיה בשנת 2022.",
    "پهپادهای شاهد-۱۳۶ در سال ۲۰۲۲ به روسیه تحویل داده شد (گزارش).",
    "شاهد-۱۳۶, UAV",
    "abc אבג 123 דהו def",
    "אבג 1, 2, 3 דהו",
    "a (ב) c",
    "[אב] 12",
    "אבג 1,5 ו-20% מהם",
    "ב-2022 נמסרו 1.5 מיליון",
]


BRACKET_SAMPLES = [  # UAX #9's examples of rule N0, and the case that failed the first attempt at it
    "אב(גד[&ef]!)gh",
    "smith (fabrikam ابج) אבג",
    "ابج book(s)",
    ":(aא)0",
    "אבג (abc) def",
    "אב {c [d (e) f] g} ה",
    "שאהד-136 (Geran-2) [1] נמסרו",
    "מחיר «שאהד» <136> ≤ 2022 ‹ב›",  # other mirrored characters: guillemets, angle brackets, a relation
]


def drawn_lines(text: str | list[Run], width: float = 10_000) -> list[tuple[str, str]]:
    """Each line `text` (or runs) is broken into: its characters in reading order, and what it shows left
    to right (each glyph as the characters it stands for)."""
    from factsheet.writers.pdf.shaping import TO_UNICODE

    flowable = RichText([plain(text)] if isinstance(text, str) else text, STYLE)
    flowable.wrap(width, 1e6)
    out: list[tuple[str, str]] = []
    for line in flowable._lines or []:
        logical = "".join(segment.text + " " * segment.space_after for segment in line.segments).rstrip(" ")
        parts: list[str] = []
        end: float | None = None
        for segment in sorted(line.segments, key=lambda s: s.x):
            if end is not None and segment.x > end + 0.01:
                parts.append(" ")
            glyphs = segment.glyphs
            if glyphs is None:
                parts.append(segment.text)
            else:
                glyph_of = getFont(glyphs.font).face.charToGlyph
                for index, char in enumerate(glyphs.chars):
                    chars = "" if index in glyphs.silent else TO_UNICODE.get(ord(char), char)
                    mirror = MIRRORED.get(chars)
                    if mirror and glyph_of.get(ord(mirror)) == glyph_of[ord(char)]:
                        chars = mirror  # a bracket drawn as its mirror image (and read back as itself)
                    parts.append(chars[::-1] if glyphs.rtl else chars)  # a glyph for several characters
            end = segment.x + segment.width
        out.append((logical, "".join(parts)))
    return out


def drawn(text: str) -> str:
    """What `text` shows on one line, left to right."""
    ((_, shown),) = drawn_lines(text)
    return shown


@pytest.mark.parametrize("text", BIDI_SAMPLES + BRACKET_SAMPLES)
def test_lines_are_ordered_as_the_unicode_bidi_algorithm_orders_them(text: str) -> None:
    """Held to python-bidi's visual order, with brackets set right to left mirrored (UAX #9 L4)."""
    from tests.bidiref import reference_display

    assert drawn(text) == reference_display(text)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from("אבגד" "شاهد" "abc" "012" "۱۲" "١٢" "  ,.-%:$/+" "()[]{}" "\u00a0"),
               min_size=1, max_size=16))
def test_any_mixed_line_is_ordered_as_python_bidi_orders_it(text: str) -> None:
    """Random mixes of Hebrew, Arabic, Latin, European and Arabic digits, separators, terminators, no-break
    spaces and brackets (paired, nested, crossed or alone), drawn in python-bidi's order, brackets mirrored
    where they read right to left."""
    assume(text.strip() and "  " not in text and text == text.strip())
    test_lines_are_ordered_as_the_unicode_bidi_algorithm_orders_them(text)


PARAGRAPHS = [
    # A parenthesis of Latin text after Latin text, across a line break in a Hebrew paragraph: its closing
    # bracket pairs with the opening one on the line above, so it stays with the Latin text (N0).
    "פסקה בעברית מתחילה כאן ומזכירה את abc (the long parenthetical text in English goes on here) ואחריו "
    "עוד עברית.",
    "התקציב (Ministry of Defence (MoD) report 2022, pages 12-14 of the English annex, quoted here) אושר "
    "בסוף השנה [לפי הדיווח].",
    "پهپادهای شاهد-۱۳۶ (Geran-2/Shahed-136, ۲۰۲۲) به روسیه تحویل داده شد [گزارش رسمی ۱۴۰۱] و (Alabuga).",
]


@pytest.mark.parametrize("width", [90.0, 140.0, 220.0])
@pytest.mark.parametrize("text", PARAGRAPHS, ids=["hebrew-latin", "nested", "persian"])
def test_each_line_of_a_paragraph_is_ordered_by_the_paragraphs_levels(text: str, width: float) -> None:
    """UAX #9 resolves levels over the paragraph, then orders each line: brackets pair across lines."""
    from tests.bidiref import reference_display

    lines = drawn_lines(text, width)
    assert len(lines) > 1
    start = 0
    for logical, shown in lines:
        start = text.index(logical, start)
        assert shown == reference_display(text, span=(start, start + len(logical))), logical
        start += len(logical)


def test_mirrored_brackets_read_back_as_written() -> None:
    # A bracket set right to left is drawn as its mirror image; the text read back keeps it as typed.
    texts = ["אב(גד[&ef]!)gh", "מקור: ״שאהד 136״ (Geran-2) נמסרו לרוסיה [בשנת 2022] {לפי הדיווח}."]
    assert drawn(texts[0]) == "gh(![ef&]דג)בא"  # UAX #9's example of N0, mirrored by L4
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer).build([RichText([plain(text)], STYLE) for text in texts])
    read = PdfReader(buffer).pages[0].extract_text()  # the content stream, in reading order
    # pypdf places word spaces by position, which right-to-left text confuses: compare without them.
    assert ["".join(line.split()) for line in read.split("\n")] == ["".join(text.split()) for text in texts]


def test_a_forced_line_break_ends_a_bidi_paragraph() -> None:
    # After "\n" brackets no longer pair and neutrals see no text across it; the direction stays the
    # paragraph's (as HTML orders a <br>).
    from tests.bidiref import reference_display

    text = "אב abc (def\nghi) גד"
    assert [shown for _, shown in drawn_lines(text)] == [reference_display(part, "R") for part in text.split("\n")]


def test_citation_markers_in_right_to_left_text_read_left_to_right() -> None:
    # Each marker is an isolate (UAX #9 X5a): "12" stays "12"; in a right-to-left paragraph the first
    # marker stands rightmost.
    from tests.bidiref import reference_display

    text, marks = "נמסרו לרוסיה בשנת 2022.", ["12", ",", "3a"]
    runs = [plain(text), *(Run(mark, REGULAR, 7.0, black, rise=3.0) for mark in marks)]
    isolated = text + "".join(f"\u2068{mark}\u2069" for mark in marks)
    ((_, shown),) = drawn_lines(runs)
    assert shown == re.sub("[\u2068\u2069]", "", reference_display(isolated)) == "3a,12.2022 תנשב היסורל ורסמנ"


def test_linked_right_to_left_words_are_ordered_as_text() -> None:
    # A publisher's name links to its address; its words are read right to left like any others.
    from tests.bidiref import reference_display

    runs = [plain("Reported by "), Run("هيئة الإذاعة البريطانية", REGULAR, 10.0, black, link="https://bbc.com"),
            plain(", para. 4")]
    ((_, shown),) = drawn_lines(runs)
    assert shown == reference_display("Reported by هيئة الإذاعة البريطانية, para. 4")


def test_fallback_fonts_get_subset_tags_of_their_own() -> None:
    # Two fallback fonts on one page: each embedded subset must be named apart (PDF/A asks for unique tags).
    from factsheet.document import nodes as n
    from factsheet.writers import render

    meta = n.Metadata(title="Tags", author="a", subject="s", keywords=(), language="en-GB", as_of="2026-11-25",
                      build_id="b")
    body = (n.Paragraph((n.Text("שלום עולם and مرحبا بالعالم"),)),)
    reader = PdfReader(io.BytesIO(render("pdf", n.Document(meta, n.Page(), body)).data))
    names = [str(font["/BaseFont"]) for font in reader.pages[0]["/Resources"]["/Font"].values()]
    assert any("Hebrew" in name for name in names) and any("Arabic" in name for name in names), names
    tags = [name.lstrip("/").split("+")[0] for name in names]
    assert len(set(tags)) == len(tags), names


@settings(max_examples=120, deadline=None)
@given(st.text(max_size=30) | st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=30))
def test_direct_pdf_strings_are_reportlabs(value: str) -> None:
    from reportlab.pdfbase.pdfdoc import PDFDocument, PDFString

    from factsheet.writers.pdf.tagging import pdf_string

    document = PDFDocument()
    assert pdf_string(value, document) == PDFString(value).format(document)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=30))
def test_printable_ascii_escapes_as_its_bytes_do(text: str) -> None:
    """The pen escapes printable ASCII as text, where it escaped the text's bytes before: the same operand."""
    from reportlab.lib.rl_accel import escapePDF

    assert escapePDF(text) == escapePDF(text.encode("ascii"))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.text(alphabet=st.sampled_from("il.,:;'|!ab WM \t"), max_size=90),
                          st.sampled_from([REGULAR, BOLD])), min_size=1, max_size=4),
       st.floats(min_value=1, max_value=600))
def test_the_early_answer_for_long_text_is_the_measured_one(parts: list[tuple[str, str]], limit: float) -> None:
    """single_line answers "does not fit" without measuring a long run only where measuring says so too."""
    make_styles()
    runs = [Run(text, font, 9.0, black) for text, font in parts]
    assert module.single_line(runs, limit) == module.single_line(runs, limit, early=False)


def test_a_paragraph_is_not_measured_whole_to_learn_it_is_not_one_line() -> None:
    make_styles()
    text = "a paragraph of words that cannot fit " * 4
    module.single_line([plain(text)], 100.0)
    assert text.strip() not in module.widths(REGULAR, 10.0)
    module.single_line([plain(text)], 100.0, early=False)
    assert text.strip() in module.widths(REGULAR, 10.0)
