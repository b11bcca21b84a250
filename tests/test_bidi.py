"""The PDF writer's bidi resolution (UAX #9) held to Unicode's test data and to python-bidi: levels and
visual order per character, bracket pairs (BD16) and their resolution (N0)."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest
from bidi.mirror import MIRRORED
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from reportlab.lib.colors import black

from factsheet.writers.pdf.bidi import base_direction, resolve, visual_order
from factsheet.writers.pdf.brackets import CLOSING, OPENING, bracket_pairs
from factsheet.writers.pdf.lines import break_lines, cut_words
from factsheet.writers.pdf.styles import REGULAR, make_styles
from factsheet.writers.pdf.text import Run
from tests.bidiref import reference_levels

DATA = Path(__file__).parent / "data" / "bidi_brackets.txt"
make_styles()  # registers the faces


def resolved(text: str, base: str | None = None) -> tuple[str, list[int], list[int]]:
    """`text` as the PDF writer resolves it on one line: the paragraph direction, each character's level
    and the characters' logical positions in visual order."""
    line = break_lines(cut_words([Run(text, REGULAR, 10.0, black)]), float("inf"), float("inf"))[0]
    direction = base or base_direction([line])
    result = resolve([line], direction)[0]
    chars = ""
    levels: list[int] = []
    positions: list[list[int]] = []
    for (index, _), level in zip(result.tokens, result.levels, strict=True):
        part = " " if index < 0 else result.segments[index].text  # a gap is one word space
        positions.append(list(range(len(chars), len(chars) + len(part))))
        chars += part
        levels += [level] * len(part)
    assert chars == text  # every character in one token, in logical order
    order = [i for token in visual_order(result.levels)
             for i in (positions[token][::-1] if result.levels[token] % 2 else positions[token])]
    return direction, levels, order


def test_the_bracket_table_is_unicodes_bidi_paired_brackets() -> None:
    # BidiBrackets.txt's definition: gc Ps / Pe, bc ON, Bidi_Mirrored, and each the other's mirror image.
    def brackets(category: str) -> set[str]:
        return {ch for ch in map(chr, range(sys.maxunicode + 1)) if unicodedata.category(ch) == category
                and unicodedata.bidirectional(ch) == "ON" and unicodedata.mirrored(ch)}

    assert set(OPENING) == brackets("Ps")
    assert set(CLOSING) == brackets("Pe")
    for opening, key in OPENING.items():
        # Bidi_Mirroring_Glyph as python-bidi ships it; its table predates Unicode 14's brackets with strokes.
        closing = MIRRORED.get(opening) or unicodedata.lookup(unicodedata.name(opening).replace("LEFT", "RIGHT"))
        assert CLOSING[closing] == key, (opening, closing)
    assert OPENING["\u2329"] == OPENING["\u3008"] and CLOSING["\u232a"] == CLOSING["\u3009"]


def _pairs(text: str) -> list[tuple[int, int]]:
    return bracket_pairs([(OPENING[ch], True) if ch in OPENING else (CLOSING[ch], False) if ch in CLOSING else None
                          for ch in text])


@pytest.mark.parametrize(("text", "pairs"), [  # UAX #9 BD16's own examples
    ("a)b(c", []),
    ("a(b]c", []),
    ("a(b)c", [(1, 3)]),
    ("a(b[c)d]", [(1, 5)]),
    ("a(b]c)d", [(1, 5)]),
    ("a(b)c)d", [(1, 3)]),
    ("a(b(c)d", [(3, 5)]),
    ("a(b(c)d)", [(1, 7), (3, 5)]),
    ("a(b{c}d)", [(1, 7), (3, 5)]),
    ("\u2329a\u3009 \u3008b\u232a", [(0, 2), (4, 6)]),  # canonical equivalents pair
])
def test_bracket_pairs_are_found_as_bd16_finds_them(text: str, pairs: list[tuple[int, int]]) -> None:
    assert _pairs(text) == pairs


def test_bracket_pairing_stops_when_63_brackets_are_open() -> None:
    assert _pairs("(" + "[" * 62 + "])") == [(0, 64), (62, 63)]
    assert _pairs("(" + "[" * 63 + "])") == []  # the 64th opening bracket stops BD16 for the rest


def _data_lines() -> list[str]:
    return [line for line in DATA.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]


@pytest.mark.parametrize("case", _data_lines(), ids=lambda case: case.split(";")[0][:40])
def test_bidi_character_test_lines(case: str) -> None:
    points, direction, paragraph, levels, order = case.split(";")
    text = "".join(chr(int(point, 16)) for point in points.split())
    base = {"0": "L", "1": "R", "2": None}[direction]
    expected = [int(level) for level in levels.split()]
    assert reference_levels(text, base) == expected  # the data agree with the reference
    got_base, got_levels, got_order = resolved(text, base)
    assert "LR".index(got_base) == int(paragraph)
    assert got_levels == expected
    assert got_order == [int(position) for position in order.split()]


