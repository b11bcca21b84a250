"""Characters the briefing font cannot draw, found before rendering and reported by fact and field."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from factsheet.diagnostics import Diagnostic
from factsheet.yamlio import PathKey, YamlDocument


def strings(value: Any, key: PathKey = ()) -> Iterator[tuple[PathKey, str]]:
    """Every string inside a model or plain value, with the path that leads to it."""
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from strings(getattr(value, name), (*key, name))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from strings(item, (*key, index))


def undrawable(
    model: BaseModel, document: YamlDocument, covered: frozenset[int], font: str
) -> list[Diagnostic]:
    """A warning for each field holding characters outside `covered` (whitespace and controls aside).

    `font` names what cannot draw them, in the message: a face, or the whole fallback chain.
    """
    problems = []
    for key, text in strings(model):
        missing = sorted({ch for ch in text if ord(ch) not in covered and not _invisible(ch)})
        if not missing:
            continue
        shown = ", ".join(f"U+{ord(ch):04X} {unicodedata.name(ch, '?')}" for ch in missing[:5])
        more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        field = ".".join(str(part) for part in key)
        problems.append(
            Diagnostic(
                document.location(key),
                f"{field}: {font} cannot draw {shown}{more}; they will print as blank boxes",
                "warning",
            )
        )
    return problems


def _invisible(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch) in {"Cc", "Cf", "Cs"}
