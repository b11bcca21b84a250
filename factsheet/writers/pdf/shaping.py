"""The correct path for text the fast path cannot draw: font fallback, shaping and bidi classes.

Text whose every character the run's own face draws left to right without
combining marks goes the fast path (ReportLab's string widths and one text
operator per run). Anything else is cut here into items of one font and one
direction class and shaped with HarfBuzz: Arabic letters join, combining marks
sit on their letters, right-to-left text comes out in visual order. A character
the face lacks is taken from the first fallback font that has it
(factsheet.fonts.FALLBACKS); one no font has stays in the face and prints as its
blank box (the coverage check warns about it before rendering).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from reportlab.pdfbase.pdfmetrics import getFont

from factsheet.fonts import fallback_cmaps, reportlab_font
from factsheet.writers.pdf.linebreak import clusters

_NOT_SIMPLE_BIDI = frozenset({"R", "AL", "AN", "NSM", "BN", "RLE", "LRE", "RLO", "LRO", "PDF", "RLI", "LRI", "FSI",
                              "PDI"})
_FIRST_PRIVATE = 0xF0000  # Supplementary Private Use Area-A: clashes with no font's own characters


@cache
def simple_chars(font: str) -> frozenset[str]:
    """The characters `font` draws by itself, left to right, with no shaping needed."""
    return _simple(frozenset(getFont(font).face.charToGlyph))


@cache
def _simple(codes: frozenset[int]) -> frozenset[str]:
    # By code points, not by font: faces of one family (regular and bold, italic and bold italic) map the same.
    return frozenset(
        chr(code) for code in codes
        if code < _FIRST_PRIVATE  # private codes are ours, added while shaping
        if unicodedata.bidirectional(chr(code)) not in _NOT_SIMPLE_BIDI
        and unicodedata.category(chr(code)) not in ("Mn", "Me", "Mc", "Cf")
    )


def is_simple(text: str, font: str) -> bool:
    """Whether the fast path draws `text` in `font` exactly as shaping would."""
    return text.isascii() or simple_chars(font).issuperset(text)


@dataclass(frozen=True, slots=True)
class Glyphs:
    """Shaped text ready to draw: one private character per glyph, in visual order, with its placement.

    `chars` are the characters ReportLab encodes for the glyphs of `font`; `advances`,
    `x_offsets` and `y_offsets` are in thousandths of the font size.
    """

    font: str
    chars: str
    advances: tuple[float, ...]
    x_offsets: tuple[float, ...]
    y_offsets: tuple[float, ...]
    silent: frozenset[int] = frozenset()
    """Indexes of glyphs that add to another glyph's character (a letter's dots drawn apart): no text of their own."""
    rtl: bool = False
    """Laid out right to left: the first character read is the last glyph."""


@dataclass(frozen=True, slots=True)
class Item:
    """A stretch of one word in one font and one bidi class: L (left to right), R (right to left),
    D (digits), E (terminators such as %) or O (neutral), with its logical text and, unless simple, its glyphs."""

    text: str
    font: str
    kind: str
    width: float
    glyphs: Glyphs | None


def _kind(cluster: str) -> str:
    match unicodedata.bidirectional(cluster[0]):
        case "L":
            return "L"
        case "R" | "AL":
            return "R"
        case "EN" | "AN":
            return "D"
        case "ET":
            return "E"  # a terminator (%, $, °): a digit next to digits, else neutral (UAX #9 W5)
        case _:
            return "O"


def _font_for(cluster: str, font: str) -> str:
    base = [ch for ch in cluster if unicodedata.category(ch) not in ("Cf",)] or [cluster[0]]
    if simple_chars(font).issuperset(base) or all(ord(ch) in getFont(font).face.charToGlyph for ch in base):
        return font
    for name, cmap in fallback_cmaps():
        if all(ord(ch) in cmap for ch in base):
            return register_fallback(name)
    return font


@cache
def register_fallback(name: str) -> str:
    """Register the fallback font `name` with ReportLab (once per process) and return its name."""
    from reportlab.pdfbase import pdfmetrics

    from factsheet.writers.pdf.slimfont import distinct_subset_tags, slim_subsets

    install_to_unicode()
    font = reportlab_font(name)
    slim_subsets(font.face)
    distinct_subset_tags(font)  # else every fallback font's first subset is tagged AAAAAA+
    pdfmetrics.registerFont(font)
    return name


def items(text: str, font: str, size: float) -> list[Item]:
    """`text` cut into items of one font and bidi class, each measured (and shaped unless simple)."""
    out: list[Item] = []
    current: list[str] = []
    key: tuple[str, str] | None = None
    for cluster in clusters(text):
        kind = _kind(cluster)  # neutrals are items of their own: their direction is resolved per line
        this = (_font_for(cluster, font), kind)
        if key is not None and this != key:
            out.append(_item("".join(current), *key, size))
            current = []
        key = this
        current.append(cluster)
    if key is not None:
        out.append(_item("".join(current), *key, size))
    return out


def _item(text: str, font: str, kind: str, size: float) -> Item:
    if kind != "R" and is_simple(text, font):
        return Item(text, font, kind, getFont(font).stringWidth(text, size), None)
    glyphs = shape(text, font, kind == "R")
    return Item(text, font, kind, sum(glyphs.advances) * size / 1000, glyphs)


@cache
def _hb_font(font: str) -> Any:
    import uharfbuzz

    face = getFont(font).face
    return uharfbuzz.Font(uharfbuzz.Face(uharfbuzz.Blob(face._ttf_data)))


@lru_cache(maxsize=8192)
def shape(text: str, font: str, rtl: bool) -> Glyphs:
    """`text` shaped by HarfBuzz in `font`, glyphs in visual order (cached: names repeat in a briefing)."""
    import uharfbuzz

    install_to_unicode()
    hb_font = _hb_font(font)
    buffer = uharfbuzz.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if rtl else "ltr"
    # Kerning and ligatures off for left-to-right text, so shaped widths equal the fast path's.
    features = {} if rtl else {"kern": False, "liga": False}
    uharfbuzz.shape(hb_font, buffer, features)
    ttf = getFont(font)
    scale = 1000 / ttf.face.unitsPerEm
    infos, positions = buffer.glyph_infos, buffer.glyph_positions
    starts = sorted({info.cluster for info in infos})
    ends = dict(zip(starts, [*starts[1:], len(text)], strict=True))
    # Of a cluster drawn with several glyphs, the widest carries its text; the rest are silent.
    carrier: dict[int, int] = {}
    for index, (info, position) in enumerate(zip(infos, positions, strict=True)):
        best = carrier.get(info.cluster)
        if best is None or position.x_advance > positions[best].x_advance:
            carrier[info.cluster] = index
    chars, advances, xs, ys = [], [], [], []
    for index, (info, position) in enumerate(zip(infos, positions, strict=True)):
        cluster = text[info.cluster:ends[info.cluster]] if carrier[info.cluster] == index else ""
        chars.append(_char_for(ttf, info.codepoint, cluster))
        advances.append(position.x_advance * scale)
        xs.append(position.x_offset * scale)
        ys.append(position.y_offset * scale)
    silent = frozenset(index for index, info in enumerate(infos) if carrier[info.cluster] != index)
    return Glyphs(font, "".join(chars), tuple(advances), tuple(xs), tuple(ys), silent, rtl)


_PRIVATE: dict[tuple[str, int, str], str] = {}
TO_UNICODE: dict[int, str] = {}
"""What each private code we gave a glyph stands for, for the PDF's ToUnicode maps."""


