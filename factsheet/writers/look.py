"""The look shared by every writer: colours for figure roles, as hex strings, and table breaking."""

from __future__ import annotations

INK = "#1a1a1a"
NAVY = "#1f3a5f"
GREY = "#5f6670"
RULE = "#b8c2cc"

# Arrow and label colours by transfer status; dash pattern (on, off) or None for solid.
STATUS_LOOK: dict[str, tuple[str, tuple[float, float] | None]] = {
    "delivered": ("#1f3a5f", None),
    "reported": ("#b36b00", None),
    "agreed": ("#2e7d32", (3.0, 2.0)),
    "planned": ("#2e7d32", (3.0, 2.0)),
    "licensed": ("#6a3d9a", (3.0, 2.0)),
    "ended": ("#8a8f96", (1.0, 2.0)),
}

BOX_FILL = {"supplier": "#e8eef5", "system": "#fdf3e1", "recipient": "#e9f3e9", "month": "#1f3a5f"}
BOX_STROKE = "#8a96a3"
AXIS = "#5f6670"

KEEP_ROW_LINES = 8
"""Table rows of at most this many lines are never broken across pages; taller ones may be, in both formats."""


def citation_marks(numbers: list[int]) -> list[tuple[str, int]]:
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
