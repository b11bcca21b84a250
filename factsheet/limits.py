"""Limits on what is read: file size, nesting, numbers, texts and tags, each refused with a location.

Checked before any recursive or unbounded step sees the input: the nesting depth from the parser's
event stream (iterative), numbers in the constructor, texts and tags as values are converted.
"""

from __future__ import annotations

import os
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from factsheet.diagnostics import Location
from factsheet.errors import InputError

DEFAULT_MAX_MB = 20.0  # an input file larger than this is refused (FACTSHEET_MAX_INPUT_MB to change)


def max_input_bytes() -> int:
    """The largest input file read, in bytes: FACTSHEET_MAX_INPUT_MB megabytes (default 20)."""
    try:
        megabytes = float(os.environ.get("FACTSHEET_MAX_INPUT_MB", DEFAULT_MAX_MB))
    except ValueError:
        megabytes = DEFAULT_MAX_MB
    if not megabytes > 0 or megabytes != megabytes or megabytes == float("inf"):
        megabytes = DEFAULT_MAX_MB
    return int(megabytes * 1024 * 1024)


PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq",
                                                                  "timestamp"))
MAX_DEPTH = 40  # nested mappings and lists: a facts file needs about six
MAX_INT_DIGITS = 30
MAX_DECIMAL_CHARS = 40  # a written decimal number longer than this is refused, not rounded
MAX_EXPONENT = 30
MAX_TEXT = 100_000  # characters in one text value


@cache
def limit_class() -> type[Exception]:
    """A value over one of the limits above, raised at its mark by the constructor (ruamel imported lazily)."""
    from ruamel.yaml.error import MarkedYAMLError

    class Limit(MarkedYAMLError):
        """A value over a limit, with its mark."""

    return Limit


def limit_error(problem: str, mark: Any) -> Exception:
    """The error the constructor raises for a value over a limit, at the value's `mark`."""
    return limit_class()(None, None, problem, mark)


def check_depth(text: str, shown: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH before any recursive step sees it (events are read iteratively)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent

    depth = 0
    try:
        for event in YAML(typ="safe", pure=False).parse(text):
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    raise InputError(f"nested more than {MAX_DEPTH} levels deep",
                                     Location(shown, mark.line + 1, mark.column + 1))
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    except YAMLError:
        return  # a syntax error: the careful parser reports it with its location


def construct_int(constructor: Any, node: Any) -> Any:
    """YAML integers, refused beyond MAX_INT_DIGITS digits (before Python's own limit raises)."""
    digits = sum(ch.isdigit() for ch in str(node.value))
    if digits > MAX_INT_DIGITS:
        raise limit_error(f"an integer of {digits} digits (at most {MAX_INT_DIGITS})", node.start_mark)
    return constructor.construct_yaml_int(node)


def construct_float(constructor: Any, node: Any) -> Any:
    """YAML floats as exact Decimals: never rounded through binary floating point."""
    text = str(node.value).replace("_", "")
    if text.lower().lstrip("+-") in (".inf", ".nan"):
        raise limit_error(f"{node.value!r} is not a number that can be used here", node.start_mark)
    if len(text) > MAX_DECIMAL_CHARS:
        raise limit_error(f"a number written with {len(text)} characters (at most {MAX_DECIMAL_CHARS})",
                     node.start_mark)
    try:
        value = Decimal(text)
    except InvalidOperation:
        return constructor.construct_yaml_float(node)
    if not value.is_finite() or abs(value.adjusted()) > MAX_EXPONENT:
        raise limit_error(f"{node.value!r} is out of range (at most 10^{MAX_EXPONENT})", node.start_mark)
    return value
