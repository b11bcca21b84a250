"""Value types that refuse what cannot be right, each at its field's line: titles, dates, languages, amounts.

Kept apart from the model so that the limits are stated once and read in one place; the model only names
these types.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, WithJsonSchema

FIRST_YEAR, LAST_YEAR = 1900, 2100
MAX_TITLE = 300  # characters: a title fills at most a few lines of a running head
MAX_AMOUNT = Decimal(10) ** 15  # a quadrillion units of any currency is a typing slip
MAX_DIGITS = 20  # significant digits an amount may carry (more would be rounded somewhere)
FUTURE_SLACK = dt.timedelta(days=1)  # an as-of date may be 'tomorrow' somewhere on Earth


def _title(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    if len(value) > MAX_TITLE:
        raise ValueError(f"has {len(value)} characters; a title has at most {MAX_TITLE} characters")
    return value


def check_year(year: int) -> None:
    """Raise ValueError for a year outside FIRST_YEAR..LAST_YEAR."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"year {year} is outside {FIRST_YEAR}-{LAST_YEAR}")


_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _partial_date(value: str) -> str:
    """YYYY, YYYY-MM or YYYY-MM-DD naming a real date within the supported years."""
    match = _PARTIAL_DATE.match(value.strip())
    if not match:
        raise ValueError(f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    check_year(year)
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        raise ValueError(f"{value!r} is not a real date") from None
    return value.strip()


def _as_of(value: dt.date) -> dt.date:
    check_year(value.year)
    if value > dt.date.today() + FUTURE_SLACK:
        raise ValueError(f"{value.isoformat()} is in the future; the as-of date is when the information was current")
    return value


# BCP 47 (RFC 5646) language tags: language, optional script, region and variants, extensions, private use.
_BCP47 = re.compile(
    r"^(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})"
    r"(?:-[a-z]{4})?"
    r"(?:-(?:[a-z]{2}|\d{3}))?"
    r"(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*"
    r"(?:-[a-wyz\d](?:-[a-z\d]{2,8})+)*"
    r"(?:-x(?:-[a-z\d]{1,8})+)?$|^x(?:-[a-z\d]{1,8})+$",
    re.IGNORECASE,
)


def _language(value: str) -> str:
    if not _BCP47.match(value):
        raise ValueError(f"{value!r} is not a BCP 47 language tag (for example en-GB, de, uk, pt-BR)")
    return value


def _number(value: Decimal) -> Decimal:
    """A finite number within range, with no more digits than can be kept exactly."""
    if not value.is_finite():
        raise ValueError("must be a finite number")
    if value.copy_abs() > MAX_AMOUNT:  # copy_abs, unlike abs(), never rounds or overflows
        raise ValueError(f"must be at most {MAX_AMOUNT:,} (write the amount in units of the currency)")
    digits = len(format(value, "f").replace(".", "").strip("0"))  # normalize() would round to 28 digits
    if digits > MAX_DIGITS:
        raise ValueError(f"has {digits} significant digits; at most {MAX_DIGITS} are kept exactly")
    return value


def _positive(value: Decimal) -> Decimal:
    if value <= 0:
        raise ValueError("must be greater than 0")
    return value


def _not_negative(value: Decimal) -> Decimal:
    if value < 0:
        raise ValueError("must be 0 or more")
    return value


def _no_float(value: object) -> object:
    # An amount read as a binary float would already be rounded: the loader reads YAML floats as Decimal.
    if isinstance(value, float):
        return Decimal(repr(value))
    return value


Title = Annotated[str, AfterValidator(_title)]
"""A non-empty title of reasonable length."""

PartialDate = Annotated[str, AfterValidator(_partial_date), WithJsonSchema({"type": ["string", "integer"]})]
"""A date known to the year, month or day: YYYY, YYYY-MM or YYYY-MM-DD (a bare year may be typed as a number)."""

AsOf = Annotated[dt.date, AfterValidator(_as_of)]
"""The date information is current to: within the supported years, not in the future."""

LanguageTag = Annotated[str, AfterValidator(_language)]
"""A BCP 47 language tag."""

PositiveAmount = Annotated[Decimal, BeforeValidator(_no_float), AfterValidator(_number), AfterValidator(_positive)]
"""A positive amount of money, exact, within range."""

Count = Annotated[Decimal, BeforeValidator(_no_float), AfterValidator(_number), AfterValidator(_not_negative)]
"""A number of things (0 or more), exact, within range."""
