"""Lines in visual order: the implicit rules of the Unicode bidi algorithm (UAX #9) over a line's segments.

Segments stay in logical order (that is the order they are drawn in, so text extraction
and assistive technology read in reading order); only their x positions change.
Right-to-left items are already shaped in visual order by HarfBuzz; neutral text set
right to left is reversed and mirrored here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from reportlab.pdfbase.pdfmetrics import getFont

from factsheet.writers.pdf.lines import Line, Segment
from factsheet.writers.pdf.shaping import mirrored, shape


def _simple_kind(text: str) -> str:
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return "L"
        if kind in ("R", "AL"):
            return "R"
    if any(ch.isdigit() for ch in text):
        return "D"
    return "E" if all(unicodedata.bidirectional(ch) == "ET" for ch in text) else "O"


def base_direction(lines: Sequence[Line]) -> str:
    """The paragraph's direction by its first strong character (UAX #9, P2-P3): "L" or "R"."""
    for line in lines:
        for segment in line.segments:
            kind = segment.item.kind if segment.item is not None else _simple_kind(segment.text)
            if kind in ("L", "R"):
                return kind
    return "L"


def _kind(segment: Segment) -> str:
    """A segment's bidi class; a raised run (a citation marker) counts as neutral, like an isolate (UAX #9 X5a)."""
    if segment.run.rise or segment.run.link:
        return "O"
    return segment.item.kind if segment.item is not None else _simple_kind(segment.text)


def _explode(segment: Segment) -> list[Segment]:
    """A fast-path segment cut at spaces and between letters, digits and punctuation, which bidi may part."""
    if segment.item is not None or segment.run.rise or segment.run.link:
        return [segment]
    run, text = segment.run, segment.text
    measure = getFont(run.font).stringWidth
    out: list[Segment] = []
    for match in _BIDI_PARTS.finditer(text):
        if out and match.start() > 0 and text[match.start() - 1].isspace():
            out[-1].space_after = True
        x = segment.x + measure(text[:match.start()], run.size)
        out.append(Segment(run, match.group(), x, measure(match.group(), run.size)))
    if out:
        out[-1].space_after = segment.space_after
    return out


_BIDI_PARTS = re.compile(r"[^\W\d_]+|\d+|[^\w\s]|_+")


def _bidi_type(segment: Segment) -> str:
    """The bidi type a segment stands for: L, R, AL, EN, AN, ES, CS, ET or O (other neutral)."""
    kind = _kind(segment)
    text = segment.text
    if kind == "R":
        return "AL" if unicodedata.bidirectional(text[0]) == "AL" else "R"
    if kind == "D":
        return "AN" if any(unicodedata.bidirectional(ch) == "AN" for ch in text) else "EN"
    if kind == "E":
        return "ET"
    if kind == "O" and len(text) == 1 and unicodedata.bidirectional(text) in ("ES", "CS"):
        return unicodedata.bidirectional(text)
    return "L" if kind == "L" else "O"


