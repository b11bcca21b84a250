"""Page set-up, running header and footer, and the document's core properties."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT

from factsheet.document.nodes import Metadata, Page
from factsheet.writers.docx import ooxml, styles
from factsheet.writers.docx.ooxml import Cleaner, Element

# Paper sizes and the 2 cm margin, in twentieths of a point.
PAPER = {"a4": (11906, 16838), "letter": (12240, 15840)}
MARGIN = 1134
CORE_LIMIT = 255  # python-docx refuses longer core property strings


def set_paper(sect_pr: Element, paper: str) -> int:
    """Size the page for `paper` with 2 cm margins; the width left for text."""
    size = PAPER.get(paper)
    if size is None:
        raise ValueError(f"docx writer: unknown paper {paper!r} (known: {', '.join(PAPER)})")
    page_size = sect_pr.find(ooxml.w("pgSz"))
    page_size.set(ooxml.w("w"), str(size[0]))
    page_size.set(ooxml.w("h"), str(size[1]))
    margins = sect_pr.find(ooxml.w("pgMar"))
    for side in ("top", "right", "bottom", "left"):
        margins.set(ooxml.w(side), str(MARGIN))
    return size[0] - 2 * MARGIN


def header_footer(document: Any) -> tuple[Element, Element]:
    """The ``w:hdr`` and ``w:ftr`` elements of the reference document's one section."""
    header = footer = None
    for rel in document.part.rels.values():
        if rel.reltype == RT.HEADER:
            header = rel.target_part.element
        elif rel.reltype == RT.FOOTER:
            footer = rel.target_part.element
    if header is None or footer is None:
        raise RuntimeError("docx writer: reference.docx has no header or footer part; run make_reference")
    return header, footer


def fill_header(header: Element, page: Page, meta: Metadata, clean: Cleaner) -> None:
    """The marking line (bold, centred, capitals) over the document title."""
    _clear(header)
    marking = clean(page.marking, "page.marking")
    markup = ooxml.paragraph(styles.MARKING, ooxml.run(marking)) if marking else ""
    markup += ooxml.paragraph(styles.HEADER, ooxml.run(meta.title), props='<w:jc w:val="center"/>')
    header.extend(ooxml.parse(markup))


def fill_footer(footer: Element, meta: Metadata, text_width: int) -> None:
    """'As of <date>' on the left, 'Page X of Y' (live fields) on the right; the build id stays in the
    document properties, off the page."""
    _clear(footer)
    content = (
        ooxml.run(f"As of {meta.as_of}\tPage ") + ooxml.field("PAGE", "1")
        + ooxml.run(" of ") + ooxml.field("NUMPAGES", "1")
    )
    tabs = f'<w:tabs><w:tab w:val="right" w:pos="{text_width}"/></w:tabs>'
    footer.extend(ooxml.parse(ooxml.paragraph(styles.FOOTER, content, props=tabs)))


def _clear(part_root: Element) -> None:
    for child in list(part_root):
        part_root.remove(child)


def set_language(document: Any, language: str) -> None:
    """Make `language` the default proofing language of every style."""
    if not language:
        return
    defaults = document.styles.element.find(ooxml.w("docDefaults"))
    lang = defaults.find(f"{ooxml.w('rPrDefault')}/{ooxml.w('rPr')}/{ooxml.w('lang')}")
    if lang is not None:
        lang.set(ooxml.w("val"), language)


def as_of_datetime(as_of: str) -> dt.datetime:
    """The as-of date at 00:00 UTC: the only moment the document records."""
    try:
        day = dt.date.fromisoformat(as_of)
    except ValueError:
        raise ValueError(f"docx writer: metadata.as_of is not an ISO date: {as_of!r}") from None
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def clean_metadata(meta: Metadata, clean: Cleaner) -> Metadata:
    """`meta` with every string cleaned of characters XML cannot store."""
    return dataclasses.replace(
        meta,
        title=clean(meta.title, "metadata.title"),
        author=clean(meta.author, "metadata.author"),
        subject=clean(meta.subject, "metadata.subject"),
        keywords=tuple(clean(k, f"metadata.keywords[{i}]") for i, k in enumerate(meta.keywords)),
        language=clean(meta.language, "metadata.language"),
        as_of=clean(meta.as_of, "metadata.as_of"),
        build_id=clean(meta.build_id, "metadata.build_id"),
    )


def set_core_properties(document: Any, meta: Metadata, warnings: list[str]) -> None:
    """Title, author, subject, keywords, language; created = modified = as-of; revision 1."""

    def text(value: str, field: str) -> str:
        if len(value) > CORE_LIMIT:
            warnings.append(f"docx: metadata.{field}: cut to {CORE_LIMIT} characters for the core properties")
            value = value[: CORE_LIMIT - 1] + "…"
        return value

    when = as_of_datetime(meta.as_of)
    core = document.core_properties
    author = text(meta.author, "author")
    core.title = text(meta.title, "title")
    core.author = author
    core.subject = text(meta.subject, "subject")
    core.keywords = text("; ".join(meta.keywords), "keywords")
    core.language = text(meta.language, "language")
    core.last_modified_by = author
    core.revision = 1
    core.identifier = text(f"build {meta.build_id}", "build_id")
    core.created = when
    core.modified = when


ONE_PAGE_TYPE = 0.86  # the PDF sets one-page briefings at 8.6 pt instead of 10 pt
ONE_PAGE_SPACING = 0.6


def tighten(document: Any) -> None:
    """Smaller type and less space between paragraphs in every style, for one-page briefings."""
    root = document.styles.element
    for tag in ("sz", "szCs"):
        for size in root.iter(ooxml.w(tag)):
            half_points = int(size.get(ooxml.w("val")))
            size.set(ooxml.w("val"), str(max(10, round(half_points * ONE_PAGE_TYPE))))
    for spacing in root.iter(ooxml.w("spacing")):
        for side in ("before", "after"):
            value = spacing.get(ooxml.w(side))
            if value is not None:
                spacing.set(ooxml.w(side), str(round(int(value) * ONE_PAGE_SPACING)))
