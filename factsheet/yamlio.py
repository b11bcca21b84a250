"""Read YAML safely, keeping the line and column of every value.

ruamel.yaml's round-trip loader builds only plain containers (no arbitrary
objects) and records positions; we turn its output into plain Python values
plus a map from each value's path to where it stands in the file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from factsheet.diagnostics import Diagnostic, Location
from factsheet.errors import InputError, ValidationFailed

PathKey = tuple[str | int, ...]


@dataclass(frozen=True)
class YamlDocument:
    """Plain data read from a YAML file, with where each value stands."""

    path: str
    data: Any
    positions: dict[PathKey, tuple[int, int]]
    key_positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

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
    """Read a UTF-8 text file, reporting a missing, unreadable or undecodable file by name."""
    try:
        raw = path.read_bytes()
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
    """Parse a YAML file into plain data with positions; syntax errors carry their location."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    text = read_text(path, shown)
    yaml = YAML(typ="rt", pure=True)
    yaml.Constructor = _constructor()
    yaml.allow_duplicate_keys = False
    try:
        raw = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(shown, mark.line + 1, mark.column + 1) if mark else Location(shown)
        problem = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        raise ValidationFailed([Diagnostic(where, f"YAML syntax error: {problem}")]) from None
    except YAMLError as exc:
        raise InputError(f"YAML error: {exc}", Location(shown)) from None
    if raw is None:
        raise InputError("the file is empty", Location(shown, 1, 1))
    positions: dict[PathKey, tuple[int, int]] = {(): (1, 1)}
    keys: dict[PathKey, tuple[int, int]] = {}
    budget = _Budget(max(MAX_VALUES, 20 * text.count("\n")))
    try:
        data = _plain(raw, (), positions, keys, budget, frozenset())
    except _AliasError as exc:
        raise InputError(str(exc), Location(shown, exc.line, exc.col)) from None
    return YamlDocument(shown, data, positions, keys)


@cache
def _constructor() -> type:
    """A round-trip constructor that keeps dates as strings, for the model to check with a location."""
    from ruamel.yaml.constructor import RoundTripConstructor

    class KeepDates(RoundTripConstructor):
        pass

    KeepDates.add_constructor("tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str)
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
    node: Any, key: PathKey, positions: dict[PathKey, tuple[int, int]], keys: dict[PathKey, tuple[int, int]],
    budget: _Budget, ancestors: frozenset[int],
) -> Any:
    """Convert ruamel containers to plain ones, recording each child's position.

    Aliases are expanded, within a budget: a recursive alias or an 'alias bomb' is refused.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    budget.left -= 1
    if isinstance(node, CommentedMap | CommentedSeq):
        line, col = node.lc.line + 1, node.lc.col + 1
        if id(node) in ancestors:
            raise _AliasError("a YAML alias refers to itself", line, col)
        if budget.left < 0:
            raise _AliasError("too many values once aliases are expanded (an alias bomb?)", line, col)
        ancestors = ancestors | {id(node)}
    if isinstance(node, CommentedMap):
        out: dict[Any, Any] = {}
        for name, value in node.items():
            try:
                line, col = node.lc.value(name)
                kline, kcol = node.lc.key(name)
            except (KeyError, TypeError):
                line, col = kline, kcol = node.lc.line, node.lc.col
            keys[(*key, str(name))] = (kline + 1, kcol + 1)
            # A scalar is located at its value; a nested container at its key.
            if isinstance(value, CommentedMap | CommentedSeq):
                positions[(*key, str(name))] = (kline + 1, kcol + 1)
            else:
                positions[(*key, str(name))] = (line + 1, col + 1)
            out[str(name)] = _plain(value, (*key, str(name)), positions, keys, budget, ancestors)
        return out
    if isinstance(node, CommentedSeq):
        items = []
        for index, value in enumerate(node):
            try:
                line, col = node.lc.item(index)
                positions[(*key, index)] = (line + 1, col + 1)
            except (KeyError, TypeError):
                pass
            items.append(_plain(value, (*key, index), positions, keys, budget, ancestors))
        return items
    if node is None or isinstance(node, bool):
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, str):
        return str(node)
    if isinstance(node, float):
        return Decimal(str(float(node)))
    if isinstance(node, dt.datetime | dt.date):
        return node.isoformat()
    return str(node)
