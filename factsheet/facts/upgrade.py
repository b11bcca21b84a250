"""`factsheet upgrade`: rewrite a facts file written for fact model 1 for model 2, keeping every comment.

Model 1 had no `schema_version` and held quantities as free text. The upgrade inserts
`schema_version: 2` before the first top-level key and replaces each quantity's text by a
mapping that keeps the words (`{stated: ...}`, with the number or order of magnitude when
the words give one). Edits use the exact start and end of each value as ruamel's composer
reports them; no other byte changes.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from factsheet.diagnostics import Location
from factsheet.errors import InputError
from factsheet.facts.amounts import Bound, quantity_from_words
from factsheet.facts.model import SCHEMA_VERSION
from factsheet.yamledit import Snapshot, commit
from factsheet.yamlio import read_text

_TOP_KEY = re.compile(r"^[A-Za-z_][\w-]*\s*:", re.MULTILINE)
_QUANTITY_HOLDERS = ("transfers", "events")


def _flow(text: str) -> str:
    """The quantity `text` as a one-line flow mapping holding its words and what they say."""
    quantity = quantity_from_words(text)
    parts = [f"stated: {json.dumps(quantity.stated, ensure_ascii=False)}"]
    if quantity.value is not None:
        parts.insert(0, f"value: {format(quantity.value.normalize(), 'f')}")
        if quantity.bound is not Bound.exact:
            parts.insert(1, f"bound: {quantity.bound.value}")
        if quantity.unit:
            parts.insert(-1, f"unit: {json.dumps(quantity.unit, ensure_ascii=False)}")
    elif quantity.magnitude is not None:
        parts.append(f"magnitude: {quantity.magnitude}")
    return "{" + ", ".join(parts) + "}"


def _scalar_edits(root: Any) -> list[tuple[int, int, str]]:
    """(start, end, replacement) for every quantity written as text."""
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    edits: list[tuple[int, int, str]] = []
    if not isinstance(root, MappingNode):
        return edits
    for key, section in root.value:
        if key.value not in _QUANTITY_HOLDERS or not isinstance(section, SequenceNode):
            continue
        for fact in section.value:
            if not isinstance(fact, MappingNode):
                continue
            for field, value in fact.value:
                tag = str(value.tag or "")
                if field.value == "quantity" and isinstance(value, ScalarNode) and tag.endswith(":str"):
                    edits.append((value.start_mark.index, value.end_mark.index, _flow(str(value.value))))
                elif field.value == "quantity" and isinstance(value, ScalarNode) and tag.endswith(":int"):
                    number = Decimal(str(value.value))
                    edits.append((value.start_mark.index, value.end_mark.index, f"{{value: {number}}}"))
    return edits


def upgrade_text(text: str, shown: str) -> str | None:
    """`text` rewritten for the current model, or None when it already is."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError

    yaml = YAML(typ="rt", pure=True)
    try:
        root = yaml.compose(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = Location(shown, mark.line + 1, mark.column + 1) if mark else Location(shown)
        raise InputError(f"YAML syntax error: {exc.problem}", where) from None
    data = yaml.load(text) if root is not None else None
    if isinstance(data, dict) and data.get("schema_version") == SCHEMA_VERSION:
        return None
    if isinstance(data, dict) and "schema_version" in data:
        raise InputError(f"schema_version {data['schema_version']!r}: only version 1 files can be upgraded",
                         Location(shown))
    edits = _scalar_edits(root)
    first = _TOP_KEY.search(text)
    if first is None:
        raise InputError("not a facts file: no top-level keys", Location(shown))
    newline = "\r\n" if "\r\n" in text else "\n"  # the file's own line endings
    edits.append((first.start(), first.start(), f"schema_version: {SCHEMA_VERSION}{newline}{newline}"))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _only_quantities_changed(old: Any, new: Any) -> bool:
    """True when `new` is `old` with schema_version added and quantities rewritten, nothing else."""
    if not (isinstance(old, dict) and isinstance(new, dict)) or set(new) - set(old) != {"schema_version"}:
        return False

    def without_quantities(data: dict[str, Any]) -> dict[str, Any]:
        out = {k: v for k, v in data.items() if k != "schema_version"}
        for section in _QUANTITY_HOLDERS:
            if isinstance(out.get(section), list):
                out[section] = [{k: v for k, v in fact.items() if k != "quantity"} if isinstance(fact, dict)
                                else fact for fact in out[section]]
        return out

    return without_quantities(old) == without_quantities(new)


def upgrade_file(path: Path, shown: str) -> bool:
    """Rewrite the facts file at `path` for the current model (through factsheet.yamledit); False when it was."""
    snapshot = Snapshot.of_text(path, shown, read_text(path, shown))
    new = upgrade_text(snapshot.text, shown)
    if new is None:
        return False
    commit(snapshot, new, keeps=_only_quantities_changed)
    return True
