"""Where a line may break inside a stretch of text without spaces, after Unicode's line breaking rules (UAX #14).

Spaces are handled by the text flowable itself; this module finds the other break
opportunities the briefing's texts need, and grapheme clusters for cutting a word
that is wider than a line:

- after a hyphen (U+002D, LB21) unless a digit follows (LB25: "Geran-2" stays whole),
- after the hyphen U+2010, figure dash, en dash and other break-after dashes (BA),
- after an em dash (B2) and after a slash (SY) unless a digit follows,
- at a zero-width space (ZW), which is not drawn,
- at a soft hyphen, which is drawn as a hyphen only when the line breaks there;
- never at a no-break space (U+00A0, U+202F), a non-breaking hyphen (U+2011) or a word joiner (U+2060).
"""

from __future__ import annotations

import unicodedata
from enum import Enum

SOFT_HYPHEN = "\u00ad"
ZERO_WIDTH_SPACE = "\u200b"
_BREAK_AFTER = frozenset("\u2010\u2012\u2013\u2014\u2e3a\u2e3b\u058a\u1400")
SPECIAL = frozenset("-/" + SOFT_HYPHEN + ZERO_WIDTH_SPACE) | _BREAK_AFTER
"""Characters around which a line may break, or that are removed: text without any has no opportunity."""


class Break(Enum):
    """What follows a piece of text: nothing (it continues), a plain break opportunity, or a soft hyphen."""

    none = 0
    direct = 1
    soft = 2


def pieces(text: str) -> list[tuple[str, Break]]:
    """`text` (free of spaces) cut at its break opportunities: each piece and the kind of break after it.

    Zero-width spaces and soft hyphens are removed from the pieces. A piece may be empty
    only to carry a break: `text` starting with a zero-width space or soft hyphen.
    """
    out: list[tuple[str, Break]] = []
    kept: list[str] = []
    last = len(text) - 1
    for index, ch in enumerate(text):
        if ch in (SOFT_HYPHEN, ZERO_WIDTH_SPACE):
            kind = Break.soft if ch == SOFT_HYPHEN else Break.direct
            if kept or not out:
                out.append(("".join(kept), kind))
            kept = []
            continue
        kept.append(ch)
        if index == last or len(kept) == 1:
            continue
        following = text[index + 1]
        if ((ch == "-" or ch == "/") and not following.isdigit() and following not in "-/"
                and _word_char(text[index - 1])) or ch in _BREAK_AFTER:
            out.append(("".join(kept), Break.direct))
            kept = []
    if kept:
        out.append(("".join(kept), Break.none))
    return out


def _word_char(ch: str) -> bool:
    return ch.isalnum() or unicodedata.category(ch)[0] == "M"


def clusters(text: str) -> list[str]:
    """`text` cut into grapheme clusters: a base character with its combining marks, joiners and selectors."""
    out: list[str] = []
    joined = False
    for ch in text:
        extends = (unicodedata.category(ch) in ("Mn", "Me", "Mc") or ch in "\u200c\u200d"
                   or "\ufe00" <= ch <= "\ufe0f")
        if out and (extends or joined):
            out[-1] += ch
        else:
            out.append(ch)
        joined = ch == "\u200d"
    return out
