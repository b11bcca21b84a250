"""The pieces every fact is made of: ids, dates in place, quotes, standing and attribution, and `Fact` itself.

`Strict` is the base of every model of the fact model; `factsheet.facts.model` re-exports all of it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from factsheet.facts.dates import DateValue, as_text, precision_of

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        max_length=64,
        description="A short, unique, lower-case id (letters, digits, hyphens).",
    ),
]

def _bare_when(value: Any) -> Any:
    """`when: 2022` or `when: 2022-08` typed bare is that date, not the id of a date fact."""
    value = as_text(value)
    if isinstance(value, str) and precision_of(value) is not None:
        return {"value": value}
    return value


When = Annotated[Id | DateValue, BeforeValidator(_bare_when)]
"""A date: the id of a date fact, a date written in place ({value: 2022-08, part: mid}), or just 2022-08."""


class Strict(BaseModel):
    """Base for every model: unknown fields are an error.

    Field docstrings become descriptions in the JSON Schema (`factsheet.schema`),
    read from the source only then: pydantic's use_attribute_docstrings would parse
    this module's source on every start.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)


class Quote(Strict):
    """The exact text of a source that supports a fact."""

    source: Id
    """Id of the source the text is quoted from."""
    text: str = Field(min_length=3)
    """The supporting text, exactly as in the source (whitespace may differ)."""


class Standing(StrEnum):
    """Whether something is established, or rests on someone's word and how."""

    established = "established"
    reported = "reported"
    confirmed = "confirmed"
    claimed = "claimed"
    assessed = "assessed"
    denied = "denied"
    disputed = "disputed"


class Attribution(Strict):
    """Who says so, and how: kept apart from what is established."""

    by: Id
    """Id of the actor the statement is attributed to."""
    how: str = Field(min_length=1)
    """How it is attributed, in the source's words: 'claims', 'according to an unnamed US official'."""
    label: str | None = None
    """The originator as the attribution chain names it: 'US intelligence assessment'."""
    via: list[Id] = []
    """Ids of the actors it passed through before the source, nearest the originator first."""


class Stance(Strict):
    """Another party's position on a fact: who confirms, denies or disputes it."""

    by: Id
    """Id of the actor taking this position."""
    standing: Standing
    """Their position: usually confirmed, denied or disputed."""
    how: str | None = None
    """How they put it, in the source's words: 'Tehran denied supplying drones'."""
    cites: list[Quote] = []
    """Quotes reporting this position, when the fact's own quotes do not."""


class Fact(Strict):
    """Common to every fact: an id, the quotes that support it, and who stands behind it."""

    id: Id
    """Unique id of this fact within the facts file."""
    cites: list[Quote] = Field(min_length=1)
    """The quotes that support this fact; at least one."""
    according_to: Attribution | None = None
    """Set when the fact rests on someone's claim or report rather than being established."""
    standing: Standing | None = None
    """Reported, confirmed, claimed, assessed, denied or disputed (needs 'according_to'); unset means as stated."""
    stances: list[Stance] = []
    """Other parties' positions on it: 'denied by Iran', 'confirmed by the Pentagon'."""
    review: Literal["curated", "draft"] = "curated"
    """'draft' for machine-proposed facts an analyst has not yet reviewed; builds refuse drafts."""

    @model_validator(mode="after")
    def _attributed(self) -> Fact:
        if self.standing is not None and self.standing is not Standing.established and self.according_to is None:
            raise ValueError(f"a {self.standing.value} fact needs 'according_to' (who says so)")
        return self

    def quotes(self) -> list[tuple[tuple[str | int, ...], Quote]]:
        """Every quote of this fact with its path below the fact: ('cites', 0), ('items', 2, 'cites', 0)..."""
        out: list[tuple[tuple[str | int, ...], Quote]] = [(("cites", i), q) for i, q in enumerate(self.cites)]
        for si, stance in enumerate(self.stances):
            out.extend((("stances", si, "cites", i), q) for i, q in enumerate(stance.cites))
        return out
