"""Paired brackets for the bidi algorithm (UAX #9): which characters they are, and how they pair (BD16).

Python's unicodedata lacks Bidi_Paired_Bracket and Bidi_Paired_Bracket_Type, so the pairs are a
table here (tests/test_bidi.py holds it to unicodedata and to python-bidi's mirroring data).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

# Bidi_Paired_Bracket (UCD BidiBrackets.txt): each opening bracket followed by its closing one, made
# from unicodedata by that file's own definition (gc Ps and Pe, bc ON, Bidi_Mirrored, each the other's
# mirror image).
_PAIRED_BRACKETS = (
    "()[]{}\u0f3a\u0f3b\u0f3c\u0f3d\u169b\u169c\u2045\u2046\u207d\u207e\u208d\u208e\u2308\u2309\u230a"
    "\u230b\u2329\u232a\u2768\u2769\u276a\u276b\u276c\u276d\u276e\u276f\u2770\u2771\u2772\u2773\u2774"
    "\u2775\u27c5\u27c6\u27e6\u27e7\u27e8\u27e9\u27ea\u27eb\u27ec\u27ed\u27ee\u27ef\u2983\u2984\u2985"
    "\u2986\u2987\u2988\u2989\u298a\u298b\u298c\u298d\u2990\u298f\u298e\u2991\u2992\u2993\u2994\u2995"
    "\u2996\u2997\u2998\u29d8\u29d9\u29da\u29db\u29fc\u29fd\u2e22\u2e23\u2e24\u2e25\u2e26\u2e27\u2e28"
    "\u2e29\u2e55\u2e56\u2e57\u2e58\u2e59\u2e5a\u2e5b\u2e5c\u3008\u3009\u300a\u300b\u300c\u300d\u300e"
    "\u300f\u3010\u3011\u3014\u3015\u3016\u3017\u3018\u3019\u301a\u301b\ufe59\ufe5a\ufe5b\ufe5c\ufe5d"
    "\ufe5e\uff08\uff09\uff3b\uff3d\uff5b\uff5d\uff5f\uff60\uff62\uff63"
)
# A bracket's pair key: the opening bracket, canonically decomposed, so that U+2329/U+232A pair with
# their canonical equivalents U+3008/U+3009 (BD16).
OPENING = {_PAIRED_BRACKETS[i]: unicodedata.normalize("NFD", _PAIRED_BRACKETS[i])
           for i in range(0, len(_PAIRED_BRACKETS), 2)}
"""Opening paired brackets (Bidi_Paired_Bracket_Type Open) and the key they pair by."""
CLOSING = {_PAIRED_BRACKETS[i + 1]: unicodedata.normalize("NFD", _PAIRED_BRACKETS[i])
           for i in range(0, len(_PAIRED_BRACKETS), 2)}
"""Closing paired brackets (Bidi_Paired_Bracket_Type Close) and the key of the opening bracket they close."""
_MAX_BRACKET_DEPTH = 63  # BD16's stack


def bracket_pairs(brackets: Sequence[tuple[str, bool] | None]) -> list[tuple[int, int]]:
    """The bracket pairs of a run sequence by BD16, as (opening, closing) positions ordered by the opening.

    `brackets` holds, per position, a paired bracket's key and whether it opens, or None. A closing
    bracket pairs with the nearest open one of its key, closing any opened since; one no open bracket
    matches is not paired. Past 63 open brackets, pairing stops for the rest of the sequence.
    """
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    for index, bracket in enumerate(brackets):
        if bracket is None:
            continue
        key, opening = bracket
        if opening:
            if len(stack) == _MAX_BRACKET_DEPTH:
                break
            stack.append((key, index))
            continue
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth][0] == key:
                pairs.append((stack[depth][1], index))
                del stack[depth:]
                break
    return sorted(pairs)
