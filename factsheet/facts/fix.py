"""What `check --fix` may accept: only edits of a quote that cannot change what it says.

Accepted: whitespace; punctuation that is not a sign (+ - % $ and the like before or in a number) or a
decimal mark; typographic quotes and dashes for straight ones; and one spelling rule - a single word of
five or more letters, lower-case in both versions and not one of the guarded words below, with at most
two letters changed, added or removed while its first two letters and its last letter stay the same
("recognizing" -> "recognising", "colour" -> "color").

Compared exactly (any change is "changed - fix by hand"): every number; every number word, quantifier or
bound, and negation (GUARDED); every capitalised word or name, the first word of the quote included; and
any word added or removed.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+(?:[.,]\d+)*|[^\w\s]")

_TYPOGRAPHIC = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
})

_NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand "
    "thousands million millions billion billions trillion trillions dozen dozens score scores tens half halves "
    "third thirds quarter quarters fifth fifths tenth tenths first second fourth sixth seventh eighth ninth once "
    "twice thrice single double triple quadruple twofold threefold tenfold hundredfold pair pairs couple percent "
    "per cent"
)
_QUANTIFIERS = (
    "all every each any some many much more most few fewer fewest less least several numerous multiple various "
    "both either only just nearly almost about around approximately roughly over under above below up upto down "
    "to than exceed exceeds exceeded exceeding maximum minimum max min plus minus majority minority whole entire "
    "total partly partial mostly largely increase increased decrease decreased rise rose fall fell higher lower "
    "greater smaller larger bigger"
)
_NEGATIONS = (
    "no not nor neither never none nobody nothing nowhere without cannot cant isnt wasnt arent werent dont doesnt "
    "didnt wont wouldnt couldnt shouldnt hasnt havent hadnt unless denied deny denies refused refuse"
)
GUARDED = frozenset(f"{_NUMBER_WORDS} {_QUANTIFIERS} {_NEGATIONS}".split())

SIGNS = frozenset("+\u2212\u00b1%\u2030\u00b0#\u00a7&@=<>~^*")
BEFORE_A_DIGIT = frozenset("-.,/:")  # a sign, a decimal mark or part of a number when directly before a digit


def _canonical(text: str) -> str:
    return unicodedata.normalize("NFC", text).translate(_TYPOGRAPHIC)


@dataclass(frozen=True)
class _Token:
    text: str
    first: bool  # the quote's first word
    before_digit: bool  # directly followed by a digit (a '-' there is a minus sign)


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    for match in _TOKEN.finditer(text):
        following = text[match.end():match.end() + 1]
        out.append(_Token(match.group(), not out, following.isdigit()))
    return out


def _is_sign(token: _Token) -> bool:
    ch = token.text
    if len(ch) != 1 or ch.isalnum():
        return False
    return ch in SIGNS or unicodedata.category(ch) in ("Sc", "Sm") or (ch in BEFORE_A_DIGIT and token.before_digit)


def _is_word(token: _Token) -> bool:
    return any(ch.isalnum() for ch in token.text)


def _guarded_word(token: _Token) -> bool:
    """A word compared exactly: a number, a capitalised word (the first included), or a guarded word."""
    word = token.text
    return (any(ch.isdigit() for ch in word) or any(ch.isupper() for ch in word)
            or word.casefold().replace("'", "") in GUARDED)


def _letters_changed(a: str, b: str) -> int:
    """Levenshtein distance between two words."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def spelling_only(old: str, new: str) -> bool:
    """The stated spelling rule: five or more letters, at most two changed, first two and last letter kept."""
    if min(len(old), len(new)) < 5 or not (old.isalpha() and new.isalpha()):
        return False
    if old[:2] != new[:2] or old[-1] != new[-1]:
        return False
    return _letters_changed(old, new) <= 2


def _harmless(removed: list[_Token], added: list[_Token]) -> bool:
    """Whether one differing stretch of the two quotes is an edit --fix may accept."""
    old_words = [t for t in removed if _is_word(t)]
    new_words = [t for t in added if _is_word(t)]
    for token in (*removed, *added):
        if not _is_word(token) and _is_sign(token):
            return False
    if len(old_words) != len(new_words):
        return False  # a word added or removed
    for old, new in zip(old_words, new_words, strict=True):
        if _guarded_word(old) or _guarded_word(new) or not spelling_only(old.text, new.text):
            return False
    return True


def word_diff(old: str, new: str) -> tuple[str, bool]:
    """A short word-level diff of two quotes, and whether --fix may accept the change (see the module doc)."""
    a, b = _tokens(_canonical(old)), _tokens(_canonical(new))
    parts: list[str] = []
    fixable = True
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, [t.text for t in a], [t.text for t in b],
                                                      autojunk=False).get_opcodes():
        if op == "equal":
            continue
        removed, added = a[i1:i2], b[j1:j2]
        old_part, new_part = " ".join(t.text for t in removed), " ".join(t.text for t in added)
        parts.append((f"[-{old_part}-]" if old_part else "") + (f"{{+{new_part}+}}" if new_part else ""))
        if not _harmless(removed, added):
            fixable = False
    if not parts and old != new:
        parts.append("(typographic quotes, dashes or spacing only)")
    return " ".join(parts), fixable
