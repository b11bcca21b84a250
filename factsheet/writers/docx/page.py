"""Page set-up, running header and footer, and the document's core properties."""

from __future__ import annotations

import dataclasses
import datetime as dt
from copy import deepcopy
from functools import lru_cache
from typing import Any

from factsheet.document.nodes import Metadata
from factsheet.writers import look as house
from factsheet.writers.docx import ooxml, styles
from factsheet.writers.docx.ooxml import Cleaner, Element

CORE_LIMIT = 255  # python-docx refuses longer core property strings


def twips(points: float) -> int:
    """Points as twentieths of a point, Word's page unit."""
    return round(points * 20)


def set_paper(sect_pr: Element, paper: str) -> int:
    """Size the page for `paper` with the house margins; the width left for text, in twips."""
    width, height = house.paper_size(paper)
    margins = house.MARGINS
    page_size = sect_pr.find(ooxml.w("pgSz"))
    page_size.set(ooxml.w("w"), str(twips(width)))
    page_size.set(ooxml.w("h"), str(twips(height)))
    page_margins = sect_pr.find(ooxml.w("pgMar"))
    for side, value in (("top", margins.top), ("right", margins.right), ("bottom", margins.bottom),
                        ("left", margins.left), ("header", margins.head - 7), ("footer", margins.foot - 2)):
        page_margins.set(ooxml.w(side), str(twips(value)))
    return twips(width) - twips(margins.left) - twips(margins.right)


def text_width(paper: str) -> int:
    """The width of the text block on `paper`, in twips (what `set_paper` returns)."""
    return twips(house.paper_size(paper)[0]) - twips(house.MARGINS.left) - twips(house.MARGINS.right)


def text_height(paper: str) -> int:
    """The height of the text block on `paper`, in twips."""
    return twips(house.paper_size(paper)[1]) - twips(house.MARGINS.top) - twips(house.MARGINS.bottom)


def header_footer(document: Any) -> tuple[Element, Element, Element, Element]:
    """The header and footer of the reference document's one section, and those of its first page."""
    parts: dict[str, Element] = {}
    sect_pr = document.element.body.find(ooxml.w("sectPr"))
    for reference in sect_pr:
        kind = {ooxml.w("headerReference"): "header", ooxml.w("footerReference"): "footer"}.get(reference.tag)
        if kind is None:
            continue
        rel = document.part.rels[reference.get(ooxml.r("id"))]
        parts[f"{kind}-{reference.get(ooxml.w('type'))}"] = rel.target_part.element
    try:
        return parts["header-default"], parts["footer-default"], parts["header-first"], parts["footer-first"]
    except KeyError:
        raise RuntimeError("docx writer: reference.docx lacks a header or footer part; run make_reference") from None


def fill_header(header: Element, marking: str, meta: Metadata | None) -> None:
    """The marking line (bold, centred, capitals) over the document title and a rule; no title when `meta`
    is None (the first page, whose title is right below)."""
    _clear(header)
    shown = marking  # stored as typed: the marking styles set it in capitals, as the PDF prints it
    if meta is None:
        markup = ooxml.paragraph(styles.HEADER, ooxml.run(shown, style=styles.MARKING_CHAR),
                                 props='<w:jc w:val="center"/>')
    else:
        markup = ooxml.paragraph(styles.MARKING, ooxml.run(shown)) if shown else ""
        markup += ooxml.paragraph(styles.HEADER, ooxml.run(meta.title))
    header.extend(ooxml.parse(markup))


def fill_footer(footer: Element, marking: str, meta: Metadata, text_width: int) -> None:
    """'As of 25 Nov 2026' on the left, the marking in the middle, 'Page X of Y' (live fields) on the right,
    under a rule: the same foot as the PDF's. The build id stays in the document properties, off the page."""
    _clear(footer)
    shown = marking
    content = (
        ooxml.run(house.footer_text(meta.as_of) + "\t")
        + (ooxml.run(shown, style=styles.MARKING_CHAR) if shown else "")
        + ooxml.run("\tPage ") + ooxml.field("PAGE", "1") + ooxml.run(" of ") + ooxml.field("NUMPAGES", "1")
    )
    tabs = (f'<w:tabs><w:tab w:val="center" w:pos="{text_width // 2}"/>'
            f'<w:tab w:val="right" w:pos="{text_width}"/></w:tabs>')
    footer.extend(ooxml.parse(ooxml.paragraph(styles.FOOTER, content, props=tabs)))


def _clear(part_root: Element) -> None:
    for child in list(part_root):
        part_root.remove(child)


STYLES = "/word/styles.xml"


@lru_cache(maxsize=32)
def styles_blob(language: str, one_page: bool, text_width: int) -> bytes:
    """The styles part of a document in `language`, one page or not, `text_width` twips wide, as python-docx
    saves it once `set_styles` has set its python-docx styles: made once per process for each set-up.

    Every document shares its styles with many others; parsing, setting and serialising them again for
    each (the clear version, which tests hold this to) cost more than a millisecond.
    """
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    from factsheet.writers.docx.package import reference_document

    part = reference_document().part.part_related_by(RT.STYLES)
    set_styles(part.element, language, one_page, text_width)
    return bytes(part.blob)


def set_styles(root: Element, language: str, one_page: bool, text_width: int) -> None:
    """Set the styles part `root` for a document in `language`, one page or not, `text_width` twips wide."""
    scale = house.type_scale(one_page)
    set_language(root, language)
    if one_page:
        tighten(root, scale)
    set_measure(root, scale, text_width)


