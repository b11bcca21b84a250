"""The gazetteer: weapon systems, countries and organisations, with the names sources use for them.

The shipped list is `factsheet/resources/gazetteer.yaml`; a workspace extends it with
`seeds/gazetteer.yaml` in the same format (an entry with a shipped entry's name replaces it).
Matching is case-sensitive and whole-word, and tolerant of hyphen/space variants in names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import Field

from factsheet.facts.model import ActorKind, Strict, SystemCategory

HitKind = Literal["system", "country", "organisation", "person"]
Via = Literal["name", "alias", "capital", "demonym"]


class SystemEntry(Strict):
    """A weapon system or munition the extractor recognises by name."""

    name: str
    """The designation drafts use, e.g. 'Shahed-136'."""
    aliases: list[str] = Field(default_factory=list)
    """Other names sources use: 'Geran-2'."""
    category: SystemCategory
    """Broad category, one of the fact model's system categories."""
    family: str | None = None
    """Family or series, e.g. 'Shahed'."""
    origin: str | None = None
    """Name of the country of origin (for the reviewer; drafts take origin only from the text)."""
    manufacturer: str | None = None
    """Name of the manufacturer, as in the organisations list."""


class CountryEntry(Strict):
    """A state, with the other words that name it."""

    name: str
    """The common English name: 'United Kingdom'."""
    aliases: list[str] = Field(default_factory=list)
    """Other names and abbreviations: 'Britain', 'UK'."""
    demonyms: list[str] = Field(default_factory=list)
    """Adjectives and nouns for its people: 'British'."""
    capitals: list[str] = Field(default_factory=list)
    """Capitals, which news texts use for the government: 'London'."""


class OrganisationEntry(Strict):
    """An organisation, government body, company, medium or armed group."""

    name: str
    """The name drafts use."""
    kind: ActorKind
    """What kind of actor it is."""
    aliases: list[str] = Field(default_factory=list)
    """Other names and abbreviations."""
    role: str | None = None
    """A short description, e.g. 'think tank'."""


class PersonEntry(Strict):
    """A public figure sources often name by surname alone ('Putin')."""

    name: str
    """The full name drafts use: 'Vladimir Putin'."""
    aliases: list[str] = Field(default_factory=list)
    """Other names: the surname, transliterations ('Zelensky', 'Zelenskiy')."""
    role: str | None = None
    """The office that makes the name well known: 'President of Russia'."""


class GazetteerFile(Strict):
    """The whole gazetteer file."""

    systems: list[SystemEntry] = Field(default_factory=list)
    """Weapon systems and munitions."""
    countries: list[CountryEntry] = Field(default_factory=list)
    """States."""
    organisations: list[OrganisationEntry] = Field(default_factory=list)
    """Organisations, government bodies, companies, media and armed groups."""
    people: list[PersonEntry] = Field(default_factory=list)
    """Public figures."""


@dataclass(frozen=True)
class Hit:
    """One place the text names a gazetteer entry."""

    start: int
    end: int
    surface: str
    kind: HitKind
    name: str
    via: Via


_E = TypeVar("_E", SystemEntry, CountryEntry, OrganisationEntry, PersonEntry)


def _key(surface: str) -> str:
    return re.sub(r"[-\s]+", "", surface)


def _pattern(surface: str) -> str:
    parts = [re.escape(part) for part in re.split(r"[-\s]+", surface) if part]
    return r"[-\s]?".join(parts)


