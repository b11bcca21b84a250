"""Saving a ReportLab document with object streams and a cross-reference stream (PDF 1.5).

ReportLab writes every object as plain text and ends the file with a classic
cross-reference table. A tagged briefing has hundreds of small dictionaries
(structure elements, link annotations and their OBJR references, outline
entries, the parent tree) that make up over half of its bytes. ISO 32000-1
7.5.7 lets a file keep such objects together in compressed object streams, and
7.5.8 lets the cross-reference table be a compressed stream too; PDF/A-2 allows
both. This module replaces the document's final formatting step with one that
does that, in the same single pass ReportLab makes (no second tool, no re-parse):

- objects are formatted by ReportLab exactly as before (their bytes do not
  change), in object-number order, registering any object formatting adds;
- streams (which may not go into an object stream), the document catalog and the
  Info dictionary stay plain top-level objects, so that tools which look for the
  catalog or read the Info dictionary without following object streams still
  find them; everything else goes, in number order, into object streams;
- the trailer's entries (/Size, /Root, /Info, /ID; never /Encrypt) move to the
  cross-reference stream's dictionary.

Everything is a function of the objects' bytes, so identical trees still give
identical files. It relies on ReportLab's private document internals (the
object registry, `Catalog`, `info`, `encrypt`, `ID()`, the file header);
tests/test_reportlab_contract.py checks them, and pyproject.toml caps ReportLab.
"""

from __future__ import annotations

import functools
import weakref
import zlib
from collections.abc import Callable
from typing import Any

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas

OBJECTS_PER_STREAM = 250
"""At most this many objects in one object stream: readers decompress a whole stream to get one of its objects,
and deflate's 32 KB window gains little from longer streams."""


def compact(maker: Callable[..., Canvas]) -> Callable[..., Canvas]:
    """A canvas maker like `maker` whose canvases save their documents with object streams."""

    def make(*args: Any, **kwargs: Any) -> Canvas:
        canvas = maker(*args, **kwargs)
        install(canvas._doc)
        return canvas

    return make


NAMES_KEPT = 4096
"""Distinct PDF names remembered by `remember_names` (dictionary keys and the like: a briefing uses about fifty)."""


def remember_names() -> None:
    """Make ReportLab's `PDFName` remember its answers and its `pdfdocEnc` take printable ASCII as it is, once.

    Every dictionary ReportLab formats turns each key into a name through `PDFName`, a character-by-character
    escape (1.5 microseconds); a briefing asks it some 240 times, for the same few dozen keys. The function
    is pure and returns an immutable string, so remembering changes no byte. The originals stay reachable
    as `__wrapped__` of each (tests hold each pair equal).
    """
    if not hasattr(pdfdoc.PDFName, "__wrapped__"):
        pdfdoc.PDFName = functools.lru_cache(maxsize=NAMES_KEPT)(pdfdoc.PDFName)
    if not hasattr(pdfdoc.pdfdocEnc, "__wrapped__"):
        pdfdoc.pdfdocEnc = _encoded_with(pdfdoc.pdfdocEnc)


def _encoded_with(original: Callable[[Any], bytes]) -> Callable[[Any], bytes]:
    """ReportLab's `pdfdocEnc` (a string to PDFDocEncoding bytes, asked ~850 times a briefing, mostly for names
    and numbers) with printable ASCII as its own bytes, as that encoding has it, without the codec look-up."""

    @functools.wraps(original)
    def encoded(value: Any) -> bytes:
        if value.__class__ is str and value.isascii() and value.isprintable():
            return value.encode("ascii")
        return original(value)

    return encoded


remember_names()


def install(document: pdfdoc.PDFDocument) -> None:
    """Make ReportLab `document` write object streams and a cross-reference stream when it is saved."""
    # PDFDocument.GetPDFData ends with `return self.format()`: the instance attribute takes its place. It refers
    # to the document weakly: a document holding a function that holds it is a cycle, which only the cyclic
    # collector frees (with everything the document holds).
    reference = weakref.ref(document)
    document.format = lambda: write(reference())


def write(document: pdfdoc.PDFDocument) -> bytes:
    """The whole file for `document`, as ReportLab's `PDFDocument.format` makes it but compact.

    Encrypted or signed documents are written by ReportLab's own code: encryption
    would have to cover object streams differently, and signatures patch offsets
    in ReportLab's own layout.
    """
    if not isinstance(document.encrypt, pdfdoc.NoEncryption) or getattr(document, "_digiSigs", None):
        return bytes(pdfdoc.PDFDocument.format(document))
    catalog = document.Catalog
    info = document.info
    document.Reference(catalog)
    document.Reference(info)
    top_level = {catalog.__InternalName__, info.__InternalName__}
    plain: list[tuple[int, bytes]] = []  # (number, formatted object) written as top-level objects
    packed: list[tuple[int, bytes]] = []  # those that go into object streams
    number_to_id = document.numberToId
    id_to_object = document.idToObject
    id_to_number = document.idToObjectNumberAndVersion
    # pdfdoc.format(obj, document, toplevel=1) is obj.format(document) for a PDF object unless comments are on.
    direct = bool(rl_config.invariant or not rl_config.pdfComments)
    pdf_object = pdfdoc.PDFObject
    number = 0
    while True:  # formatting may register further objects: go on until none is left
        number += 1
        name = number_to_id.get(number)
        if name is None:
            break
        obj = id_to_object[name]
        if id_to_number[name] != (number, 0):
            raise ValueError(f"object {name!r}: expected number {number} generation 0, "
                             f"ReportLab has {id_to_number[name]}")
        if direct and isinstance(obj, pdf_object):
            body = obj.format(document)
        else:
            body = pdfdoc.format(obj, document, toplevel=1)
        if name in top_level or is_stream(obj, body):
            plain.append((number, body))
        else:
            packed.append((number, body))
    count = number - 1
    if count != len(number_to_id):
        raise ValueError(f"object numbers 1-{count} do not match ReportLab's {len(number_to_id)} objects")
    return _layout(document, plain, packed, count)


