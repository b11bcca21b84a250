"""TrueType files read and written with `struct` alone: tables, the character map, glyphs without hinting.

Both writers need these small pieces: the Word writer to subset the faces it
embeds, the PDF writer to slim the subsets ReportLab makes, and the build to know
which characters a font can draw. None of them needs a font library, so a Word
file is made without importing ReportLab, and the character map of a face is
read in about a millisecond instead of parsing the whole font.
"""

from __future__ import annotations

import struct
from functools import cache
from itertools import chain, compress, islice
from operator import add, eq, lt, not_, sub
from pathlib import Path

_ARGS_ARE_WORDS, _HAVE_SCALE, _MORE, _XY_SCALE, _TWO_BY_TWO, _INSTRUCTIONS = (
    0x0001, 0x0008, 0x0020, 0x0040, 0x0080, 0x0100,
)

# The subtables fontTools' getBestCmap prefers, in its order: (platform, encoding).
_PREFERRED = ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0))


def tables(font: bytes) -> dict[bytes, bytes]:
    """Every table of a TrueType font file, by tag."""
    count = struct.unpack(">H", font[4:6])[0]
    found: dict[bytes, bytes] = {}
    for i in range(count):
        tag, _sum, offset, length = struct.unpack(">4sIII", font[12 + 16 * i: 28 + 16 * i])
        found[tag] = font[offset: offset + length]
    return found


def checksum(data: bytes) -> int:
    """The TrueType checksum of a table: the sum of its big-endian 32-bit words."""
    padded = data + b"\0" * (-len(data) % 4)
    words: tuple[int, ...] = struct.unpack(f">{len(padded) // 4}I", padded)
    return sum(words) & 0xFFFFFFFF


def strip_glyph(glyph: bytes) -> bytes:
    """One glyph's bytes without its instructions."""
    return outline(glyph)[0]


def outline(glyph: bytes) -> tuple[bytes, list[int]]:
    """One glyph's bytes without its instructions, and the glyph ids it is built from (none for a simple glyph)."""
    if len(glyph) < 10:
        return glyph, []
    contours = struct.unpack_from(">h", glyph)[0]
    if contours >= 0:
        at = 10 + 2 * contours
        length = struct.unpack(">H", glyph[at: at + 2])[0]
        return glyph[:at] + b"\0\0" + glyph[at + 2 + length:], []
    out = bytearray(glyph)
    at, has_instructions, parts = 10, False, []
    while True:
        flags, part = struct.unpack(">HH", out[at: at + 4])
        parts.append(part)
        has_instructions |= bool(flags & _INSTRUCTIONS)
        struct.pack_into(">H", out, at, flags & ~_INSTRUCTIONS)
        at += 4 + (4 if flags & _ARGS_ARE_WORDS else 2)
        at += 2 if flags & _HAVE_SCALE else 4 if flags & _XY_SCALE else 8 if flags & _TWO_BY_TWO else 0
        if not flags & _MORE:
            break
    return (bytes(out[:at]) if has_instructions else bytes(out)), parts


def assemble(font_tables: dict[bytes, bytes]) -> bytes:
    """A TrueType font file of `font_tables` (which must hold 'head'), with checksums and adjustment set."""
    tags = sorted(font_tables)
    count = len(tags)
    power = 1 << (count.bit_length() - 1)
    header = struct.pack(">IHHHH", 0x00010000, count, power * 16, power.bit_length() - 1, count * 16 - power * 16)
    directory, body = bytearray(), bytearray()
    offset = 12 + 16 * count
    sums = 0
    for tag in tags:
        data = font_tables[tag]
        table_sum = checksum(data)
        sums += table_sum
        directory += struct.pack(">4sIII", tag, table_sum, offset + len(body), len(data))
        body += data + b"\0" * (-len(data) % 4)
    # Every part starts on a 4-byte boundary, so the file's checksum is the sum of its parts' checksums.
    adjustment = (0xB1B0AFBA - checksum(header + directory) - sums) & 0xFFFFFFFF
    head_at = 12 + 16 * count + sum(len(font_tables[t]) + (-len(font_tables[t]) % 4)
                                    for t in tags[: tags.index(b"head")])
    font = bytearray(header + directory + body)
    struct.pack_into(">I", font, head_at + 8, adjustment)
    return bytes(font)


@cache
def character_map(path: Path) -> dict[int, int]:
    """Code point -> glyph id of the font file at `path`, from its best Unicode subtable (read once per file).

    The subtable is the one fontTools' getBestCmap would choose; formats 0, 4, 6 and 12 are read
    (the others hold no Unicode map in the fonts we ship, and give an empty map).
    """
    with path.open("rb") as file:
        head = file.read(12)
        count = struct.unpack(">H", head[4:6])[0]
        directory = file.read(16 * count)
        for i in range(count):
            tag, _sum, offset, length = struct.unpack(">4sIII", directory[16 * i: 16 * i + 16])
            if tag == b"cmap":
                file.seek(offset)
                return _best_subtable(file.read(length))
    return {}


def _best_subtable(cmap: bytes) -> dict[int, int]:
    count = struct.unpack(">H", cmap[2:4])[0]
    offsets: dict[tuple[int, int], int] = {}
    for i in range(count):
        platform, encoding, offset = struct.unpack(">HHI", cmap[4 + 8 * i: 12 + 8 * i])
        offsets.setdefault((platform, encoding), offset)
    for key in _PREFERRED:
        if key in offsets:
            return _subtable(cmap, offsets[key])
    return {}


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
        values = struct.unpack(f">{3 * groups}I", cmap[at + 16: at + 16 + 12 * groups])
        starts, ends, firsts = values[0::3], values[1::3], values[2::3]
        if all(map(lt, ends, islice(starts, 1, None))):  # in order, no overlap: which group comes first is moot
            # Most groups hold one character: those go in whole, the others a range each.
            single = list(map(eq, starts, ends))
            found.update(zip(compress(starts, single), compress(firsts, single), strict=True))
            runs = list(map(not_, single))
            starts, ends, firsts = (tuple(compress(v, runs)) for v in (starts, ends, firsts))
        stops = [end + 1 for end in ends]
        glyph_stops = map(sub, map(add, firsts, stops), starts)
        found.update(zip(chain.from_iterable(map(range, starts, stops)),
                         chain.from_iterable(map(range, firsts, glyph_stops)), strict=True))
    return found
