"""Writers: one per output format, each a visitor over the document tree.

Writers are looked up by name and imported only when used, so commands that do
not render never import ReportLab or python-docx.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # a no-op build reads the format list here and must not pay for the document tree
    from factsheet.document.nodes import Document

FORMATS: dict[str, tuple[str, str]] = {
    "pdf": ("factsheet.writers.pdf", "PdfWriter"),
    "docx": ("factsheet.writers.docx", "DocxWriter"),
}


class Writer(Protocol):
    """What every writer offers."""

    name: str
    extension: str
    warnings: list[str]

    def render(self, document: Document) -> bytes:
        """The complete output file for `document`."""
        ...


_writers: dict[str, Writer] = {}


def get_writer(name: str) -> Writer:
    """The writer registered as `name` (created once per process, then reused)."""
    if name not in _writers:
        module_name, class_name = FORMATS[name]
        module = importlib.import_module(module_name)
        _writers[name] = getattr(module, class_name)()
    return _writers[name]
