"""Right-to-left text in Word: runs cut by direction, with the complex-script font of their script.

Word applies the Unicode bidi algorithm itself, but it shapes and orders Arabic,
Persian and Hebrew right only in runs marked right to left (``w:rtl``) whose
complex-script font (``w:rFonts w:cs``) has the letters; a paragraph whose first
strong character is right to left is a right-to-left paragraph (``w:bidi``).
"""

from __future__ import annotations

import re
import unicodedata

_HEBREW = "Noto Sans Hebrew"
_ARABIC = "Noto Sans Arabic"


def _script(ch: str) -> str | None:
    """The complex-script font for a strong right-to-left character, else None."""
    if unicodedata.bidirectional(ch) not in ("R", "AL"):
        return None
    return _HEBREW if "\u0590" <= ch <= "\u05ff" or "\ufb1d" <= ch <= "\ufb4f" else _ARABIC


RTL_BLOCKS = re.compile("[\u0590-\u08ff\u200f\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]")
"""The blocks that hold every strong right-to-left character (bidi class R or AL; tests check them all): text
with none of their characters needs no look-up per character (curly quotes and dashes are not in them)."""


def has_rtl(text: str) -> bool:
    """Whether `text` holds any right-to-left letter (cheap for ASCII and for text outside the RTL blocks)."""
    return (not text.isascii() and RTL_BLOCKS.search(text) is not None
            and any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text))


def pieces(text: str) -> list[tuple[str, str]]:
    """`text` cut into left-to-right pieces (font "") and right-to-left pieces (their complex-script font).

    Spaces and punctuation between two right-to-left letters, and digits after one, stay in the right-to-left piece.
    """
    if not has_rtl(text):
        return [(text, "")]
    out: list[tuple[str, str]] = []
    current: list[str] = []
    font = ""
    pending: list[str] = []  # neutrals after a right-to-left letter, until the next strong character decides
    for ch in text:
        script = _script(ch)
        strong_ltr = script is None and unicodedata.bidirectional(ch) == "L"
        if script is not None:
            if font != script:
                if current:
                    out.append(("".join(current), font))
                current, font = [], script
            current.extend(pending)
            pending = []
            current.append(ch)
        elif font and unicodedata.bidirectional(ch) in ("EN", "AN"):
            current.extend(pending)  # digits after right-to-left text are read with it (UAX #9 W2, N1)
            pending = []
            current.append(ch)
        elif font and not strong_ltr:
            pending.append(ch)
        else:
            if font:
                out.append(("".join(current), font))
                current, font = list(pending), ""
                pending = []
            current.append(ch)
    if font:
        out.append(("".join(current), font))
        current, font = pending, ""
    if current:
        out.append(("".join(current), font))
    return [(piece, script) for piece, script in out if piece]


def first_strong_is_rtl(text: str) -> bool:
    """Whether the first strong character of `text` is right to left (UAX #9, P2-P3)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return False
        if kind in ("R", "AL"):
            return True
    return False
