"""The build manifest: what each output was built from, and the facts of the last builds.

Kept in out/.factsheet-manifest.json. Standard library only: a build with
nothing to do reads it, hashes the inputs and stops, importing no model or
renderer.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from factsheet import __version__
from factsheet.atomic import write_atomic

NAME = ".factsheet-manifest.json"
VERSION = 1


def file_hash(path: Path) -> str:
    """sha256 of a file's bytes, or 'missing'."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "missing"


@cache
def engine_inputs() -> dict[str, str]:
    """What shapes every output besides the workspace's files: the tool's version and its fonts."""
    from factsheet.fonts import FACES, font_folder

    folder = font_folder()
    sizes = ",".join(str((folder / name).stat().st_size) for name in sorted(FACES.values()))
    return {"factsheet": __version__, "fonts": sizes}


@dataclass
class Manifest:
    """Inputs of each output, and per facts file the fact summaries of the last two distinct builds."""

    path: Path
    outputs: dict[str, dict[str, Any]] = field(default_factory=dict)
    facts: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def read(cls, out: Path) -> Manifest:
        """The manifest in `out`; an empty one when missing, unreadable or of another version."""
        path = out / NAME
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") == VERSION:
                return cls(path, dict(data.get("outputs", {})), dict(data.get("facts", {})))
        except (OSError, ValueError, AttributeError):
            pass
        return cls(path)

    def write(self) -> None:
        """Save atomically, keys sorted, so two identical builds leave identical manifests."""
        payload = {"version": VERSION, "outputs": self.outputs, "facts": self.facts}
        write_atomic(self.path, (json.dumps(payload, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode())

    def stale_reasons(self, output: Path, inputs: dict[str, str]) -> list[str]:
        """Why `output` must be rebuilt (empty when it is up to date)."""
        record = self.outputs.get(output.name)
        if record is None:
            return ["new output"]
        if file_hash(output) != record.get("output"):
            return ["output missing or modified"]
        old: dict[str, str] = record.get("inputs", {})
        reasons = [f"{_shown(name)} changed" for name in sorted(inputs) if old.get(name) != inputs[name]]
        reasons += [f"{_shown(name)} removed" for name in sorted(old) if name not in inputs]
        return reasons

    def record(self, output: Path, inputs: dict[str, str]) -> None:
        """Remember what `output` was built from."""
        self.outputs[output.name] = {"inputs": inputs, "output": file_hash(output)}

    def recorded_inputs(self, output: Path) -> dict[str, str] | None:
        """The inputs `output` was last built from, if known."""
        record = self.outputs.get(output.name)
        return dict(record["inputs"]) if record else None

    def changes(self, facts_key: str, summaries: dict[str, str], as_of: str, record: bool = True,
                ) -> tuple[str, list[str]]:
        """Fact-level changes between the previous distinct build and this one, and the previous as-of date.

        Stable across rebuilds of the same facts: the comparison is with the last *different* facts.
        Without `record` (a preview of draft facts) the facts are compared with the last recorded build
        and not remembered, so a preview never becomes what a later curated build is compared with.
        """
        entry = self.facts.get(facts_key)
        if not record:
            if entry is None:
                return "", []
            return str(entry.get("current_as_of", "")), diff_summaries(entry.get("current", {}), summaries)
        if entry is None:
            self.facts[facts_key] = {"current": summaries, "current_as_of": as_of}
            return "", []
        if entry.get("current") != summaries:
            entry = {"previous": entry.get("current", {}), "previous_as_of": entry.get("current_as_of", ""),
                     "current": summaries, "current_as_of": as_of}
            self.facts[facts_key] = entry
        previous: dict[str, str] = entry.get("previous", {})
        if not previous:
            return "", []
        return str(entry.get("previous_as_of", "")), diff_summaries(previous, summaries)


def diff_summaries(old: dict[str, str], new: dict[str, str]) -> list[str]:
    """'Added: …', 'Removed: …' and 'Changed: old -> new' lines, in a stable order."""
    lines = [f"Added: {new[k]}" for k in sorted(new) if k not in old]
    lines += [f"Removed: {old[k]}" for k in sorted(old) if k not in new]
    lines += [f"Changed: {old[k]} -> {new[k]}" for k in sorted(new) if k in old and old[k] != new[k]]
    return lines


_LABELS = {"engine:factsheet": "factsheet version", "engine:fonts": "fonts", "options": "build options"}


def _shown(name: str) -> str:
    return _LABELS.get(name, name)
