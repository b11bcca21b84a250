"""How facts read in a briefing: dates with their precision, money with its bound."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from factsheet.facts.model import Bound, Cost, DateFact, Money

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


def event_date(date: DateFact) -> str:
    """A dated event's date as printed, saying when the year was inferred."""
    text = partial_date(date.value)
    return f"{text}, year inferred" if date.year_inferred else text


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


def money(value: Money | Cost) -> str:
    """'NOK 90 million'."""
    return f"{value.currency} {amount(value.amount)}"


def cost_phrase(cost: Cost) -> str:
    """'up to NOK 90 million (stated as USD 9.26 million), expected'."""
    bound = "" if cost.bound is Bound.exact else f"{cost.bound.value} "
    text = f"{bound}{money(cost)}"
    if cost.conversion is not None:
        text += f" (stated as {money(cost.conversion)})"
    if cost.expected:
        text += ", expected"
    return text

