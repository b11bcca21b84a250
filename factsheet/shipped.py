"""What ships inside the package: the default templates, the JSON Schemas and a worked example.

In the repository `factsheet/resources/templates`, `schemas` and `example/*` are symbolic links to
the repository's own templates/, schemas/ and seed, so there is one copy; a wheel carries them as files.
"""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parent / "resources"
TEMPLATES = RESOURCES / "templates"
SCHEMAS = RESOURCES / "schemas"
EXAMPLE = RESOURCES / "example"


def shipped_templates() -> list[Path]:
    """The templates that ship with factsheet, in name order."""
    return sorted(TEMPLATES.glob("*.yaml"))


def shipped_schemas() -> list[Path]:
    """The JSON Schemas for facts and template files, in name order."""
    return sorted(SCHEMAS.glob("*.schema.json"))


def example_seeds() -> list[Path]:
    """The worked example: a source text and its curated facts file."""
    return sorted(p for p in EXAMPLE.iterdir() if p.suffix in (".txt", ".yaml"))