def is_stream(obj: object, body: bytes) -> bool:
    """Whether the formatted object is a stream (never allowed in an object stream)."""
    return isinstance(obj, pdfdoc.PDFStream) or (body.startswith(b"<<") and body.rstrip().endswith(b"endstream"))


def _indirect(number: int, body: bytes) -> bytes:
    # As PDFIndirectObject.format writes it.
    return b"%d 0 obj\n%s%sendobj\n" % (number, body, b"" if body.endswith(b"\n") else b"\n")


def _object_stream(objects: list[tuple[int, bytes]]) -> bytes:
    """An object stream (ISO 32000-1 7.5.7) holding `objects`, compressed."""
    pairs: list[bytes] = []
    offset = 0
    for number, body in objects:
        pairs.append(b"%d %d" % (number, offset))
        offset += len(body) + 1
    header = b" ".join(pairs) + b"\n"
    data = zlib.compress(header + b"\n".join(body for _, body in objects) + b"\n")
    return b"<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream" % (
        len(objects), len(header), len(data), data)


def up_predicted(rows: bytes, width: int) -> bytes:
    """`rows` of `width` bytes each through the PNG Up filter (ISO 32000-1 7.4.4.4, /Predictor 12): every row
    becomes the filter type byte 2 and its bytes minus those of the row above, modulo 256.

    Cross-reference entries change little from row to row, so this makes them compress to about a sixth.
    Done with whole-buffer operations rather than a loop over bytes: each byte gets a 16-bit lane of a big
    integer, where ``byte + 256 - byte above`` (1..511) cannot borrow from its neighbour; the low bytes of
    the lanes are the differences.
    """
    count = len(rows) // width
    above = bytes(width) + rows[:-width]
    lanes, lanes_above = bytearray(2 * len(rows)), bytearray(2 * len(rows))
    lanes[1::2], lanes_above[1::2] = rows, above
    bias = int.from_bytes(b"\x01\x00" * len(rows), "big")
    difference = int.from_bytes(lanes, "big") + bias - int.from_bytes(lanes_above, "big")
    low = difference.to_bytes(2 * len(rows), "big")[1::2]
    out = bytearray((width + 1) * count)
    out[0::width + 1] = b"\x02" * count
    for column in range(width):
        out[column + 1::width + 1] = low[column::width]
    return bytes(out)


def _width(value: int) -> int:
    return max(1, (value.bit_length() + 7) // 8)


def _layout(document: pdfdoc.PDFDocument, plain: list[tuple[int, bytes]], packed: list[tuple[int, bytes]],
            count: int) -> bytes:
    """The file: header, top-level objects, object streams, then the cross-reference stream."""
    parts = [bytes(pdfdoc.PDFFile(document._pdfVersion).format(document))]  # "%PDF-1.7" and a binary comment
    position = len(parts[0])
    # entries[n]: (type, field 2, field 3) of object n, as in ISO 32000-1 table 18
    entries: list[tuple[int, int, int]] = [(0, 0, 0xFFFF)] + [(0, 0, 0)] * count
    for number, body in plain:
        entries[number] = (1, position, 0)
        parts.append(_indirect(number, body))
        position += len(parts[-1])
    next_number = count + 1
    for start in range(0, len(packed), OBJECTS_PER_STREAM):
        chunk = packed[start:start + OBJECTS_PER_STREAM]
        for index, (number, _) in enumerate(chunk):
            entries[number] = (2, next_number, index)
        entries.append((1, position, 0))
        parts.append(_indirect(next_number, _object_stream(chunk)))
        position += len(parts[-1])
        next_number += 1
    entries.append((1, position, 0))  # the cross-reference stream itself
    size = next_number + 1
    widths = (1, _width(max(position, next_number)), 2)
    row = sum(widths)  # each row one big-endian number: type, then field 2, then field 3 in the low 2 bytes
    shift = 8 * (widths[1] + 2)
    rows = b"".join([(kind << shift | second << 16 | third).to_bytes(row, "big") for kind, second, third in entries])
    data = zlib.compress(up_predicted(rows, sum(widths)))
    ident = document.ID()  # b"\n[<digest><digest>]\n% comment\n": the array only
    ident = ident[ident.index(b"["):ident.index(b"]") + 1]
    root = b"%d 0 R" % document.idToObjectNumberAndVersion[document.Catalog.__InternalName__][0]
    info = b"%d 0 R" % document.idToObjectNumberAndVersion[document.info.__InternalName__][0]
    xref = (b"<< /Type /XRef /Size %d /W [ %d %d %d ] /Root %s /Info %s /ID %s /Filter /FlateDecode"
            b" /DecodeParms << /Predictor 12 /Columns %d >> /Length %d >>"
            b"\nstream\n%s\nendstream" % (size, *widths, root, info, ident, sum(widths), len(data), data))
    parts.append(_indirect(next_number, xref))
    parts.append(b"startxref\n%d\n%%%%EOF\n" % position)
    return b"".join(parts)
