"""The draft: proposed facts as model objects, and their YAML text in the shape of a curated facts file.

The YAML is written by hand rather than dumped, so that it looks like the curated files (flow lists for
aliases and suppliers, folded `>-` blocks for long quotes) and is byte-for-byte the same on every run.
"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from factsheet.facts.model import (
    SCHEMA_VERSION,
    Actor,
    Cost,
    DateFact,
    Event,
    Fact,
    Meta,
    Package,
    Place,
    Source,
    System,
    Transfer,
)

MODELINE = "# yaml-language-server: $schema=../schemas/facts.schema.json"
WIDTH = 110
DRAFT_SECTIONS = ("actors", "places", "systems", "packages", "transfers", "costs", "dates", "events")
_DATE_KEYS = frozenset({"value", "as_of", "date"})
_NUMBER = re.compile(
    r"[-+]?(?:[\d_]*\.?[\d_]*(?:[eE][-+]?\d+)?|0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+|\.inf|\.nan|[\d:_.]+)", re.IGNORECASE
)
_SPECIAL = re.compile(r"(?:true|false|yes|no|on|off|y|n|null|~|=|<<)", re.IGNORECASE)
_TIMESTAMP = re.compile(r"\d{4}-\d\d?-\d\d?(?:[Tt ].*)?")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


@dataclass(frozen=True)
class Draft:
    """Facts proposed for one seed text, every one marked `review: draft`."""

    source: Source
    meta: Meta
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    systems: list[System] = field(default_factory=list)
    packages: list[Package] = field(default_factory=list)
    transfers: list[Transfer] = field(default_factory=list)
    costs: list[Cost] = field(default_factory=list)
    dates: list[DateFact] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    notes: dict[str, list[str]] = field(default_factory=dict)

    def section(self, name: str) -> list[Fact]:
        """The facts of section `name` ('actors', 'systems', ...)."""
        facts: list[Fact] = list(getattr(self, name))
        return facts

    def count(self) -> int:
        """How many facts the draft proposes."""
        return sum(len(self.section(name)) for name in DRAFT_SECTIONS)


def scalar(value: Any, key: str = "", flow: bool = False) -> str:
    """One scalar as YAML: plain when that reads back as the same string, else double-quoted."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        value = value.value
    text = str(value)
    if key in _DATE_KEYS and re.fullmatch(r"\d{4}-\d\d(?:-\d\d)?", text):
        return text
    return _quoted(text) if _needs_quotes(text, flow) else text


def _quoted(text: str) -> str:
    """`text` double-quoted, escaping what YAML would otherwise read as a line break or drop."""
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def _needs_quotes(text: str, flow: bool) -> bool:
    if not text or text != text.strip() or _CONTROL.search(text):
        return True
    if text[0] in "-?:,[]{}#&*!|>'\"%@`" or ": " in text or " #" in text or text.endswith(":"):
        return True
    if flow and any(ch in text for ch in ",[]{}"):
        return True
    return bool(_SPECIAL.fullmatch(text) or _NUMBER.fullmatch(text) or _TIMESTAMP.fullmatch(text))


def _entry(key: str, value: Any, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(value, dict):
        return [f"{pad}{key}:", *mapping_lines(value, indent + 2)]
    if isinstance(value, list):
        if not value:
            return [f"{pad}{key}: []"]
        if all(not isinstance(item, dict | list) for item in value):
            flow = f"{pad}{key}: [{', '.join(scalar(item, flow=True) for item in value)}]"
            if len(flow) <= WIDTH:
                return [flow]
            return [f"{pad}{key}:", *(f"{pad}  - {scalar(item)}" for item in value)]
        return [f"{pad}{key}:", *sequence_lines(value, indent + 2)]
    line = f"{pad}{key}: {scalar(value, key)}"
    if len(line) <= WIDTH or not isinstance(value, str) or _CONTROL.search(value) or value != value.strip():
        return [line]
    words = " ".join(value.split())
    wrapped = textwrap.wrap(words, width=WIDTH - indent - 2, break_long_words=False, break_on_hyphens=False)
    return [f"{pad}{key}: >-", *(f"{pad}  {part}" for part in wrapped)]


def mapping_lines(data: dict[str, Any], indent: int) -> list[str]:
    """A mapping as block YAML lines at `indent`."""
    out: list[str] = []
    for key, value in data.items():
        out.extend(_entry(key, value, indent))
    return out


def sequence_lines(items: list[dict[str, Any]], dash_indent: int) -> list[str]:
    """A list of mappings as block YAML lines, each item's dash at `dash_indent`."""
    out: list[str] = []
    for item in items:
        lines = mapping_lines(item, dash_indent + 2)
        out.append(" " * dash_indent + "- " + lines[0][dash_indent + 2 :])
        out.extend(lines[1:])
    return out


def fact_data(fact: Fact) -> dict[str, Any]:
    """A fact as plain data in the order analysts read it: id, review, own fields, attribution, citations."""
    data = fact.model_dump(mode="python", exclude_defaults=True)
    data["review"] = fact.review
    head = {"id": data.pop("id"), "review": data.pop("review")}
    tail: dict[str, Any] = {key: data.pop(key) for key in ("according_to", "cites") if key in data}
    return {**head, **data, **tail}


def render(draft: Draft, *, header: list[str] | None = None) -> str:
    """The draft as the text of a new facts file."""
    lines = [MODELINE, "#", *(f"# {line}" if line else "#" for line in header or _header(draft)), ""]
    lines += [f"schema_version: {SCHEMA_VERSION}", ""]
    lines += ["factsheet:", *mapping_lines(draft.meta.model_dump(mode="python", exclude_defaults=True), 2), ""]
    lines += ["sources:", *sequence_lines([draft.source.model_dump(mode="python", exclude_none=True)], 2)]
    for name in DRAFT_SECTIONS:
        facts = draft.section(name)
        notes = [f"  # {note}" for note in draft.notes.get(name, [])]
        if not facts and not notes:
            continue
        lines += ["", f"{name}:" if facts else f"{name}: []", *notes]
        lines += sequence_lines([fact_data(fact) for fact in facts], 2)
    return "\n".join(lines) + "\n"


def _header(draft: Draft) -> list[str]:
    return [
        f"Draft facts proposed by `factsheet extract` from {draft.source.file}.",
        "Every fact is marked `review: draft`: check each against the source, correct or delete it, then",
        "remove its `review: draft` line. `factsheet build` refuses drafts unless --allow-drafts.",
    ]
