"""The house style, defined once for every writer.

Palette, type sizes, the prose measure, paper and margins, the table look, the
marking line and the date form of the page furniture. Writers read these values
and translate them into their format's units; none keeps a copy of its own.
Values are hex strings and points (1/72 inch).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from factsheet.errors import InputError
from factsheet.writers.paper import MM, PAPER  # in a module of their own, for the command line

# ---------------------------------------------------------------- palette

INK = "#1a1a1a"
NAVY = "#1f3a5f"
GREY = "#5f6670"
RULE = "#b8c2cc"
ZEBRA = "#f2f4f7"
HEADER_FILL = NAVY
HEADER_INK = "#ffffff"
ALERT = "#b00020"
LINK = "#1f5fa8"
QUOTE_INK = "#3a4048"
"""Quoted source text: roman, between quotation marks, a little lighter than the body, in every format."""

# Arrow and label colours by transfer status, with a dash pattern (on, off) or None for solid:
# every status differs from every other in colour AND in dash, so the figure reads in grey too.
STATUS_LOOK: dict[str, tuple[str, tuple[float, ...] | None]] = {
    "delivered": ("#1f3a5f", None),
    "reported": ("#b36b00", (6.0, 2.0)),
    "agreed": ("#2e7d32", (3.0, 2.0)),
    "planned": ("#0f7c8c", (1.2, 1.8)),
    "licensed": ("#6a3d9a", (6.0, 2.0, 1.2, 2.0)),
    "ended": ("#8a8f96", (0.6, 3.0)),
}
BOX_FILL = {"supplier": "#e8eef5", "system": "#fdf3e1", "recipient": "#e9f3e9", "group": "#f2f4f7",
            "month": NAVY, "day": NAVY, "season": "#5b7aa3", "quarter": "#5b7aa3", "half": "#5b7aa3",
            "year": "#c5d0de", "range": "#8ea3bf", "legend": "#ffffff"}
BOX_STROKE = "#8a96a3"
AXIS = "#5f6670"
FIGURE_FONT = 7.5
"""Labels in figures, in points: the size the composer lays figures out for."""

KEEP_ROW_LINES = 8
"""Table rows of at most this many lines are never broken across pages; taller ones may be, in both formats."""


def line_look(role: str) -> tuple[str, tuple[float, ...] | None, float]:
    """Colour, dash pattern and width in points of a figure line: a status's arrow, or the thin grey axis."""
    if role in STATUS_LOOK:
        colour, dash = STATUS_LOOK[role]
        return colour, dash, 1.1
    return AXIS, None, 0.5


def label_look(role: str) -> tuple[str, bool]:
    """Colour and boldness of a figure label by its role."""
    if role == "heading":
        return GREY, True
    if role == "tick":
        return GREY, False
    return INK, False


def box_look(role: str) -> tuple[str, str | None]:
    """Fill and outline (None: no outline) of a figure box by its role."""
    fill = BOX_FILL.get(role, "#ffffff")
    if role in ("month", "day", "season", "quarter", "half", "range"):
        return fill, None
    if role == "year":
        return fill, "#5b7aa3"
    return fill, BOX_STROKE


# ---------------------------------------------------------------- type


@dataclass(frozen=True)
class TypeScale:
    """Font sizes in points of every text role, and the line spacing as a multiple of the size."""

    body: float
    lead: float
    title: float
    h1: float
    h2: float
    meta: float
    small: float
    table: float
    note: float
    caption: float
    furniture: float
    leading: float = 1.32


BRIEFING = TypeScale(body=10.0, lead=11.5, title=20.0, h1=13.0, h2=11.0, meta=9.0, small=8.5, table=8.5,
                     note=8.5, caption=8.5, furniture=8.0)
ONE_PAGE = TypeScale(body=8.5, lead=9.5, title=15.0, h1=10.5, h2=9.0, meta=8.0, small=8.0, table=8.0,
                     note=8.0, caption=8.0, furniture=7.5, leading=1.25)
