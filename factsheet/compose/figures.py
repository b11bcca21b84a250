"""Figure layout, format-neutral: text measured and wrapped in points, and the geometry tests rely on.

The composer lays figures out itself, in points, with an estimate of how wide the
briefing's typeface sets a text; the estimate errs wide, so what the writers draw
is never wider than the room reserved for it (and each `Label` says how much room
that is, should a writer's font run wider). The supply network and the timeline
live in `network` and `timeline`; this module is what they share.
"""

from __future__ import annotations

from collections.abc import Iterator

from factsheet.document.nodes import Arrow, Box, Dot, Figure, Label, Shape

WIDTH = 480.0
"""Figures are laid out this wide: the text width of A4 and Letter with 20 mm margins."""
LABEL_SIZE = 7.5
HEADING_SIZE = 7.0
LINE = 1.25
"""Line spacing of wrapped figure labels, as a multiple of their size."""

_NARROW = frozenset("fijlrtI.,:;'!|()[]-/·")
_WIDE = frozenset("mwMW—…%@")


def text_width(text: str, size: float) -> float:
    """How wide `text` sets at `size`, erring wide (bold Source Sans Pro is at most this wide)."""
    ems = 0.0
    for char in text:
        if char == " ":
            ems += 0.22
        elif char in _NARROW:
            ems += 0.36
        elif char in _WIDE:
            ems += 0.88
        elif char.isupper():
            ems += 0.69
        else:
            ems += 0.58
    return ems * size


def wrap(text: str, size: float, width: float) -> list[str]:
    """`text` broken at spaces (and after hyphens and slashes) into lines at most `width` wide.

    A word wider than `width` on its own is broken between letters, with a hyphen: nothing is cut off.
    """
    lines: list[str] = []
    current = ""
    for piece, spaced in _pieces(text.split(), size, width):
        candidate = current + (" " if spaced and current else "") + piece
        if current and text_width(candidate, size) > width:
            lines.append(current)
            current = piece
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines or [""]


def _pieces(words: list[str], size: float, width: float) -> Iterator[tuple[str, bool]]:
    """Words split after inner hyphens and slashes, and long ones between letters (with a hyphen);
    each piece says whether a space comes before it."""
    for word in words:
        parts: list[str] = []
        start = 0
        for pos, char in enumerate(word):
            if char in "-/" and 0 < pos < len(word) - 1:
                parts.append(word[start:pos + 1])
                start = pos + 1
        parts.append(word[start:])
        spaced = True
        for part in parts:
            while text_width(part, size) > width and len(part) > 1:
                cut = len(part) - 1
                while cut > 1 and text_width(part[:cut] + "-", size) > width:
                    cut -= 1
                yield part[:cut] + "-", spaced
                spaced = False
                part = part[cut:]
            yield part, spaced
            spaced = False


def label_lines(x: float, top: float, lines: list[str], size: float, anchor: str, role: str,
                width: float) -> list[Label]:
    """One `Label` per line, the first line's top at `top`, each baseline `LINE` x `size` below the last."""
    # A non-breaking hyphen is drawn as the hyphen it looks like: not every face of every writer has it.
    return [
        Label(x, top + size * (0.8 + LINE * index), line.replace("\u2011", "-"), size, anchor, role, width)
        for index, line in enumerate(lines)
    ]


def lines_height(count: int, size: float) -> float:
    """The height `count` wrapped lines take."""
    return size * (LINE * (count - 1) + 1.05) if count else 0.0


# ---------------------------------------------------------------- geometry


Rect = tuple[float, float, float, float]
"""x0, y0, x1, y1 with y growing downwards."""


def label_rect(label: Label) -> Rect:
    """The rectangle a label's text takes, from its ascent to its descent."""
    width = text_width(label.text, label.size)
    if label.anchor == "middle":
        x0 = label.x - width / 2
    elif label.anchor == "end":
        x0 = label.x - width
    else:
        x0 = label.x
    return (x0, label.y - label.size * 0.78, x0 + width, label.y + label.size * 0.22)


def box_rect(box: Box) -> Rect:
    """The rectangle a box covers."""
    return (box.x, box.y, box.x + box.width, box.y + box.height)


def overlaps(a: Rect, b: Rect, gap: float = 0.0) -> bool:
    """Whether two rectangles overlap, or come closer than `gap`."""
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


def crosses(arrow: Arrow, rect: Rect) -> bool:
    """Whether the arrow's line passes through the rectangle (Liang-Barsky clipping)."""
    x1, y1, x2, y2 = arrow.x1, arrow.y1, arrow.x2, arrow.y2
    dx, dy = x2 - x1, y2 - y1
    low, high = 0.0, 1.0
    for p, q in ((-dx, x1 - rect[0]), (dx, rect[2] - x1), (-dy, y1 - rect[1]), (dy, rect[3] - y1)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


def bounds(shape: Shape) -> Rect:
    """The rectangle any shape covers."""
    if isinstance(shape, Label):
        return label_rect(shape)
    if isinstance(shape, Box):
        return box_rect(shape)
    if isinstance(shape, Arrow):
        return (min(shape.x1, shape.x2), min(shape.y1, shape.y2), max(shape.x1, shape.x2), max(shape.y1, shape.y2))
    if isinstance(shape, Dot):
        return (shape.x - shape.radius, shape.y - shape.radius, shape.x + shape.radius, shape.y + shape.radius)
    raise TypeError(f"unknown shape {type(shape).__name__}")


def clashes(figure: Figure) -> list[str]:
    """Every label that overlaps another label, crosses an arrow or sticks out of the figure, said in words.

    Labels inside a box (role ``box``) are checked against other labels and arrows like any other.
    """
    labels = [s for s in figure.shapes if isinstance(s, Label)]
    arrows = [s for s in figure.shapes if isinstance(s, Arrow)]
    problems: list[str] = []
    rects = [label_rect(label) for label in labels]
    for index, (label, rect) in enumerate(zip(labels, rects, strict=True)):
        if rect[0] < -0.01 or rect[1] < -0.01 or rect[2] > figure.width + 0.01 or rect[3] > figure.height + 0.01:
            problems.append(f"label {label.text!r} sticks out of the figure")
        for other, other_rect in zip(labels[index + 1:], rects[index + 1:], strict=True):
            if overlaps(rect, other_rect):
                problems.append(f"label {label.text!r} overlaps label {other.text!r}")
        for arrow in arrows:
            if crosses(arrow, rect):
                problems.append(f"label {label.text!r} crosses a {arrow.role} line")
    return problems
