"""Drawing lines of text: one PDF text object per line, with its fonts, colours, links and marked content.

`text.RichText` lays paragraphs out into lines (`lines`, `shaping`, `bidi`); a `Pen` writes
them as text operators, and running heads and figure labels are drawn here too, so that every
script prints wherever text is drawn. Positions, colours and each font's character codes are
remembered, as they recur on every line.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfgen.canvas import Canvas

from factsheet.writers.pdf import tagging
from factsheet.writers.pdf.bidi import base_direction, reorder
from factsheet.writers.pdf.lines import Line, Run, Segment, break_lines, cut_words
from factsheet.writers.pdf.shaping import Glyphs

__all__ = ["Pen", "draw_line", "draw_runs", "number", "one_line"]


class Pen:
    """Writes lines of segments as one PDF text object; links and marked content as it goes.

    With `marks` (a tagged PDF), each run's text is marked as content of its structure element.
    """

    __slots__ = ("canvas", "color", "document", "escape", "first_subsets", "font_name", "font_size", "links",
                 "marked", "marks", "out", "slant")

    def __init__(self, canvas: Any, marks: tagging.Marks | None = None) -> None:
        self.canvas = canvas
        self.marks = marks
        self.marked: Run | None = None  # the run `marks` last switched to: its next segment needs no switch
        document = self.document = canvas._doc
        self.escape = escapePDF if type(canvas)._escape is Canvas._escape else canvas._escape
        self.first_subsets = _first_subsets(document)
        self.out = ["q BT"]
        self.font_name = ""
        self.font_size = 0.0
        self.color: Color | None = None
        self.links: list[tuple[str, tuple[float, float, float, float], tagging.Element | None]] = []
        self.slant = "0"

    def line(self, line: Line, left: float, y: float) -> None:
        """Draw one line with its left end at `left` and its baseline at `y`: everything a line draws is here."""
        out = self.out
        marks = self.marks
        segments = line.segments
        last = len(segments) - 1
        baselines: dict[float, str] = {}  # the y of each rise in this line, as written
        first_subsets = self.first_subsets
        escape = self.escape
        for position, segment in enumerate(segments):
            run = segment.run
            # A gap (between words, or at the end of a line) is drawn as an invisible space too, so that
            # text read back from the file (by a screen reader, say) keeps its words apart; after a link
            # the space is the paragraph's, not the link's.
            gap = segment.space_after or (position == last and line.spaced and not segment.text.endswith(" "))
            if marks is not None and run is not self.marked:
                switch = marks.run(run)
                if switch:
                    out.append(switch)
                self.marked = run
            color = run.color
            if color is not self.color:
                out.append(_color_operator(color))
                self.color = color
            x = left + segment.x
            item = segment.item
            if item is None and segment.glyphs is None:
                # The fast path's text: the run's own face, upright, unstroked (what the steps below do for it).
                self.slant = "0"
                rise = run.rise
                baseline = baselines.get(rise)
                if baseline is None:
                    baseline = baselines[rise] = number(y + rise)
                out.append(f"1 0 0 1 {_NUMBERS.get(x) or number(x)} {baseline} Tm")
                shown = segment.text + " " if gap and not run.link else segment.text
                first = first_subsets.get(run.font)
                if first is not None and first == self.font_name and run.size == self.font_size and shown \
                        and shown.isascii() and shown.isprintable():
                    out.append(f"({escape(shown)}) Tj")  # what `text` writes here, without the call
                else:
                    self.text(run.font, run.size, shown)
            else:
                self._shown(segment, run, x, y, gap)
            if run.link:
                low = y + run.rise - run.size / 4
                self.links.append((run.link, (x, low, x + segment.width, low + run.size * 1.25),
                                   marks.link if marks else None))
                if gap:
                    if marks is not None:
                        out.append(marks.run(tagging.PLAIN))
                        self.marked = None
                    out.append(f"1 0 0 1 {fp_str(x + segment.width, y)} Tm")
                    self.text(run.font, run.size, " ")

    def _shown(self, segment: Segment, run: Run, x: float, y: float, gap: bool) -> None:
        """Text of the correct path (another font, shaped glyphs or a bidi class) at `x`."""
        out = self.out
        # A fallback font has neither bold nor italic faces: a bold run's fallback text is stroked as
        # well as filled, an italic run's is slanted.
        fallback = segment.item is not None and segment.item.font != run.font
        embolden = fallback and "Bold" in run.font
        self.slant = "0.2" if fallback and ("Italic" in run.font or run.font.endswith("It")) else "0"
        if embolden:
            rgb = fp_str(run.color.red, run.color.green, run.color.blue)
            out.append(f"{rgb} RG {fp_str(run.size * 0.035)} w 2 Tr")
        font = segment.item.font if segment.item is not None else run.font
        if segment.glyphs is not None:
            self.glyphs(segment.glyphs, run, x, y + run.rise)
            if gap and not run.link:
                self.text(run.font, run.size, " ")
        else:
            out.append(f"1 0 {self.slant} 1 {fp_str(x, y + run.rise)} Tm")
            self.text(font, run.size, segment.text + (" " if gap and not run.link else ""))
        if embolden:
            out.append("0 Tr")

    def text(self, name: str, size: float, text: str) -> None:
        """Show `text` in font `name` at the current text position."""
        first = self.first_subsets.get(name)
        if first is not None and text and text.isascii() and text.isprintable():
            # Printable ASCII in a font already in use: its first subset's name, and the text as the bytes.
            if first != self.font_name or size != self.font_size:
                self.out.append(f"{first} {_NUMBERS.get(size) or number(size)} Tf")
                self.font_name, self.font_size = first, size
            self.out.append(f"({self.escape(text)}) Tj")
            return
        document = self.document
        font = getFont(name)
        # The first subset's name is known once the font is in use (most text is in it); others are asked.
        chunks = [(first if subset == 0 and first is not None else font.getSubsetInternalName(subset, document), chunk)
                  for subset, chunk in _subset_chunks(font, text, document)]
        if first is None and chunks and font._asciiReadable and document in font.state:
            self.first_subsets[name] = font.getSubsetInternalName(0, document)
        for internal, chunk in chunks:
            if internal != self.font_name or size != self.font_size:
                self.out.append(f"{internal} {number(size)} Tf")
                self.font_name, self.font_size = internal, size
            self.out.append(f"({self.escape(chunk)}) Tj")

    def glyphs(self, glyphs: Glyphs, run: Run, x: float, y: float) -> None:
        """Show shaped glyphs from (x, y): runs at their natural advances share one operator.

        A glyph that only adds to another's character (a letter's dots) is shown after the
        others, marked as having no text of its own (empty ActualText): the word's letters stay
        together in the content stream and each reads back once.
        """
        widths = getFont(glyphs.font).face.charWidths
        silent = glyphs.silent
        scale = run.size / 1000
        pen = x
        start = 0
        count = len(glyphs.chars)
        groups: list[tuple[int, int, str]] = []
        while start < count:
            end = start + 1
            if not glyphs.x_offsets[start] and not glyphs.y_offsets[start] and start not in silent:
                while (end < count and end not in silent and not glyphs.x_offsets[end] and not glyphs.y_offsets[end]
                       and abs(glyphs.advances[end - 1] - widths.get(ord(glyphs.chars[end - 1]), -1)) < 0.01):
                    end += 1
            groups.append((start, end, fp_str(pen + glyphs.x_offsets[start] * scale,
                                              y + glyphs.y_offsets[start] * scale)))
            pen += sum(glyphs.advances[start:end]) * scale
            start = end
        groups.sort(key=lambda group: group[0] in silent)
        for start, end, at in groups:
            if start in silent:
                self.out.append("/Span <</ActualText ()>> BDC")
            self.out.append(f"1 0 {self.slant} 1 {at} Tm")
            self.text(glyphs.font, run.size, glyphs.chars[start:end])
            if start in silent:
                self.out.append("EMC")

    def finish(self) -> None:
        """Close the text object, hand it to the canvas and add the links."""
        if self.marks is not None:
            self.out.append(self.marks.close())
        self.out.append("ET Q")
        self.canvas._code.append(" ".join(self.out))
        for destination, rect, element in self.links:
            tagging.link_to(self.canvas, destination, rect, element)


def one_line(runs: Sequence[Run]) -> Line:
    """The runs as one line, however long, in visual order: for labels drawn outside paragraphs."""
    words = cut_words(runs)
    line = break_lines(words, float("inf"), float("inf"))[0] if words else Line()
    if line.bidi:
        reorder([line], base_direction([line]))
    return line


def draw_runs(canvas: Any, runs: Sequence[Run], x: float, y: float, align: str = "start") -> float:
    """Draw `runs` as one line with its baseline at `y`, starting, centred or ending at `x` (`align` start,
    middle or end), through the same fallback, shaping and bidi as paragraphs; returns the line's width.

    Running heads and figure labels use this, so every script prints wherever text is drawn.
    """
    return draw_line(canvas, one_line(runs), x, y, align)


def draw_line(canvas: Any, line: Line, x: float, y: float, align: str = "start") -> float:
    """`draw_runs` for a line already made by `one_line` (text drawn again and again, as a running head)."""
    left = x - (line.width / 2 if align == "middle" else line.width if align == "end" else 0.0)
    pen = Pen(canvas)
    pen.line(line, left, y)
    pen.finish()
    return line.width


_NUMBERS: dict[float, str] = {}
_NUMBERS_KEPT = 20_000


def number(value: float) -> str:
    """`fp_str(value)`, remembered: ReportLab's formatting costs ten times a look-up, and positions recur (every
    line of a paragraph starts at one x, the cells of a row share their baselines, a few font sizes)."""
    text = _NUMBERS.get(value)
    if text is None:
        if len(_NUMBERS) >= _NUMBERS_KEPT:
            _NUMBERS.clear()
        text = _NUMBERS[value] = fp_str(value)
    return text


_COLORS: dict[int, tuple[Color, str]] = {}
_COLORS_KEPT = 256


def _color_operator(color: Color) -> str:
    """The fill colour operator for `color`, made once per colour object (the palette has a handful)."""
    known = _COLORS.get(id(color))
    if known is not None and known[0] is color:
        return known[1]
    if len(_COLORS) >= _COLORS_KEPT:
        _COLORS.clear()
    operator = f"{fp_str(color.red, color.green, color.blue)} rg"
    _COLORS[id(color)] = (color, operator)  # the colour is held, so its id is not reused meanwhile
    return operator


def _first_subsets(document: Any) -> dict[str, str]:
    """Per ReportLab document: the internal name of the first subset of each ASCII-readable font in use
    (what `getSubsetInternalName(0, document)` returns once the font has drawn text)."""
    names: dict[str, str] | None = document.__dict__.get("_factsheet_first_subsets")
    if names is None:
        names = document.__dict__["_factsheet_first_subsets"] = {}
    return names


class _NewCharacter(Exception):
    """A character with a glyph but no code yet in the document: ReportLab's splitString gives it one."""


