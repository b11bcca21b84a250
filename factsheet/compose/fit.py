"""Fitting a one-page template: shorten sections, least essential first, until the PDF fits."""

from __future__ import annotations

from collections.abc import Callable

from factsheet.compose.sections import SECTIONS
from factsheet.compose.template import Template
from factsheet.facts.model import FactSheet


def shorten(template: Template, sheet: FactSheet) -> Template | None:
    """`template` with one item fewer in the section most worth cutting, or None when nothing is left to cut."""
    best: tuple[float, int, int] | None = None
    for index, section in enumerate(template.sections):
        # The section with most items per unit of importance is cut first.
        importance = SECTIONS[section.kind].importance
        if importance is None:
            continue
        total = SECTIONS[section.kind].count(sheet)
        shown = total if section.limit is None else min(section.limit, total)
        if shown > 1:
            score = shown / importance
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
    if pages_of(current) <= 1:
        return current
    while True:
        shorter = shorten(current, sheet)
        if shorter is None:
            return current
        current = shorter
        if pages_of(current) <= 1:
            break
    # One big item (a package with its list) can free far more room than needed: give back
    # what still fits, most important sections first.
    order = sorted(range(len(current.sections)),
                   key=lambda i: -(SECTIONS[current.sections[i].kind].importance or 0))
    for index in order:
        while True:
            section = current.sections[index]
            if section.limit is None or section.limit == template.sections[index].limit:
                break
            total = SECTIONS[section.kind].count(sheet)
            limit = section.limit + 1
            original = template.sections[index].limit
            grown = None if limit >= total and original is None else limit
            sections = list(current.sections)
            sections[index] = section.model_copy(update={"limit": grown})
            candidate = current.model_copy(update={"sections": sections})
            if pages_of(candidate) > 1:
                break
            current = candidate
    return current