"""The one-pager is never set smaller than this: a longer briefing is shortened, not shrunk."""


def type_scale(one_page: bool) -> TypeScale:
    """The type sizes of a briefing or of a one-pager."""
    return ONE_PAGE if one_page else BRIEFING


MEASURE_EM = 30.0
"""Prose lines are at most this many ems of the body size long: about 72 characters of Source Sans Pro
(0.42 em a character on average). Tables and figures use the whole text width; the notes are set in two
columns of the text width."""
NOTE_COLUMNS = 2
COLUMN_GAP = 14.0
LIST_COLUMNS_ON_ONE_PAGE = True
"""The one-pager also sets its bulleted lists in these columns (two of about 65 characters a line)."""


def measure(scale: TypeScale, text_width: float) -> float:
    """The width of prose lines, in points, on a page whose text block is `text_width` wide."""
    return min(text_width, MEASURE_EM * scale.body)


def right_indent(role: str, scale: TypeScale, text_width: float) -> float:
    """How far prose of `role` ('body', 'note' or 'caption') stops short of the text block's right edge.

    Body prose keeps to the measure; notes and captions, set smaller, to a measure of their own size,
    so they too stay under 80 characters a line.
    """
    size = {"note": scale.note, "caption": scale.caption}.get(role)
    width = measure(scale, text_width) if size is None else min(text_width, MEASURE_EM * 1.06 * size)
    return max(0.0, text_width - width)


# ---------------------------------------------------------------- page (sizes: writers/paper.py)


@dataclass(frozen=True)
class Margins:
    """Page margins in points, and how far the running head and foot sit from the paper's edge."""

    top: float = 24 * MM
    bottom: float = 20 * MM
    left: float = 20 * MM
    right: float = 20 * MM
    head: float = 11 * MM
    foot: float = 11 * MM


MARGINS = Margins()


class UnknownPaper(InputError):
    """A paper name no writer knows."""


def paper_size(name: str) -> tuple[float, float]:
    """(width, height) in points of the paper `name`; one clear error for a name no writer knows."""
    size = PAPER.get(name)
    if size is None:
        raise UnknownPaper(f"page.paper: unknown paper {name!r} (known: {', '.join(PAPER)})")
    return size


def text_width(paper: str) -> float:
    """The width of the text block on `paper`, in points."""
    return paper_size(paper)[0] - MARGINS.left - MARGINS.right


# ---------------------------------------------------------------- furniture

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def display_date(iso: str) -> str:
    """'2026-11-25' -> '25 Nov 2026': the one date form of the page furniture in every format."""
    try:
        year, month, day = (int(part) for part in iso.split("-"))
        name = _MONTHS[month - 1]
    except (ValueError, IndexError):
        raise InputError(f"metadata.as_of: not an ISO date: {iso!r}") from None
    return f"{day} {name} {year}"


def footer_text(as_of: str) -> str:
    """The left part of every page's foot: 'As of 25 Nov 2026'. The build id is kept in the document
    properties, not on the page."""
    return f"As of {display_date(as_of)}"


def marking_text(marking: str) -> str:
    """The marking as printed at the top and the bottom of every page (capitals)."""
    return marking.upper()


def citation_marks(numbers: Sequence[int]) -> list[tuple[str, int]]:
    """A run of citations as printed, in note order, runs of three or more as ranges: [4, 8, 5, 6] ->
    [('4-6', 4), ('8', 8)]; each label with the note it links to."""
    ordered = sorted(set(numbers))
    out: list[tuple[str, int]] = []
    start = 0
    while start < len(ordered):
        end = start
        while end + 1 < len(ordered) and ordered[end + 1] == ordered[end] + 1:
            end += 1
        if end - start >= 2:
            out.append((f"{ordered[start]}\u2013{ordered[end]}", ordered[start]))
        else:
            out.extend((str(n), n) for n in ordered[start : end + 1])
        start = end + 1
    return out