class _Codes(dict[int, str]):
    """A `str.translate` table from characters to their codes in one font's subsets of one document, as
    characters (`chr(code)`), filled as characters are met, from the font state's assignments."""

    def __init__(self, state: Any, glyphs: dict[int, int]) -> None:
        super().__init__()
        self.assignments: dict[int, int] = state.assignments  # grows in place as ReportLab assigns codes
        self.glyphs = glyphs

    def __missing__(self, code: int) -> str:
        key = 32 if code == 0xA0 else code  # a no-break space is drawn as a space, as splitString does
        number = self.assignments.get(key)
        if number is None:
            if key in self.glyphs:
                raise _NewCharacter(code)  # not a LookupError, which translate would take as "keep it"
            number = 0  # no glyph: code 0, and so it stays
        self[code] = value = chr(number)
        return value


def _codes(font: Any, document: Any, state: Any) -> _Codes:
    """The translate table of `font` in `document` (made once per font and document)."""
    tables: dict[str, _Codes] | None = document.__dict__.get("_factsheet_codes")
    if tables is None:
        tables = document.__dict__["_factsheet_codes"] = {}
    table = tables.get(font.fontName)
    if table is None or table.assignments is not state.assignments:
        table = tables[font.fontName] = _Codes(state, font.face.charToGlyph)
    return table


