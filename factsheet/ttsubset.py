"""ReportLab's TrueType subsets, the same bytes made with fewer Python steps per glyph.

ReportLab's `TTFontFile.makeSubset` reads each glyph's header and components one
number at a time through its seek and read methods, and builds the metrics a
number at a time; a process pays it for every subset it embeds first (about
2 ms for a briefing's five). `make_subset` follows it step by step (the same
glyph order, components appended as found, the same tables, run-length metrics,
cmap, loca format and assembly by ReportLab's own TTFontMaker) reading with
`struct.unpack_from` on the font's bytes. tests/test_ttface.py compares its
bytes with ReportLab's for many subsets of every shipped font.
"""

from __future__ import annotations

import struct
from itertools import chain
from typing import Any

_WORDS, _SCALE, _MORE, _XY_SCALE, _TWO_BY_TWO = 0x0001, 0x0008, 0x0020, 0x0040, 0x0080


def _component_size(flags: int) -> int:
    """Bytes of one composite-glyph component record with these flags."""
    return 4 + (4 if flags & _WORDS else 2) + (2 if flags & _SCALE else 4 if flags & _XY_SCALE
                                                 else 8 if flags & _TWO_BY_TWO else 0)


def make_subset(face: Any, subset: list[int]) -> bytes:
    """The TrueType font ReportLab's ``face.makeSubset(subset)`` makes, byte for byte (ReportLab 4-5)."""
    from reportlab.pdfbase.ttfonts import TTFontMaker, _set_ushort

    data: bytes = face._ttf_data
    to_glyph: dict[int, int] = face.charToGlyph
    positions: list[int] = face.glyphPos
    # New glyph order: 0 (the missing glyph), each code point's glyph, then components as they are found.
    glyph_map = [0]
    glyph_set = {0: 0}
    code_to_glyph: dict[int, int] = {}
    for code in subset:
        original = to_glyph.get(code, 0)
        new = glyph_set.get(original)
        if new is None:
            new = glyph_set[original] = len(glyph_map)
            glyph_map.append(original)
        code_to_glyph[code] = new
    glyf_at = face.table["glyf"]["offset"]
    n = 0
    while n < len(glyph_map):
        original = glyph_map[n]
        n += 1
        at = positions[original]
        if positions[original + 1] == at:
            continue
        at += glyf_at
        if struct.unpack_from(">h", data, at)[0] < 0:
            at += 10
            flags = _MORE
            while flags & _MORE:
                flags, component = struct.unpack_from(">HH", data, at)
                if component not in glyph_set:
                    glyph_set[component] = len(glyph_map)
                    glyph_map.append(component)
                at += _component_size(flags)

    output = TTFontMaker()
    for tag in ("name", "OS/2", "cvt ", "fpgm", "prep"):
        if tag in face.table:
            output.add(tag, face.get_table(tag))
    output.add("post", b"\x00\x03\x00\x00" + face.get_table("post")[4:16] + b"\x00" * 16)

    hmtx = list(map(int, chain.from_iterable(map(face.hmetrics.__getitem__, glyph_map))))
    # Trailing glyphs of one advance keep only their side bearings.
    n = len(hmtx) - 2
    while n and hmtx[n] == hmtx[n - 2]:
        n -= 2
    n += 2
    hmtx = hmtx[:n] + hmtx[n + 1::2]
    output.add("hmtx", struct.pack(f">{len(hmtx)}H", *hmtx))
    output.add("hhea", _set_ushort(face.get_table("hhea"), 34, n >> 1))
    output.add("maxp", _set_ushort(face.get_table("maxp"), 4, len(glyph_map)))
    cmap = [0, 1, 1, 0, 0, 12, 6, 10 + 2 * len(subset), 0, 0, len(subset), *map(code_to_glyph.get, subset)]
    output.add("cmap", struct.pack(f">{len(cmap)}H", *cmap))

    glyph_data = face.get_table("glyf")
    offsets, pieces, size = [], [], 0
    for original in glyph_map:
        offsets.append(size)
        start, end = positions[original], positions[original + 1]
        glyph = glyph_data[start:end]
        if end - start > 2 and struct.unpack_from(">h", glyph)[0] < 0:  # composite: components renumbered
            renumbered = bytearray(glyph)
            at, flags = 10, _MORE
            while flags & _MORE:
                flags, component = struct.unpack_from(">HH", renumbered, at)
                struct.pack_into(">H", renumbered, at + 2, glyph_set[component])
                at += _component_size(flags)
            glyph = bytes(renumbered)
        pieces.append(glyph)
        size += end - start
        if size % 4:
            pieces.append(b"\0" * (4 - size % 4))
            size += 4 - size % 4
    offsets.append(size)
    output.add("glyf", b"".join(pieces))
    long_loca = (size + 1) >> 1 > 0xFFFF
    output.add("loca", struct.pack(f">{len(offsets)}L", *offsets) if long_loca
               else struct.pack(f">{len(offsets)}H", *(offset >> 1 for offset in offsets)))
    output.add("head", _set_ushort(face.get_table("head"), 50, 1 if long_loca else 0))
    return output.makeStream()  # type: ignore[no-any-return]