def test_a_raised_citation_marker_in_brackets_is_no_bracket() -> None:
    # A citation marker counts as a neutral isolate: the "]" in it closes nothing outside it.
    runs = [Run("x [", REGULAR, 10.0, black), Run("1]", REGULAR, 7.0, black, rise=3.0),
            Run(" y] א", REGULAR, 10.0, black)]
    line = break_lines(cut_words(runs), float("inf"), float("inf"))[0]
    result = resolve([line], "R")[0]
    texts = [result.segments[index].text if index >= 0 else " " for index, _ in result.tokens]
    assert texts == ["x", " ", "[", "1]", " ", "y", "]", " ", "א"]
    levels = dict(zip(texts, result.levels, strict=False))
    # "[" pairs with the last "]": both take the L of x and y. Had the marker's "]" closed "[", the
    # last "]" would be a lone neutral between y and א, at the paragraph's level 1.
    isolated = "x [\u2068" + "1]" + "\u2069 y] א"  # the same with the marker in an isolate, for python-bidi
    reference = reference_levels(isolated, "R")
    assert levels["["] == reference[2] == 2
    assert result.levels[texts.index("]")] == reference[isolated.index("y]") + 1] == 2


def test_the_paragraph_direction_skips_citation_markers() -> None:
    # P2 skips isolates: a marker "3a" before any text does not make a Hebrew paragraph left to right.
    runs = [Run("3a", REGULAR, 7.0, black, rise=3.0), Run(" אבג abc", REGULAR, 10.0, black)]
    assert base_direction(break_lines(cut_words(runs), float("inf"), float("inf"))) == "R"


_ALPHABET = st.sampled_from([*"אבגד", *"شاهد", *"abc", *"012", *"۱۲", *"١٢", *"  ,.-%:$/+", *"()[]{}",
                             "\u00a0", "(\u0331", ")\u0331"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_ALPHABET, min_size=1, max_size=18).map("".join), st.sampled_from(["L", "R", None]))
def test_any_line_resolves_to_python_bidis_levels(text: str, base: str | None) -> None:
    """Hebrew, Arabic, Latin, European and Arabic digits, separators, terminators, no-break spaces and
    brackets (some with a mark on them), in either paragraph direction or the text's own."""
    assume(text.strip() and "  " not in text and text == text.strip())
    assert resolved(text, base)[1] == reference_levels(text, base)


_WORD = st.lists(_ALPHABET.filter(lambda ch: ch != " "), min_size=1, max_size=5).map("".join)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_WORD, st.sampled_from([" "] * 9 + ["\n"])), min_size=2, max_size=14),
       st.floats(min_value=50, max_value=160), st.sampled_from(["L", "R", None]))
def test_a_paragraph_broken_into_lines_resolves_as_one(words: list[tuple[str, str]], width: float,
                                                       base: str | None) -> None:
    """Levels are resolved over the paragraph before it is broken into lines (brackets pair across them);
    a forced line break ends a bidi paragraph, the next keeping the direction."""
    text = "".join(word + after for word, after in words)[:-1]
    lines = break_lines(cut_words([Run(text, REGULAR, 10.0, black)]), width, width)
    direction = base or base_direction(lines)
    expected = reference_levels(text, direction)
    position = 0
    for line, result in zip(lines, resolve(lines, direction), strict=True):
        for (index, _), level in zip(result.tokens, result.levels, strict=True):
            part = " " if index < 0 else result.segments[index].text
            assert text.startswith(part, position)
            assert expected[position:position + len(part)] == [level] * len(part), (line, part)
            position += len(part)
        position += text[position:position + 1] in (" ", "\n")  # the space or line break the line ended at
    assert position == len(text)


def test_the_word_writers_rtl_blocks_hold_every_right_to_left_letter() -> None:
    # has_rtl looks letters up one by one only in text with a character of these blocks: none may be missed.
    from factsheet.writers.docx.scripts import RTL_BLOCKS, has_rtl

    missed = [hex(code) for code in range(sys.maxunicode + 1)
              if unicodedata.bidirectional(chr(code)) in ("R", "AL") and not RTL_BLOCKS.match(chr(code))]
    assert missed == []
    assert has_rtl("“Quoted” — plain") is False
    assert has_rtl("“שלום” — hello") is True
    assert has_rtl("مرحبا") is True