def _subset_chunks(font: Any, text: str, document: Any) -> Sequence[tuple[int, bytes]]:
    """`font.splitString(text, document)`, without its per-character loop for printable ASCII.

    ReportLab's TrueType subsets are "ASCII readable": once a font is in use in a
    document, its first subset maps printable ASCII to itself, so those bytes are the text.
    """
    if text and font._asciiReadable and document in font.state and text.isascii() and text.isprintable():
        return ((0, text.encode("ascii")),)
    state = font.state.get(document) if text else None
    if state is not None:
        # Every character already has its code (or has no glyph, code 0): splitString's steps without
        # its assignment of new codes. Any new character goes to splitString itself.
        try:
            coded = text.translate(_codes(font, document, state))
        except _NewCharacter:
            return font.splitString(text, document)  # type: ignore[no-any-return]
        if max(coded) < "\u0100":  # all in the first subset (the usual case): its codes, one C loop
            return [(0, coded.encode("latin-1"))]
        # The same steps one character at a time (the clear version, kept for text across subsets).
        assignments = state.assignments
        glyphs = font.face.charToGlyph
        codes = []
        for code in map(ord, text):
            if code == 0xA0:
                code = 32  # a no-break space is drawn as a space, as splitString does
            number = assignments.get(code)
            if number is None:
                if code in glyphs:
                    return font.splitString(text, document)  # type: ignore[no-any-return]
                number = 0
            codes.append(number)
        if max(codes) < 256:
            return [(0, bytes(codes))]
        chunks: list[tuple[int, bytes]] = []
        for subset, group in itertools.groupby(codes, lambda number: number >> 8):
            chunks.append((subset, bytes(number & 0xFF for number in group)))
        return chunks
    return font.splitString(text, document)  # type: ignore[no-any-return]
