"""The reference document (read once per process) and reproducible .docx packaging."""

from __future__ import annotations

import copy
import io
import struct
import zipfile
import zlib
from collections import OrderedDict
from collections.abc import Mapping
from functools import cache, lru_cache
from importlib import resources
from typing import Any

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
CONTENT_TYPES = "[Content_Types].xml"
FILE_MODE = 0o100644  # a regular file, rw-r--r--


def reference_path() -> str:
    """Where the shipped reference document lives (for `make_reference`)."""
    return str(resources.files("factsheet") / "resources" / "reference.docx")


@cache
def reference_bytes() -> bytes:
    """The shipped reference document, read from disk once per process."""
    return (resources.files("factsheet") / "resources" / "reference.docx").read_bytes()


_Kind = tuple[Any, Any, str, bool, Any]
_Relationship = tuple[int, str, str, "str | int", bool]


def reference_document(blobs: Mapping[str, bytes] | None = None) -> Any:
    """A python-docx Document of the shipped reference, ready to fill in.

    The reference is parsed once per process. Each call builds a new package of the
    reference's parts, as python-docx builds one when it opens a file, but from copies
    of the parsed XML rather than parsing it again. A part named in `blobs`
    ('/word/styles.xml') is a plain part holding those bytes instead, for a part the
    writer does not change or has made once and remembered: copying and serialising
    the styles costs more than all the rest of the package. `open_reference` is the
    reference this is tested against.
    """
    from docx.opc.part import Part
    from docx.package import Package

    fixed = blobs or {}
    kinds, relationships = _blueprint()
    package = Package()
    parts = [
        Part(name, content_type, fixed[name], package) if name in fixed
        else kind(name, content_type, copy.deepcopy(content) if xml else content, package)
        for kind, name, content_type, xml, content in kinds
    ]
    for source, rid, reltype, target, external in relationships:
        (package if source < 0 else parts[source]).load_rel(
            reltype, str(target) if external else parts[int(target)], rid, external)
    # What python-docx does next, package.after_unmarshal(), gathers the image parts: the reference has none.
    return package.main_document_part.document


@cache
def pristine_blob(name: str) -> bytes:
    """The bytes python-docx saves for the reference's part `name` ('/word/numbering.xml') as it is."""
    return bytes(next(part.blob for part in open_reference().part.package.parts if part.partname == name))


@cache
def _blueprint() -> tuple[tuple[_Kind, ...], tuple[_Relationship, ...]]:
    """The pristine reference as (class, name, content type, is XML, its element or bytes) per part, and its
    relationships as (source part or -1 for the package, id, type, target part or address, is external)."""
    from docx.opc.part import XmlPart
    from docx.parts.image import ImagePart

    package = open_reference().part.package
    parts = list(package.iter_parts())
    assert not any(isinstance(part, ImagePart) for part in parts), "reference_document expects no images"
    index = {part.partname: number for number, part in enumerate(parts)}
    kinds = tuple((type(part), part.partname, part.content_type, isinstance(part, XmlPart),
                   part.element if isinstance(part, XmlPart) else part.blob) for part in parts)
    relationships = tuple(
        (number, rel.rId, rel.reltype, rel.target_ref if rel.is_external else index[rel.target_part.partname],
         rel.is_external)
        for number, source in [(-1, package), *enumerate(parts)] for rel in source.rels.values())
    return kinds, relationships


def open_reference() -> Any:
    """The shipped reference opened from its bytes by python-docx, as it was before `reference_document`."""
    import docx

    return docx.Document(io.BytesIO(reference_bytes()))


class _Entries:
    """Stands in for python-docx's zip writer, keeping each member's bytes by name."""

    def __init__(self) -> None:
        self.members: dict[str, bytes] = {}

    def write(self, pack_uri: Any, blob: bytes) -> None:
        """Keep `blob` as the member `pack_uri` names."""
        self.members[pack_uri.membername] = blob


DOCUMENT = "word/document.xml"
_BODY = b"<w:body>"


def package_bytes(package: Any, body: str = "") -> bytes:
    """A python-docx package saved straight into a reproducible zip, without a first zip to rewrite.

    `body` is markup for the start of the main document's body: written in as it is, not parsed
    into the document only to be serialised again (the same bytes: `BodyWriter.parse_into`).
    """
    from docx.opc.pkgwriter import PackageWriter

    parts = package.parts  # found by walking every relationship: once, not three times
    for part in parts:
        part.before_marshal()
    entries = _Entries()
    # The same three steps as PackageWriter.write, into our own member store.
    writer: Any = PackageWriter
    entries.members[CONTENT_TYPES] = _content_types(tuple((part.partname, part.content_type) for part in parts))
    writer._write_pkg_rels(entries, package.rels)
    writer._write_parts(entries, parts)
    if body:
        xml = entries.members[DOCUMENT]
        start = xml.index(_BODY) + len(_BODY)
        entries.members[DOCUMENT] = b"".join((xml[:start], body.encode("utf-8"), xml[start:]))
    return reproducible_zip(entries.members)


