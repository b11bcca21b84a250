"""Fitting a one-page template: shorten sections, least essential first, until the PDF fits.

Shortening is a fixed sequence: step k removes one item from the section most worth
cutting after k-1 removals. Rendering is what costs, so the sequence is worked out
without rendering and searched in a bounded number of renders: the first render says
how many pages the full briefing takes, which estimates the step to try, a doubling
gallop finds a step that fits beside one that does not, and a binary search between
them finds the first step that fits. A briefing far too long for a page is never
rendered whole: the gallop starts from the shortest step instead. One big item (a package with its list) can free far
more room than needed, so items are then given back, most important sections first, as
many as still fit (a binary search per section). Fewer items never make a briefing longer,
so this finds what trying every step in turn finds (`fit_one_page_linear`, the reference).
"""

from __future__ import annotations

from collections.abc import Callable

from factsheet.compose.sections import SECTIONS
from factsheet.compose.template import Template
from factsheet.facts.model import FactSheet

Limits = tuple[int | None, ...]
DROPPABLE = 2.0
"""Sections whose items are worth at most this much (costs, gaps, timeline, tables of actors...) may be left out
whole on a one-pager, once every section is down to one item; the briefing says which were."""
PagesOf = Callable[[Template], int]


def limits_of(template: Template, sheet: FactSheet) -> Limits:
    """How many items each section of `template` shows (None for sections never shortened)."""
    shown: list[int | None] = []
    for section in template.sections:
        if SECTIONS[section.kind].importance is None:
            shown.append(None)
            continue
        total = SECTIONS[section.kind].count(sheet)
        shown.append(total if section.limit is None else min(section.limit, total))
    return tuple(shown)


def _cut_one(template: Template, shown: list[int | None]) -> bool:
    """Remove one item from the section most worth cutting, in place; False when nothing is left to cut."""
    best: tuple[float, int] | None = None
    for index, count in enumerate(shown):
        importance = SECTIONS[template.sections[index].kind].importance
        if count is not None and importance is not None and count > 1:
            # The section with most items per unit of importance is cut first.
            score = count / importance
            if best is None or score > best[0]:
                best = (score, index)
    if best is None:
        # Every section is down to one item: leave out whole minor sections, least important first.
        # Sections worth more than DROPPABLE (judgments, key points, disagreements, packages, transfers)
        # and those never shortened (the bottom line, notes, end matter) are never left out.
        for index, count in enumerate(shown):
            importance = SECTIONS[template.sections[index].kind].importance
            droppable = count == 1 and importance is not None and importance <= DROPPABLE
            if droppable and importance is not None and (best is None or -importance > best[0]):
                best = (-importance, index)
    if best is None:
        return False
    count = shown[best[1]]
    assert count is not None
    shown[best[1]] = count - 1
    return True


def shortening_steps(template: Template, sheet: FactSheet) -> list[Limits]:
    """The limits of every section after 0, 1, 2, ... removals: down to one item per section, then minor
    sections left out whole."""
    shown = list(limits_of(template, sheet))
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


def _give_back_order(template: Template) -> list[int]:
    """Section indexes, most important first (items are given back in this order)."""
    return sorted(range(len(template.sections)), key=lambda i: -(SECTIONS[template.sections[i].kind].importance or 0))


# Above this many items the full briefing cannot be one page, and rendering it costs (a 2,000-transfer
# one-pager takes seconds): the search starts from the shortest step instead. Speed only: either way
# the search finds what `fit_one_page_linear` finds.
SHORT_FIRST_ABOVE = 150


def _items(limits: Limits) -> int:
    return sum(count or 0 for count in limits)


