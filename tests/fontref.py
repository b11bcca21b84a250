"""The per-glyph and per-code readers factsheet.truetype and writers/docx/embed.py replaced, kept as references.

The faster code must give the same bytes and maps: tests/test_truetype_reference.py compares the two on
every shipped font. These are the loops as they were (one struct read per number), not used by the package.
"""

from __future__ import annotations

import struct

from factsheet.truetype import _ARGS_ARE_WORDS, _HAVE_SCALE, _INSTRUCTIONS, _MORE, _TWO_BY_TWO, _XY_SCALE
from factsheet.truetype import tables as font_tables
from factsheet.writers.docx import embed
from factsheet.writers.docx.embed import _KEEP


def checksum(data: bytes) -> int:
    """The TrueType checksum of a table: the sum of its big-endian 32-bit words."""
    padded = data + b"\0" * (-len(data) % 4)
    words: tuple[int, ...] = struct.unpack(f">{len(padded) // 4}I", padded)
    return sum(words) & 0xFFFFFFFF


def assemble(font_tables: dict[bytes, bytes]) -> bytes:
    """A TrueType font file of `font_tables` (which must hold 'head'), with checksums and adjustment set."""
    tags = sorted(font_tables)
    count = len(tags)
    power = 1 << (count.bit_length() - 1)
    header = struct.pack(">IHHHH", 0x00010000, count, power * 16, power.bit_length() - 1, count * 16 - power * 16)
    directory, body = bytearray(), bytearray()
    offset = 12 + 16 * count
    for tag in tags:
        data = font_tables[tag]
        directory += struct.pack(">4sIII", tag, checksum(data), offset + len(body), len(data))
        body += data + b"\0" * (-len(data) % 4)
    font = bytearray(header + directory + body)
    adjustment = (0xB1B0AFBA - checksum(bytes(font))) & 0xFFFFFFFF
    head_at = 12 + 16 * count + sum(len(font_tables[t]) + (-len(font_tables[t]) % 4)
                                    for t in tags[: tags.index(b"head")])
    struct.pack_into(">I", font, head_at + 8, adjustment)
    return bytes(font)


def strip_glyph(glyph: bytes) -> bytes:
    """One glyph's bytes without its instructions."""
    if len(glyph) < 10:
        return glyph
    contours = struct.unpack(">h", glyph[:2])[0]
    if contours >= 0:
        at = 10 + 2 * contours
        length = struct.unpack(">H", glyph[at: at + 2])[0]
        return glyph[:at] + b"\0\0" + glyph[at + 2 + length:]
    out = bytearray(glyph)
    at, has_instructions = 10, False
    while True:
        flags = struct.unpack(">H", out[at: at + 2])[0]
        has_instructions |= bool(flags & _INSTRUCTIONS)
        struct.pack_into(">H", out, at, flags & ~_INSTRUCTIONS)
        at += 4 + (4 if flags & _ARGS_ARE_WORDS else 2)
        at += 2 if flags & _HAVE_SCALE else 4 if flags & _XY_SCALE else 8 if flags & _TWO_BY_TWO else 0
        if not flags & _MORE:
            break
    return bytes(out[:at]) if has_instructions else bytes(out)


def _components(glyph: bytes) -> list[int]:
    """The glyph ids a composite glyph is built from (none for a simple glyph)."""
    if len(glyph) < 10 or struct.unpack(">h", glyph[:2])[0] >= 0:
        return []
    out, at = [], 10
    while True:
        flags, index = struct.unpack(">HH", glyph[at:at + 4])
        out.append(index)
        at += 4 + (4 if flags & 0x0001 else 2)
        at += 2 if flags & 0x0008 else 4 if flags & 0x0040 else 8 if flags & 0x0080 else 0
        if not flags & 0x0020:
            return out


