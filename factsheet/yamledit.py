"""The one place that edits a user's YAML file: exact scalar spans, checked by re-parsing, written only if unchanged.

Every change the tool makes to a file the user curates (`check --fix`, `extract --write`) goes through
here. A scalar is replaced between the exact start and end ruamel's composer records for its node, never
found by pattern; its style (plain, quoted, folded, literal) and line layout are kept where the new value
allows and a safe double-quoted form is chosen where they do not; inserted line breaks match the file's.
The result is parsed again and must hold exactly the old data with only the intended values changed, and
the file is written only if its bytes are still those that were read: a save made meanwhile is not lost.
"""

from __future__ import annotations

import os
import re
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factsheet.atomic import write_atomic
from factsheet.diagnostics import Location
from factsheet.errors import InputError
from factsheet.yamlio import PathKey


class EditRefused(InputError):
    """The file could not be edited safely; it was left as it was."""


@dataclass(frozen=True)
class Snapshot:
    """A file's bytes as read, to edit and to compare with the file on disk before writing."""

    path: Path
    shown: str
    raw: bytes

    @classmethod
    def of_text(cls, path: Path, shown: str, text: str) -> Snapshot:
        """The snapshot of a file whose (UTF-8) `text` was read earlier, e.g. by the loader."""
        return cls(path, shown, text.encode("utf-8"))

    @property
    def text(self) -> str:
        """The file's text (UTF-8; line endings and a byte-order mark kept)."""
        return self.raw.decode("utf-8")


@dataclass(frozen=True)
class Scalar:
    """Where one scalar value stands: character offsets of its node, its style, and its context."""

    start: int
    end: int
    style: str  # "" plain, "'" or '"' quoted, "|" literal, ">" folded
    flow: bool  # inside a [...] or {...} collection
    editable: bool  # False for an anchored, aliased or explicitly tagged scalar


_Same = Callable[[str, str], bool]


def _compose(text: str, shown: str) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        return YAML(typ="rt", pure=True).compose(text)
    except (YAMLError, RecursionError) as exc:
        raise EditRefused(f"cannot edit: the file does not parse ({type(exc).__name__})", Location(shown)) from None


def scalars(text: str, shown: str = "<text>") -> dict[PathKey, Scalar]:
    """Every scalar value of the document by its path, with its exact span in `text`."""
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    found: dict[PathKey, Scalar] = {}
    seen: set[int] = set()
    aliased: set[int] = set()

    def walk(node: Any, key: PathKey, flow: bool) -> None:
        if id(node) in seen:
            aliased.add(id(node))
            return
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            start, end = node.start_mark.index, node.end_mark.index
            lead = text[start:start + 1]
            style = node.style or ""
            found[key] = Scalar(start, end, style, flow, lead not in ("&", "!"))
        elif isinstance(node, MappingNode):
            inner = flow or bool(node.flow_style)
            for name, value in node.value:
                walk(value, (*key, str(name.value)), inner)
        elif isinstance(node, SequenceNode):
            inner = flow or bool(node.flow_style)
            for index, value in enumerate(node.value):
                walk(value, (*key, index), inner)

    root = _compose(text, shown)
    if root is not None:
        walk(root, (), False)
    return {k: (v if id(v) not in aliased else Scalar(v.start, v.end, v.style, v.flow, False))
            for k, v in found.items()}


def load_plain(text: str, shown: str = "<text>") -> Any:
    """The document as plain data (mappings keyed by strings), to compare two versions of a file."""
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    def plain(node: Any) -> Any:
        if isinstance(node, ScalarNode):
            # ruamel's round-trip scanner marks the folds of a folded scalar with BEL; they are not content.
            value = node.value.replace("\a", "") if node.style == ">" else node.value
            return (node.tag, value) if node.tag != "tag:yaml.org,2002:str" else value
        if isinstance(node, MappingNode):
            return {str(k.value): plain(v) for k, v in node.value}
        if isinstance(node, SequenceNode):
            return [plain(v) for v in node.value]
        raise EditRefused("cannot edit: unexpected YAML node", Location(shown))

    root = _compose(text, shown)
    return None if root is None else plain(root)


# ------------------------------------------------------------------ rendering one scalar

_PLAIN_START = re.compile(r"""[\s\-?:,\[\]{}#&*!|>'"%@`]""")
_PRINTABLE = re.compile("[\t\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*")


def _newline(text: str, at: int) -> str:
    end = text.find("\n", at)
    if end == -1:
        return "\r\n" if "\r\n" in text else "\n"
    return "\r\n" if end > 0 and text[end - 1] == "\r" else "\n"


def _indent_of_line(text: str, at: int) -> int:
    begin = text.rfind("\n", 0, at) + 1
    line = text[begin:at]
    return len(line) - len(line.lstrip(" "))


