"""The fast TrueType reader gives ReportLab's own font objects, attribute for attribute, and the same PDFs.

factsheet.ttface fills a ReportLab TTFontFace's character tables
from whole-array reads instead of ReportLab's number-at-a-time parse. These
tests hold the two equal for every font we ship (the four Source Sans Pro faces
and every fallback), for variants made with fontTools that take the branches
our fonts do not (other cmap formats, another unitsPerEm, a damaged subtable, a
format only ReportLab reads), and for the PDF bytes either one makes.
"""

from __future__ import annotations

import io
import random
import struct
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFNameBytes, TTFontFace
from reportlab.pdfgen.canvas import Canvas

from factsheet.fonts import FALLBACKS, PDF_NAMES, fallback_file, font_files, reportlab_font
from factsheet.ttface import follows_reportlab, reference_font, truetype_font

# Name, and a function giving a fresh file for it (a path, or the in-memory instance the writer draws).
Source = tuple[str, Callable[[], str | io.BytesIO]]


def _path(path: Path) -> Callable[[], str]:
    return lambda: str(path)


def _memory(data: bytes) -> Callable[[], io.BytesIO]:
    return lambda: io.BytesIO(data)


def _shipped() -> list[Source]:
    found: list[Source] = [(PDF_NAMES[face], _path(path)) for face, path in font_files().items()]
    for fallback in FALLBACKS:
        if fallback.regular_is_default:
            found.append((fallback.name, _path(fallback_file(fallback.name))))
        else:  # the instance made once per process, read back from its bytes
            found.append((fallback.name, _memory(reportlab_font(fallback.name).face._ttf_data)))
    return found


def _same(fast: Any, reference: Any, where: str) -> None:
    """Equal values of equal types; dictionaries in the same order too."""
    assert type(fast) is type(reference), where
    if isinstance(reference, dict):
        assert list(fast) == list(reference), where
        for key in reference:
            _same(fast[key], reference[key], f"{where}[{key!r}]")
    elif isinstance(reference, list | tuple):
        assert len(fast) == len(reference), where
        for index, (a, b) in enumerate(zip(fast, reference, strict=True)):
            _same(a, b, f"{where}[{index}]")
    elif isinstance(reference, TTFNameBytes):
        assert (fast, fast.ustr) == (reference, reference.ustr), where
    elif callable(reference):  # ReportLab's scale function, made by its own code in both
        assert fast.__code__ == reference.__code__, where
        _same([c.cell_contents for c in fast.__closure__ or ()],
              [c.cell_contents for c in reference.__closure__ or ()], where)
    else:
        assert fast == reference, where


def _assert_same_font(fast: Any, reference: Any) -> None:
    assert type(reference.face) is TTFontFace
    if follows_reportlab():  # the fast face is ReportLab's class but for makeSubset (compared by its subsets)
        assert type(fast.face).__bases__ == (TTFontFace,)
        assert set(vars(type(fast.face))) - {"__module__", "__qualname__", "__doc__"} == {"makeSubset"}
    else:  # a ReportLab whose reading this one does not follow reads the font itself
        assert type(fast.face) is TTFontFace
    _same(vars(fast.face), vars(reference.face), "face")
    _same({k: v for k, v in vars(fast).items() if k not in ("face", "encoding", "state")},
          {k: v for k, v in vars(reference).items() if k not in ("face", "encoding", "state")}, "font")
    assert list(vars(fast)) == list(vars(reference))
    assert vars(fast.encoding) == vars(reference.encoding) and type(fast.encoding) is type(reference.encoding)
    assert type(fast.state) is type(reference.state) and not fast.state and not reference.state


def _pdf(font: Any) -> bytes:
    """A page of every character the font maps, drawn with `font` (put in ReportLab's registry directly:
    registerFont would hand back the first font registered for the same face)."""
    codes = [code for code in font.face.charToGlyph if not 0xD800 <= code < 0xE000]
    text = "".join(map(chr, codes))
    before = pdfmetrics._fonts.get(font.fontName)  # the writer's own font of that name, if registered
    pdfmetrics._fonts[font.fontName] = font
    try:
        out = io.BytesIO()
        canvas = Canvas(out, invariant=1)
        canvas.setFont(font.fontName, 8)
        for line, at in enumerate(range(0, len(text), 80)):
            canvas.drawString(20, 800 - 10 * (line % 75), text[at:at + 80])
            if line % 75 == 74:
                canvas.showPage()
                canvas.setFont(font.fontName, 8)
        canvas.save()
        return out.getvalue()
    finally:
        if before is None:
            del pdfmetrics._fonts[font.fontName]
        else:
            pdfmetrics._fonts[font.fontName] = before


@pytest.mark.parametrize(("name", "source"), _shipped(), ids=[name for name, _ in _shipped()])
def test_every_shipped_font_reads_as_reportlab_reads_it(name: str, source: Callable[[], str | io.BytesIO]) -> None:
    fast, reference = truetype_font(name, source()), reference_font(name, source())
    _assert_same_font(fast, reference)
    assert len(fast.face.charToGlyph) > 400
    assert _pdf(fast) == _pdf(reference)


