"""Load a facts file: YAML -> FactSheet, with every problem reported at its line.

Problems are collected (schema errors, broken references, quotes not found in
their sources) and raised together as one `ValidationFailed`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from factsheet.collector import paused
from factsheet.diagnostics import Diagnostic, Location
from factsheet.errors import InputError, ValidationFailed
from factsheet.facts.anchor import find_quote
from factsheet.facts.clean import clean_document, composed
from factsheet.facts.judging import check_analytic
from factsheet.facts.model import SCHEMA_VERSION, FactSheet
from factsheet.facts.refs import check_references
from factsheet.facts.values import FIRST_YEAR, LAST_YEAR, YEARS_BOUNDS, years_allowed
from factsheet.facts.wording import type_message
from factsheet.workspace import Workspace, facts_stem
from factsheet.yamlio import PathKey, YamlDocument, load_yaml, read_text


@dataclass(frozen=True)
class LoadedFacts:
    """A validated fact sheet with where it came from."""

    sheet: FactSheet
    path: Path
    shown: str
    document: YamlDocument
    source_texts: dict[str, str]
    source_paths: dict[str, Path]
    warnings: tuple[Diagnostic, ...] = ()
    source_raw: dict[str, str] = field(default_factory=dict)
    """A seed's text as read from disk where composing (NFC) changed it: what a build hashes as its input."""

    def source_as_read(self, source: str) -> str:
        """The text of seed `source` exactly as the file holds it."""
        return self.source_raw.get(source, self.source_texts[source])

    @property
    def stem(self) -> str:
        """The facts file's name without '.facts.yaml', used to name outputs."""
        return facts_stem(self.path)

    def location(self, key: PathKey) -> Location:
        """Where the value at `key` stands in the facts file."""
        return self.document.location(key)


def check_schema_version(document: YamlDocument) -> None:
    """Stop with one clear message when a facts file was written for another version of the model."""
    data = document.data
    if not isinstance(data, dict) or ("factsheet" not in data and "sources" not in data):
        return  # not a facts file at all: validation says what is missing
    version = data.get("schema_version")
    if version == SCHEMA_VERSION:
        return
    if version is None:
        raise InputError(
            f"no schema_version: this file was written for the previous fact model (version 1). "
            f"Run `factsheet upgrade {document.path}` to rewrite it for version {SCHEMA_VERSION} "
            f"(comments are kept), or add `schema_version: {SCHEMA_VERSION}` at the top and write each "
            f"`quantity: TEXT` as `quantity: {{stated: TEXT}}`",
            document.location(()),
        )
    raise InputError(
        f"schema_version: {version!r} is not a fact model this factsheet knows; it reads version "
        f"{SCHEMA_VERSION} (and upgrades version 1 files with `factsheet upgrade`)",
        document.location(("schema_version",)),
    )


def validation_diagnostics(
    exc: ValidationError, document: YamlDocument, prefix: PathKey = ()
) -> list[Diagnostic]:
    """Turn a Pydantic ValidationError into one diagnostic per problem, at its line."""
    out = []
    for error in exc.errors(include_url=False):
        loc: PathKey = (*prefix, *(part for part in error["loc"] if isinstance(part, str | int)))
        field = ".".join(str(part) for part in loc) or "(top level)"
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "extra_forbidden":
            message = "unknown field"
        elif error["type"] == "missing":
            message = "required field is missing"
        else:
            message = type_message(error["type"], loc, error.get("input"), error.get("ctx")) or message
        where = document.key_location(loc) if error["type"] == "extra_forbidden" else document.location(loc)
        out.append(Diagnostic(where, f"{field}: {message}"))
    return out


def validate_model(model: type[BaseModel], document: YamlDocument) -> Any:
    """Validate plain YAML data against `model`, raising every problem with its line."""
    if not isinstance(document.data, dict):
        raise InputError("expected a mapping at the top level", document.location(()))
    try:
        return model.model_validate(document.data)
    except ValidationError as exc:
        raise ValidationFailed(validation_diagnostics(exc, document)) from None


def declared_years(data: Any) -> tuple[int, int]:
    """The years a facts file says its dates fall in (`factsheet: years: [FIRST, LAST]`), else 1900-2100.

    Read before validation, so every date of the file is checked against it; a malformed range is
    reported at its line by the model and the default applies meanwhile.
    """
    meta = data.get("factsheet") if isinstance(data, dict) else None
    years = meta.get("years") if isinstance(meta, dict) else None
    low, high = YEARS_BOUNDS
    if (isinstance(years, list | tuple) and len(years) == 2 and all(type(y) is int for y in years)
            and low <= years[0] <= years[1] <= high):
        return int(years[0]), int(years[1])
    return FIRST_YEAR, LAST_YEAR


def load_facts(path: Path, workspace: Workspace, *, check_quotes: bool = True) -> LoadedFacts:
    """Load, validate and quote-check one facts file; raise ValidationFailed listing every problem.

    With `check_quotes` false, quotes are left to `factsheet.facts.check`, which re-anchors them.
    """
    with paused():
        return _load_facts(path, workspace, check_quotes)


def _load_facts(path: Path, workspace: Workspace, check_quotes: bool) -> LoadedFacts:
    shown = workspace.show(path)
    document = load_yaml(path, shown)
    data, warnings = clean_document(document)
    document = document.with_data(data)
    check_schema_version(document)
    with years_allowed(*declared_years(document.data)):
        sheet: FactSheet = validate_model(FactSheet, document)
    problems = [*check_references(sheet, document), *check_analytic(sheet, document)]

    texts: dict[str, str] = {}
    raw_texts: dict[str, str] = {}
    paths: dict[str, Path] = {}
    for index, source in enumerate(sheet.sources):
        key: PathKey = ("sources", index, "file")
        try:
            seed = workspace.seed_path(source.file, functools.partial(document.location, key), f"sources.{index}.file")
            raw = read_text(seed, workspace.show(seed))
            text = composed(raw)
        except InputError as exc:
            problems.extend(exc.diagnostics)
            continue
        if not text.strip():
            problems.append(Diagnostic(document.location(key), f"sources.{index}.file: seed {source.file!r} is empty"))
            continue
        texts[source.id] = text
        paths[source.id] = seed
        if raw != text:
            raw_texts[source.id] = raw

    for section, index, fact in sheet.all_facts() if check_quotes else ():
        for below, quote in fact.quotes():
            if quote.source not in texts:
                continue  # unknown or unreadable source: reported above
            if find_quote(texts[quote.source], quote.text) is None:
                at: PathKey = (section, index, *below, "text")
                field = ".".join(str(part) for part in at)
                problems.append(
                    Diagnostic(
                        document.location(at),
                        f"{field}: quote for {fact.id!r} not found in source {quote.source!r}: {_short(quote.text)}",
                    )
                )
    if problems:
        raise ValidationFailed(problems)
    return LoadedFacts(sheet, path, shown, document, texts, paths, tuple(warnings), raw_texts)


def _short(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= limit else flat[: limit - 1] + "…")