def _column(text: str, at: int) -> int:
    return at - (text.rfind("\n", 0, at) + 1)


def _double(value: str) -> str:
    """A YAML double-quoted scalar holding exactly `value` (every non-printable character escaped)."""
    out = []
    for ch in value:
        code = ord(ch)
        if ch in ('"', "\\"):
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif _PRINTABLE.fullmatch(ch) and ch not in ("\x85", "\ufeff"):
            out.append(ch)
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def _plain_ok(value: str, flow: bool) -> bool:
    if not value or value != value.strip() or "\n" in value or "\t" in value or not _PRINTABLE.fullmatch(value):
        return False
    if _PLAIN_START.match(value) or ": " in value or " #" in value or value.endswith(":"):
        return False
    return not (flow and any(ch in value for ch in ",[]{}"))


def _wrap(words: str, first: int, rest: int, width: int) -> list[str]:
    """`words` broken at spaces into lines ending by column `width`; the first starts at column `first`,
    the others at `rest` (returned without that indentation)."""
    lines = textwrap.wrap(words, width=max(width, max(first, rest) + 20), initial_indent="x" * first,
                          subsequent_indent="x" * rest, break_long_words=False, break_on_hyphens=False)
    if not lines:
        return [words]
    return [lines[0][first:], *(line[rest:] for line in lines[1:])]


@dataclass(frozen=True)
class _Place:
    text: str
    span: Scalar
    end: int  # the scalar's end without trailing line breaks (block scalars record them)
    newline: str

    @property
    def original(self) -> str:
        """The scalar's text as it stands."""
        return self.text[self.span.start:self.end]

    @property
    def multiline(self) -> bool:
        """True when the scalar spans several lines."""
        return "\n" in self.original

    @property
    def width(self) -> int:
        """The column where the scalar's longest line ends: the width a rewrite wraps to."""
        lines = self.original.split("\n")
        lines[0] = " " * _column(self.text, self.span.start) + lines[0]
        return max(len(line.rstrip("\r")) for line in lines)

    @property
    def continuation(self) -> int:
        """The indentation of the scalar's second line, or one step deeper than its first line."""
        lines = self.original.split("\n")
        for line in lines[1:]:
            if line.strip():
                return len(line) - len(line.lstrip(" "))
        return _indent_of_line(self.text, self.span.start) + 2


def _place(text: str, span: Scalar) -> _Place:
    end = span.end
    if span.style in ("|", ">"):
        while end > span.start and text[end - 1] in " \t\r\n":
            end -= 1
    return _Place(text, span, end, _newline(text, span.start))


def _render(place: _Place, value: str, style: str) -> tuple[int, int, str] | None:
    """(start, end, replacement) writing `value` in `style` at `place`, or None when the style cannot hold it."""
    span, nl = place.span, place.newline
    first = _column(place.text, span.start)
    if style == '"':
        return span.start, place.end, _double(value)
    if style == "":
        if not _plain_ok(value, span.flow):
            return None
        lines = _wrap(value, first, place.continuation, place.width) if place.multiline else [value]
        return span.start, place.end, (nl + " " * place.continuation).join(lines)
    if style == "'":
        if not _PRINTABLE.fullmatch(value) or "\n" in value or "\t" in value or value != value.strip():
            return None
        body = "'" + value.replace("'", "''") + "'"
        lines = _wrap(body, first, place.continuation, place.width) if place.multiline else [body]
        return span.start, place.end, (nl + " " * place.continuation).join(lines)
    if style in ("|", ">"):
        header_end = place.text.find("\n", span.start)
        if header_end == -1 or header_end >= place.end or not _PRINTABLE.fullmatch(value.replace("\n", "")):
            return None
        indent = place.continuation
        body = value.rstrip("\n")
        if style == ">":
            if "\n" in body or body != body.strip() or "  " in body:
                return None
            lines = _wrap(body, indent, indent, max(place.width, indent + 40))
        else:
            lines = body.split("\n")
        rendered = nl.join((" " * indent + line) if line else "" for line in lines)
        return header_end + 1, place.end, rendered
    return None


def _get(data: Any, key: PathKey) -> Any:
    for part in key:
        data = data[part]
    return data


def _exact(a: str, b: str) -> bool:
    return a == b


