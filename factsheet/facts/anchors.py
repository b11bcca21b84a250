"""The anchors file the tool keeps beside each facts file: where every citation was last found."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import Any

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


MAX_BYTES = 64 * 1024 * 1024


def _load(facts_path: Path) -> tuple[Any, str]:
    """The anchors file's JSON, or (None, why it cannot be used); (None, "") when there is none."""
    path = anchors_path(facts_path)
    try:
        if not path.exists():
            return None, ""
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            return None, "not a regular file of reasonable size"
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as exc:
        return None, f"unreadable ({type(exc).__name__})"
    if not isinstance(data, dict):
        return None, "not a JSON object"
    if data.get("version") != VERSION:
        return None, ""
    return data, ""


def _anchor(value: Any) -> Anchor | None:
    """An Anchor from its JSON, or None when any field has the wrong type or the offsets are impossible."""
    if not isinstance(value, dict) or set(value) != {f.name for f in fields(Anchor)}:
        return None
    texts = ("exact", "prefix", "suffix", "seed_hash")
    if not all(isinstance(value[name], str) for name in texts):
        return None
    start, end = value["start"], value["end"]
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in (start, end)) or not 0 <= start <= end:
        return None
    return Anchor(**value)


def read_anchors(facts_path: Path, report: Callable[[str], None] | None = None) -> dict[str, Anchor]:
    """The recorded anchors; none when the file is missing, from another version, or invalid (then `report`ed)."""
    data, problem = _load(facts_path)
    citations = data.get("citations", {}) if data is not None else {}
    if data is not None and not isinstance(citations, dict):
        problem, citations = "'citations' is not an object", {}
    out: dict[str, Anchor] = {}
    for key, value in citations.items():
        anchor = _anchor(value)
        if anchor is None:
            problem = f"citation {key!r} is not a valid anchor"
            out = {}
            break
        out[key] = anchor
    if problem and report is not None:
        report(f"{anchors_path(facts_path).name} ignored ({problem}): every citation is found afresh")
    return out


def read_state(facts_path: Path) -> tuple[dict[str, str], str, bool]:
    """What the last check saw: input file hashes, its summary line, and whether every citation stood."""
    data, _ = _load(facts_path)
    checked = data.get("checked") if data is not None else None
    if not isinstance(checked, dict):
        return {}, "", False
    inputs, summary, clean = checked.get("inputs"), checked.get("summary"), checked.get("clean")
    if not (isinstance(inputs, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in inputs.items())
            and isinstance(summary, str) and isinstance(clean, bool)):
        return {}, "", False
    return dict(inputs), summary, clean


def _fields(anchor: Anchor) -> dict[str, object]:
    """The anchor's fields in order, as `dataclasses.asdict` gives them (its deep copies cost more than the JSON)."""
    return {"exact": anchor.exact, "prefix": anchor.prefix, "suffix": anchor.suffix, "start": anchor.start,
            "end": anchor.end, "seed_hash": anchor.seed_hash}


def anchors_data(
    facts_path: Path, anchors: dict[str, Anchor], inputs: dict[str, str] | None = None, summary: str = "",
    clean: bool = False,
) -> bytes | None:
    """The anchors file's new bytes, or None when the file already holds them."""
    payload: dict[str, object] = {
        "version": VERSION,
        "about": "Maintained by factsheet: where each citation was last found (W3C TextQuote/TextPosition).",
        "checked": {"inputs": inputs or {}, "summary": summary, "clean": clean},
        "citations": {key: _fields(anchors[key]) for key in sorted(anchors)},
    }
    data = (json.dumps(payload, indent=1, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8")
    try:
        if anchors_path(facts_path).read_bytes() == data:
            return None
    except OSError:
        pass
    return data