@lru_cache(maxsize=16)
def _content_types(parts: tuple[tuple[Any, str], ...]) -> bytes:
    """The content types stream python-docx writes for parts of these (name, content type): the same for
    most documents (they differ in whether they have footnotes), so made once for each set."""
    from docx.opc.pkgwriter import PackageWriter

    entries = _Entries()
    writer: Any = PackageWriter
    writer._write_content_types_stream(entries, [_Named(name, content_type) for name, content_type in parts])
    return entries.members[CONTENT_TYPES]


class _Named:
    """What python-docx reads of a part to list its content type: its name and content type."""

    def __init__(self, partname: Any, content_type: str) -> None:
        self.partname = partname
        self.content_type = content_type


def zip_members(data: bytes) -> dict[str, bytes]:
    """Every member of the zip `data`, by name."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return {info.filename: source.read(info) for info in source.infolist()}


def reproducible_zip(entries: dict[str, bytes]) -> bytes:
    """A zip of `entries` with fixed times, order and attributes.

    ``[Content_Types].xml`` comes first, then every other entry in name order;
    each entry is deflated, dated 1980-01-01 00:00 and marked as a plain rw-r--r--
    file whatever the host, so equal contents give equal bytes on any day and any machine.

    Written by hand (the same bytes as `reproducible_zip_reference`, which uses `zipfile`)
    so that members every document shares, the embedded fonts and the reference's styles and
    theme, are deflated once per process rather than once per document.
    """
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name in _order(entries):
        data = entries[name]
        packed, crc = _deflated(data, _level(name), name.endswith(_SHARED) or len(data) <= _SMALL)
        info = _info(name)
        info.CRC, info.compress_size, info.file_size = crc, len(packed), len(data)
        info.flag_bits = 0
        info.header_offset = offset
        header = info.FileHeader(False)
        out += (header, packed)
        offset += len(header) + len(packed)
        filename, flag_bits = _encoded(name)
        central.append(struct.pack(
            _CENTRAL, b"PK\x01\x02", info.create_version, info.create_system,
            info.extract_version, info.reserved, flag_bits, info.compress_type, _DOS_TIME, _DOS_DATE, crc,
            len(packed), len(data), len(filename), len(info.extra), len(info.comment), 0, info.internal_attr,
            info.external_attr, offset - len(header) - len(packed)) + filename + info.extra + info.comment)
    directory = b"".join(central)
    end = struct.pack(_END, b"PK\x05\x06", 0, 0, len(central), len(central),
                      len(directory), offset, 0)
    if offset + len(directory) > zipfile.ZIP64_LIMIT or len(central) > zipfile.ZIP_FILECOUNT_LIMIT:
        return reproducible_zip_reference(entries)  # a package this big needs zip64 records: zipfile writes them
    return b"".join([*out, directory, end])


def reproducible_zip_reference(entries: dict[str, bytes]) -> bytes:
    """`reproducible_zip` through the standard library's `zipfile`: the reference its bytes are tested against."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in _order(entries):
            target.writestr(_info(name), entries[name], compresslevel=_level(name))
    return out.getvalue()


def _order(entries: dict[str, bytes]) -> list[str]:
    return sorted(entries, key=lambda name: (name != CONTENT_TYPES, name))


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, so that unzip restores plain rw-r--r-- files
    info.external_attr = FILE_MODE << 16
    return info


def _encoded(name: str) -> tuple[bytes, int]:
    # As zipfile stores a name: ASCII as it is, anything else as UTF-8 with the language encoding flag (bit 11).
    try:
        return name.encode("ascii"), 0
    except UnicodeEncodeError:
        return name.encode("utf-8"), 0x800


def _level(name: str) -> int:
    # Embedded fonts are most of the bytes: a lighter deflate costs a fifth of the time for a tenth more size.
    return 1 if name.endswith(".odttf") else 6


# The zip format's central directory entry and end record (PKWARE APPNOTE 4.3.12, 4.3.16), as zipfile packs them.
_CENTRAL = "<4s4B4HL2L5H2L"
_END = b"<4s4H2LH"
_DOS_DATE = (FIXED_TIME[0] - 1980) << 9 | FIXED_TIME[1] << 5 | FIXED_TIME[2]
_DOS_TIME = FIXED_TIME[3] << 11 | FIXED_TIME[4] << 5 | (FIXED_TIME[5] // 2)
_SHARED = (".odttf", "/styles.xml", "/theme1.xml")  # members most documents share: worth remembering
_SMALL = 4096
"""Members up to this size are remembered too: many are the same in every document (relationships, content
types, settings, numbering, the footers of one day), and setting up a deflate costs more than the deflating."""
_KEPT = 48
_shared: OrderedDict[tuple[bytes, int], tuple[bytes, int]] = OrderedDict()


def _deflated(data: bytes, level: int, shared: bool) -> tuple[bytes, int]:
    """`data` deflated (raw, as zipfile writes it) and its CRC-32; `shared` members remembered, a few at a time."""
    key = (data, level)
    if shared:
        known = _shared.get(key)
        if known is not None:
            _shared.move_to_end(key)
            return known
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    result = compressor.compress(data) + compressor.flush(), zlib.crc32(data)
    if shared:
        _shared[key] = result
        if len(_shared) > _KEPT:
            _shared.popitem(last=False)
    return result
