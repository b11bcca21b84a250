"""Smaller embedded fonts with distinct names: strip TrueType hinting from the subsets ReportLab embeds.

Hinting (glyph instructions and the fpgm, prep and cvt tables) is about a third
of Source Sans Pro's glyph data and does nothing for print or for PDF viewers,
which rasterise without it. ReportLab copies it into every subset, so each
subset it makes is rewritten here without it. Outlines, metrics and the
character map are untouched.

ReportLab also names the first subset of every font ``AAAAAA+...``, the second
``AAAAAB+...``; the PDF standard asks for a different tag for every subset in a
file, so `distinct_subset_tags` names them by a hash of font and glyphs instead.
"""

from __future__ import annotations

import hashlib
import itertools
import struct
from collections import OrderedDict
from collections.abc import Callable
from functools import cache
from typing import Any

from factsheet.truetype import assemble as _assemble
from factsheet.truetype import strip_glyph as _strip_glyph

_DROP = {b"fpgm", b"prep", b"cvt "}


def slim(font: bytes) -> bytes:
    """A TrueType font file (as ReportLab subsets it) without hinting."""
    count = struct.unpack(">H", font[4:6])[0]
    tables: dict[bytes, bytes] = {}
    for i in range(count):
        tag, _sum, offset, length = struct.unpack(">4sIII", font[12 + 16 * i : 28 + 16 * i])
        tables[tag] = font[offset : offset + length]
    if b"glyf" not in tables or b"loca" not in tables or b"head" not in tables:
        return font
    head = bytearray(tables[b"head"])
    long_loca = struct.unpack(">h", head[50:52])[0] == 1
    loca = tables[b"loca"]
    offsets = (struct.unpack(f">{len(loca) // 4}I", loca) if long_loca
               else [2 * o for o in struct.unpack(f">{len(loca) // 2}H", loca)])
    glyf, new_offsets = bytearray(), [0]
    for start, end in itertools.pairwise(offsets):
        glyph = _strip_glyph(tables[b"glyf"][start:end]) if end > start else b""
        glyf += glyph + b"\0" * (-len(glyph) % 4)
        new_offsets.append(len(glyf))
    tables[b"glyf"] = bytes(glyf)
    tables[b"loca"] = struct.pack(f">{len(new_offsets)}I", *new_offsets)
    struct.pack_into(">h", head, 50, 1)  # long loca offsets
    struct.pack_into(">I", head, 8, 0)  # checkSumAdjustment, set below
    tables[b"head"] = bytes(head)
    for tag in _DROP:
        tables.pop(tag, None)
    return _assemble(tables)


def slim_subsets(face: Any) -> None:
    """Make a ReportLab TrueType face embed its subsets without hinting.

    Most documents use the same subsets (printable ASCII and a few more, in the same order),
    so the last few are remembered: a subset is made and slimmed once per process.
    """
    make: Callable[[Any], bytes] = face.makeSubset
    known: OrderedDict[tuple[int, ...], bytes] = OrderedDict()

    def subset_of(subset: Any) -> bytes:
        key = tuple(subset)
        font = known.get(key)
        if font is None:
            font = known[key] = slim(make(subset))
            if len(known) > _REMEMBERED:
                known.popitem(last=False)
        else:
            known.move_to_end(key)
        return font

    face.makeSubset = subset_of
    face.factsheet_subsets = known  # for tests: what is remembered, and the maker to compare it with
    face.factsheet_make_subset = make


_REMEMBERED = 8  # subsets per face


