"""Read YAML safely, keeping the line and column of every value.

ruamel.yaml's round-trip loader builds only plain containers (no arbitrary
objects) and records positions; we turn its output into plain Python values
plus a map from each value's path to where it stands in the file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import stat
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from factsheet.diagnostics import Diagnostic, Location
from factsheet.errors import InputError, ValidationFailed
from factsheet.limits import (
    MAX_DEPTH,
    MAX_TEXT,
    PLAIN_TAGS,
    check_depth,
    construct_float,
    construct_int,
    limit_class,
    max_input_bytes,
)

PathKey = tuple[str | int, ...]


@dataclass(frozen=True)
class YamlDocument:
    """Plain data read from a YAML file, and where each value stands (worked out only when asked)."""

    path: str
    data: Any
    text: str
    _found: dict[str, dict[PathKey, tuple[int, int]]] = field(default_factory=dict, compare=False, repr=False)

    def with_data(self, data: Any) -> YamlDocument:
        """The same document with cleaned `data`; positions are shared."""
        return YamlDocument(self.path, data, self.text, self._found)

    @property
    def positions(self) -> dict[PathKey, tuple[int, int]]:
        """(line, col) of every value; a nested container is located at its key."""
        self._locate()
        return self._found["values"]

    @property
    def key_positions(self) -> dict[PathKey, tuple[int, int]]:
        """(line, col) of every mapping key."""
        self._locate()
        return self._found["keys"]

    def _locate(self) -> None:
        # Positions come from composing the text again (only on demand): with the C parser when it can.
        if not self._found:
            try:
                values, keys = _node_positions(self.text)
            except Exception:  # the careful parser then reports the problem with its location
                _, values, keys = _load_round_trip(self.text, self.path)
            self._found.update(values=values, keys=keys)

    def key_location(self, key: PathKey) -> Location:
        """The location of the mapping key at `key` (for unknown fields), else of its value."""
        if key in self.key_positions:
            line, col = self.key_positions[key]
            return Location(self.path, line, col)
        return self.location(key)

    def location(self, key: PathKey) -> Location:
        """The location of the value at `key`, or of its nearest ancestor that has one."""
        probe = tuple(key)
        while probe:
            if probe in self.positions:
                line, col = self.positions[probe]
                return Location(self.path, line, col)
            probe = probe[:-1]
        line, col = self.positions.get((), (1, 1))
        return Location(self.path, line, col)


def read_text(path: Path, shown: str) -> str:
    """Read a UTF-8 text file, reporting a missing, unreadable, undecodable or oversized file by name.

    Only regular files are opened: a FIFO or a device named like an input is refused, never read.
    """
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):
            raise InputError("not a regular file (a device, FIFO or socket?); refused", Location(shown))
        limit = max_input_bytes()
        if info.st_size > limit:
            raise InputError(f"the file is {info.st_size / 1024 / 1024:.1f} MB, more than the {limit / 1024 / 1024:g} "
                             "MB allowed (set FACTSHEET_MAX_INPUT_MB to change)", Location(shown))
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)
        if len(raw) > limit:
            raise InputError(f"the file grew beyond the {limit / 1024 / 1024:g} MB allowed while read",
                             Location(shown))
    except FileNotFoundError:
        raise InputError("file not found", Location(shown)) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", Location(shown)) from None
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}", Location(shown)) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            f"not valid UTF-8: byte 0x{raw[exc.start]:02x} at byte offset {exc.start}",
            Location(shown, line, col),
        ) from None


def load_yaml(path: Path, shown: str) -> YamlDocument:
    """Parse a YAML file into plain data; syntax errors carry their location.

    The fast C parser reads valid files; anything it rejects is read again by the
    round-trip parser, whose messages and positions the user then sees.
    """
    text = read_text(path, shown)
    if not text.strip():
        raise InputError("the file is empty", Location(shown, 1, 1))
    try:
        data = _load_fast(text, shown)
    except Exception:  # anything the fast path cannot take, the careful one reports with its location
        check_depth(text, shown)  # before any recursive step of the careful loaders
        _syntax_check(text, shown)  # the pure parser's message without the round trip's cost, if it fails too
        data, values, keys = _load_round_trip(text, shown)
        return YamlDocument(shown, data, text, {"values": values, "keys": keys})
    if data is None:
        raise InputError("the file is empty", Location(shown, 1, 1))
    return YamlDocument(shown, data, text)


def _load_fast(text: str, shown: str) -> Any:
    """Plain data through ruamel's C parser (when ruamel.yaml.clib is installed), dates kept as strings.

    The common case is read straight from the parser's events (`yamlfast`, which goes no deeper than
    MAX_DEPTH); whatever that walker does not take is read by ruamel's safe loader, `_load_safe`, the
    reference it is tested against, once `check_depth` has seen the text.
    """
    from factsheet.yamlfast import Unhandled, load_events

    try:
        return load_events(text, max(MAX_VALUES, 20 * text.count("\n")), _safe_constructor())
    except Unhandled:
        check_depth(text, shown)
        return _load_safe(text)


@cache
def _safe_constructor() -> Any:
    """One safe constructor (with its loader, for the YAML version), for its scalar constructors: they keep no state."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=False)
    yaml.Constructor = _constructor("safe")
    return yaml.constructor


