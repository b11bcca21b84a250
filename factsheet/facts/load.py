"""Load a facts file: YAML -> FactSheet, with every problem reported at its line.

Problems are collected (schema errors, broken references, quotes not found in
their sources) and raised together as one `ValidationFailed`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from factsheet.diagnostics import Diagnostic, Location
from factsheet.errors import InputError, ValidationFailed
from factsheet.facts.anchor import find_quote
from factsheet.facts.clean import clean_document
from factsheet.facts.judging import check_analytic
from factsheet.facts.model import FactSheet
from factsheet.facts.refs import check_references
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

    @property
    def stem(self) -> str:
        """The facts file's name without '.facts.yaml', used to name outputs."""
        return facts_stem(self.path)

    def location(self, key: PathKey) -> Location:
        """Where the value at `key` stands in the facts file."""
        return self.document.location(key)


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


def load_facts(path: Path, workspace: Workspace, *, check_quotes: bool = True) -> LoadedFacts:
    """Load, validate and quote-check one facts file; raise ValidationFailed listing every problem.

    With `check_quotes` false, quotes are left to `factsheet.facts.check`, which re-anchors them.
    """
    shown = workspace.show(path)
    document = load_yaml(path, shown)
    data, warnings = clean_document(document)
    document = document.with_data(data)
    sheet: FactSheet = validate_model(FactSheet, document)
    problems = [*check_references(sheet, document), *check_analytic(sheet, document)]

    texts: dict[str, str] = {}
    paths: dict[str, Path] = {}
    for index, source in enumerate(sheet.sources):
        key: PathKey = ("sources", index, "file")
        try:
            seed = workspace.seed_path(source.file, functools.partial(document.location, key), f"sources.{index}.file")
            text = read_text(seed, workspace.show(seed))
        except InputError as exc:
            problems.extend(exc.diagnostics)
            continue
        if not text.strip():
            problems.append(Diagnostic(document.location(key), f"sources.{index}.file: seed {source.file!r} is empty"))
            continue
        texts[source.id] = text
        paths[source.id] = seed

    for section, index, fact in sheet.all_facts() if check_quotes else ():
        for qi, quote in enumerate(fact.cites):
            if quote.source not in texts:
                continue  # unknown or unreadable source: reported above
            if find_quote(texts[quote.source], quote.text) is None:
                key = (section, index, "cites", qi, "text")
                problems.append(
                    Diagnostic(
                        document.location(key),
                        f"{section}.{index}.cites.{qi}.text: quote for {fact.id!r} not found in "
                        f"source {quote.source!r}: {_short(quote.text)}",
                    )
                )
    if problems:
        raise ValidationFailed(problems)
    return LoadedFacts(sheet, path, shown, document, texts, paths, tuple(warnings))


def _short(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= limit else flat[: limit - 1] + "…")
