"""ReportLab TrueType fonts read in a third of the time: the same objects, the character tables read whole.

ReportLab's `TTFontFile.extractInfo` reads the character map, the horizontal
metrics and the glyph locations one number at a time through Python method
calls: about 4 ms for a Source Sans Pro face and 8 ms for Noto Sans, paid by
every process that renders a PDF. Here ReportLab's own code reads the header
tables (`extractInfo(charInfo=0)`: names, head, OS/2, post, hhea, maxp, all
cheap scalar reads), and the rest is filled in from whole-array `struct` reads,
exactly as ReportLab would fill it: the same cmap subtable chosen by its rule,
the same mappings in the same order (glyph 0 entries included), the same widths
scaled by its own scale function, the same 0x20/0xA0 rule. A font this reader
does not know how to read exactly (a cmap format other than 0, 4, 6 or 12, a
damaged table) is read by ReportLab in full. The face's subsets are made by
factsheet.ttsubset. tests/test_ttface.py holds every attribute of every shipped
face equal between the two readers, their subsets and the PDFs made with either
identical."""

from __future__ import annotations

import struct
from bisect import bisect_left
from collections.abc import Iterable
from functools import cache
from itertools import chain, compress, islice
from operator import add, eq, sub
from typing import Any, BinaryIO

from factsheet.ttsubset import make_subset


def reference_font(name: str, file: str | BinaryIO) -> Any:
    """ReportLab's own TTFont for `file`, parsed in full by ReportLab (the reference this module is held to)."""
    from reportlab.pdfbase.ttfonts import TTFont

    return TTFont(name, file)


def truetype_font(name: str, file: str | BinaryIO) -> Any:
    """A ReportLab TTFont named `name` for the TrueType `file`, equal in every attribute to `reference_font`'s.

    The steps of ``TTFont.__init__`` (ReportLab 4-5, default arguments) with the face read by `truetype_face`.
    """
    from fnmatch import fnmatch
    from weakref import WeakKeyDictionary

    from reportlab import rl_config
    from reportlab.pdfbase import ttfonts

    if not follows_reportlab():
        return reference_font(name, file)
    font = ttfonts.TTFont.__new__(ttfonts.TTFont)
    font.fontName = name
    font.face = truetype_face(file)
    font.encoding = ttfonts.TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch(name, pattern) for pattern in rl_config.unShapedFontGlob)
    return font


@cache
def follows_reportlab() -> bool:
    """Whether the installed ReportLab reads fonts as the code this module follows (ReportLab 4.4.10 to 5.1
    at least): its extractInfo keeps its scale function and glyphToChar on the face, and its TTFont takes
    `shapable`. ReportLab 4.1 does neither; there ReportLab reads the fonts itself."""
    from reportlab.pdfbase.ttfonts import TTFont, TTFontFile

    names = TTFontFile.extractInfo.__code__.co_names
    return "_pdfScale" in names and "glyphToChar" in names and isinstance(getattr(TTFont, "shapable", None), property)


def truetype_face(file: str | BinaryIO) -> Any:
    """A ReportLab TTFontFace of `file`: its header tables read by ReportLab, its character tables read whole,
    its subsets made by `factsheet.ttsubset`."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFontFile, TTFontParser

    face = _face_class().__new__(_face_class())
    pdfmetrics.TypeFace.__init__(face, None)
    TTFontParser.__init__(face, file)
    TTFontFile.extractInfo(face, charInfo=0)
    tables = _character_tables(face)
    # Set in the order ReportLab's full reading sets them, so that even vars(face) lists alike.
    del face.charToGlyph, face.defaultWidth, face.charWidths
    if tables is None:
        TTFontFile.extractInfo(face)  # ReportLab's full reading, on the data already read
    else:
        face.charToGlyph, face.glyphToChar, face.charWidths, face.hmetrics, face.defaultWidth, face.glyphPos, \
            face._pos = tables
    return face


@cache
def _face_class() -> Any:
    """ReportLab's TTFontFace with its subsets made by factsheet.ttsubset (the same bytes, sooner)."""
    from reportlab.pdfbase.ttfonts import TTFontFace

    class TrueTypeFace(TTFontFace):
        """A TTFontFace whose `makeSubset` is `factsheet.ttsubset.make_subset`."""

        def makeSubset(self, subset: list[int]) -> bytes:  # ReportLab's name
            """The subset ReportLab's own makeSubset makes."""
            return make_subset(self, subset)

    return TrueTypeFace