def _subsets(face: Any) -> dict[str, list[int]]:
    """Subsets as ReportLab's fonts make them: ASCII first, then up to 256 code points in order of use."""
    codes = sorted(face.charToGlyph)
    shuffled = random.Random(len(codes)).sample(codes, min(len(codes), 255))
    accented = [code for code in codes if 0xC0 <= code < 0x250][:255]  # composite glyphs: components added
    return {"ascii": [0] * 32 + list(range(32, 128)), "first": [0, *codes[:255]], "last": [0, *codes[-255:]],
            "shuffled": [0, *shuffled], "accented": [0, *accented],
            "unmapped": [0, 0x10FFFD, *codes[:10], 0xE0001], "repeated": [0, 65, 65, 66, 0xC9, 0xC9]}


@pytest.mark.parametrize(("name", "source"), _shipped(), ids=[name for name, _ in _shipped()])
def test_subsets_are_reportlabs_bytes(name: str, source: Callable[[], str | io.BytesIO]) -> None:
    from reportlab.pdfbase.ttfonts import TTFontFile

    fast, reference = truetype_font(name, source()).face, reference_font(name, source()).face
    for kind, subset in _subsets(reference).items():
        assert fast.makeSubset(subset) == TTFontFile.makeSubset(reference, subset), kind


@pytest.mark.skipif(not follows_reportlab(), reason="this ReportLab reads fonts otherwise: it reads them itself")
def test_the_writer_uses_the_fast_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    from factsheet import ttface

    read: list[object] = []
    real = ttface._character_tables
    monkeypatch.setattr(ttface, "_character_tables", lambda face: read.append(face) or real(face))
    for face in ("bold", "NotoSansArabic"):
        font = reportlab_font.__wrapped__(face)  # type: ignore[attr-defined]  # not the process's cached font
        assert read[-1] is font.face and font.face.charToGlyph


# Variants of the smallest face, each taking a branch of the reader the shipped fonts do not take.


def _variant(change: Callable[[Any], None]) -> bytes:
    from fontTools.ttLib import TTFont

    font = TTFont(str(font_files()["italic"]))
    change(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _only_macintosh(fmt: int) -> Callable[[Any], None]:
    def change(font: Any) -> None:
        from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

        mapping = font.getBestCmap()
        table = CmapSubtable.newSubtable(fmt)
        table.platformID, table.platEncID, table.language = 1, 0, 0
        # Format 0 holds byte codes and glyph ids; a format 6 array spans its first code to its last.
        table.cmap = {code: name for code, name in mapping.items()
                      if (code < 256 and font.getGlyphID(name) < 256 if fmt == 0 else code < 0x2200)}
        font["cmap"].tables = [table]
    return change


def _many_to_one(font: Any) -> None:
    from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

    table = CmapSubtable.newSubtable(13)
    table.platformID, table.platEncID, table.language = 3, 10, 0
    table.cmap = {code: "space" for code in range(0x2000, 0x200B)} | font.getBestCmap()
    font["cmap"].tables = [table]


def _scaled(font: Any) -> None:
    from fontTools.ttLib.scaleUpem import scale_upem

    scale_upem(font, 2048)


def _range_offsets_past_the_end(data: bytes) -> bytes:
    """The font with every idRangeOffset of its format 4 subtable pointing past the subtable (ReportLab: glyph 0)."""
    out = bytearray(data)
    count = struct.unpack_from(">H", data, 4)[0]
    cmap = next(struct.unpack_from(">L", data, 12 + 16 * i + 8)[0] for i in range(count)
                if data[12 + 16 * i: 16 + 16 * i] == b"cmap")
    for i in range(struct.unpack_from(">H", data, cmap + 2)[0]):
        at = cmap + struct.unpack_from(">L", data, cmap + 8 + 8 * i)[0]
        if struct.unpack_from(">H", data, at)[0] == 4:
            segments = struct.unpack_from(">H", data, at + 6)[0] // 2
            ranges_at = at + 16 + 6 * segments
            for n in range(segments):
                if struct.unpack_from(">H", data, ranges_at + 2 * n)[0]:
                    struct.pack_into(">H", out, ranges_at + 2 * n, 0xFFFE - 2 * n)
    return bytes(out)


VARIANTS = {
    "format 6": lambda: _variant(_only_macintosh(6)),
    "format 0": lambda: _variant(_only_macintosh(0)),
    "format 13 (ReportLab reads it)": lambda: _variant(_many_to_one),
    "2048 units per em": lambda: _variant(_scaled),
    "idRangeOffset past the subtable": lambda: _range_offsets_past_the_end(font_files()["italic"].read_bytes()),
}


@pytest.mark.parametrize("variant", VARIANTS)
def test_variants_read_as_reportlab_reads_them(variant: str) -> None:
    data = VARIANTS[variant]()
    fast, reference = truetype_font("Variant", io.BytesIO(data)), reference_font("Variant", io.BytesIO(data))
    _assert_same_font(fast, reference)
    assert fast.face.charToGlyph
    assert _outcome(fast) == _outcome(reference)
    if variant == "2048 units per em":  # widths and metrics in other units
        for kind, subset in _subsets(reference.face).items():
            assert fast.face.makeSubset(subset) == reference.face.makeSubset(subset), kind


def _outcome(font: Any) -> tuple[str, object]:
    """The PDF `font` makes, or the error it makes instead (ReportLab reads format 6 backwards: glyph ids
    become code points, and a subset of them fails)."""
    try:
        return "pdf", _pdf(font)
    except Exception as error:  # whichever error it is, both fonts must give it
        return "error", f"{type(error).__name__}: {error}"
