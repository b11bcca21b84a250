"""Writers: one per output format, each a pure function from the document tree to a file's bytes.

The registry below is the one list of formats: the command line's choices, the output
file names and the mail attachments' content types all come from it. A writer module
is imported only when its format is rendered, so commands that do not render never
import ReportLab or python-docx.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, NamedTuple, Never, NoReturn

from factsheet.collector import paused

if TYPE_CHECKING:  # a no-op build reads the format list here and must not pay for the document tree
    from factsheet.document.nodes import Document


# NamedTuples, not dataclasses: every command that builds defines them, one with nothing to do too, and a
# NamedTuple is defined in a sixth of the time.
class Rendition(NamedTuple):
    """One document rendered in one format: the file's bytes, its page count if known, and what was changed."""

    data: bytes
    pages: int | None
    warnings: tuple[str, ...]
    room_left: float | None = None
    """Height in points left free at the foot of the last page (the PDF), or None where not measured."""


class WriterInfo(NamedTuple):
    """A registered output format: its name, file extension, MIME type and the module whose `render` writes it."""

    name: str
    extension: str
    content_type: str
    module: str
    description: str

    @property
    def mime(self) -> tuple[str, str]:
        """The content type as (maintype, subtype), as the email package wants it."""
        maintype, subtype = self.content_type.split("/", 1)
        return maintype, subtype


WRITERS: dict[str, WriterInfo] = {
    "pdf": WriterInfo("pdf", ".pdf", "application/pdf", "factsheet.writers.pdf", "PDF for print and screen"),
    "docx": WriterInfo(
        "docx", ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "factsheet.writers.docx", "Word document to edit",
    ),
}
FORMATS: tuple[str, ...] = tuple(WRITERS)
"""Every format name, in the default build order."""


def assert_never(node: Never, writer: str) -> NoReturn:
    """The end of a writer's exhaustive `match` over node kinds: mypy fails where a kind is unhandled,
    and a value of no known kind is a TypeError naming it."""
    raise TypeError(f"{writer}: unknown node {type(node).__name__}")


def writer_for_extension(extension: str) -> WriterInfo | None:
    """The writer whose files end in `extension` ('.pdf'), if any."""
    return next((info for info in WRITERS.values() if info.extension == extension.lower()), None)


def render(name: str, document: Document) -> Rendition:
    """`document` rendered by the writer registered as `name`: a pure function of the tree."""
    module = importlib.import_module(WRITERS[name].module)
    with paused():
        result: Rendition = module.render(document)
    return result
