"""The workspace: a folder holding seeds/ and templates/, with outputs in out/."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import NamedTuple

from factsheet.diagnostics import Location
from factsheet.errors import InputError


# A NamedTuple, not a dataclass: every command defines it, a build with nothing to do too, and a dataclass
# costs about 0.6 ms to define (its methods are generated and compiled), a NamedTuple 0.1 ms.
class Workspace(NamedTuple):
    """Where inputs are read from and outputs written to."""

    root: Path
    out: Path

    @classmethod
    def open(cls, root: str | Path | None = None, out: str | Path | None = None) -> Workspace:
        """The workspace at `root` (default: the current folder), writing to `out` (default: root/out)."""
        base = Path(root) if root is not None else Path.cwd()
        if not base.is_dir():
            import shlex

            raise InputError(f"workspace folder not found: create it with `factsheet init {shlex.quote(str(base))}`",
                             Location(str(base)))
        base = base.resolve()
        target = Path(out).resolve() if out is not None else base / "out"
        workspace = cls(base, target)
        if out is not None:
            workspace.check_output_folder(target, str(out))
        return workspace

    @property
    def seeds(self) -> Path:
        """The folder of source texts and facts files."""
        return self.root / "seeds"

    @property
    def templates(self) -> Path:
        """The folder of briefing templates: the workspace's templates/, or the shipped ones when it has none."""
        from factsheet.shipped import TEMPLATES

        own = self.root / "templates"
        return TEMPLATES if not own.is_dir() and TEMPLATES.is_dir() else own

    @property
    def uses_shipped_templates(self) -> bool:
        """True when the workspace has no templates/ folder and builds with the shipped templates."""
        return self.templates != self.root / "templates"

    @property
    def schemas(self) -> Path:
        """The folder of JSON Schemas written by `factsheet schema`."""
        return self.root / "schemas"

    def inputs_folders(self) -> list[Path]:
        """The folders holding the workspace's inputs, resolved: outputs never go into them."""
        return [p.resolve() for p in (self.seeds, self.templates, self.schemas)]

    def check_output_folder(self, folder: Path, shown: str) -> None:
        """Refuse an output folder inside (or holding) seeds/, templates/ or schemas/."""
        resolved = folder.resolve()
        for inputs in self.inputs_folders():
            if resolved.is_relative_to(inputs) or inputs.is_relative_to(resolved):
                raise InputError(f"the output folder would mix outputs with the inputs in {self.show(inputs)}/; "
                                 "choose another --out", Location(shown))
        if resolved.exists() and not resolved.is_dir():
            raise InputError("the output folder is not a folder", Location(shown))

    def check_output_file(self, path: Path, shown: str, inputs: Collection[Path] = (),
                          folders: Sequence[Path] | None = None) -> None:
        """Refuse to write an output over anything but a regular file of ours outside the input folders.

        Refused: a symbolic link, a device, FIFO, socket or folder, a path in seeds/, templates/ or
        schemas/, and any of `inputs` (the facts and source files of the command, resolved by the
        caller). A caller checking many outputs at once passes `folders`, its `inputs_folders()`, to
        resolve them once.
        """
        def fail(why: str) -> InputError:
            return InputError(f"will not write the output here: {why}", Location(shown))

        try:
            info = path.lstat()
        except FileNotFoundError:
            info = None
        except OSError as exc:
            raise fail(exc.strerror or "cannot look at it") from None
        if info is not None and stat.S_ISLNK(info.st_mode):
            raise fail("it is a symbolic link")
        if info is not None and not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "a device, FIFO or socket, not a regular file"
            raise fail(f"it is {kind}")
        resolved = path.resolve()
        for folder in self.inputs_folders() if folders is None else folders:
            if resolved.is_relative_to(folder):
                raise fail(f"it is in {self.show(folder)}/, which holds inputs")
        if resolved in inputs or resolved.name.endswith((".facts.yaml", ".facts.yml")):
            raise fail("it is an input of factsheet")

    def show(self, path: Path) -> str:
        """A path as the user should see it: relative to the current folder when inside it."""
        try:
            return os.path.relpath(path)
        except ValueError:
            return str(path)

    def facts_files(self) -> list[Path]:
        """Every facts file in seeds/, in name order."""
        if not self.seeds.is_dir():
            raise InputError("no seeds/ folder in the workspace: run `factsheet init --example` for a worked "
                             "example, `factsheet init` for an empty workspace, or pass --root DIR",
                             Location(self.show(self.root)))
        return sorted(self.seeds.glob("*.facts.yaml"))

    def no_facts_hint(self) -> str:
        """What to do when seeds/ holds no facts file: draft one from a text there, or start from the example."""
        texts = sorted(self.seeds.glob("*.txt")) if self.seeds.is_dir() else []
        seed = self.show(texts[0]) if texts else f"{self.show(self.seeds)}/NAME.txt"
        return f"run `factsheet extract {seed} --write` to draft one, or `factsheet init --example`"

    def template_files(self) -> list[Path]:
        """Every template in templates/, in name order."""
        if not self.templates.is_dir():
            raise InputError("no templates/ folder in the workspace: run `factsheet init` to add the shipped ones",
                             Location(self.show(self.root)))
        found = sorted(self.templates.glob("*.yaml"))
        return found if self.uses_shipped_templates else [self.confined(p, "template") for p in found]

    def confined(self, path: Path, what: str) -> Path:
        """`path` resolved, refusing one that leads outside the workspace (through a symbolic link)."""
        resolved = path.resolve()
        if not resolved.is_relative_to(self.root):
            raise InputError(f"{what} leaves the workspace (a symbolic link?): {self.show(resolved)}",
                             Location(self.show(path)))
        return path

    def template_path(self, name: str) -> Path:
        """The template file called `name`; an unknown name lists the known ones."""
        path = self.templates / f"{name}.yaml"
        if "/" in name or not path.is_file():
            known = ", ".join(p.stem for p in self.template_files()) or "none"
            own = self.root / "templates" / f"{name}.yaml"
            raise InputError(f"unknown template {name!r} (known: {known}): use one of those, or add "
                             f"{self.show(own)}", Location(self.show(own)))
        return path if self.uses_shipped_templates else self.confined(path, "template")

    def seed_path(self, name: str, where: Location | Callable[[], Location], field: str) -> Path:
        """Resolve a source file named in a facts file; it must stay inside the workspace.

        `where` may be a function, called only to report a problem (locations can be costly to find).
        """

        def fail(message: str) -> InputError:
            return InputError(f"{field}: {message}: {name!r}", where() if callable(where) else where)

        if not name or Path(name).is_absolute():
            raise fail("seed path must be relative to seeds/")
        candidate = (self.seeds / name).resolve()
        if not candidate.is_relative_to(self.root):
            raise fail("seed path leaves the workspace")
        if not candidate.is_file():
            raise fail("seed file not found")
        return candidate


def slug(text: str) -> str:
    """A safe file-name part: lower-case letters, digits and hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "briefing"


def facts_stem(path: Path) -> str:
    """'seeds/x.facts.yaml' -> 'x'."""
    name = path.name
    for suffix in (".facts.yaml", ".facts.yml", ".yaml", ".yml"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return path.stem
