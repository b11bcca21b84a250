"""Which quoted passage contains which: a quote inside a longer quote of the same source shares its note.

`containers` is what `containers_reference` says, without comparing every pair of
quotes: a briefing of 2,000 transfers cites about 4,000 passages, and the pairwise
search took half a second a composition. tests/test_notes_containers.py holds the two
to the same result.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from functools import lru_cache

Key = tuple[str, str]
"""A quote's source and its text, whitespace collapsed."""


def _order(key: Key) -> tuple[int, Key]:
    return (-len(key[1]), key)


def containers_reference(keys: Iterable[Key]) -> dict[Key, Key]:
    """For each key, the longest key of the same source whose text contains its text (ties by order).

    The plain pairwise search, kept as the definition `containers` is tested against.
    """
    unique = list(dict.fromkeys(keys))
    longest_first = sorted(unique, key=_order)
    return {key: next((k for k in longest_first if k[0] == key[0] and key[1] in k[1]), key) for key in unique}


def _separator(texts: list[str]) -> str:
    """A character that occurs in none of `texts`."""
    code = 0
    while any(chr(code) in text for text in texts):
        code += 1
    return chr(code)


def containers(keys: Iterable[Key]) -> dict[Key, Key]:
    """What `containers_reference` returns, looking at few texts per key.

    Wherever a text occurs inside another, its inner words (those between two of its spaces) are
    whole words of the other too: the candidates are the texts holding its rarest inner word, tried
    longest first. A text of one or two words is looked up in all the texts of its source joined,
    longest first, with one `str.find`. Fitting a one-pager composes one sheet many times, so the
    last few answers are kept.
    """
    return dict(_containers(tuple(dict.fromkeys(keys))))


@lru_cache(maxsize=4)
def _containers(unique: tuple[Key, ...]) -> tuple[tuple[Key, Key], ...]:
    by_source: dict[str, list[Key]] = {}
    for key in sorted(unique, key=_order):
        by_source.setdefault(key[0], []).append(key)
    found: dict[Key, Key] = {}
    for ordered in by_source.values():
        texts = [text for _source, text in ordered]
        holding: dict[str, list[int]] = {}  # word -> the texts (by index, longest first) holding it whole
        for index, text in enumerate(texts):
            for word in set(text.split(" ")):
                holding.setdefault(word, []).append(index)
        joined: _Joined | None = None
        for key in ordered:
            inner = key[1].split(" ")[1:-1]
            if inner:
                rarest = min(inner, key=lambda word: len(holding[word]))
                # The first candidate holding the text is its container (the text itself at the latest).
                found[key] = ordered[next(c for c in holding[rarest] if key[1] in texts[c])]
                continue
            joined = joined or _Joined(texts)
            found[key] = ordered[joined.first_holding(key[1])]
    return tuple((key, found[key]) for key in unique)


class _Joined:
    """Texts joined, longest first, with a separator none holds: one search finds the first text holding another."""

    def __init__(self, texts: list[str]) -> None:
        separator = _separator(texts)
        self.starts: list[int] = []
        offset = 0
        for text in texts:
            self.starts.append(offset)
            offset += len(text) + len(separator)
        self.text = separator.join(texts)

    def first_holding(self, text: str) -> int:
        """The index of the first text holding `text` (texts before it are as long or longer, and an equal
        one would be the same: a text of the list finds itself at the latest)."""
        return bisect_right(self.starts, self.text.find(text)) - 1
