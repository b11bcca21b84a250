"""The Word writer's font subsets and the character maps, made the fast way, equal the per-glyph reference.

factsheet.truetype reads a format 12 character map from whole arrays, strips a glyph and finds its components
in one pass (`outline`), and writers/docx/embed.py's `subset` looks only at the glyphs it keeps. tests/fontref.py
keeps the loops they replaced; here both are run on every shipped font and compared byte for byte.
"""

from __future__ import annotations

import itertools
import random
import struct
from pathlib import Path

import pytest

from factsheet.fonts import FACES, FALLBACKS, fallback_file, font_files
from factsheet.truetype import _subtable, character_map, outline, strip_glyph, tables
from factsheet.writers.docx.embed import BASE, subset
from tests import fontref


def _shipped() -> list[Path]:
    return [*font_files().values(), *(fallback_file(f.name) for f in FALLBACKS)]


@pytest.mark.parametrize("path", _shipped(), ids=lambda p: p.name)
def test_every_subtable_maps_as_the_reference_reads_it(path: Path) -> None:
    cmap = tables(path.read_bytes())[b"cmap"]
    formats = set()
    for i in range(struct.unpack_from(">H", cmap, 2)[0]):
        at = struct.unpack_from(">I", cmap, 8 + 8 * i)[0]
        formats.add(struct.unpack_from(">H", cmap, at)[0])
        assert _subtable(cmap, at) == fontref._subtable(cmap, at)
    assert formats & {4, 12}


def _format12(groups: list[tuple[int, int, int]]) -> bytes:
    body = b"".join(struct.pack(">III", *group) for group in groups)
    return struct.pack(">HHIII", 12, 0, 16 + len(body), 0, len(groups)) + body


@pytest.mark.parametrize("groups", [
    [(0x41, 0x41, 5), (0x42, 0x45, 9), (0x100, 0x100, 0)],  # in order: singles apart from runs
    [(0x50, 0x52, 3), (0x41, 0x41, 7), (0x51, 0x51, 40)],  # out of order and overlapping: the later group wins
    [(0x60, 0x5F, 3), (0x61, 0x61, 1)],  # a group that ends before it starts holds nothing
    [],
])
def test_format_12_groups_in_any_order_map_as_the_reference_reads_them(groups: list[tuple[int, int, int]]) -> None:
    data = _format12(groups)
    assert _subtable(data, 0) == fontref._subtable(data, 0)


@pytest.mark.parametrize("path", _shipped(), ids=lambda p: p.name)
def test_every_glyph_stripped_as_the_reference_strips_it(path: Path) -> None:
    font = tables(path.read_bytes())
    long_loca = struct.unpack_from(">h", font[b"head"], 50)[0] == 1
    loca = font[b"loca"]
    offsets = (struct.unpack(f">{len(loca) // 4}I", loca) if long_loca
               else [2 * o for o in struct.unpack(f">{len(loca) // 2}H", loca)])
    composites = 0
    for start, end in itertools.pairwise(offsets):
        glyph = font[b"glyf"][start:end]
        stripped, parts = outline(glyph)
        assert stripped == strip_glyph(glyph) == fontref.strip_glyph(glyph)
        assert parts == fontref._components(glyph)
        composites += bool(parts)
    assert composites


def _character_sets(face: str) -> dict[str, frozenset[str]]:
    mapped = frozenset(map(chr, character_map(font_files()[face])))
    sample = random.Random(face).sample(sorted(mapped), 150)
    return {"base": BASE, "every mapped character": mapped, "none": frozenset(),
            "base, Greek and Cyrillic": BASE | frozenset("αβγδεζηθλμπσωΩабвгдежзийклмнопЖЯ"),
            "a sample": frozenset(sample)}


@pytest.mark.parametrize("face", FACES)
def test_word_subsets_are_the_reference_bytes(face: str) -> None:
    data = font_files()[face].read_bytes()
    to_glyph = character_map(font_files()[face])
    for name, characters in _character_sets(face).items():
        mapping = {ord(c): to_glyph[ord(c)] for c in characters if ord(c) in to_glyph}
        made = subset(data, set(mapping.values()), mapping)
        assert made == fontref.subset(data, set(mapping.values()), mapping), name
        assert subset(data, set(mapping.values())) == fontref.subset(data, set(mapping.values())), name


def test_simple_characters_are_the_reference_ones() -> None:
    from factsheet.fonts import PDF_NAMES
    from factsheet.writers.pdf.shaping import register_fallback, simple_chars
    from factsheet.writers.pdf.styles import register_fonts

    register_fonts()
    fonts = [*PDF_NAMES.values(), *(register_fallback(f.name) for f in FALLBACKS)]
    for font in fonts:
        assert simple_chars(font) == fontref.simple_chars(font), font
    assert "a" in simple_chars(PDF_NAMES["regular"]) and "\u0301" not in simple_chars("NotoSans")
    assert not simple_chars("NotoSansArabic") & set("\u0627\u0628") and not simple_chars("NotoSansHebrew") & {"\u05d0"}
