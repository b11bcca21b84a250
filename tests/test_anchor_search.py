"""Finding quotes in a seed: the search over a seed normalised once agrees with the plain per-character one."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from factsheet.facts.anchor import find_all, find_all_reference, find_quote


@st.composite
def seeds_and_quotes(draw: st.DrawFn) -> tuple[str, str]:
    # Few letters, so that quotes recur; whitespace in runs; a combining accent and a precomposed letter,
    # so that some seeds are not composed (NFC) and take the per-character path.
    seed = "".join(draw(st.lists(st.sampled_from(["a", "b", "ab ", " ", "  ", "\n", "\n\n", "\t", " \n ",
                                                    "e\u0301", "\u00e9", "c", "\u00a0", "\x1c", "\u2028"]),
                                 max_size=40)))
    if seed and draw(st.booleans()):
        start = draw(st.integers(0, len(seed) - 1))
        quote = seed[start:draw(st.integers(start, len(seed)))]
    else:
        quote = draw(st.text(alphabet="ab \n\u00e9", max_size=8))
    return seed, quote


@settings(max_examples=500, deadline=None)
@given(seeds_and_quotes())
def test_find_all_agrees_with_the_per_character_search(case: tuple[str, str]) -> None:
    seed, quote = case
    expected = find_all_reference(seed, quote)
    assert find_all(seed, quote) == expected
    assert find_quote(seed, quote) == (expected[0] if expected else None)
    assert find_all(seed, quote, limit=1) == expected[:1]


def test_a_quote_in_a_long_seed_is_found_where_it_stands() -> None:
    seed = "Intro.\n\n  Actor 1 ships   system 7\nto actor 2.  " + "Filler without facts. " * 1000 + "\n"
    [span] = find_all(seed, "Actor 1 ships system 7 to actor 2.")
    assert seed[span.start:span.end] == "Actor 1 ships   system 7\nto actor 2."
    assert find_all(seed, "Filler without facts.") == find_all_reference(seed, "Filler without facts.")
    assert len(find_all(seed, "Filler without facts.")) == 1000


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "c", " ", "  ", "\n", "\u2028"]), max_size=40).map("".join),
       st.integers(1, 9))
def test_a_seed_split_in_pieces_gives_its_words(text: str, size: int) -> None:
    from factsheet.facts.anchor import _word_chunks

    assert [word for words in _word_chunks(text, size) for word in words] == text.split()


@settings(max_examples=300, deadline=None)
@given(seeds_and_quotes(), st.integers(1, 6))
@example(("a b a b a b", "a b a b"), 1)  # every pair of words crosses a cut
def test_a_seed_read_in_small_pieces_finds_the_same_places(case: tuple[str, str], size: int) -> None:
    # A 5 MB seed is split into words a megabyte at a time; here a few characters at a time.
    from factsheet.facts import anchor

    seed, quote = case
    anchor._flat.cache_clear()
    saved, anchor.CHUNK = anchor.CHUNK, size
    try:
        assert find_all(seed, quote) == find_all_reference(seed, quote)
    finally:
        anchor.CHUNK = saved
        anchor._flat.cache_clear()


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["a", "bc", " ", "\n", "\n\n", " \n ", "\t", "\n \n"]), max_size=30).map("".join),
       st.integers(0, 70))
@example("a\nbc\n\nd", 2)  # just after a break
@example("a\nbc\n\nd", 6)
def test_a_quote_s_paragraph_is_counted_as_the_reference_counts_it(text: str, offset: int) -> None:
    from factsheet.facts.paragraphs import paragraph_at, paragraph_at_reference

    assert paragraph_at(text, offset) == paragraph_at_reference(text, offset)
