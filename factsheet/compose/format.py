"""How facts read in a briefing: dates with their precision, money with its bound."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from factsheet.facts.model import Amount, Bound, CostKind, DateValue, Money, Precision, Quantity, Relation

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTHS_LONG = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)

_SCALES = ((Decimal(10) ** 12, "trillion"), (Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million"))


def partial_date(value: str) -> str:
    """'2022' -> '2022', '2022-08' -> 'Aug 2022', '2022-08-24' -> '24 Aug 2022'."""
    parts = value.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{int(parts[2])} {month} {parts[0]}"


DASH = "\u2013"  # an en dash joins the ends of a range

_HALVES = {"H1": "first half of", "H2": "second half of"}


def period_text(value: str) -> str:
    """A date value as read: '2022-H2' -> 'second half of 2022', '2022-Q3' -> 'Q3 2022', '2022-summer' too."""
    year, _, rest = value.partition("-")
    if rest in _HALVES:
        return f"{_HALVES[rest]} {year}"
    if rest.startswith("Q"):
        return f"{rest} {year}"
    if rest.isalpha():
        return f"{rest} {year}"
    return partial_date(value)


def _range(start: str, end: str) -> str:
    """'Mar 2023' and 'May 2023' -> 'Mar-May 2023' (with an en dash); otherwise both in full."""
    a, b = period_text(start), period_text(end)
    if start[:4] == end[:4] and len(start) == len(end) == 7:
        return f"{a.split()[0]}{DASH}{b}"
    return f"{a} {DASH} {b}"


def event_date(date: DateValue) -> str:
    """A date as printed, no more precise than known: 'mid-2022', 'since Jul 2022', 'by the end of 2024',
    '24 Aug 2022, year inferred'."""
    text = _range(date.value, date.end) if date.end else period_text(date.value)
    if date.part is not None:
        text = f"{date.part.value}-{text}" if date.known_to is Precision.year else f"{date.part.value} {text}"
    if date.relation is Relation.by:
        text = f"by {text}" if date.known_to is Precision.day or date.part else f"by the end of {text}"
    elif date.relation is not Relation.on:
        text = f"{date.relation.value} {text}"
    return f"{text}, year inferred" if date.year_inferred else text


def quantity(value: Quantity) -> str:
    """A quantity as an analyst writes it: 'more than 20 million rounds', '10-20' (en dash), 'millions'."""
    if value.value is not None:
        bound = "" if value.bound is Bound.exact else f"{value.bound.value} "
        text = f"{bound}{amount(value.value)}"
    elif value.min is not None and value.max is not None:
        text = f"{amount(value.min)}{DASH}{amount(value.max)}"
    else:
        return value.stated or ""
    return f"{text} {value.unit}" if value.unit else text


def long_date(value: dt.date) -> str:
    """'25 November 2026'."""
    return f"{value.day} {MONTHS_LONG[value.month - 1]} {value.year}"


def amount(value: Decimal) -> str:
    """A human amount: 90000000 -> '90 million', 9260000 -> '9.26 million', 1500 -> '1,500'."""
    for scale, word in _SCALES:
        if abs(value) >= scale:
            scaled = (value / scale).normalize()
            text = f"{scaled:f}"
            return f"{text} {word}"
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value.normalize():,f}"


def money(value: Money | Amount) -> str:
    """'NOK 90 million'."""
    return f"{value.currency} {amount(value.amount)}"


_KIND_WORDS = {
    CostKind.per_unit: " per unit",
    CostKind.production: " per unit to produce",
    CostKind.price_paid: " paid",
    CostKind.cumulative: " (running total)",
}


def cost_phrase(cost: Amount) -> str:
    """'up to NOK 90 million (stated as USD 9.26 million), expected'; a per-unit, production or running
    amount always says so ('USD 20,000 per unit to produce'), a rate its period ('GBP 3 billion per year')."""
    bound = "" if cost.bound is Bound.exact else f"{cost.bound.value} "
    text = f"{bound}{money(cost)}"
    if cost.kind is CostKind.rate and cost.per is not None:
        text += f" per {cost.per.value}"
    text += _KIND_WORDS.get(cost.kind, "")
    if cost.prices:
        text += f" ({cost.prices})"
    if cost.conversion is not None:
        text += f" (stated as {money(cost.conversion)})"
    if cost.expected:
        text += ", expected"
    if cost.note:
        text += f"; {cost.note}"
    return text

