"""Plain data straight from the C parser's events: the common case of `yamlio`'s fast load, without ruamel's
composer, resolver and constructor machinery (about half of a facts file's load time).

It takes only what a facts file ordinarily is: one document of untagged mappings, sequences and
scalars, without anchors, aliases, merge keys, directives or duplicate keys. Anything else raises
`Unhandled`, and the caller reads the text again through ruamel's own safe loader (the reference
this walker is held equal to by tests/test_yamlfast.py). Scalars are resolved with ruamel's YAML 1.2
implicit resolvers, in ruamel's order, and constructed by the same constructor functions. It goes no
deeper than MAX_DEPTH: `yamlio` runs its depth check only before the recursive loaders.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Any

from factsheet.limits import MAX_DEPTH, MAX_TEXT

STR = "tag:yaml.org,2002:str"
CONSTRUCTED = frozenset({"tag:yaml.org,2002:bool", "tag:yaml.org,2002:float", "tag:yaml.org,2002:int",
                         "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp"})
"""The implicit tags whose scalars the walker constructs (the rest are strings, or not its business)."""


class Unhandled(Exception):
    """The text needs ruamel's full loader (an anchor, a tag, a merge key, a duplicate key, a limit...)."""


@cache
def _resolvers() -> dict[str | None, list[tuple[str, Any]]]:
    """ruamel's implicit resolvers for YAML 1.2 by first character, as its VersionedResolver builds them."""
    from ruamel.yaml.resolver import implicit_resolvers

    table: dict[str | None, list[tuple[str, Any]]] = {}
    for versions, tag, regexp, first in implicit_resolvers:
        if (1, 2) in versions:
            starts: list[str | None] = list(first) if first else [None]
            for ch in starts:
                table.setdefault(ch, []).append((tag, regexp))
    return table


@cache
def _candidates() -> tuple[dict[str, tuple[tuple[str, Any], ...]], tuple[tuple[str, Any], ...]]:
    """For each first character, the resolvers ruamel tries, in its order; and those for any other character."""
    table = _resolvers()
    anywhere = tuple(table.get(None, []))
    return {ch: (*found, *anywhere) for ch, found in table.items() if ch is not None}, anywhere


def _tag(value: str) -> str:
    """The tag ruamel's resolver gives a plain scalar: the first implicit resolver that matches, else str."""
    by_first, anywhere = _candidates()
    for tag, regexp in by_first.get(value[:1], anywhere):
        if regexp.match(value):
            return tag
    return STR


class _Walker:
    """Builds plain values from the parser's events, spending one unit of `budget` per value as `yamlio` does."""

    def __init__(self, parser: Any, budget: int, constructor: Any) -> None:
        from ruamel.yaml import events
        from ruamel.yaml.nodes import ScalarNode

        self.parser = parser
        self.depth = 0
        self.budget = budget
        self.constructor = constructor
        self.scalar_node = ScalarNode
        self.events = events

    def scalar(self, event: Any) -> tuple[Any, Any]:
        """(the constructed value, as the reference constructor returns it; the plain value)."""
        value = event.value
        if not event.implicit[0] or (tag := _tag(value)) == STR:
            if len(value) > MAX_TEXT:
                raise Unhandled("a text beyond the limit")
            return value, value
        if tag not in CONSTRUCTED:
            raise Unhandled(tag)
        node = self.scalar_node(tag, value, event.start_mark, event.end_mark, event.style)
        raw = self.constructor.yaml_constructors[tag](self.constructor, node)
        return raw, _plain_scalar(raw)

    def node(self, event: Any) -> tuple[Any, Any]:
        """The value that starts with `event` (its events consumed), raw and plain."""
        self.budget -= 1
        if self.budget < 0:
            raise Unhandled("too many values")
        if event.anchor is not None or event.tag is not None:
            raise Unhandled("anchor or tag")
        kind = type(event)
        events = self.events
        if kind is events.ScalarEvent:
            return self.scalar(event)
        if kind is events.SequenceStartEvent or kind is events.MappingStartEvent:
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise Unhandled("nested too deep")  # check_depth then reports it
            data = self.sequence() if kind is events.SequenceStartEvent else self.mapping()
            self.depth -= 1
            return None, data
        raise Unhandled(kind.__name__)

    def sequence(self) -> list[Any]:
        """The items up to the sequence's end."""
        items: list[Any] = []
        get = self.parser.get_event
        end = self.events.SequenceEndEvent
        while True:
            event = get()
            if type(event) is end:
                return items
            items.append(self.node(event)[1])

    def mapping(self) -> dict[str, Any]:
        """The entries up to the mapping's end; keys as `str` of the constructed key, as `yamlio` makes them."""
        out: dict[str, Any] = {}
        seen: set[Any] = set()
        get = self.parser.get_event
        end, scalar = self.events.MappingEndEvent, self.events.ScalarEvent
        while True:
            event = get()
            kind = type(event)
            if kind is end:
                return out
            if kind is not scalar or event.anchor is not None or event.tag is not None:
                raise Unhandled("a key that is not a plain scalar")
            key, _ = self.scalar(event)
            name = str(key)
            if name in out or key in seen:
                raise Unhandled("a duplicate key")
            seen.add(key)
            out[name] = self.node(get())[1]


def _plain_scalar(raw: Any) -> Any:
    """A constructed scalar as `yamlio._plain` leaves it."""
    if raw is None or isinstance(raw, bool):
        return raw
    if isinstance(raw, int):
        return int(raw)
    if isinstance(raw, str):
        if len(raw) > MAX_TEXT:
            raise Unhandled("a text beyond the limit")
        return str(raw)
    if isinstance(raw, Decimal):
        return raw
    raise Unhandled(type(raw).__name__)  # a float that is not a Decimal, and anything else: the reference's job


def load_events(text: str, budget: int, constructor: Any) -> Any:
    """Plain data of the single YAML document `text` (None when it is empty); `Unhandled` for anything else.

    A syntax error is raised as the C parser raises it.
    """
    from ruamel.yaml.clib._ruamel_yaml import CParser
    from ruamel.yaml.events import DocumentEndEvent, DocumentStartEvent, StreamEndEvent, StreamStartEvent

    parser = CParser(text)
    try:
        if type(parser.get_event()) is not StreamStartEvent:
            raise Unhandled("no stream")
        event = parser.get_event()
        if type(event) is StreamEndEvent:
            return None
        if type(event) is not DocumentStartEvent or event.version is not None or event.tags:
            raise Unhandled("a directive")
        walker = _Walker(parser, budget, constructor)
        _, data = walker.node(parser.get_event())
        if type(parser.get_event()) is not DocumentEndEvent or type(parser.get_event()) is not StreamEndEvent:
            raise Unhandled("more than one document")
        return data
    finally:
        parser.dispose()