def resolve_levels(types: list[str], base: str) -> list[int]:
    """Embedding levels for a line of bidi types by the implicit rules of UAX #9 (W1-W7, N1-N2, I1-I2).

    `types` are per segment or gap (L, R, AL, EN, AN, ES, CS, ET, O); `base` is "L" or "R".
    On return each O, separator and terminator is resolved. There are no explicit embeddings.
    """
    types = list(types)
    last = base
    for index, kind in enumerate(types):  # W2, W3: numbers after Arabic letters are Arabic numbers
        if kind in ("L", "R", "AL"):
            last = kind
        elif kind == "EN" and last == "AL":
            types[index] = "AN"
        if kind == "AL":
            types[index] = "R"
    for index in range(1, len(types) - 1):  # W4: one separator between two numbers of a kind joins them
        before, kind, after = types[index - 1:index + 2]
        if before == after == "EN" and kind in ("ES", "CS"):
            types[index] = "EN"
        elif before == after == "AN" and kind == "CS":
            types[index] = "AN"
    index = 0
    while index < len(types):  # W5: terminators next to European numbers are numbers
        end = index
        while end < len(types) and types[end] == "ET":
            end += 1
        if end > index:
            if (index and types[index - 1] == "EN") or (end < len(types) and types[end] == "EN"):
                types[index:end] = ["EN"] * (end - index)
            index = end
        else:
            index += 1
    types = ["O" if kind in ("ES", "CS", "ET") else kind for kind in types]  # W6
    last = base
    for index, kind in enumerate(types):  # W7: European numbers after left-to-right text are left to right
        if kind in ("L", "R"):
            last = kind
        elif kind == "EN" and last == "L":
            types[index] = "L"
    strong = ["R" if kind in ("EN", "AN") else kind for kind in types]  # numbers count as R for N1
    resolved = list(types)
    for index, kind in enumerate(types):  # N1, N2
        if kind == "O":
            before = next((strong[j] for j in range(index - 1, -1, -1) if types[j] != "O"), base)
            after = next((strong[j] for j in range(index + 1, len(types)) if types[j] != "O"), base)
            resolved[index] = before if before == after else base
    if base == "L":  # I1
        return [0 if kind == "L" else 1 if kind == "R" else 2 for kind in resolved]
    return [1 if kind == "R" else 2 for kind in resolved]  # I2


def reorder(line: Line, base: str) -> None:
    """Lay a line out in visual order by the Unicode bidi algorithm's implicit rules (UAX #9 W, N, I, L2).

    Levels are resolved per segment and per gap between segments: strong classes come
    from the items, digits after right-to-left text rise above it, neutrals (gaps too)
    take the direction of matching neighbours or else the paragraph's. Only positions
    change: segments are drawn in logical order, each right-to-left one with its glyphs
    in visual order, mapped back to their characters (shaping.TO_UNICODE).
    """
    segments = [part for segment in line.segments for part in _explode(segment)]
    # Tokens: a segment's index, or -1 for the gap of `width` before the next segment.
    tokens: list[tuple[int, float]] = []
    for index, segment in enumerate(segments):
        if index:
            gap = segment.x - (segments[index - 1].x + segments[index - 1].width)
            if gap > 1e-9:
                tokens.append((-1, gap))
        tokens.append((index, segment.width))
    types = [_bidi_type(segments[i]) if i >= 0 else "O" for i, _ in tokens]
    levels = resolve_levels(types, base)
    kinds = ["O" if kind in ("O", "ES", "CS", "ET") else kind for kind in types]
    for (index, _), level, kind in zip(tokens, levels, kinds, strict=True):
        if index < 0:
            continue
        segment = segments[index]
        item = segment.item
        if item is not None:
            glyphs = item.glyphs or shape(segment.text, item.font, False)
            segment.glyphs = mirrored(glyphs) if level % 2 and item.kind != "R" else glyphs
        elif level % 2 and kind == "O":  # neutral fast-path text set right to left: reversed and mirrored
            segment.glyphs = mirrored(shape(segment.text, segment.run.font, False))
    order = list(range(len(tokens)))
    top = max(levels)
    lowest_odd = min((level for level in levels if level % 2), default=top + 1)
    for level in range(top, lowest_odd - 1, -1):  # L2
        i = 0
        while i < len(order):
            if levels[order[i]] < level:
                i += 1
                continue
            j = i
            while j < len(order) and levels[order[j]] >= level:
                j += 1
            order[i:j] = order[i:j][::-1]
            i = j
    # Positions are visual; the segments stay in logical order, which is the order they are drawn in,
    # so the content stream (what text extraction and assistive technology read) is in reading order.
    x = 0.0
    for token in order:
        index, width = tokens[token]
        if index >= 0:
            segments[index].x = x
        x += width
    line.segments = segments