def _char_for(ttf: Any, gid: int, cluster: str) -> str:
    """A character ReportLab will encode as glyph `gid`: the cluster's own character when the font
    maps it to that glyph, else a private code whose ToUnicode entry is the cluster's text."""
    face = ttf.face
    if len(cluster) == 1 and face.charToGlyph.get(ord(cluster)) == gid:
        return cluster
    key = (ttf.fontName, gid, cluster)
    found = _PRIVATE.get(key)
    if found is None:
        code = _FIRST_PRIVATE + len(TO_UNICODE)
        face.charToGlyph[code] = gid
        face.charWidths[code] = face.hmetrics[gid][0] * 1000 / face.unitsPerEm
        TO_UNICODE[code] = cluster
        found = _PRIVATE[key] = chr(code)
    return found


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode CMap for a subset, with our private codes mapped to the text they stand for."""
    def target(code: int) -> str:
        text = TO_UNICODE.get(code, chr(code)) if code >= _FIRST_PRIVATE else chr(code)
        return text.encode("utf-16-be").hex().upper() or "FEFF"

    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def", "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>", "endcodespacerange", f"{len(subset)} beginbfchar",
        *(f"<{index:02X}> <{target(code)}>" for index, code in enumerate(subset)),
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ])


def install_to_unicode() -> None:
    """Make ReportLab write our ToUnicode maps (its own writes a private code as itself)."""
    from reportlab.pdfbase import ttfonts

    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
