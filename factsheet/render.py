"""Compose and render one briefing: facts + template -> document tree -> bytes per format."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from factsheet import __version__
from factsheet.compose.composer import compose
from factsheet.compose.template import LoadedTemplate, Template
from factsheet.diagnostics import Diagnostic
from factsheet.document.nodes import Document
from factsheet.facts.load import LoadedFacts


@dataclass(frozen=True)
class Rendition:
    """One document rendered in one format."""

    data: bytes
    pages: int | None
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class History:
    """What changed in the facts since the previous distinct build, for a 'changes' section."""

    since: str = ""
    changes: tuple[str, ...] = ()


def build_id(facts: LoadedFacts, template: LoadedTemplate) -> str:
    """A short hash of everything that shapes the briefing's content."""
    digest = hashlib.sha256(__version__.encode())
    for path in (facts.path, template.path, *sorted(facts.source_paths.values())):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


def check_fonts(facts: LoadedFacts) -> list[Diagnostic]:
    """Warnings for characters in the facts that the briefing font cannot draw."""
    from factsheet.fonts import FAMILY, covered_codepoints
    from factsheet.glyphs import undrawable

    return undrawable(facts.sheet, facts.document, covered_codepoints(), FAMILY)


def render(fmt: str, document: Document) -> Rendition:
    """Render `document` with the writer registered as `fmt`."""
    from factsheet.writers import get_writer

    writer = get_writer(fmt)
    data = writer.render(document)
    return Rendition(data, getattr(writer, "page_count", None), tuple(writer.warnings))


def compose_fitted(
    facts: LoadedFacts, template: LoadedTemplate, stale: frozenset[str], history: History
) -> tuple[Document, dict[str, Rendition]]:
    """The briefing's document tree, shortened to one page when the template asks for it.

    Also returns what was rendered while measuring (the PDF), so it is not rendered twice.
    """
    from factsheet.compose.fit import fit_one_page
    from factsheet.facts.paragraphs import quote_paragraphs

    ident = build_id(facts, template)
    paragraphs = quote_paragraphs(facts.sheet, facts.source_texts)

    def tree(candidate: Template) -> Document:
        return compose(facts.sheet, candidate, ident, stale, history.since, history.changes, paragraphs)

    if not template.template.one_page:
        return tree(template.template), {}
    attempts: dict[int, tuple[Document, Rendition]] = {}

    def pages_of(candidate: Template) -> int:
        document = tree(candidate)
        attempts[id(candidate)] = (document, render("pdf", document))
        return attempts[id(candidate)][1].pages or 1

    chosen = fit_one_page(template.template, facts.sheet, pages_of)
    document, pdf = attempts[id(chosen)]
    return document, {"pdf": pdf}


def render_all(
    facts: LoadedFacts, template: LoadedTemplate, formats: Sequence[str], stale: frozenset[str], history: History
) -> dict[str, Rendition]:
    """Every requested format of one briefing; a one-pager that still overflows carries a warning."""
    document, ready = compose_fitted(facts, template, stale, history)
    out = {}
    for fmt in formats:
        rendition = ready.get(fmt) or render(fmt, document)
        if template.template.one_page and (rendition.pages or 0) > 1:
            note = f"{template.name}: does not fit on one page even shortened ({rendition.pages} pages)"
            rendition = Rendition(rendition.data, rendition.pages, (*rendition.warnings, note))
        out[fmt] = rendition
    return out