class _SharedFlate:
    """ReportLab's Flate filter (the same bytes), remembering the last few results: for streams that most
    documents share, the embedded font subsets and their ToUnicode maps."""

    pdfname = "FlateDecode"

    def __init__(self) -> None:
        self.known: OrderedDict[bytes, bytes] = OrderedDict()

    def encode(self, text: str | bytes) -> bytes:
        """`text` compressed as ``PDFStreamFilterZCompress.encode`` does."""
        from reportlab.pdfbase import pdfdoc

        data = text.encode("utf8") if isinstance(text, str) else text
        packed = self.known.get(data)
        if packed is None:
            packed = self.known[data] = pdfdoc.PDFZCompress.encode(data)
            if len(self.known) > 4 * _REMEMBERED:
                self.known.popitem(last=False)
        else:
            self.known.move_to_end(data)
        return packed


SHARED_FLATE = _SharedFlate()


@cache
def _widths_array() -> type:
    """A PDFArray of numbers whose bytes are made once per process for each distinct array (a subset's widths)."""
    from reportlab import rl_config
    from reportlab.pdfbase import pdfdoc

    known: OrderedDict[tuple[Any, ...], bytes] = OrderedDict()

    class Widths(pdfdoc.PDFArray):
        def format(self, document: Any, IND: bytes = b"\n ") -> bytes:
            key = (*self.sequence, rl_config.pdfMultiLine, IND)
            data = known.get(key)
            if data is None:
                data = known[key] = bytes(super().format(document, IND))
                if len(known) > 4 * _REMEMBERED:
                    known.popitem(last=False)
            return data

    return Widths


def subset_tag(font_name: bytes, subset: list[int], used: set[str]) -> str:
    """Six capital letters naming a subset: a hash of font and glyphs, unique among `used` (then added to it)."""
    digest = hashlib.sha256(font_name + b"|" + ",".join(map(str, subset)).encode("ascii")).digest()
    salt = 0
    while True:
        number = int.from_bytes(digest[salt:salt + 8], "big")
        tag = "".join(chr(65 + (number // 26**i) % 26) for i in range(6))
        if tag not in used:
            used.add(tag)
            return tag
        salt += 1


def distinct_subset_tags(font: Any) -> None:
    """Make a ReportLab TTFont name each embedded subset with its own tag (see `subset_tag`).

    The same steps as ``TTFont.addObjects`` in ReportLab 4-5, but for the tag.
    """
    from reportlab.pdfbase import pdfdoc, ttfonts

    def add_objects(doc: Any) -> None:
        state = font.state.get(doc) or font.state.setdefault(doc, ttfonts.TTFont.State(font._asciiReadable))
        state.frozen = 1
        used: set[str] = doc.__dict__.setdefault("_factsheet_subset_tags", set())
        for number, subset in enumerate(state.subsets):
            internal = font.getSubsetInternalName(number, doc)[1:]
            tag = subset_tag(font.face.name + font.face.subfontNameX, subset, used)
            base = tag + "+" + (font.face.name + font.face.subfontNameX).decode("pdfdoc")
            pdf_font = pdfdoc.PDFTrueTypeFont()
            pdf_font.__Comment__ = f"Font {font.fontName} subset {number}"
            pdf_font.Name = internal
            pdf_font.BaseFont = base
            pdf_font.FirstChar = 0
            pdf_font.LastChar = len(subset) - 1
            pdf_font.Widths = _widths_array()(list(map(font.face.getCharWidth, subset)))
            cmap = pdfdoc.PDFStream()
            cmap.content = ttfonts.makeToUnicodeCMap(base, subset)  # looked up now: it may be replaced
            if doc.compression:
                cmap.filters = [SHARED_FLATE]
            pdf_font.ToUnicode = doc.Reference(cmap, "toUnicodeCMap:" + base)
            pdf_font.FontDescriptor = font.face.addSubsetObjects(doc, base, subset)
            font_file = doc.idToObject.get(f"fontFile:{font.face.filename}({base})")
            if doc.compression and font_file is not None and font_file.filters == [pdfdoc.PDFZCompress]:
                font_file.filters = [SHARED_FLATE]
            doc.Reference(pdf_font, internal)
            doc.idToObject["BasicFonts"].dict[internal] = pdf_font
        del font.state[doc]

    font.addObjects = add_objects