def _load_safe(text: str) -> Any:
    """Plain data through ruamel's safe loader and C parser, dates kept as strings."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=False)
    yaml.Constructor = _constructor("safe")
    yaml.allow_duplicate_keys = False
    raw = yaml.load(text)
    return None if raw is None else _plain(raw, (), None, None, _Budget(max(MAX_VALUES, 20 * text.count("\n"))),
                                           frozenset())


def _node_positions(text: str) -> tuple[dict[PathKey, tuple[int, int]], dict[PathKey, tuple[int, int]]]:
    """(line, col) of every value and mapping key, from the nodes ruamel's C parser composes (no objects built).

    The same places the round-trip loader records: a scalar at its value, a nested container at its key,
    a list item at the item.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    from factsheet.yamlfast import CONSTRUCTED

    values: dict[PathKey, tuple[int, int]] = {(): (1, 1)}
    keys: dict[PathKey, tuple[int, int]] = {}
    budget = _Budget(max(MAX_VALUES, 20 * text.count("\n")))

    def mark(node: Any) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    constructor = _safe_constructor()

    def name_of(node: Any) -> str:
        # The key as the data has it: str() of the constructed key ('true' is 'True', '1.50' is '1.50').
        tag = getattr(node.tag, "value", node.tag)
        if isinstance(node, ScalarNode) and tag in CONSTRUCTED:
            return str(constructor.yaml_constructors[tag](constructor, node))
        return str(node.value)

    def walk(node: Any, key: PathKey, depth: int) -> None:
        budget.left -= 1
        if budget.left < 0 or depth > MAX_DEPTH:
            raise ValueError("too many values")
        if isinstance(node, MappingNode):
            for name, value in node.value:
                child = (*key, name_of(name))
                keys[child] = mark(name)
                values[child] = mark(name) if isinstance(value, MappingNode | SequenceNode) else mark(value)
                walk(value, child, depth + 1)
        elif isinstance(node, SequenceNode):
            for index, value in enumerate(node.value):
                values[(*key, index)] = mark(value)
                walk(value, (*key, index), depth + 1)
        elif not isinstance(node, ScalarNode):
            raise ValueError("unexpected node")

    root = YAML(typ="safe", pure=False).compose(text)
    if root is not None:
        walk(root, (), 0)
    return values, keys


def _syntax_check(text: str, shown: str) -> None:
    """Raise the located message of the pure-Python safe parser for a file it cannot read; else return.

    Its scanner and parser are those of the round-trip loader (the same messages), without gathering
    comments, several times faster on a file with a syntax error.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError

    yaml = YAML(typ="safe", pure=True)
    yaml.Constructor = _constructor("safe")
    yaml.allow_duplicate_keys = False
    try:
        yaml.load(text)
    except MarkedYAMLError as exc:
        if "could not determine a constructor for the tag" in str(exc.problem):
            return  # the round-trip loader reads the tag, and reports it at its field
        raise _marked(exc, shown) from None
    except Exception:  # anything else is the round-trip loader's to report
        pass


def _marked(exc: Any, shown: str) -> ValidationFailed:
    """A ruamel error with a mark, as a located diagnostic."""
    mark = exc.problem_mark or exc.context_mark
    where = Location(shown, mark.line + 1, mark.column + 1) if mark else Location(shown)
    problem = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
    if "could not determine a constructor for the tag" in problem:
        problem = f"unknown YAML tag {problem.split('tag', 1)[1].strip()}; tags are not allowed here"
    prefix = "" if isinstance(exc, limit_class()) else "YAML syntax error: "
    return ValidationFailed([Diagnostic(where, f"{prefix}{problem}")])


def _load_round_trip(
    text: str, shown: str
) -> tuple[Any, dict[PathKey, tuple[int, int]], dict[PathKey, tuple[int, int]]]:
    """Plain data with the position of every value and key; errors raised with their location."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="rt", pure=True)
    yaml.Constructor = _constructor("rt")
    yaml.allow_duplicate_keys = False
    try:
        raw = yaml.load(text)
    except MarkedYAMLError as exc:
        raise _marked(exc, shown) from None
    except YAMLError as exc:
        position = getattr(exc, "position", None)
        if isinstance(position, int) and 0 <= position <= len(text):  # a reader error: a character not allowed
            line = text.count("\n", 0, position) + 1
            col = position - (text.rfind("\n", 0, position) + 1) + 1
            character = getattr(exc, "character", "")
            code = f"U+{ord(character):04X}" if isinstance(character, str) and len(character) == 1 else "a character"
            raise InputError(f"{code} is not allowed in a YAML file (a control character?)",
                             Location(shown, line, col)) from None
        raise InputError(f"YAML error: {' '.join(str(exc).split())}", Location(shown, 1, 1)) from None
    if raw is None:
        raise InputError("the file is empty", Location(shown, 1, 1))
    positions: dict[PathKey, tuple[int, int]] = {(): (1, 1)}
    keys: dict[PathKey, tuple[int, int]] = {}
    budget = _Budget(max(MAX_VALUES, 20 * text.count("\n")))
    try:
        data = _plain(raw, (), positions, keys, budget, frozenset())
    except _AliasError as exc:
        raise InputError(str(exc), Location(shown, exc.line, exc.col)) from None
    return data, positions, keys


