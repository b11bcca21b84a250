"""Fitting a one-page template: shorten sections, least essential first, until the PDF fits."""

from __future__ import annotations

from collections.abc import Callable

from factsheet.compose.template import Template
from factsheet.facts.model import FactSheet

# Cut from the first kind listed; key points go last.
SHORTEN_ORDER = ("actors", "claims", "timeline", "systems", "costs", "transfers", "gaps", "key_points")
_COUNTED = {"systems": "systems", "transfers": "transfers", "timeline": "dates"}


def shorten(template: Template, sheet: FactSheet) -> Template | None:
    """`template` with one item fewer in its least essential section, or None when nothing is left to cut."""
    for kind in SHORTEN_ORDER:
        for index, section in enumerate(template.sections):
            if section.kind != kind:
                continue
            total = len(getattr(sheet, _COUNTED.get(kind, kind)))
            shown = total if section.limit is None else min(section.limit, total)
            if shown > 1:
                sections = list(template.sections)
                sections[index] = section.model_copy(update={"limit": shown - 1})
                return template.model_copy(update={"sections": sections})
    return None


def fit_one_page(template: Template, sheet: FactSheet, pages_of: Callable[[Template], int]) -> Template:
    """The first shortening of `template` whose briefing `pages_of` measures at one page.

    Returns the most shortened template when even that does not fit.
    """
    current = template
    while pages_of(current) > 1:
        shorter = shorten(current, sheet)
        if shorter is None:
            break
        current = shorter
    return current
