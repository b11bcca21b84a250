"""Fitting a one-page template: shorten sections, least essential first, until the PDF fits."""

from __future__ import annotations

from collections.abc import Callable

from factsheet.compose.template import Template
from factsheet.facts.model import FactSheet

# How much each section is worth keeping: the section with most items per unit of importance is cut first.
IMPORTANCE = {
    "key_points": 6.0, "transfers": 3.0, "gaps": 2.0, "costs": 2.0, "timeline": 1.5,
    "claims": 1.0, "systems": 1.0, "actors": 0.5, "judgments": 12.0, "disagreements": 8.0,
}
_COUNTED = {"timeline": "dates"}


def shorten(template: Template, sheet: FactSheet) -> Template | None:
    """`template` with one item fewer in the section most worth cutting, or None when nothing is left to cut."""
    best: tuple[float, int, int] | None = None
    for index, section in enumerate(template.sections):
        if section.kind not in IMPORTANCE:
            continue
        total = len(getattr(sheet, _COUNTED.get(section.kind, section.kind)))
        shown = total if section.limit is None else min(section.limit, total)
        if shown > 1:
            score = shown / IMPORTANCE[section.kind]
            if best is None or score > best[0]:
                best = (score, index, shown)
    if best is None:
        return None
    _, index, shown = best
    sections = list(template.sections)
    sections[index] = sections[index].model_copy(update={"limit": shown - 1})
    return template.model_copy(update={"sections": sections})


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
