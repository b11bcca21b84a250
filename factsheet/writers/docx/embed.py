"""Source Sans Pro embedded in the .docx, obfuscated as Office Open XML describes (ECMA-376 Part 1, 17.8.1).

Without its fonts a Word file is set in whatever the reader has: LibreOffice
without Source Sans Pro substitutes DejaVu, whose wider letters break lines
elsewhere and push a one-pager to two pages. Each face is embedded as a subset,
as Word does with "embed only the characters used": the glyph ids stay as they
are, but only the glyphs of the characters the document uses (and printable
ASCII) keep their outlines, metrics and character map. Hinting, kerning and
substitution tables, the glyph-name table and the signature are left out; the PDF writer sets no kerning
or ligatures either. The licence (SIL Open Font License) allows embedding.

Obfuscation: the font key is a GUID; the first 32 bytes of the font are XORed
with its 16 bytes in reverse order. Keys are derived from the face and the
subset, so identical documents give identical bytes.
"""

from __future__ import annotations

import hashlib
import re
import struct
import uuid
from collections.abc import Iterable
from functools import lru_cache
from html import unescape
from itertools import accumulate
from typing import Any

from factsheet.fonts import FAMILY, font_files
from factsheet.truetype import assemble, character_map, outline
from factsheet.truetype import tables as font_tables

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
ELEMENTS = {"regular": "embedRegular", "bold": "embedBold", "italic": "embedItalic", "bold_italic": "embedBoldItalic"}
_KEEP = {b"cmap", b"head", b"hhea", b"hmtx", b"loca", b"maxp", b"name", b"OS/2", b"glyf", b"post"}
_TEXT = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>")


# Always kept, so that most documents share one subset (made once per process) and small edits still show.
BASE = frozenset([chr(c) for c in range(0x20, 0x7F)] + [chr(c) for c in range(0xA0, 0x100)]
                 + [chr(c) for c in range(0x2010, 0x2028)] + [chr(c) for c in range(0x2030, 0x203B)]
                 + ["\u20ac", "\u2122", "\u2190", "\u2191", "\u2192", "\u2193"])


def characters(document: Any, markup: Iterable[str] = ()) -> frozenset[str]:
    """`BASE` and every character of the text in the document's body, headers, footers and `markup`."""
    from factsheet.writers.docx.ooxml import w

    found: set[str] = set(BASE)
    tag = w("t")
    roots = [document.element.body] + [
        part.element for part in document.part.package.parts
        if str(part.partname).startswith(("/word/header", "/word/footer")) and hasattr(part, "element")]
    for root in roots:
        for element in root.iter(tag):
            if element.text:
                found.update(element.text)
    for xml in markup:
        for match in _TEXT.finditer(xml):
            found.update(unescape(match.group(1)))
    return frozenset(found)


