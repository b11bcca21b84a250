"""The source documents a facts file cites, and their reliability grades."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from pydantic import Field, model_validator

from factsheet.facts.core import Id, Strict
from factsheet.facts.dates import Precision, as_text, check_date_value
from factsheet.facts.values import PartialDate, Title


class Grade(StrEnum):
    """Source reliability on the NATO/Admiralty scale."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"


GRADE_MEANING = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}


class SourceKind(StrEnum):
    """What kind of document a source is."""

    official = "official"
    news = "news"
    think_tank = "think tank"
    social_media = "social media"
    academic = "academic"
    other = "other"


class Source(Strict):
    """A source document kept in seeds/."""

    id: Id
    """Id that quotes use to name this source."""
    file: str
    """Path of the source text, relative to the seeds/ folder."""
    title: Title
    """Title of the document (the headline for an article)."""
    kind: SourceKind | None = None
    """Official, news, think tank, social media, academic or other."""
    publisher: str | None = None
    """Who published it (outlet, ministry)."""
    author: str | None = None
    """Who wrote it, as credited."""
    date: PartialDate | None = None
    """Publication date if known: YYYY, YYYY-MM or YYYY-MM-DD (the shape is its precision)."""
    date_note: str | None = None
    """How the publication date was established when the document does not state it."""
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    """Where the document was published: https://..."""
    accessed: dt.date | None = None
    """The day the document was read at its URL: YYYY-MM-DD."""
    licence: str | None = None
    """Its licence or reuse terms: 'public domain (US federal work)', 'Open Government Licence v3.0'."""
    language: str | None = Field(default=None, pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
    """Language of the document, a BCP 47 tag: en, nb, uk."""
    reliability: Grade | None = None
    """Reliability grade A-F (NATO/Admiralty scale); None when not graded."""
    relies_on: list[Id] | None = None
    """Ids of other sources in this file that this one takes its information from (not independent of them)."""
    note: str | None = None
    """How the text was obtained, when not from the URL itself: 'as archived in ...'."""

    @model_validator(mode="before")
    @classmethod
    def _bare_dates(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data = {**data, **{k: as_text(data[k]) for k in ("date", "accessed") if k in data}}
        return data

    @model_validator(mode="after")
    def _valid_date(self) -> Source:
        if self.date is not None and check_date_value(self.date) not in (
            Precision.year, Precision.month, Precision.day
        ):
            raise ValueError(f"date {self.date!r}: a publication date is YYYY, YYYY-MM or YYYY-MM-DD")
        return self
