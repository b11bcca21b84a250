"""`factsheet init`: make a workspace from nothing, never overwriting a file that is already there."""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from factsheet.diagnostics import Location
from factsheet.errors import InputError, OutputError
from factsheet.shipped import example_seeds, shipped_schemas, shipped_templates

GITIGNORE = "# factsheet: built briefings are made again from the facts\n/out/\n"


@dataclass
class InitResult:
    """What `init` did: the workspace folder, the paths it made and the files it left alone."""

    root: Path
    created: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def write_new(path: Path, data: bytes) -> bool:
    """Write `path` only if it does not exist (False then); complete or absent, never half-written.

    The bytes go to a temporary file first, hard-linked to the final name: the link fails if the
    name was taken in the meantime, so not even a race overwrites a file.
    """
    if path.exists() or path.is_symlink():
        return False
    where = Location(str(path))
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror}", where) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temp, 0o644)
        try:
            os.link(temp, path)
        except FileExistsError:
            return False
        except OSError:  # a file system without hard links: exclusive creation still never overwrites
            try:
                with open(path, "xb") as target:
                    target.write(data)
            except FileExistsError:
                return False
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror}", where) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)
    return True


def _folder(path: Path, result: InitResult) -> None:
    if path.is_dir():
        return
    if path.exists():
        raise InputError("exists and is not a folder: move it away, or run `factsheet init` in another folder",
                         Location(str(path)))
    try:
        path.mkdir(parents=True)
    except OSError as exc:
        raise OutputError(f"cannot create the folder: {exc.strerror}", Location(str(path))) from None
    result.created.append(path)


def _copy(source: Path, target: Path, result: InitResult) -> None:
    if write_new(target, source.read_bytes()):
        result.created.append(target)
    else:
        result.kept.append(target)


def init_workspace(root: Path, example: bool = False) -> InitResult:
    """Make `root` a workspace: seeds/, templates/ and schemas/ with the shipped files, a .gitignore for out/.

    With `example`, also the shipped seed text and its curated facts file. Existing files are kept.
    """
    result = InitResult(root)
    _folder(root, result)
    for name in ("seeds", "templates", "schemas"):
        _folder(root / name, result)
    for template in shipped_templates():
        _copy(template, root / "templates" / template.name, result)
    for schema in shipped_schemas():
        _copy(schema, root / "schemas" / schema.name, result)
    ignore = root / ".gitignore"
    if write_new(ignore, GITIGNORE.encode()):
        result.created.append(ignore)
    else:
        result.kept.append(ignore)
        lines = {line.strip() for line in ignore.read_text(encoding="utf-8", errors="replace").splitlines()}
        if not lines & {"out", "out/", "/out", "/out/"}:
            result.notes.append(f"{ignore}: add a line `/out/` so that built briefings stay out of version control")
    if example:
        for seed in example_seeds():
            _copy(seed, root / "seeds" / seed.name, result)
    return result


def next_steps(result: InitResult, shown_root: str) -> list[str]:
    """What to type next, as the user would type it."""
    import shlex

    steps = [] if shown_root == "." else [f"cd {shlex.quote(shown_root)}"]
    facts = sorted((result.root / "seeds").glob("*.facts.yaml"))
    if facts:
        steps.append(f"read seeds/{facts[0].name}: every fact quotes its source text in seeds/")
    else:
        steps += [
            "save a source text (UTF-8) as seeds/NAME.txt",
            "factsheet extract seeds/NAME.txt --write    # draft facts, each quoting the text",
            "review seeds/NAME.facts.yaml: fix or delete each fact, then delete its `review: draft` line",
        ]
    steps += [
        "factsheet check    # is every quote still in its source?",
        "factsheet build    # the briefings, as PDF and Word files in out/",
        "factsheet email --to you@example.org --from you@example.org --out briefing.eml",
    ]
    return steps
