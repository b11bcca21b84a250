"""Numbers as sources state them: quantities of things, and amounts of money with their kind."""

from __future__ import annotations

import re
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from factsheet.facts.currencies import ISO_4217
from factsheet.facts.values import Count, PositiveAmount


def _iso_4217(value: str) -> str:
    if value not in ISO_4217:
        raise ValueError(f"{value!r} is not an ISO 4217 currency code (e.g. USD, EUR, NOK)")
    return value


Currency = Annotated[str, AfterValidator(_iso_4217)]


class Bound(StrEnum):
    """How the stated number bounds the real one."""

    exact = "exact"
    about = "about"
    nearly = "nearly"
    up_to = "up to"
    at_least = "at least"
    more_than = "more than"


class Quantity(BaseModel):
    """How many, as the source says: a number or a range, its bound and unit, and the words used."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    value: Count | None = None
    """The number stated: 2000 for '2,000 Javelin'; leave out for a range or words alone."""
    min: Count | None = None
    """Lower end of a stated range ('10 to 20'); needs max."""
    max: Count | None = None
    """Upper end of a stated range; needs min."""
    bound: Bound = Bound.exact
    """How the number bounds the real one: 'over 20 million' is more than, 'approximately 2,600' about."""
    unit: str | None = None
    """What is counted when not the system itself: 'rounds', 'sets', 'batches'."""
    stated: str | None = None
    """The words as the source states them: 'millions', 'hundreds', 'over 20 million rounds'."""
    magnitude: int | None = Field(default=None, ge=0, le=15)
    """Order of magnitude of words without a number, as a power of ten: 'millions' is 6, 'hundreds' 2."""

    @model_validator(mode="before")
    @classmethod
    def _bare_number(cls, data: Any) -> Any:
        if isinstance(data, int | Decimal) and not isinstance(data, bool):
            return {"value": data}
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Quantity:
        ranged = self.min is not None or self.max is not None
        if ranged and (self.min is None or self.max is None):
            raise ValueError("a range needs both 'min' and 'max'")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"the range's minimum ({self.min}) exceeds its maximum ({self.max})")
        if ranged and self.value is not None:
            raise ValueError("give either 'value' or a range ('min' and 'max'), not both")
        if self.value is None and not ranged and not self.stated:
            raise ValueError("a quantity needs a 'value', a range ('min' and 'max') or the words 'stated'")
        if self.bound is not Bound.exact and self.value is None:
            raise ValueError(f"bound '{self.bound.value}' needs a 'value'")
        return self


class CostKind(StrEnum):
    """What an amount of money is."""

    total = "total value"
    per_unit = "per unit"
    production = "production cost"
    price_paid = "price paid"
    cumulative = "cumulative total"
    rate = "rate"


class Period(StrEnum):
    """The period of a rate: '£3 billion per year'."""

    year = "year"
    quarter = "quarter"
    month = "month"
    week = "week"
    day = "day"


class Money(BaseModel):
    """An amount of money in one currency."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    amount: PositiveAmount
    """The amount, in units of the currency (not thousands or millions)."""
    currency: Currency
    """ISO 4217 code, e.g. NOK, USD."""


class Amount(BaseModel):
    """An amount of money as a source states it: how much, of what kind, how bounded."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    amount: PositiveAmount
    """The amount, in units of the currency: 800000000 for '$800 million'."""
    currency: Currency
    """ISO 4217 code of the amount."""
    bound: Bound = Bound.exact
    """How the stated amount bounds the real one."""
    kind: CostKind = CostKind.total
    """Total value (default), per unit, production cost, price paid, cumulative total or rate."""
    per: Period | None = None
    """The period of a rate: year, quarter, month, week or day; only and always with kind 'rate'."""
    prices: str | None = None
    """The price basis as stated: 'in 2018 prices', 'current prices'."""
    conversion: Money | None = None
    """The conversion as the source states it (not computed by us)."""
    expected: bool = False
    """True when the source gives an expected, not a final, amount."""
    note: str | None = None
    """A short analyst's note printed with the amount."""

    @model_validator(mode="after")
    def _rate_has_period(self) -> Amount:
        if self.kind is CostKind.rate and self.per is None:
            raise ValueError("a rate needs 'per' (year, quarter, month, week or day)")
        if self.per is not None and self.kind is not CostKind.rate:
            raise ValueError(f"'per' is only for kind 'rate', not '{self.kind.value}'")
        return self


_BOUND_WORDS = (
    (("more than", "over", "in excess of"), Bound.more_than),
    (("at least",), Bound.at_least),
    (("up to",), Bound.up_to),
    (("nearly", "almost"), Bound.nearly),
    (("about", "around", "approximately", "some", "roughly"), Bound.about),
)
_MAGNITUDES = {"tens of thousands": 4, "thousands": 3, "millions": 6, "billions": 9, "hundreds": 2, "dozens": 1}
_SCALE = {"thousand": Decimal(10) ** 3, "million": Decimal(10) ** 6, "billion": Decimal(10) ** 9}
_NUMBER = re.compile(r"^(\d[\d,]*(?:\.\d+)?)(?:\s+(thousand|million|billion))?(?:\s+(.*))?$")


def quantity_from_words(text: str) -> Quantity:
    """A quantity read from the words a source uses: 'over 20 million rounds', 'hundreds', '2,000'.

    Words it cannot read as a number are kept as stated, with their order of magnitude when known.
    """
    words = " ".join(text.split())
    rest, bound = words.lower(), Bound.exact
    for phrases, found in _BOUND_WORDS:
        phrase = next((p for p in phrases if rest.startswith(p + " ")), None)
        if phrase:
            rest, bound = rest[len(phrase) + 1 :], found
            break
    number = _NUMBER.match(rest)
    if number:
        value = Decimal(number.group(1).replace(",", "")) * _SCALE.get(number.group(2) or "", Decimal(1))
        unit = words[len(words) - len(number.group(3)) :] if number.group(3) else None
        return Quantity(value=value, bound=bound, unit=unit, stated=words)
    magnitude = next((m for w, m in _MAGNITUDES.items() if rest.startswith(w)), None)
    return Quantity(stated=words, magnitude=magnitude)
