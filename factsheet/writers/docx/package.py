"""The reference document (read once per process) and reproducible .docx packaging."""

from __future__ import annotations

import io
import zipfile
from functools import cache
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


class _Entries:
    """Stands in for python-docx's zip writer, keeping each member's bytes by name."""

    def __init__(self) -> None:
        self.members: dict[str, bytes] = {}

    def write(self, pack_uri: Any, blob: bytes) -> None:
        """Keep `blob` as the member `pack_uri` names."""
        self.members[pack_uri.membername] = blob


def package_bytes(package: Any) -> bytes:
    """A python-docx package saved straight into a reproducible zip, without a first zip to rewrite."""
    from docx.opc.pkgwriter import PackageWriter

    for part in package.parts:
        part.before_marshal()
    entries = _Entries()
    # The same three steps as PackageWriter.write, into our own member store.
    writer: Any = PackageWriter
    writer._write_content_types_stream(entries, package.parts)
    writer._write_pkg_rels(entries, package.rels)
    writer._write_parts(entries, package.parts)
    return reproducible_zip(entries.members)


def zip_members(data: bytes) -> dict[str, bytes]:
    """Every member of the zip `data`, by name."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return {info.filename: source.read(info) for info in source.infolist()}


def reproducible_zip(entries: dict[str, bytes]) -> bytes:
    """A zip of `entries` with fixed times, order and attributes.

    ``[Content_Types].xml`` comes first, then every other entry in name order;
    each entry is deflated, dated 1980-01-01 00:00 and marked as a plain rw-r--r--
    file whatever the host, so equal contents give equal bytes on any day and any machine.
    """
    names = sorted(entries, key=lambda name: (name != CONTENT_TYPES, name))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so that unzip restores plain rw-r--r-- files
            info.external_attr = FILE_MODE << 16
            # Embedded fonts are most of the bytes: a lighter deflate costs a fifth of the time for a tenth more size.
            target.writestr(info, entries[name], compresslevel=1 if name.endswith(".odttf") else 6)
    return out.getvalue()
