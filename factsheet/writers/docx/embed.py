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
from typing import Any

from factsheet.fonts import FAMILY, font_files

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
    from factsheet.truetype import assemble, strip_glyph
    from factsheet.truetype import tables as font_tables

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
        tables[b"cmap"] = _cmap({code: gid for code, gid in cmap.items() if gid in wanted})
    metrics = struct.unpack(">H", tables[b"hhea"][34:36])[0]
    hmtx = bytearray(tables[b"hmtx"])
    for gid in range(min(metrics, len(offsets) - 1)):
        if gid not in wanted:  # no outline, no metrics: a run of zeros that deflates to nothing
            hmtx[4 * gid: 4 * gid + 4] = b"\0\0\0\0"
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
    from factsheet.truetype import character_map

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
