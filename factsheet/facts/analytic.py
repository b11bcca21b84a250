"""The analytic layer of a facts file: bottom line, key judgments, disagreements and end matter.

Kept apart from `factsheet.facts.model` (which holds what the sources say): this
module holds what the analyst concludes from it. Judgments use the estimative
language of US ICD 203 (a fixed likelihood scale) and carry a confidence level;
each rests on facts named by id, checked in `factsheet.facts.refs`.

This module does not import `model`, which imports it for `FactSheet`.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

Ref = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        max_length=64,
        description="The id of a fact, key point, claim or judgment in this facts file.",
    ),
]


class _Strict(BaseModel):
    """Unknown fields are an error; values are frozen (as in `model.Strict`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Likelihood(StrEnum):
    """ICD 203 estimative language: how likely, on a fixed scale of seven terms."""

    almost_no_chance = "almost no chance"
    very_unlikely = "very unlikely"
    unlikely = "unlikely"
    roughly_even_chance = "roughly even chance"
    likely = "likely"
    very_likely = "very likely"
    almost_certain = "almost certain"


LIKELIHOOD_PERCENT = {
    Likelihood.almost_no_chance: "1-5%",
    Likelihood.very_unlikely: "5-20%",
    Likelihood.unlikely: "20-45%",
    Likelihood.roughly_even_chance: "45-55%",
    Likelihood.likely: "55-80%",
    Likelihood.very_likely: "80-95%",
    Likelihood.almost_certain: "95-99%",
}
"""The probability range ICD 203 gives each term, printed in the method note."""

# Terms of the scale as they may be written in prose (longest first, so "very likely" is not read as "likely").
_TERMS = re.compile(
    r"\b(almost no chance|very unlikely|unlikely|roughly even chance|very likely|almost certain(?:ly)?|likely"
    r"|probably|probable|improbable|highly likely|highly unlikely|remote chance|nearly certain)\b",
    re.IGNORECASE,
)


class Confidence(StrEnum):
    """How much the analyst trusts the judgment: the quality and agreement of the sources behind it."""

    low = "low"
    moderate = "moderate"
    high = "high"


class BottomLine(_Strict):
    """One sentence of the bottom line up front."""

    text: str = Field(min_length=3)
    """The sentence, in the analyst's words; every number in it must appear in what it rests on."""
    rests_on: list[Ref] = Field(min_length=1)
    """Ids of the facts, key points, claims or judgments the sentence rests on; at least one."""


class Judgment(_Strict):
    """A key judgment: an estimate with its likelihood and confidence, resting on named facts."""

    id: Ref
    """Unique id of this judgment within the facts file."""
    text: str = Field(min_length=3)
    """The judgment in one or two sentences; if it uses a term of the scale, it must be `likelihood`."""
    likelihood: Likelihood
    """ICD 203 estimative term: almost no chance ... almost certain."""
    confidence: Confidence
    """Low, moderate or high confidence in the judgment."""
    rests_on: list[Ref] = Field(min_length=1)
    """Ids of the facts, key points or claims the judgment rests on; at least one."""
    basis: str | None = None
    """Why this confidence: what the judgment rests on and what would change it."""

    @model_validator(mode="after")
    def _one_scale_term(self) -> Judgment:
        for match in _TERMS.finditer(self.text):
            word = match.group(1).lower().replace("almost certainly", "almost certain")
            if word != self.likelihood.value:
                raise ValueError(
                    f"the text says {match.group(1)!r} but the likelihood is {self.likelihood.value!r}: "
                    "use the scale's own term, the same as `likelihood`"
                )
        return self


class Disagreement(_Strict):
    """Sources that give conflicting values for the same thing, held side by side and never resolved."""

    id: Ref
    """Unique id of this disagreement."""
    about: str = Field(min_length=3)
    """What the values are of: 'Number of Iranian UAVs Russia is to obtain'."""
    facts: list[Ref] = Field(min_length=2)
    """Ids of the facts (costs, transfers, dates or statements) holding the conflicting values; two or more."""
    note: str | None = None
    """The analyst's note on the difference; it does not pick a winner."""


class EndMatter(_Strict):
    """What closes the product: who to contact, how it was made, who may read it."""

    contact: str = Field(min_length=3)
    """Who answers questions about the briefing: a desk, an address."""
    method: str | None = None
    """How the briefing was made and what its sources are, in a few sentences."""
    distribution: str = Field(min_length=3)
    """Who may receive the briefing: 'Releasable to partners; no onward distribution without consent'."""