def subset(font: bytes, glyph_ids: set[int], cmap: dict[int, int] | None = None) -> bytes:
    """`font` (TrueType) with outlines only for `glyph_ids` and their components, glyph ids unchanged.

    With `cmap` (code point -> glyph id), the character map is rebuilt for the kept glyphs alone.
    """
    tables = {tag: data for tag, data in font_tables(font).items() if tag in _KEEP}
    head = bytearray(tables[b"head"])
    long_loca = struct.unpack(">h", head[50:52])[0] == 1
    loca = tables[b"loca"]
    # Short offsets count 2-byte words; only the kept glyphs' are looked at.
    offsets, unit = ((struct.unpack(f">{len(loca) // 4}I", loca), 1) if long_loca
                     else (struct.unpack(f">{len(loca) // 2}H", loca), 2))
    glyf = tables[b"glyf"]
    count = len(offsets) - 1
    stripped: dict[int, bytes] = {}  # each glyph kept, without instructions
    queue = [0, *glyph_ids]
    while queue:
        gid = queue.pop()
        if gid in stripped or gid >= count:
            continue
        stripped[gid], parts = outline(glyf[unit * offsets[gid]:unit * offsets[gid + 1]])
        queue.extend(parts)
    wanted = sorted(stripped)
    sizes = [0] * count  # each glyph's padded size: none for a glyph left out
    for gid in wanted:
        sizes[gid] = len(stripped[gid]) + (-len(stripped[gid]) % 4)
    out = b"".join(stripped[gid] + b"\0" * (-len(stripped[gid]) % 4) for gid in wanted)
    new_offsets = [0, *accumulate(sizes)]
    tables[b"glyf"] = out
    tables[b"loca"] = struct.pack(f">{len(new_offsets)}I", *new_offsets)
    struct.pack_into(">h", head, 50, 1)
    struct.pack_into(">I", head, 8, 0)
    tables[b"head"] = bytes(head)
    tables[b"post"] = struct.pack(">I", 0x00030000) + tables[b"post"][4:32]  # format 3: no glyph names
    if cmap is not None and all(code <= 0xFFFF for code in cmap):
        tables[b"cmap"] = _cmap({code: gid for code, gid in cmap.items() if gid in stripped})
    metrics = struct.unpack(">H", tables[b"hhea"][34:36])[0]
    original = tables[b"hmtx"]
    cleared = 4 * min(metrics, count, len(original) // 4)
    hmtx = bytearray(cleared) + original[cleared:]  # no outline, no metrics: a run of zeros that deflates to nothing
    for gid in wanted:  # in glyph order, so the loop can stop
        if 4 * gid >= cleared:
            break
        hmtx[4 * gid: 4 * gid + 4] = original[4 * gid: 4 * gid + 4]
    tables[b"hmtx"] = bytes(hmtx)
    return assemble(tables)


def _cmap(mapping: dict[int, int]) -> bytes:
    """A Unicode BMP character map (platform 3, encoding 1, format 4) of `mapping`, one segment per character."""
    codes = sorted(mapping)
    count = len(codes) + 1  # and the closing 0xFFFF segment
    power = 1 << (count.bit_length() - 1)
    ends = [*codes, 0xFFFF]
    deltas = [(mapping[code] - code) % 0x10000 for code in codes] + [1]
    body = struct.pack(">HHHH", count * 2, power * 2, power.bit_length() - 1, count * 2 - power * 2)
    body += struct.pack(f">{count}H", *ends) + b"\0\0" + struct.pack(f">{count}H", *ends)
    body += struct.pack(f">{count}H", *deltas) + struct.pack(f">{count}H", *([0] * count))
    subtable = struct.pack(">HHH", 4, 6 + len(body), 0) + body
    return struct.pack(">HHHHI", 0, 1, 3, 1, 12) + subtable


def font_key(face: str, data: bytes) -> str:
    """A GUID for the embedded face, derived from its bytes: '{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}'."""
    return "{" + str(uuid.UUID(bytes=hashlib.sha256(face.encode() + data).digest()[:16])).upper() + "}"


def obfuscate(data: bytes, key: str) -> bytes:
    """`data` with its first 32 bytes XORed with the key's bytes in reverse order."""
    secret = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    head = bytes(byte ^ secret[i % 16] for i, byte in enumerate(data[:32]))
    return head + data[32:]


@lru_cache(maxsize=64)
def embedded_face(face: str, characters: frozenset[str]) -> tuple[str, bytes]:
    """(font key, obfuscated subset) of `face` for `characters`."""
    char_to_glyph = character_map(font_files()[face])
    mapping = {ord(c): char_to_glyph[ord(c)] for c in characters if ord(c) in char_to_glyph}
    data = subset(font_files()[face].read_bytes(), set(mapping.values()), mapping)
    key = font_key(face, data)
    return key, obfuscate(data, key)


def embed(document: Any, characters: frozenset[str]) -> None:
    """Embed every face of the family in the python-docx `document`, and tell Word they are there."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    package = document.part.package
    table = next(p for p in package.parts if p.partname == "/word/fontTable.xml")
    embeds = []
    for number, (face, element) in enumerate(ELEMENTS.items(), start=1):
        key, blob = embedded_face(face, characters)
        part = Part(PackURI(f"/word/fonts/font{number}.odttf"), CONTENT_TYPE, blob, package)
        rid = table.relate_to(part, RELATIONSHIP)
        embeds.append(f'<w:{element} r:id="{rid}" w:fontKey="{key}"/>')
    xml = table.blob.decode("utf-8")
    if 'xmlns:r="' not in xml:
        xml = xml.replace("<w:fonts ", '<w:fonts xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                          'relationships" ', 1)
    font = f'<w:font w:name="{FAMILY}">'
    start = xml.index(font)
    end = xml.index("</w:font>", start)
    table._blob = (xml[:end] + "".join(embeds) + xml[end:]).encode("utf-8")
    settings = document.settings.element
    from factsheet.writers.docx.ooxml import parse, w

    first = settings[0] if len(settings) else None
    for name in ("saveSubsetFonts", "embedTrueTypeFonts"):
        if settings.find(w(name)) is None:
            new = parse(f"<w:{name}/>")[0]
            if first is not None:
                first.addprevious(new)
                first = new
            else:
                settings.append(new)
