"""Quotes inside longer quotes share a note: the one-search-per-quote lookup agrees with the pairwise one."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from factsheet.compose.containers import containers, containers_reference

# A small alphabet, so that quotes often contain one another; "\x00" and "\x01" test the separator.
texts = st.text(alphabet="ab \x00\x01", max_size=8)
keys = st.lists(st.tuples(st.sampled_from(["s1", "s2", "s3"]), texts), max_size=40)


@settings(max_examples=400, deadline=None)
@given(keys)
def test_containers_agree_with_the_pairwise_search(found: list[tuple[str, str]]) -> None:
    assert containers(found) == containers_reference(found)


def test_a_quote_shares_the_note_of_the_longest_quote_holding_it() -> None:
    found = [("src", "ships system 7"), ("src", "Actor 1 ships system 7 to actor 2"), ("src", "system 7"),
             ("other", "Actor 1 ships system 7 to actor 2 in May"), ("src", "actor 9")]
    assert containers(found) == {
        ("src", "ships system 7"): ("src", "Actor 1 ships system 7 to actor 2"),
        ("src", "Actor 1 ships system 7 to actor 2"): ("src", "Actor 1 ships system 7 to actor 2"),
        ("src", "system 7"): ("src", "Actor 1 ships system 7 to actor 2"),
        ("other", "Actor 1 ships system 7 to actor 2 in May"): ("other", "Actor 1 ships system 7 to actor 2 in May"),
        ("src", "actor 9"): ("src", "actor 9"),
    }
