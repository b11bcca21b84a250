"""Fitting a one-page template: shorten sections, least essential first, until the PDF fits.

Shortening is a fixed sequence: step k removes one item from the section most worth
cutting after k-1 removals. Rendering is what costs, so the sequence is worked out
without rendering and searched in a bounded number of renders: the first render says
how many pages the full briefing takes, which estimates the step to try next, and a
binary search between a step that does not fit and one that does finds the first step
that fits. Fewer items never make a briefing longer, so this is the same step that
trying every one in turn finds (`fit_one_page_linear`, kept as the reference).
"""

from __future__ import annotations

from collections.abc import Callable

from factsheet.compose.template import Template
from factsheet.facts.model import FactSheet

# How much each section is worth keeping: the section with most items per unit of importance is cut first.
IMPORTANCE = {
    "key_points": 6.0, "transfers": 3.0, "gaps": 2.0, "costs": 2.0, "timeline": 1.5,
    "claims": 1.0, "systems": 1.0, "actors": 0.5,
}
_COUNTED = {"timeline": "dates"}

Limits = tuple[int | None, ...]


def _shown(template: Template, sheet: FactSheet) -> list[int | None]:
    """Items each section shows now (None for sections that are never shortened)."""
    shown: list[int | None] = []
    for section in template.sections:
        if section.kind not in IMPORTANCE:
            shown.append(None)
            continue
        total = len(getattr(sheet, _COUNTED.get(section.kind, section.kind)))
        shown.append(total if section.limit is None else min(section.limit, total))
    return shown


def _cut_one(template: Template, shown: list[int | None]) -> bool:
    """Remove one item from the section most worth cutting, in place; False when nothing is left to cut."""
    best: tuple[float, int] | None = None
    for index, count in enumerate(shown):
        if count is not None and count > 1:
            score = count / IMPORTANCE[template.sections[index].kind]
            if best is None or score > best[0]:
                best = (score, index)
    if best is None:
        return False
    count = shown[best[1]]
    assert count is not None
    shown[best[1]] = count - 1
    return True


def limits_of(template: Template, sheet: FactSheet) -> Limits:
    """How many items each section of `template` shows (None for sections never shortened)."""
    return tuple(_shown(template, sheet))


def shortening_steps(template: Template, sheet: FactSheet) -> list[Limits]:
    """The limits of every section after 0, 1, 2, ... removals, down to one item per section."""
    shown = _shown(template, sheet)
    steps: list[Limits] = [tuple(shown)]
    while _cut_one(template, shown):
        steps.append(tuple(shown))
    return steps


def with_limits(template: Template, limits: Limits, original: Limits) -> Template:
    """`template` with each shortened section's limit set; sections not cut keep theirs."""
    if limits == original:
        return template
    sections = [
        section if limit == before else section.model_copy(update={"limit": limit})
        for section, limit, before in zip(template.sections, limits, original, strict=True)
    ]
    return template.model_copy(update={"sections": sections})


def shorten(template: Template, sheet: FactSheet) -> Template | None:
    """`template` with one item fewer in the section most worth cutting, or None when nothing is left to cut."""
    steps = shortening_steps(template, sheet)
    return with_limits(template, steps[1], steps[0]) if len(steps) > 1 else None


def fit_one_page(template: Template, sheet: FactSheet, pages_of: Callable[[Template], int]) -> Template:
    """The first shortening of `template` whose briefing `pages_of` measures at one page.

    Returns the most shortened template when even that does not fit. Calls `pages_of`
    about 2 + 2 log2(steps) times at most, whatever the size of the facts.
    """
    steps = shortening_steps(template, sheet)
    pages: dict[int, int] = {}

    def measure(step: int) -> int:
        if step not in pages:
            pages[step] = pages_of(with_limits(template, steps[step], steps[0]))
        return pages[step]

    last = len(steps) - 1
    if measure(0) <= 1 or last == 0:
        return with_limits(template, steps[0 if measure(0) <= 1 else last], steps[0])
    # Too long at step 0. Guess the step from the page count, then gallop away from the guess with a
    # doubling stride until one step fits and one does not; renders stay near the answer, where
    # briefings are short and cheap to render.
    guess = min(last, max(1, round(last * (1 - 1 / measure(0)))))
    stride = max(1, last // 32)
    if measure(guess) <= 1:
        high, low = guess, 0
        while high - stride > 0 and measure(high - stride) <= 1:
            high -= stride
            stride *= 2
        low = max(0, high - stride)
    else:
        low = guess
        while True:
            if low == last:
                return with_limits(template, steps[last], steps[0])
            high = min(last, low + stride)
            if measure(high) <= 1:
                break
            low, stride = high, stride * 2
    # Now `low` does not fit and `high` does: binary search for the first step that fits.
    while high - low > 1:
        middle = (low + high) // 2
        if measure(middle) <= 1:
            high = middle
        else:
            low = middle
    return with_limits(template, steps[high], steps[0])


def fit_one_page_linear(template: Template, sheet: FactSheet, pages_of: Callable[[Template], int]) -> Template:
    """The reference for `fit_one_page`: try every shortening in turn (one render per step)."""
    steps = shortening_steps(template, sheet)
    for limits in steps:
        candidate = with_limits(template, limits, steps[0])
        if pages_of(candidate) <= 1:
            return candidate
    return with_limits(template, steps[-1], steps[0])