def fit_one_page(template: Template, sheet: FactSheet, pages_of: PagesOf) -> Template:
    """The shortening of `template` that `fit_one_page_linear` finds, in a bounded number of renders.

    About 2 + 2 log2(steps) renders to find the first step that fits, and about 2 log2(items)
    per shortened section to give items back, whatever the size of the facts. A briefing of
    more than `SHORT_FIRST_ABOVE` items is searched from its shortest step upwards, so that no
    render shows much more than twice what fits on the page.
    """
    steps = shortening_steps(template, sheet)
    full = steps[0]
    pages: dict[Limits, int] = {}

    def fits(limits: Limits) -> bool:
        if limits not in pages:
            pages[limits] = pages_of(with_limits(template, limits, full))
        return pages[limits] <= 1

    last = len(steps) - 1
    short_first = _items(full) > SHORT_FIRST_ABOVE
    if short_first:
        found = _first_fitting_from_shortest(steps, fits)
    elif fits(full) or last == 0:
        return template
    else:
        found = _first_fitting_from_full(steps, pages[full], fits)
    if found is None:
        return with_limits(template, steps[last], full)
    current = list(steps[found])
    for index in _give_back_order(template):
        shown, most = current[index], full[index]
        if shown is None or most is None or shown == most:
            continue
        keep, over = shown, most + 1  # `keep` items fit; `over` is known not to (or is past the end)
        if short_first:
            # Gallop up from what fits, so that no render shows far more than fits.
            stride = 1
            while keep + stride < over:
                if not fits((*current[:index], keep + stride, *current[index + 1:])):
                    over = keep + stride
                    break
                keep += stride
                stride *= 2
        while over - keep > 1:
            middle = (keep + over) // 2
            if fits((*current[:index], middle, *current[index + 1:])):
                keep = middle
            else:
                over = middle
        current[index] = keep
    return with_limits(template, tuple(current), full)


def _first_fitting_from_full(steps: list[Limits], full_pages: int, fits: Callable[[Limits], bool]) -> int | None:
    """The first step that fits, the full one known not to: guessed from its page count, then searched.

    The guess is followed by a gallop away from it with a doubling stride until one step fits and
    one does not: renders stay near the answer, where briefings are short and cheap.
    """
    last = len(steps) - 1
    guess = min(last, max(1, round(last * (1 - 1 / full_pages))))
    stride = max(1, last // 32)
    if fits(steps[guess]):
        high = guess
        while high - stride > 0 and fits(steps[high - stride]):
            high -= stride
            stride *= 2
        low = max(0, high - stride)
    else:
        low = guess
        while True:
            if low == last:
                return None
            high = min(last, low + stride)
            if fits(steps[high]):
                break
            low, stride = high, stride * 2
    return _bisect(steps, low, high, fits)


def _first_fitting_from_shortest(steps: list[Limits], fits: Callable[[Limits], bool]) -> int | None:
    """The first step that fits, found by galloping from the shortest step towards the full one.

    Step k shows one item more than step k + 1, so the first render that does not fit shows
    at most about twice the items of the last one that did.
    """
    last = len(steps) - 1
    if not fits(steps[last]):
        return None
    high, stride = last, 1
    while high > 0:
        low = max(0, high - stride)
        if not fits(steps[low]):
            return _bisect(steps, low, high, fits)
        high, stride = low, stride * 2
    return 0


def _bisect(steps: list[Limits], low: int, high: int, fits: Callable[[Limits], bool]) -> int:
    """The first step that fits, `low` known not to and `high` known to."""
    while high - low > 1:
        middle = (low + high) // 2
        if fits(steps[middle]):
            high = middle
        else:
            low = middle
    return high


def fit_one_page_linear(template: Template, sheet: FactSheet, pages_of: PagesOf) -> Template:
    """The reference for `fit_one_page`: one render per shortening step, then one per item given back."""
    steps = shortening_steps(template, sheet)
    full = steps[0]
    chosen = next((limits for limits in steps if pages_of(with_limits(template, limits, full)) <= 1), None)
    if chosen is None:
        return with_limits(template, steps[-1], full)
    current = list(chosen)
    for index in _give_back_order(template):
        while current[index] is not None and current[index] != full[index]:
            count = current[index]
            assert count is not None
            candidate = (*current[:index], count + 1, *current[index + 1:])
            if pages_of(with_limits(template, candidate, full)) > 1:
                break
            current[index] = count + 1
    return with_limits(template, tuple(current), full)
