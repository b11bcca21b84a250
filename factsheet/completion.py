"""Shell completion of template names, facts files and seed texts (Click's _FACTSHEET_COMPLETE).

Each callback reads the workspace named by --root when it was typed before, else the current folder.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # plain strings are returned: Click makes them completion items, and --help imports less
    import click


def _root(ctx: click.Context) -> Path:
    root = ctx.params.get("root")
    return Path(root) if root else Path.cwd()


def _files(ctx: click.Context, pattern: str, incomplete: str) -> list[str]:
    seeds = _root(ctx) / "seeds"
    found: list[str] = []
    for path in sorted(seeds.glob(pattern)):
        shown = os.path.relpath(path)
        if shown.startswith(incomplete) or path.name.startswith(incomplete):
            found.append(shown)
    return found


def complete_facts(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[str]:
    """The facts files in seeds/ (seeds/NAME.facts.yaml)."""
    return _files(ctx, "*.facts.yaml", incomplete)


def complete_seeds(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[str]:
    """The source texts in seeds/ (seeds/NAME.txt)."""
    return _files(ctx, "*.txt", incomplete)


def complete_templates(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[str]:
    """The template names of the workspace (templates/NAME.yaml), or the shipped ones when it has none."""
    from factsheet.shipped import TEMPLATES

    folder = _root(ctx) / "templates"
    if not folder.is_dir():
        folder = TEMPLATES
    return [p.stem for p in sorted(folder.glob("*.yaml")) if p.stem.startswith(incomplete)]
