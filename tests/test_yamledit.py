"""factsheet.yamledit: one scalar replaced by its exact span, every other byte kept, style kept where it can be."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from factsheet.yamledit import EditRefused, Snapshot, commit, load_plain, replace_scalars, scalars

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=9)
WORDS = st.lists(WORD, min_size=1, max_size=14)
STYLES = ["plain", "single", "double", "folded", "folded-strip", "literal"]
CONTEXTS = ["map", "seq", "flow"]


def _scalar(style: str, words: list[str], multiline: bool, indent: int, nl: str) -> tuple[str, str]:
    """(YAML text of a scalar written after 'key: ', the string it holds)."""
    half = max(1, len(words) // 2)
    first, second = " ".join(words[:half]), " ".join(words[half:])
    pad = " " * (indent + 2)
    joined = " ".join(words)
    if style in ("folded", "folded-strip", "literal"):
        head = {"folded": ">", "folded-strip": ">-", "literal": "|"}[style]
        body = [first, second] if multiline and second else [joined]
        value = ("\n" if style == "literal" else " ").join(body) + ("" if style == "folded-strip" else "\n")
        return head + " # head" + nl + nl.join(pad + line for line in body), value
    quote = {"plain": "", "single": "'", "double": '"'}[style]
    if multiline and second:
        return f"{quote}{first}{nl}{pad}{second}{quote}", joined
    return f"{quote}{joined}{quote}", joined


def _document(style: str, context: str, words: list[str], multiline: bool,
              nl: str) -> tuple[str, tuple[str | int, ...], str]:
    """A small YAML file holding the scalar, with comments and neighbours; returns (text, path, value)."""
    if context == "flow":
        style = style if style in ("plain", "single", "double") else "double"
        scalar, value = _scalar(style, words, multiline, 0, nl)
        text = f"# top{nl}before: 1{nl}key: [first, {scalar}, last]  # after{nl}after: end{nl}"
        return text, ("key", 1), value
    if context == "seq":
        scalar, value = _scalar(style, words, multiline, 4, nl)
        text = (f"# top{nl}items:{nl}  - name: one{nl}    key: {scalar}{nl}    # between{nl}    other: x{nl}"
                f"  - name: two{nl}after: end{nl}")
        return text, ("items", 0, "key"), value
    scalar, value = _scalar(style, words, multiline, 0, nl)
    trailing = "" if style.startswith(("folded", "literal")) else "  # trailing"
    text = f"# top{nl}before: 1{nl}key: {scalar}{trailing}{nl}{nl}# between{nl}after: end{nl}"
    return text, ("key",), value


NEW_VALUES = st.one_of(
    WORDS.map(" ".join),
    st.text(max_size=40),
    st.sampled_from(["123", "true", "null", "- x", "a: b", "a #b", "'q'", '"q"', "x\ny", " pad ", "", "#",
                     "[a, b]", "&a", "it's", "back\\slash", "tab\there", "\x85nel", "\ufeffbom", "é ü 中"]),
)


def _check(text: str, key: tuple[str | int, ...], value: str, new: str) -> str:
    before = load_plain(text)
    result = replace_scalars(text, {key: new})
    after = load_plain(result)
    node = after
    for part in key:
        node = node[part]
    assert node == new
    # Every other value is unchanged, and so is every byte before and after the scalar.
    span = scalars(text)[key]
    assert result.startswith(text[: span.start])
    tail = text[span.end:].lstrip(" \r\n") if span.style in ("|", ">") else text[span.end:]
    assert result.endswith(tail)
    node = before
    for part in key[:-1]:
        node = node[part]
    node[key[-1]] = new
    assert after == before
    if "\r\n" in text:
        assert "\n" not in result.replace("\r\n", "")
    return result


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(STYLES), st.sampled_from(CONTEXTS), WORDS, st.booleans(), st.sampled_from(["\n", "\r\n"]),
       NEW_VALUES)
def test_any_value_replaces_exactly_one_scalar(style: str, context: str, words: list[str], multiline: bool, nl: str,
                                               new: str) -> None:
    text, key, value = _document(style, context, words, multiline, nl)
    node = load_plain(text)
    for part in key:
        node = node[part]
    # A plain TRUE, Null or NaN is no string: replace_scalars refuses those on purpose (tested below).
    assume(isinstance(node, str))
    _check(text, key, value, new)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(STYLES), st.sampled_from(CONTEXTS), WORDS, st.booleans(), st.sampled_from(["\n", "\r\n"]),
       WORDS)
def test_words_keep_the_scalar_style(style: str, context: str, words: list[str], multiline: bool, nl: str,
                                     new_words: list[str]) -> None:
    text, key, _ = _document(style, context, words, multiline, nl)
    node = load_plain(text)
    for part in key:
        node = node[part]
    assume(isinstance(node, str))  # a plain FALSE or Null is no string: refused on purpose (tested below)
    new = " ".join(new_words).lower()
    result = replace_scalars(text, {key: new}, same=lambda a, b: " ".join(a.split()) == " ".join(b.split()))
    old_style, new_style = scalars(text)[key].style, scalars(result)[key].style
    if old_style or new not in ("null", "true", "false", "yes", "no", "on", "off", "y", "n", "nan", "inf"):
        assert new_style == old_style, result


def test_multiline_quotes_are_replaced_whole() -> None:
    text = 'a:\n  text: "first line of it\n    second line"\n  next: 1\nb: plain one\n  plain two\n'
    result = replace_scalars(text, {("a", "text"): "changed quote", ("b",): "other words"})
    assert load_plain(result) == {"a": {"text": "changed quote", "next": "1" and ("tag:yaml.org,2002:int", "1")},
                                  "b": "other words"}
    assert "second line" not in result and "plain two" not in result


def test_crlf_file_keeps_crlf_everywhere() -> None:
    lines = [f"k{i}: value {i}" for i in range(50)] + ["q: >", "  folded words here", "  and more"]
    text = "\r\n".join(lines) + "\r\n"
    result = replace_scalars(text, {("q",): "folded words there and more\n"})
    assert "\n" not in result.replace("\r\n", "") and result.endswith("and more\r\n")
    assert result.splitlines()[:50] == text.splitlines()[:50]


def test_anchored_and_aliased_scalars_are_refused() -> None:
    with pytest.raises(EditRefused):
        replace_scalars("a: &x one\nb: *x\n", {("a",): "two"})
    with pytest.raises(EditRefused):
        replace_scalars("a: !!str 5\n", {("a",): "6"})
    with pytest.raises(EditRefused):  # a boolean is no quote to edit
        replace_scalars("a: TRUE  # c\n", {("a",): ""})


def test_commit_refuses_a_file_saved_meanwhile(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("a: one\n", encoding="utf-8")
    snapshot = Snapshot(path, "x.yaml", path.read_bytes())
    new = replace_scalars(snapshot.text, {("a",): "two"})
    path.write_text("a: one\nb: saved in an editor\n", encoding="utf-8")
    with pytest.raises(EditRefused, match="changed on disk"):
        commit(snapshot, new, keeps=lambda _a, _b: True)
    assert path.read_text(encoding="utf-8") == "a: one\nb: saved in an editor\n"
    snapshot = Snapshot(path, "x.yaml", path.read_bytes())
    commit(snapshot, replace_scalars(snapshot.text, {("a",): "two"}), keeps=lambda _a, _b: True)
    assert path.read_text(encoding="utf-8") == "a: two\nb: saved in an editor\n"
