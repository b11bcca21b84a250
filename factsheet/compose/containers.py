"""Which quoted passage contains which: a quote inside a longer quote of the same source shares its note.

`containers` is what `containers_reference` says, without comparing every pair of
quotes: a briefing of 2,000 transfers cites about 4,000 passages, and the pairwise
search took half a second a composition. Here the passages of one source are joined,
longest first, into one string with a separator no passage holds, and each passage is
looked up with one `str.find`: the first match is the first container in the reference's
order. tests/test_notes_containers.py holds the two
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
    """What `containers_reference` returns, in one string search per key.

    Each search stops at the key's own text, so the cost grows with the square of the number
    of quotes, but at the speed of `str.find`: 4,000 quotes take about 0.1 s. Fitting a
    one-pager composes one sheet many times, so the last few answers are kept.
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
        separator = _separator(texts)
        starts: list[int] = []
        offset = 0
        for text in texts:
            starts.append(offset)
            offset += len(text) + len(separator)
        joined = separator.join(texts)
        for key in ordered:
            # Texts before this one are as long or longer, and an equal one would be the same key:
            # the first match is the first container in the reference's order, or the text itself.
            found[key] = ordered[bisect_right(starts, joined.find(key[1])) - 1]
    return tuple((key, found[key]) for key in unique)