_Tables = tuple[dict[int, int], dict[int, list[int]], dict[int, Any], list[tuple[Any, int]], Any, list[int], int]


def _character_tables(face: Any) -> _Tables | None:
    """charToGlyph, glyphToChar, charWidths, hmetrics, defaultWidth, glyphPos and the read position at the end,
    as ReportLab's `extractInfo` leaves them; None where it must read the font itself."""
    data: bytes = face._ttf_data
    table = face.table
    if not {"head", "hhea", "hmtx", "cmap", "loca"} <= table.keys():
        return None
    try:
        index_to_loc, glyph_format = struct.unpack_from(">HH", data, table["head"]["offset"] + 50)
        metrics_count = struct.unpack_from(">H", data, table["hhea"]["offset"] + 34)[0]
        if glyph_format != 0 or index_to_loc not in (0, 1):
            return None
        segments = _cmap_segments(data, table["cmap"]["offset"], face.numGlyphs)
        if segments is None:
            return None
        widths, hmetrics = _metrics(data, table["hmtx"]["offset"], metrics_count, face.numGlyphs, face._pdfScale,
                                   face.unitsPerEm == 1000)  # ReportLab's scale is then x -> x
        count = face.numGlyphs + 1
        loca = table["loca"]["offset"]
        glyph_pos = (list(map((2).__mul__, struct.unpack_from(f">{count}H", data, loca))) if index_to_loc == 0
                     else list(struct.unpack_from(f">{count}L", data, loca)))
    except struct.error:
        return None
    char_to_glyph, glyph_to_char, char_widths = _maps(segments, widths)
    if 0x20 in char_to_glyph:
        char_to_glyph[0xA0] = char_to_glyph[0x20]
        char_widths[0xA0] = char_widths[0x20]
    elif 0xA0 in char_to_glyph:
        char_to_glyph[0x20] = char_to_glyph[0xA0]
        char_widths[0x20] = char_widths[0xA0]
    end = loca + count * (2 if index_to_loc == 0 else 4)
    return char_to_glyph, glyph_to_char, char_widths, hmetrics, widths[0], glyph_pos, end


def _maps(segments: list[_Segment], widths: list[Any]) -> tuple[dict[int, int], dict[int, list[int]], dict[int, Any]]:
    """charToGlyph, glyphToChar and charWidths of the (code point, glyph id) runs, as ReportLab's loops make them.

    ReportLab assigns pair by pair: a code point read twice keeps its first place and its last glyph;
    glyphToChar lists every code point of a glyph in reading order, glyphs in order of first appearance;
    charWidths is filled glyph by glyph in glyph order. The same results, from C-level steps.
    """
    codes = list(chain.from_iterable(c for c, _g in segments))
    glyphs = list(chain.from_iterable(g for _c, g in segments))
    char_to_glyph = dict(zip(codes, glyphs, strict=True))
    order = sorted(range(len(glyphs)), key=glyphs.__getitem__)  # stable: reading order within a glyph
    by_glyph = list(map(glyphs.__getitem__, order))
    codes_by_glyph = list(map(codes.__getitem__, order))
    # One code point per glyph (the last one read, in the glyph's first place), then the glyphs read more than once.
    glyph_to_char = dict(zip(glyphs, map(list, zip(codes)), strict=True))
    shared: set[int] = set()
    for at in compress(range(1, len(by_glyph)), map(eq, by_glyph, islice(by_glyph, 1, None))):
        glyph = by_glyph[at]
        if glyph not in shared:
            shared.add(glyph)
            glyph_to_char[glyph] = [codes_by_glyph[at - 1]]
        glyph_to_char[glyph].append(codes_by_glyph[at])
    measured = bisect_left(by_glyph, len(widths))  # glyphs past the metrics have no width
    char_widths = dict(zip(codes_by_glyph[:measured], map(widths.__getitem__, by_glyph[:measured]), strict=True))
    return char_to_glyph, glyph_to_char, char_widths