class Gazetteer:
    """A loaded gazetteer with one compiled matcher over all its names."""

    def __init__(self, data: GazetteerFile) -> None:
        self.data = data
        self.systems = {entry.name: entry for entry in data.systems}
        self.countries = {entry.name: entry for entry in data.countries}
        self.organisations = {entry.name: entry for entry in data.organisations}
        self.people = {entry.name: entry for entry in data.people}
        self._lookup: dict[str, tuple[HitKind, str, Via]] = {}
        surfaces: list[tuple[str, bool]] = []

        def add(surface: str, kind: HitKind, name: str, via: Via, plural: bool) -> None:
            key = _key(surface)
            if key and key not in self._lookup:
                self._lookup[key] = (kind, name, via)
                surfaces.append((surface, plural))

        for org in data.organisations:
            for surface in [org.name, *org.aliases]:
                add(surface, "organisation", org.name, "name" if surface == org.name else "alias", False)
        for person in data.people:
            for surface in [person.name, *person.aliases]:
                add(surface, "person", person.name, "name" if surface == person.name else "alias", False)
        for system in data.systems:
            for surface in [system.name, *system.aliases]:
                add(surface, "system", system.name, "name" if surface == system.name else "alias", True)
        for country in data.countries:
            add(country.name, "country", country.name, "name", False)
            for surface in country.aliases:
                add(surface, "country", country.name, "alias", False)
            for surface in country.capitals:
                add(surface, "country", country.name, "capital", False)
            for surface in country.demonyms:
                add(surface, "country", country.name, "demonym", True)
        surfaces.sort(key=lambda item: (-len(item[0]), item[0]))
        alternatives = [_pattern(s) + (r"(?:e?s)?" if plural else "") for s, plural in surfaces]
        joined = "|".join(alternatives)
        self._regex = re.compile(r"(?<!\w)(?:" + joined + r")(?![\w$])") if alternatives else None

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Hit]:
        """Every name of a gazetteer entry in `text[start:end]`, leftmost-longest, without overlaps."""
        if self._regex is None:
            return []
        hits = []
        for match in self._regex.finditer(text, start, len(text) if end is None else end):
            found = self._resolve(match.group())
            if found is not None:
                kind, name, via = found
                hits.append(Hit(match.start(), match.end(), match.group(), kind, name, via))
        return hits

    def _resolve(self, surface: str) -> tuple[HitKind, str, Via] | None:
        key = _key(surface)
        for candidate in (key, key.removesuffix("s"), key.removesuffix("es")):
            if candidate in self._lookup:
                return self._lookup[candidate]
        return None

    def family_category(self, family: str) -> SystemCategory | None:
        """The category shared by the systems of `family`, if the gazetteer knows the family."""
        categories = {s.category for s in self.data.systems if s.family and s.family.lower() == family.lower()}
        return categories.pop() if len(categories) == 1 else None


def merge_entries(shipped: GazetteerFile, extra: GazetteerFile) -> GazetteerFile:
    """`shipped` extended by `extra`: an entry of `extra` replaces the shipped entry of the same name."""

    def merged(base: list[_E], more: list[_E]) -> list[_E]:
        replacing = {entry.name.casefold(): entry for entry in more}
        kept = [replacing.pop(entry.name.casefold(), entry) for entry in base]
        return kept + [entry for entry in more if entry.name.casefold() in replacing]

    return GazetteerFile(
        systems=merged(shipped.systems, extra.systems),
        countries=merged(shipped.countries, extra.countries),
        organisations=merged(shipped.organisations, extra.organisations),
        people=merged(shipped.people, extra.people),
    )


@cache
def shipped_file() -> GazetteerFile:
    """The gazetteer that ships with factsheet (parsed once per process)."""
    from ruamel.yaml import YAML

    text = resources.files("factsheet").joinpath("resources/gazetteer.yaml").read_text(encoding="utf-8")
    return GazetteerFile.model_validate(YAML(typ="safe").load(text))  # the C parser: ten times faster


@cache
def shipped() -> Gazetteer:
    """The shipped gazetteer, compiled."""
    return Gazetteer(shipped_file())


def load_gazetteer(extra: Path | None, shown: str = "") -> Gazetteer:
    """The shipped gazetteer extended by the file `extra` (if given); problems carry their line."""
    if extra is None:
        return shipped()
    from factsheet.facts.load import validate_model
    from factsheet.yamlio import load_yaml

    document = load_yaml(extra, shown or str(extra))
    user: GazetteerFile = validate_model(GazetteerFile, document)
    return Gazetteer(merge_entries(shipped_file(), user))
