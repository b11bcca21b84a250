"""Lines in visual order: the Unicode bidi algorithm (UAX #9) over a paragraph's segments.

There are no explicit embeddings, overrides or isolates (a raised citation marker counts as
a neutral, as an isolate would), so a paragraph is one isolating run sequence and the rules
that apply are W1-W7, N0 (paired brackets), N1-N2 and I1-I2 over the whole paragraph, then
L1-L2 on each line. Levels are resolved per token: a stretch of text of one class (every
neutral character and every bracket on its own) or the gap of a word space. Combining marks
share their base character's token, which is what W1 (and N0's rule for marks on a bracket)
would give them.

Segments stay in logical order (that is the order they are drawn in, so text extraction
and assistive technology read in reading order); only their x positions change.
Right-to-left items are already shaped in visual order by HarfBuzz; neutral text set
right to left is shaped so here, which mirrors brackets (L4): a mirrored glyph reads back as
the character typed (shaping.TO_UNICODE).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import getFont

from factsheet.writers.pdf.brackets import CLOSING, OPENING, bracket_pairs
from factsheet.writers.pdf.linebreak import clusters
from factsheet.writers.pdf.lines import Line, Segment
from factsheet.writers.pdf.shaping import Item, shape


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
    """The paragraph's direction by its first strong character (UAX #9, P2-P3): "L" or "R". Raised
    citation markers are isolates, which P2 skips."""
    for line in lines:
        for segment in line.segments:
            if segment.run.rise:
                continue
            kind = segment.item.kind if segment.item is not None else _simple_kind(segment.text)
            if kind in ("L", "R"):
                return kind
    return "L"


def _kind(segment: Segment) -> str:
    """A segment's bidi class; a raised run (a citation marker) counts as neutral, like an isolate (UAX #9 X5a).
    Linked text (a publisher's name, an address) is text like any other, taken whole: see `_explode`."""
    if segment.run.rise:
        return "O"
    return segment.item.kind if segment.item is not None else _simple_kind(segment.text)


def _explode(segment: Segment) -> list[Segment]:
    """A segment cut where bidi may part it: fast-path text at spaces and between letters, digits and
    each other character; an item as `_item_parts` says. A raised or linked segment stays whole (a
    link's parts would each need an annotation of their own)."""
    run, item = segment.run, segment.item
    if run.rise or run.link:
        return [segment]
    if item is not None:
        return _cut_item(segment, item) if item.kind in ("O", "D") and len(item.text) > 1 else [segment]
    text = segment.text
    measure = getFont(run.font).stringWidth
    out: list[Segment] = []
    for match in _BIDI_PARTS.finditer(text):
        if out and match.start() > 0 and text[match.start() - 1] == " ":
            out[-1].space_after = True
        x = segment.x + measure(text[:match.start()], run.size)
        out.append(Segment(run, match.group(), x, measure(match.group(), run.size)))
    if out:
        out[-1].space_after = segment.space_after
    return out


# Letters, digits, underscores, and every other character but the word space (which is a gap) alone:
# a no-break space is a common separator (CS) and a thin space white space, each with its own part to play.
_BIDI_PARTS = re.compile(r"[^\W\d_]+|\d+|[^\w ]|_+")


def _item_parts(item: Item) -> list[str]:
    """An item's text in the parts bidi tells apart: a neutral item's clusters (each bracket alone with
    the marks on it, as N0 asks), a number's runs of European and of Arabic digits."""
    parts = clusters(item.text)
    if item.kind == "O":
        return parts
    runs = [parts[0]]
    for part in parts[1:]:
        if unicodedata.bidirectional(part[0]) == unicodedata.bidirectional(runs[-1][0]):
            runs[-1] += part
        else:
            runs.append(part)
    return runs


def _cut_item(segment: Segment, item: Item) -> list[Segment]:
    """A neutral or number item cut into its `_item_parts`, each measured (and shaped if the item was)."""
    parts = _item_parts(item)
    if len(parts) == 1:
        return [segment]
    run = segment.run
    out: list[Segment] = []
    x = segment.x
    for part in parts:
        glyphs = None if item.glyphs is None else shape(part, item.font, False)
        if glyphs is None:
            width = getFont(item.font).stringWidth(part, run.size)
        else:
            width = sum(glyphs.advances) * run.size / 1000
        out.append(Segment(run, part, x, width, Item(part, item.font, item.kind, width, glyphs)))
        x += width
    out[-1].width = segment.x + segment.width - out[-1].x  # the parts end where the whole did, to the last bit
    out[-1].space_after = segment.space_after
    return out


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


def _bracket(segment: Segment, kind: str) -> tuple[str, bool] | None:
    """A paired bracket's key and whether it opens, if the segment is one (with any marks on it); else None."""
    text = segment.text
    if kind != "O" or segment.run.rise or segment.run.link:
        return None
    key, opening = OPENING.get(text[0]), True
    if key is None:
        key, opening = CLOSING.get(text[0]), False
    if key is None or any(unicodedata.bidirectional(ch) not in ("NSM", "BN") for ch in text[1:]):
        return None
    return key, opening


def _strong(kind: str) -> str | None:
    """The direction a resolved type stands for in N0 (numbers count as R), or None for a neutral."""
    return "L" if kind == "L" else "R" if kind in ("R", "EN", "AN") else None


def _paired_brackets(types: list[str], base: str, pairs: Sequence[tuple[int, int]]) -> None:
    """N0: each bracket pair takes the embedding direction if a strong type inside matches it; else, if
    only the opposite direction is inside, the direction of the strong type before the opening bracket
    (or sos); else it stays neutral. Pairs go in order of their opening brackets, each seeing the ones
    resolved before it; marks on a bracket share its token, so they follow it."""
    for opening, closing in pairs:
        inside = {_strong(kind) for kind in types[opening + 1:closing]}
        if base in inside:
            direction = base
        elif inside - {None}:
            direction = next((found for kind in reversed(types[:opening]) if (found := _strong(kind))), base)
        else:
            continue
        types[opening] = types[closing] = direction


def resolve_levels(types: list[str], base: str, pairs: Sequence[tuple[int, int]] = ()) -> list[int]:
    """Embedding levels for a paragraph's bidi types by the implicit rules of UAX #9 (W1-W7, N0-N2, I1-I2).

    `types` are per segment or gap (L, R, AL, EN, AN, ES, CS, ET, O); `base` is "L" or "R"; `pairs`
    are the bracket pairs among the O tokens (`bracket_pairs`). There are no explicit embeddings.
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
    _paired_brackets(types, base, pairs)  # N0
    strong = ["R" if kind in ("EN", "AN") else kind for kind in types]  # numbers count as R for N1
    resolved = list(types)
    index = 0
    while index < len(types):  # N1, N2: a run of neutrals between the same directions takes it, else the base's
        if types[index] != "O":
            index += 1
            continue
        end = index
        while end < len(types) and types[end] == "O":
            end += 1
        before = strong[index - 1] if index else base
        after = strong[end] if end < len(types) else base
        resolved[index:end] = [before if before == after else base] * (end - index)
        index = end
    if base == "L":  # I1
        return [0 if kind == "L" else 1 if kind == "R" else 2 for kind in resolved]
    return [1 if kind == "R" else 2 for kind in resolved]  # I2


@dataclass(frozen=True, slots=True)
class Resolved:
    """A line cut for bidi: its segments, its tokens (a segment's index, or -1 for the gap of a word space
    before the next segment, with the token's width), and each token's bidi type and resolved level."""

    segments: list[Segment]
    tokens: list[tuple[int, float]]
    types: list[str]
    levels: list[int]


def _cut(line: Line) -> tuple[list[Segment], list[tuple[int, float]]]:
    """The line's segments cut where bidi may part them, and its tokens: each segment, and the gap of a
    word space between two."""
    segments = [part for segment in line.segments for part in _explode(segment)]
    tokens: list[tuple[int, float]] = []
    for index, segment in enumerate(segments):
        if index:
            gap = segment.x - (segments[index - 1].x + segments[index - 1].width)
            if gap > 1e-9:
                tokens.append((-1, gap))
        tokens.append((index, segment.width))
    return segments, tokens


def resolve(lines: Sequence[Line], base: str) -> list[Resolved]:
    """The levels of each line's segments and gaps, resolved over the whole paragraph.

    UAX #9 resolves a paragraph and then breaks it into lines, so a bracket pairs with one on
    another line and a neutral at a line's end takes its direction from the next line's text.
    The lines join at the word space a line broke at. A forced line break ends a paragraph
    (bidi class B), as in HTML the next keeps the same direction.
    """
    out: list[Resolved] = []
    start = 0
    for end in range(1, len(lines) + 1):
        if end == len(lines) or lines[end].newline:
            out.extend(_resolve_paragraph(lines[start:end], base))
            start = end
    return out


def _resolve_paragraph(lines: Sequence[Line], base: str) -> list[Resolved]:
    """`resolve` for the lines of one bidi paragraph."""
    cuts = [_cut(line) for line in lines]
    types: list[str] = []
    brackets: list[tuple[str, bool] | None] = []
    starts: list[int] = []
    for number, (segments, tokens) in enumerate(cuts):
        if number and lines[number - 1].spaced:
            types.append("O")
            brackets.append(None)
        starts.append(len(types))
        for index, _ in tokens:
            kind = _bidi_type(segments[index]) if index >= 0 else "O"
            types.append(kind)
            brackets.append(_bracket(segments[index], kind) if index >= 0 else None)
    levels = resolve_levels(types, base, bracket_pairs(brackets))
    paragraph = 0 if base == "L" else 1
    out: list[Resolved] = []
    for (segments, tokens), start in zip(cuts, starts, strict=True):
        end = start + len(tokens)
        line_levels = levels[start:end]
        for token in range(len(tokens) - 1, -1, -1):  # L1: white space ending a line is at the paragraph's level
            index = tokens[token][0]
            if index >= 0 and not all(unicodedata.bidirectional(ch) == "WS" for ch in segments[index].text):
                break
            line_levels[token] = paragraph
        out.append(Resolved(segments, tokens, types[start:end], line_levels))
    return out


def visual_order(levels: Sequence[int]) -> list[int]:
    """L2: the positions of `levels` in visual order, each run at or above a level reversed, highest first."""
    order = list(range(len(levels)))
    top = max(levels, default=0)
    lowest_odd = min((level for level in levels if level % 2), default=top + 1)
    for level in range(top, lowest_odd - 1, -1):
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
    return order


def reorder(lines: Sequence[Line], base: str) -> None:
    """Lay each line of a paragraph out in visual order by the Unicode bidi algorithm (UAX #9 W, N, I, L).

    Levels are resolved per segment and per gap between segments, over the whole paragraph
    (`resolve`). Only positions change: segments are drawn in logical order, each right-to-left
    one with its glyphs in visual order, mapped back to their characters (shaping.TO_UNICODE);
    neutrals set right to left are shaped right to left, brackets mirrored.
    """
    for line, resolved in zip(lines, resolve(lines, base), strict=True):
        _lay_out(line, resolved)


def _lay_out(line: Line, resolved: Resolved) -> None:
    """Give the line its bidi-cut segments, shaped for their direction, at their visual x positions."""
    segments, tokens, levels = resolved.segments, resolved.tokens, resolved.levels
    kinds = ["O" if kind in ("O", "ES", "CS", "ET") else kind for kind in resolved.types]
    for (index, _), level, kind in zip(tokens, levels, kinds, strict=True):
        if index < 0:
            continue
        segment = segments[index]
        item = segment.item
        if level % 2 and kind == "O" and not segment.run.rise:  # a neutral set right to left; HarfBuzz
            # mirrors brackets (and ≤ ...), L4. A raised citation marker is an isolate: its digits read left
            # to right wherever it stands.
            segment.glyphs = shape(segment.text, segment.run.font if item is None else item.font, True)
        elif item is not None:
            segment.glyphs = item.glyphs or shape(segment.text, item.font, False)
    # Positions are visual; the segments stay in logical order, which is the order they are drawn in,
    # so the content stream (what text extraction and assistive technology read) is in reading order.
    x = 0.0
    for token in visual_order(levels):
        index, width = tokens[token]
        if index >= 0:
            segments[index].x = x
        x += width
    line.segments = segments
