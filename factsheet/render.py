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
from factsheet.fitcache import FitCache
from factsheet.writers import Rendition

__all__ = ["History", "Rendition", "build_id", "check_fonts", "compose_fitted", "render", "render_all"]


@dataclass(frozen=True)
class History:
    """What changed in the facts since the previous distinct build, for a 'changes' section."""

    since: str = ""
    changes: tuple[str, ...] = ()


def build_id(facts: LoadedFacts, template: LoadedTemplate) -> str:
    """A short hash of everything that shapes the briefing's content."""
    digest = hashlib.sha256(__version__.encode())
    # The bytes the build read, not the files as they may be now.
    digest.update(facts.document.text.encode("utf-8"))
    digest.update(template.digest.encode() if template.digest else template.path.read_bytes())
    for source, _path in sorted(facts.source_paths.items(), key=lambda item: item[1]):
        digest.update(facts.source_texts[source].encode("utf-8"))
    return digest.hexdigest()[:8]


def check_fonts(facts: LoadedFacts) -> list[Diagnostic]:
    """Warnings for characters in the facts that no shipped font (the face or a fallback) can draw."""
    from factsheet.fonts import FALLBACKS, FAMILY, chain_codepoints, covered_codepoints
    from factsheet.glyphs import undrawable

    if not undrawable(facts.sheet, facts.document, covered_codepoints(), FAMILY):
        return []  # the face draws everything: the fallback fonts need not be read
    shipped = ", ".join([FAMILY, *(fallback.family for fallback in FALLBACKS)])
    return undrawable(facts.sheet, facts.document, chain_codepoints(), f"no shipped font ({shipped})")


def render(fmt: str, document: Document) -> Rendition:
    """Render `document` with the writer registered as `fmt`."""
    from factsheet.writers import render as write

    return write(fmt, document)


WORD_SLACK = 12.0
"""Points a one-pager must leave free at the foot of its PDF page (about one line of its text). Word and
LibreOffice set the same lines as the PDF (docx/styles.line_twips) but break them a little differently and
put the notes in footnotes, so a PDF filled to the last line can spill onto a second page in Word.
Measured on the shipped seeds with LibreOffice."""


def compose_fitted(
    facts: LoadedFacts, template: LoadedTemplate, stale: frozenset[str], history: History,
    fits: FitCache | None = None,
) -> tuple[Document, dict[str, Rendition]]:
    """The briefing's document tree, shortened to one page when the template asks for it.

    Also returns what was rendered while measuring (the PDF), so it is not rendered twice.
    With `fits`, a fit found before for the same inputs is reused without rendering, and a
    new one is recorded there.
    """
    from factsheet.compose.fit import fit_one_page, limits_of, with_limits
    from factsheet.facts.paragraphs import quote_paragraphs

    ident = build_id(facts, template)
    paragraphs = quote_paragraphs(facts.sheet, facts.source_texts)

    def tree(candidate: Template) -> Document:
        return compose(facts.sheet, candidate, ident, stale, history.since, history.changes, paragraphs)

    if not template.template.one_page:
        return tree(template.template), {}
    full = limits_of(template.template, facts.sheet)
    key = _fit_key(ident, template.template, stale, history)
    known = fits.get(key) if fits is not None else None
    if known is not None and len(known) == len(full):
        return tree(with_limits(template.template, known, full)), {}
    from factsheet.writers.pdf import measure

    attempts: dict[tuple[int | None, ...], tuple[Document, Rendition]] = {}

    def pages_of(candidate: Template) -> int:
        document = tree(candidate)
        if attempts:  # later tries are laid out only; the first, often the answer, is rendered whole
            pages, room_left = measure(document)
        else:
            rendition = render("pdf", document)
            attempts[limits_of(candidate, facts.sheet)] = (document, rendition)
            pages, room_left = rendition.pages or 1, rendition.room_left or 0.0
        if pages == 1 and room_left < WORD_SLACK:
            return 2  # fits the PDF only narrowly: Word sets the same text a few lines longer
        return pages

    chosen = limits_of(fit_one_page(template.template, facts.sheet, pages_of), facts.sheet)
    if fits is not None:
        fits.put(key, chosen)
    if chosen not in attempts:
        document = tree(with_limits(template.template, chosen, full))
        attempts[chosen] = (document, render("pdf", document))
    document, pdf = attempts[chosen]
    return document, {"pdf": pdf}


def _fit_key(ident: str, template: Template, stale: frozenset[str], history: History) -> str:
    """Everything that shapes how far a one-pager must be shortened."""
    from factsheet.fitcache import fit_key
    from factsheet.manifest import engine_inputs

    engine = engine_inputs()
    return fit_key([ident, template.model_dump_json(), *sorted(stale), history.since, *history.changes,
                    f"slack={WORD_SLACK}",
                    *(f"{k}={v}" for k, v in sorted(engine.items()))])


def render_all(
    facts: LoadedFacts, template: LoadedTemplate, formats: Sequence[str], stale: frozenset[str], history: History,
    fits: FitCache | None = None,
) -> dict[str, Rendition]:
    """Every requested format of one briefing; a one-pager that still overflows carries a warning."""
    document, ready = compose_fitted(facts, template, stale, history, fits)
    out = {}
    for fmt in formats:
        rendition = ready.get(fmt) or render(fmt, document)
        if template.template.one_page and (rendition.pages or 0) > 1:
            note = f"{template.name}: does not fit on one page even shortened ({rendition.pages} pages)"
            rendition = Rendition(rendition.data, rendition.pages, (*rendition.warnings, note))
        out[fmt] = rendition
    return out
