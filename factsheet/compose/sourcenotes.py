"""The source notes quoting the supporting text, and the list of sources after them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factsheet.compose import analytic
from factsheet.compose import format as fmt
from factsheet.compose.template import TemplateSection
from factsheet.document.nodes import (
    Block,
    BulletList,
    Emph,
    Inline,
    Inlines,
    Note,
    NoteList,
    Paragraph,
    Span,
    Strong,
    Text,
)
from factsheet.facts.model import GRADE_MEANING, Quote

if TYPE_CHECKING:
    from factsheet.compose.composer import Composer


def notes_list(c: Composer, section: TemplateSection) -> list[Block]:
    """Numbered source notes quoting the supporting text; the full form lists the sources after them."""
    notes = []
    shown: set[str] = set()  # sources whose address a note has printed
    for number, quote in enumerate(c.notes.order, start=1):
        text = " ".join(quote.text.split())
        if section.compact:
            text = analytic.shorten_quote(text, 90)
            c.quotes_cut = c.quotes_cut or text.endswith("[...]")
        first = quote.source not in shown
        shown.add(quote.source)
        notes.append(Note(number, note_source(c, quote, section.compact, first), text, f"note-{number}"))
    blocks: list[Block] = [NoteList(tuple(notes))]
    if c.quotes_cut:
        blocks.append(Paragraph((Emph((Text(
            "Quotes are shortened at word boundaries where marked [...]; the full briefing quotes them whole."),)),
        ), "small"))
    if not section.compact:
        blocks.extend(source_list(c))
    return blocks


def note_source(c: Composer, quote: Quote, compact: bool, first: bool = True) -> Inlines:
    """'Tech Times, para. 4, https://..., accessed 29 November 2026' for one note. The publisher's name
    always links to the address; the address and access date are printed with a source's first note
    (the one-pager has no room for them)."""
    source = c.sources.get(quote.source)
    if source is None:
        return (Text(quote.source),)
    name: Inline = Text(source.publisher or source.title)
    if source.url:
        name = Span((name,), ("link",), (("href", source.url),))
    bits: list[Inline] = [name]
    paragraph = c.paragraphs.get((quote.source, " ".join(quote.text.split())))
    if paragraph is not None:
        bits.append(Text(f", para. {paragraph}"))
    if source.url and first and not compact:
        bits.extend((Text(", "), Span((Text(source.url),), ("link",), (("href", source.url),))))
    if source.accessed and first and not compact:
        bits.append(Text(f", accessed {fmt.long_date(source.accessed)}"))
    return tuple(bits)


def source_list(c: Composer) -> list[Block]:
    """The sources themselves: kind, author, date, language, licence, URL and reliability grade."""
    items = []
    for source in c.sheet.sources:
        bits = [source.kind.value if source.kind else None, source.publisher, source.author,
                fmt.partial_date(source.date) if source.date else None,
                f"language {source.language}" if source.language else None]
        line: list[Inline] = [Emph((Text(source.title),)), Text(". " + ", ".join(b for b in bits if b) + ".")]
        if source.url:
            accessed = f" (accessed {fmt.long_date(source.accessed)})" if source.accessed else ""
            line.extend((Text(" "), Span((Text(source.url),), ("link",), (("href", source.url),)),
                         Text(f"{accessed}.")))
        if source.licence:
            line.append(Text(f" Licence: {source.licence}."))
        if source.reliability is not None:
            grade = source.reliability.value
            line.append(Text(f" Reliability {grade} ({GRADE_MEANING[grade]})."))
        for extra in (source.date_note, source.note):
            if extra:
                line.append(Text(" " + " ".join(extra.split())))
        items.append(tuple(line))
    return [Paragraph((Strong((Text("Sources"),)),), "small"), BulletList(tuple(items))]