def set_language(root: Element, language: str) -> None:
    """Make `language` the default proofing language of every style (`root`: the styles part's)."""
    if not language:
        return
    defaults = root.find(ooxml.w("docDefaults"))
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


ONE_PAGE_SPACING = 0.6


def _style(root: Element, style_id: str) -> Element:
    style = root.find(f"{ooxml.w('style')}[@{ooxml.w('styleId')}='{style_id}']")
    if style is None:
        raise RuntimeError(f"docx writer: reference.docx has no style {style_id!r}; run make_reference")
    return style


def tighten(root: Element, scale: house.TypeScale) -> None:
    """The one-pager's type sizes (the house's, never smaller) and less space between paragraphs (`root`: the
    styles part's)."""
    for style_id, role in styles.STYLE_SIZES.items():
        half = str(styles.half_points(getattr(scale, role)))
        for tag in ("sz", "szCs"):
            size = _style(root, style_id).find(f"{ooxml.w('rPr')}/{ooxml.w(tag)}")
            if size is not None:
                size.set(ooxml.w("val"), half)
    for size in root.find(ooxml.w("docDefaults")).iter(ooxml.w("sz"), ooxml.w("szCs")):
        size.set(ooxml.w("val"), str(styles.half_points(scale.body)))
    for spacing in root.find(ooxml.w("docDefaults")).iter(ooxml.w("spacing")):
        spacing.set(ooxml.w("line"), str(styles.line_twips(scale.leading)))
    for spacing in root.iter(ooxml.w("spacing")):
        for side in ("before", "after"):
            value = spacing.get(ooxml.w(side))
            if value is not None:
                spacing.set(ooxml.w(side), str(round(int(value) * ONE_PAGE_SPACING)))


def set_measure(root: Element, scale: house.TypeScale, text_width: int) -> None:
    """Hold prose to the house measure: a right indent on the prose styles (the others are set to 0; `root`: the
    styles part's)."""
    for style_id, role in styles.PROSE_INDENT.items():
        indent = twips(house.right_indent(role, scale, text_width / 20))
        p_pr = _style(root, style_id).find(ooxml.w("pPr"))
        ind = p_pr.find(ooxml.w("ind")) if p_pr is not None else None
        if ind is None:
            raise RuntimeError(f"docx writer: style {style_id!r} has no indent to set; run make_reference")
        ind.set(ooxml.w("right"), str(indent))


def _section_copy(sect_pr: Element, columns: int, continuous: bool, first_page: bool) -> str:
    """A copy of the body's section properties with `columns` columns, as markup for a paragraph to carry."""
    copy = deepcopy(sect_pr)
    _set_columns(copy, columns, continuous, first_page)
    return ooxml.markup_of(copy)


def _set_columns(sect_pr: Element, columns: int, continuous: bool, first_page: bool) -> None:
    for tag in ("type", "titlePg"):
        for old in sect_pr.findall(ooxml.w(tag)):
            sect_pr.remove(old)
    if continuous:
        kind = sect_pr.makeelement(ooxml.w("type"), {ooxml.w("val"): "continuous"})
        sect_pr.find(ooxml.w("pgSz")).addprevious(kind)
    cols = sect_pr.find(ooxml.w("cols"))
    if cols is None:
        cols = sect_pr.makeelement(ooxml.w("cols"), {})
        sect_pr.find(ooxml.w("pgMar")).addnext(cols)
    cols.attrib.clear()
    cols.set(ooxml.w("space"), str(twips(house.COLUMN_GAP)))
    if columns > 1:
        cols.set(ooxml.w("num"), str(columns))
    if first_page:
        title_pg = sect_pr.makeelement(ooxml.w("titlePg"), {})
        grid = sect_pr.find(ooxml.w("docGrid"))
        if grid is not None:
            grid.addprevious(title_pg)
        else:
            cols.addnext(title_pg)


FULL_WIDTH_BULLET = '<w:ind w:left="260" w:right="0" w:hanging="260"/>'
"""A List Bullet paragraph's indent in a column: the style's hanging indent, no measure on the right."""


def _carry(paragraph: str, sect_pr_markup: str) -> str:
    """`paragraph` (markup) made the last paragraph of a section with these properties."""
    return paragraph.replace("</w:pPr>", sect_pr_markup + "</w:pPr>", 1)


def set_in_columns(out: list[str], first: int, sect_pr: Element) -> None:
    """Set the paragraphs `out[first:]` in the house's note columns, balanced, between two continuous breaks.

    The paragraph before them ends the one-column section (which keeps page 1's own header), the last of
    them ends the section in columns, and what follows goes on in one column.
    """
    if first == 0 or first >= len(out) or not out[first - 1].startswith("<w:p>") or not out[-1].startswith("<w:p>"):
        return
    # Only the first section starts the document (and keeps page 1's own header); a later one-column
    # part follows an earlier set of columns on the same page.
    later = sect_pr.find(ooxml.w("type")) is not None
    out[first - 1] = _carry(out[first - 1], _section_copy(sect_pr, 1, later, not later))
    out[-1] = _carry(out[-1], _section_copy(sect_pr, house.NOTE_COLUMNS, True, False))
    _set_columns(sect_pr, 1, True, False)