def subset(font: bytes, glyph_ids: set[int], cmap: dict[int, int] | None = None) -> bytes:
    """`font` (TrueType) with outlines only for `glyph_ids` and their components, glyph ids unchanged.

    With `cmap` (code point -> glyph id), the character map is rebuilt for the kept glyphs alone.
    """

    tables = {tag: data for tag, data in font_tables(font).items() if tag in _KEEP}
    head = bytearray(tables[b"head"])
    long_loca = struct.unpack(">h", head[50:52])[0] == 1
    loca = tables[b"loca"]
    offsets = (struct.unpack(f">{len(loca) // 4}I", loca) if long_loca
               else [2 * o for o in struct.unpack(f">{len(loca) // 2}H", loca)])
    glyf = tables[b"glyf"]
    wanted, queue = {0}, [0, *glyph_ids]
    while queue:
        gid = queue.pop()
        if (gid in wanted and gid != 0) or gid + 1 >= len(offsets):
            continue
        wanted.add(gid)
        queue.extend(c for c in _components(glyf[offsets[gid]:offsets[gid + 1]]) if c not in wanted)
    out, new_offsets = bytearray(), [0]
    for gid in range(len(offsets) - 1):
        if gid in wanted and offsets[gid + 1] > offsets[gid]:
            glyph = strip_glyph(glyf[offsets[gid]:offsets[gid + 1]])
            out += glyph + b"\0" * (-len(glyph) % 4)
        new_offsets.append(len(out))
    tables[b"glyf"] = bytes(out)
    tables[b"loca"] = struct.pack(f">{len(new_offsets)}I", *new_offsets)
    struct.pack_into(">h", head, 50, 1)
    struct.pack_into(">I", head, 8, 0)
    tables[b"head"] = bytes(head)
    tables[b"post"] = struct.pack(">I", 0x00030000) + tables[b"post"][4:32]  # format 3: no glyph names
    if cmap is not None and all(code <= 0xFFFF for code in cmap):
        tables[b"cmap"] = embed._cmap({code: gid for code, gid in cmap.items() if gid in wanted})
    metrics = struct.unpack(">H", tables[b"hhea"][34:36])[0]
    hmtx = bytearray(tables[b"hmtx"])
    for gid in range(min(metrics, len(offsets) - 1)):
        if gid not in wanted:  # no outline, no metrics: a run of zeros that deflates to nothing
            hmtx[4 * gid: 4 * gid + 4] = b"\0\0\0\0"
    tables[b"hmtx"] = bytes(hmtx)
    return assemble(tables)


def _subtable(cmap: bytes, at: int) -> dict[int, int]:
    fmt = struct.unpack(">H", cmap[at: at + 2])[0]
    found: dict[int, int] = {}
    if fmt == 0:
        for code, gid in enumerate(cmap[at + 6: at + 6 + 256]):
            if gid:
                found[code] = gid
    elif fmt == 4:
        segments = struct.unpack(">H", cmap[at + 6: at + 8])[0] // 2
        ends_at = at + 14
        starts_at = ends_at + 2 * segments + 2
        deltas_at = starts_at + 2 * segments
        ranges_at = deltas_at + 2 * segments
        ends = struct.unpack(f">{segments}H", cmap[ends_at: starts_at - 2])
        starts = struct.unpack(f">{segments}H", cmap[starts_at: deltas_at])
        deltas = struct.unpack(f">{segments}H", cmap[deltas_at: ranges_at])
        ranges = struct.unpack(f">{segments}H", cmap[ranges_at: ranges_at + 2 * segments])
        for i in range(segments):
            for code in range(starts[i], ends[i] + 1):
                if code == 0xFFFF:
                    continue
                if ranges[i] == 0:
                    gid = (code + deltas[i]) & 0xFFFF
                else:  # idRangeOffset counts from the place it is stored in
                    where = ranges_at + 2 * i + ranges[i] + 2 * (code - starts[i])
                    if where + 2 > len(cmap):  # a broken font points past its table: no glyph, as ReportLab reads it
                        continue
                    gid = struct.unpack(">H", cmap[where: where + 2])[0]
                    gid = (gid + deltas[i]) & 0xFFFF if gid else 0
                if gid:
                    found[code] = gid
    elif fmt == 6:
        first, entries = struct.unpack(">HH", cmap[at + 6: at + 10])
        for i, gid in enumerate(struct.unpack(f">{entries}H", cmap[at + 10: at + 10 + 2 * entries])):
            if gid:
                found[first + i] = gid
    elif fmt == 12:
        groups = struct.unpack(">I", cmap[at + 12: at + 16])[0]
        for i in range(groups):
            start, end, gid = struct.unpack(">III", cmap[at + 16 + 12 * i: at + 28 + 12 * i])
            for code in range(start, end + 1):
                found[code] = gid + code - start
    return found


def simple_chars(font: str) -> frozenset[str]:
    """writers/pdf/shaping.simple_chars as it was: each character of the font looked up, font by font."""
    import unicodedata

    from reportlab.pdfbase.pdfmetrics import getFont

    from factsheet.writers.pdf.shaping import _FIRST_PRIVATE, _NOT_SIMPLE_BIDI

    face = getFont(font).face
    return frozenset(
        chr(code) for code in face.charToGlyph
        if code < _FIRST_PRIVATE
        if unicodedata.bidirectional(chr(code)) not in _NOT_SIMPLE_BIDI
        and unicodedata.category(chr(code)) not in ("Mn", "Me", "Mc", "Cf")
    )
