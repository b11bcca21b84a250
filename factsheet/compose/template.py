"""Briefing templates: data files that choose sections, order, titles, paper and marking."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SectionKind = Literal[
    "key_points", "transfers", "packages", "systems", "claims", "actors", "places", "timeline", "events", "costs",
    "gaps", "notes", "changes", "bottom_line", "judgments", "disagreements", "end_matter",
]


class TemplateSection(BaseModel):
    """One section of the briefing."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: SectionKind
    """Which section: key_points, transfers, packages, systems, claims, actors, places, timeline, events, costs,
    gaps, notes, changes, or the analytic ones: bottom_line, judgments, disagreements, end_matter."""
    title: str | None = None
    """The heading printed; defaults to the kind's usual title."""
    limit: int | None = Field(default=None, ge=1)
    """Show at most this many items (the briefing says how many were left out)."""
    compact: bool = False
    """A shorter form: fewer columns, package items in one line, quotes shortened in notes."""
    figure: bool = False
    """Add the section's figure: the supply network for transfers, the timeline strip for timeline."""


class Template(BaseModel):
    """A briefing template."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str = ""
    """What this template is for."""
    paper: Literal["a4", "letter"] = "a4"
    """Paper size: a4 or letter."""
    marking: str = "UNCLASSIFIED"
    """The marking line printed at the top of every page."""
    one_page: bool = False
    """The briefing must fit on one page; sections are shortened (and said so) when it does not."""
    sections: list[TemplateSection] = Field(min_length=1)
    """The sections, in order."""


@dataclass(frozen=True)
class LoadedTemplate:
    """A validated template and its name (the file name without .yaml)."""

    name: str
    template: Template
    path: Path
    digest: str = ""  # sha256 of the bytes read, recorded in the build manifest


def load_template(path: Path, shown: str) -> LoadedTemplate:
    """Load and validate one template file, with path:line errors."""
    return _load_cached(path, shown, path.stat().st_mtime_ns)


@cache
def _load_cached(path: Path, shown: str, _mtime: int) -> LoadedTemplate:
    from factsheet.facts.load import validate_model
    from factsheet.manifest import text_hash
    from factsheet.yamlio import load_yaml

    document = load_yaml(path, shown)
    template: Template = validate_model(Template, document)
    return LoadedTemplate(path.stem, template, path, text_hash(document.text))