@cache
def _constructor(kind: str) -> type:
    """A constructor that keeps dates as strings, reads numbers exactly and within limits."""
    from ruamel.yaml.constructor import RoundTripConstructor, SafeConstructor

    base = RoundTripConstructor if kind == "rt" else SafeConstructor

    class KeepDates(base):  # type: ignore[valid-type,misc]
        pass

    KeepDates.add_constructor("tag:yaml.org,2002:timestamp", base.construct_yaml_str)
    KeepDates.add_constructor("tag:yaml.org,2002:int", construct_int)
    KeepDates.add_constructor("tag:yaml.org,2002:float", construct_float)
    return KeepDates


MAX_VALUES = 200_000  # more values than this (after aliases expand) is an alias bomb, not a facts file


class _AliasError(Exception):
    def __init__(self, message: str, line: int, col: int) -> None:
        super().__init__(message)
        self.line, self.col = line, col


@dataclass
class _Budget:
    left: int


def _plain(
    node: Any, key: PathKey, positions: dict[PathKey, tuple[int, int]] | None,
    keys: dict[PathKey, tuple[int, int]] | None, budget: _Budget, ancestors: frozenset[int],
) -> Any:
    """Convert loaded containers to plain ones, recording each child's position when `positions` is given.

    Aliases are expanded, within a budget: a recursive alias or an 'alias bomb' is refused.
    """
    budget.left -= 1
    tag = getattr(getattr(node, "tag", None), "value", None)
    if tag is not None and isinstance(tag, str) and tag not in PLAIN_TAGS:
        line, col = positions.get(key, (0, 0)) if positions is not None else (0, 0)
        raise _AliasError(f"unknown YAML tag {tag}; tags are not allowed here", line, col)
    if isinstance(node, dict | list):
        lc = getattr(node, "lc", None)
        line, col = (lc.line + 1, lc.col + 1) if lc is not None else (0, 0)
        if id(node) in ancestors:
            raise _AliasError("a YAML alias refers to itself", line, col)
        if budget.left < 0:
            raise _AliasError("too many values once aliases are expanded (an alias bomb?)", line, col)
        ancestors = ancestors | {id(node)}
        if isinstance(node, dict):
            out: dict[Any, Any] = {}
            for name, value in node.items():
                child = (*key, str(name))
                if positions is not None and keys is not None and lc is not None:
                    _place(lc, name, value, child, positions, keys)
                out[str(name)] = _plain(value, child, positions, keys, budget, ancestors)
            return out
        items = []
        for index, value in enumerate(node):
            if positions is not None and lc is not None:
                with contextlib.suppress(KeyError, TypeError):
                    item_line, item_col = lc.item(index)
                    positions[(*key, index)] = (item_line + 1, item_col + 1)
            items.append(_plain(value, (*key, index), positions, keys, budget, ancestors))
        return items
    if node is None or isinstance(node, bool):
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, str):
        if len(node) > MAX_TEXT:
            line, col = positions.get(key, (0, 0)) if positions is not None else (0, 0)
            raise _AliasError(f"a text of {len(node):,} characters (at most {MAX_TEXT:,})", line, col)
        return str(node)
    if isinstance(node, Decimal):
        return node
    if isinstance(node, float):
        return Decimal(str(float(node)))
    if isinstance(node, dt.datetime | dt.date):
        return node.isoformat()
    return str(node)


def _place(lc: Any, name: Any, value: Any, child: PathKey, positions: dict[PathKey, tuple[int, int]],
           keys: dict[PathKey, tuple[int, int]]) -> None:
    """Record where a mapping entry stands: a scalar at its value, a nested container at its key."""
    try:
        line, col = lc.value(name)
        kline, kcol = lc.key(name)
    except (KeyError, TypeError):
        line, col = kline, kcol = lc.line, lc.col
    keys[child] = (kline + 1, kcol + 1)
    nested = isinstance(value, dict | list)
    positions[child] = (kline + 1, kcol + 1) if nested else (line + 1, col + 1)