def replace_scalars(text: str, values: Mapping[PathKey, str], shown: str = "<text>", same: _Same = _exact) -> str:
    """`text` with the string scalar at each path replaced by its new value; no other byte changes.

    Raises EditRefused when a path is not an editable string scalar or no form of the value re-parses
    to it (`same` decides what counts as the same string, e.g. ignoring whitespace for quotes).
    """
    if not values:
        return text
    spans = scalars(text, shown)
    before = load_plain(text, shown)
    for key in values:
        span = spans.get(key)
        if span is None or not span.editable or not isinstance(_get(before, key), str):
            where = ".".join(str(k) for k in key)
            raise EditRefused(f"cannot edit {where}: not a plain string value (anchored, aliased, tagged or "
                              "missing); edit it by hand", Location(shown))
    styles = {key: spans[key].style for key in values}
    for _attempt in range(2):
        result = _apply(text, spans, values, styles)
        if result is None:
            continue
        new_text, keys_done = result
        try:
            after = load_plain(new_text, shown)
        except EditRefused:
            styles.update({key: '"' for key in values})
            continue
        wrong = [key for key in keys_done if not isinstance(_get(after, key), str)
                 or not same(_get(after, key), values[key])]
        if not wrong and _same_except(before, after, values, same):
            return new_text
        for key in wrong or list(values):
            styles[key] = '"'
    raise EditRefused("cannot rewrite the file safely (the result would not read back the same); "
                      "nothing was written - edit it by hand", Location(shown))


def _apply(text: str, spans: dict[PathKey, Scalar], values: Mapping[PathKey, str],
           styles: dict[PathKey, str]) -> tuple[str, list[PathKey]] | None:
    edits = []
    for key, value in values.items():
        place = _place(text, spans[key])
        edit = _render(place, value, styles[key])
        if edit is None:
            styles[key] = '"'
            edit = _render(place, value, '"')
            assert edit is not None
        edits.append(edit)
    edits.sort(reverse=True)
    for (_start, end, _), (next_start, _, _) in zip(edits[1:], edits, strict=False):
        if end > next_start:
            return None
    out = text
    for start, end, new in edits:
        out = out[:start] + new + out[end:]
    return out, list(values)


def _same_except(before: Any, after: Any, values: Mapping[PathKey, str], same: _Same) -> bool:
    """True when `after` is `before` with only the values at `values`' paths changed (as `same` allows)."""

    def walk(a: Any, b: Any, key: PathKey) -> bool:
        if key in values:
            return isinstance(b, str) and same(b, values[key])
        if isinstance(a, dict):
            return isinstance(b, dict) and a.keys() == b.keys() and all(walk(a[k], b[k], (*key, k)) for k in a)
        if isinstance(a, list):
            return isinstance(b, list) and len(a) == len(b) and all(
                walk(x, y, (*key, i)) for i, (x, y) in enumerate(zip(a, b, strict=True)))
        return bool(a == b)

    return walk(before, after, ())


def extends(before: Any, after: Any) -> bool:
    """True when `after` holds everything `before` does: same values, lists only grown at their ends."""
    if isinstance(before, dict):
        return isinstance(after, dict) and all(k in after and extends(v, after[k]) for k, v in before.items())
    if isinstance(before, list):
        return isinstance(after, list) and len(after) >= len(before) and all(
            extends(x, y) for x, y in zip(before, after, strict=False))
    return bool(before == after)


# ------------------------------------------------------------------ writing

def commit(snapshot: Snapshot, new_text: str, keeps: Callable[[Any, Any], bool] = extends) -> None:
    """Write `new_text` over the file read as `snapshot`, after checking what it would do.

    The result must parse, keep the file's line endings, and hold what the old file held (`keeps`);
    and the file on disk must still be the bytes that were read. Otherwise nothing is written.
    """
    where = Location(snapshot.shown)
    old_text = snapshot.text
    if "\r\n" in old_text and re.search(r"(?<!\r)\n", new_text) and not re.search(r"(?<!\r)\n", old_text):
        raise EditRefused("cannot edit: the change would mix line endings; nothing was written", where)
    if not keeps(load_plain(old_text, snapshot.shown), load_plain(new_text, snapshot.shown)):
        raise EditRefused("cannot edit: the change would alter existing values; nothing was written", where)
    try:
        current = snapshot.path.read_bytes()
        mode = os.stat(snapshot.path).st_mode & 0o777
    except OSError:
        current, mode = b"", 0o644
    if current != snapshot.raw:
        raise EditRefused("changed on disk since it was read (saved in an editor meanwhile?); nothing was "
                          "written - run the command again", where)
    write_atomic(snapshot.path, new_text.encode("utf-8"), snapshot.shown, mode=mode)


def create(path: Path, shown: str, text: str) -> None:
    """Write a new file that must parse; refuse when a file appeared at `path` meanwhile."""
    load_plain(text, shown)
    if path.exists() or path.is_symlink():
        raise EditRefused("exists already (created meanwhile?); nothing was written", Location(shown))
    write_atomic(path, text.encode("utf-8"), shown)
