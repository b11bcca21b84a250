"""python-bidi (the Rust unicode-bidi crate) as the reference for the PDF writer's bidi ordering.

python-bidi reports no levels through its API, only in its debug dump (one level per UTF-8 byte);
`reference_levels` reads them from there and checks it read one per byte, so a change of that dump
fails loudly instead of comparing nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bidi import get_display
from bidi.mirror import MIRRORED

_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")


def reference_levels(text: str, base: str | None = None) -> list[int]:
    """python-bidi's resolved embedding level of each character of `text` (one paragraph, no controls);
    `base` "L" or "R" forces the paragraph's direction, else it is found by rules P2-P3."""
    dump = get_display(text, base_dir=base, debug=True)
    levels = [int(level) for level in _LEVEL.findall(dump.split("levels:")[1].split("paragraphs:")[0])]
    assert len(levels) == len(text.encode()), "python-bidi's debug dump changed: no level per byte"
    out: list[int] = []
    position = 0
    for ch in text:
        out.append(levels[position])
        position += len(ch.encode())
    return out


def visual_order(levels: Sequence[int]) -> list[int]:
    """Rule L2 over per-character levels: the logical positions in visual order."""
    order = list(range(len(levels)))
    for level in range(max(levels, default=0), 0, -1):
        start = 0
        while start < len(order):
            if levels[order[start]] < level:
                start += 1
                continue
            end = start
            while end < len(order) and levels[order[end]] >= level:
                end += 1
            order[start:end] = reversed(order[start:end])
            start = end
    return order


def reference_display(text: str, base: str | None = None, span: tuple[int, int] | None = None) -> str:
    """`text` as it reads left to right on the page: python-bidi's visual order, with each character at
    an odd level that has a mirror image (brackets) mirrored (rule L4). `span`: only the line of the
    paragraph from `start` to `end` (levels are the paragraph's; the line holds no white space at its end,
    so rule L1 changes nothing)."""
    levels = reference_levels(text, base)
    if span is None:
        assert "".join(text[i] for i in visual_order(levels)) == get_display(text, base_dir=base)  # our L2 is its
        span = (0, len(text))
    start, end = span
    order = [start + i for i in visual_order(levels[start:end])]
    return "".join(MIRRORED.get(text[i], text[i]) if levels[i] % 2 else text[i] for i in order)