def _metrics(data: bytes, at: int, count: int, glyphs: int, scale: Any, identity: bool
             ) -> tuple[list[Any], list[tuple[Any, int]]]:
    """Each glyph's scaled advance width and ReportLab's hmetrics (advance, left side bearing) from the hmtx table.

    Glyphs past the table's full records take the last advance, already scaled, as ReportLab's loop leaves it.
    """
    pairs = struct.unpack_from(f">{2 * count}H", data, at)
    advances, bearings = pairs[0::2], pairs[1::2]
    widths = list(advances) if identity else list(map(scale, advances))
    hmetrics = list(zip(advances, bearings, strict=True))
    if glyphs > count:
        tail = struct.unpack_from(f">{glyphs - count}H", data, at + 4 * count)
        last = widths[-1]
        widths += [last] * len(tail)
        hmetrics += [(last, bearing) for bearing in tail]
    return widths, hmetrics


_Segment = tuple[Iterable[int], Iterable[int]]


def _cmap_segments(data: bytes, cmap: int, glyph_count: int) -> list[_Segment] | None:
    """The character map ReportLab reads, as runs of (code points, glyph ids) in its order of reading."""
    version, count = struct.unpack_from(">HH", data, cmap)
    if count == 0 and version != 0:
        count = version
    chosen, kind = None, 0
    for i in range(count):  # ReportLab's rule: the last suitable subtable, a Macintosh Roman one only if no other
        platform, encoding, offset = struct.unpack_from(">HHL", data, cmap + 4 + 8 * i)
        if platform == 3 or (platform == 1 and encoding == 1) or (platform == 0 and encoding != 5):
            chosen, kind = offset, 1
        elif platform == 1 and encoding == 0 and kind != 1:
            chosen, kind = offset, 2
    if chosen is None:
        return None
    at = cmap + chosen
    fmt = struct.unpack_from(">H", data, at)[0]
    if fmt == 0:
        length = struct.unpack_from(">H", data, at + 2)[0]
        if at + length > len(data):
            return None
        codes = range(min(256, glyph_count, max(0, length - 6)))
        return [(codes, list(data[at + 6: at + 6 + len(codes)]))]
    if fmt == 4:
        return _format4(data, at)
    if fmt == 6:
        first, entries = struct.unpack_from(">HH", data, at + 6)
        return [(struct.unpack_from(f">{entries}H", data, at + 10), range(first, first + entries))]
    if fmt == 12:
        groups = struct.unpack_from(">L", data, at + 12)[0]
        values = struct.unpack_from(f">{3 * groups}L", data, at + 16)
        starts, stops, firsts = values[0::3], list(map((1).__add__, values[1::3])), values[2::3]
        return [(chain.from_iterable(map(range, starts, stops)),
                  chain.from_iterable(map(range, firsts, map(sub, map(add, firsts, stops), starts))))]
    return None


def _format4(data: bytes, at: int) -> list[_Segment] | None:
    length, _language, doubled = struct.unpack_from(">HHH", data, at + 2)
    count = doubled // 2
    ends = struct.unpack_from(f">{count}H", data, at + 14)
    starts = struct.unpack_from(f">{count}H", data, at + 16 + 2 * count)
    deltas = struct.unpack_from(f">{count}h", data, at + 16 + 4 * count)
    ranges_at = at + 16 + 6 * count
    ranges = struct.unpack_from(f">{count}H", data, ranges_at)
    limit = at + length
    out: list[_Segment] = []
    for i, (start, end, delta, offset) in enumerate(zip(starts, ends, deltas, ranges, strict=True)):
        codes = range(start, end + 1)
        if not codes:
            continue
        if offset == 0:
            if start + delta >= 0 and end + delta <= 0xFFFF:
                out.append((codes, range(start + delta, end + delta + 1)))
            else:
                out.append((codes, [(code + delta) & 0xFFFF for code in codes]))
            continue
        # idRangeOffset counts from where it is stored; a place at or past the subtable's end is glyph 0.
        first = ranges_at + 2 * i + offset
        inside = min(len(codes), max(0, (limit - first + 1) // 2))
        if first + 2 * inside > len(data):
            return None
        raw = struct.unpack_from(f">{inside}H", data, first)
        out.append((codes, [(glyph + delta) & 0xFFFF if glyph else 0 for glyph in raw] + [0] * (len(codes) - inside)))
    return out
