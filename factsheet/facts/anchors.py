"""The anchors file the tool keeps beside each facts file: where every citation was last found."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from factsheet.atomic import write_atomic
from factsheet.facts.anchor import Anchor

VERSION = 1


def anchors_path(facts_path: Path) -> Path:
    """'seeds/x.facts.yaml' -> 'seeds/x.anchors.json'."""
    name = facts_path.name
    stem = name[: -len(".facts.yaml")] if name.endswith(".facts.yaml") else facts_path.stem
    return facts_path.with_name(f"{stem}.anchors.json")


def citation_key(fact_id: str, index: int | str) -> str:
    """The key of a fact's `index`-th citation, or of the citation at a path below it ('items.2.cites.0')."""
    return f"{fact_id}#{index}"


def read_anchors(facts_path: Path) -> dict[str, Anchor]:
    """The recorded anchors; none when the file is missing or from another version (it is rebuilt)."""
    path = anchors_path(facts_path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != VERSION:
        return {}
    out = {}
    for key, value in data.get("citations", {}).items():
        try:
            out[key] = Anchor(**value)
        except TypeError:
            continue
    return out


def read_state(facts_path: Path) -> tuple[dict[str, str], str, bool]:
    """What the last check saw: input file hashes, its summary line, and whether every citation stood."""
    try:
        data = json.loads(anchors_path(facts_path).read_text(encoding="utf-8"))
        checked = data["checked"]
        return dict(checked["inputs"]), str(checked["summary"]), bool(checked["clean"])
    except (OSError, ValueError, KeyError, TypeError):
        return {}, "", False


def write_anchors(
    facts_path: Path, anchors: dict[str, Anchor], inputs: dict[str, str] | None = None, summary: str = "",
    clean: bool = False,
) -> bool:
    """Record `anchors` (and what the check saw) beside the facts file; returns True when the file changed."""
    path = anchors_path(facts_path)
    payload: dict[str, object] = {
        "version": VERSION,
        "about": "Maintained by factsheet: where each citation was last found (W3C TextQuote/TextPosition).",
        "checked": {"inputs": inputs or {}, "summary": summary, "clean": clean},
        "citations": {key: asdict(anchors[key]) for key in sorted(anchors)},
    }
    data = (json.dumps(payload, indent=1, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    write_atomic(path, data)
    return True
