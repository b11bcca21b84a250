"""The build manifest: what each output was built from, and the facts of the last builds.

Kept in out/.factsheet-manifest.json. Standard library only: a build with
nothing to do reads it, hashes the inputs and stops, importing no model or
renderer.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

from factsheet import __version__
from factsheet.atomic import write_atomic

NAME = ".factsheet-manifest.json"
VERSION = 1


def file_hash(path: Path) -> str:
    """sha256 of a regular file's bytes, or 'missing' (devices and FIFOs are never opened)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return "missing"
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "missing"


def text_hash(text: str) -> str:
    """The file_hash of a file whose UTF-8 text is `text`: the hash of the bytes actually read."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def safe_name(name: str, root: Path) -> bool:
    """True when a recorded input name is a plain relative path that stays inside `root`."""
    if not isinstance(name, str) or not name or "\0" in name or "\\" in name:
        return False
    pure = PurePosixPath(name)
    if pure.is_absolute() or ".." in pure.parts:
        return False
    try:
        return (root / name).resolve().is_relative_to(root.resolve())
    except (OSError, ValueError):
        return False


def _valid(data: Any) -> str | None:
    """What is wrong with manifest JSON `data`, or None."""
    if not isinstance(data, dict):
        return "not a JSON object"
    outputs, facts = data.get("outputs", {}), data.get("facts", {})
    if not isinstance(outputs, dict) or not isinstance(facts, dict):
        return "'outputs' and 'facts' must be objects"
    for name, record in outputs.items():
        if not isinstance(record, dict) or not isinstance(record.get("output"), str):
            return f"output {name!r}: expected an object with an 'output' hash"
        inputs = record.get("inputs")
        if not isinstance(inputs, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                   for k, v in inputs.items()):
            return f"output {name!r}: 'inputs' must map names to hashes"
    for name, entry in facts.items():
        if not isinstance(entry, dict):
            return f"facts {name!r}: expected an object"
        for key in ("current", "previous"):
            value = entry.get(key, {})
            if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
                return f"facts {name!r}: {key!r} must map ids to text"
        for key in ("current_as_of", "previous_as_of"):
            if not isinstance(entry.get(key, ""), str):
                return f"facts {name!r}: {key!r} must be text"
    return None


@cache
def engine_inputs() -> dict[str, str]:
    """What shapes every output besides the workspace's files: the tool's version and its fonts."""
    from factsheet.fonts import FACES, font_folder

    folder = font_folder()
    sizes = ",".join(str((folder / name).stat().st_size) for name in sorted(FACES.values()))
    return {"factsheet": __version__, "fonts": sizes}


class Manifest:
    """Inputs of each output, and per facts file the fact summaries of the last two distinct builds.

    A plain class rather than a dataclass: a build with nothing to do defines it, and a dataclass costs
    about 0.6 ms to define (and the dataclasses module to import).
    """

    def __init__(self, path: Path, outputs: dict[str, dict[str, Any]] | None = None,
                 facts: dict[str, dict[str, Any]] | None = None, problem: str = "") -> None:
        self.path = path
        self.outputs: dict[str, dict[str, Any]] = {} if outputs is None else outputs
        self.facts: dict[str, dict[str, Any]] = {} if facts is None else facts
        self.problem = problem  # why a manifest on disk was not used (then it is treated as absent)

    def __repr__(self) -> str:
        return f"Manifest({self.path!r}, {len(self.outputs)} outputs, {len(self.facts)} facts files)"

    @classmethod
    def read(cls, out: Path) -> Manifest:
        """The manifest in `out`; an empty one when missing or of another version, or (with `problem`) invalid."""
        path = out / NAME
        try:
            if not path.exists():
                return cls(path)
            if not path.is_file() or path.stat().st_size > 64 * 1024 * 1024:
                return cls(path, problem="not a regular file of reasonable size")
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError) as exc:
            return cls(path, problem=f"unreadable ({type(exc).__name__})")
        if isinstance(data, dict) and data.get("version") != VERSION:
            return cls(path)
        wrong = _valid(data)
        if wrong is not None:
            return cls(path, problem=wrong)
        return cls(path, dict(data.get("outputs", {})), dict(data.get("facts", {})))

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

    def record(self, output: Path, inputs: dict[str, str], digest: str | None = None) -> None:
        """Remember what `output` was built from (and the hash of its bytes, when the caller knows it)."""
        self.outputs[output.name] = {"inputs": inputs, "output": digest or file_hash(output)}

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
        entry, since, lines = next_history(self.facts.get(facts_key), summaries, as_of, record)
        if entry is not None:
            self.facts[facts_key] = entry
        return since, lines


def next_history(
    entry: dict[str, Any] | None, summaries: dict[str, str], as_of: str, record: bool = True
) -> tuple[dict[str, Any] | None, str, list[str]]:
    """A facts file's new record (None: keep the old one), the previous as-of date, and the changes.

    The pure part of `Manifest.changes`, so that a worker process can work it out from the record alone.
    """
    if not record:
        if entry is None:
            return None, "", []
        return None, str(entry.get("current_as_of", "")), diff_summaries(entry.get("current", {}), summaries)
    if entry is None:
        return {"current": summaries, "current_as_of": as_of}, "", []
    new_entry: dict[str, Any] | None = None
    if entry.get("current") != summaries:
        new_entry = {"previous": entry.get("current", {}), "previous_as_of": entry.get("current_as_of", ""),
                     "current": summaries, "current_as_of": as_of}
        entry = new_entry
    previous: dict[str, str] = entry.get("previous", {})
    if not previous:
        return new_entry, "", []
    return new_entry, str(entry.get("previous_as_of", "")), diff_summaries(previous, summaries)


def diff_summaries(old: dict[str, str], new: dict[str, str]) -> list[str]:
    """'Added: …', 'Removed: …' and 'Changed: old -> new' lines, in a stable order."""
    lines = [f"Added: {new[k]}" for k in sorted(new) if k not in old]
    lines += [f"Removed: {old[k]}" for k in sorted(old) if k not in new]
    lines += [f"Changed: {old[k]} -> {new[k]}" for k in sorted(new) if k in old and old[k] != new[k]]
    return lines


_LABELS = {"engine:factsheet": "factsheet version", "engine:fonts": "fonts", "options": "build options"}


def _shown(name: str) -> str:
    return _LABELS.get(name, name)
