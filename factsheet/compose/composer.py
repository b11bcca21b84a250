"""Facts + template -> document tree. Knows facts and templates; knows no output format."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from factsheet.collector import paused
from factsheet.compose import analytic
from factsheet.compose import format as fmt
from factsheet.compose.containers import containers
from factsheet.compose.sections import SECTIONS
from factsheet.compose.template import Template, TemplateSection
from factsheet.document.nodes import (
    FLAG,
    KEEP,
    Block,
    Cite,
    Div,
    Document,
    Emph,
    Heading,
    Inline,
    Inlines,
    Metadata,
    Page,
    Paragraph,
    Span,
    Text,
)
from factsheet.facts.model import DateValue, Fact, FactSheet, Quote, Standing, When

_T = TypeVar("_T")


STALE_MARK = "source changed - unverified"
DRAFT_MARK = "unreviewed"


def _key(quote: Quote) -> tuple[str, str]:
    return (quote.source, " ".join(quote.text.split()))


@dataclass
class Notes:
    """Numbers quotes in order of first citation.

    A quote contained in a longer quote of the same source shares that quote's
    note, so the notes list quotes each passage once.
    """

    all_quotes: Sequence[Quote] = ()
    order: list[Quote] = field(default_factory=list)
    numbers: dict[tuple[str, str], int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        by_key = {_key(q): q for q in self.all_quotes}
        self.canonical = {key: by_key[container] for key, container in containers(by_key).items()}

    def cite(self, quotes: Sequence[Quote]) -> Inlines:
        """Citation markers for `quotes`, numbering new ones."""
        numbers: list[int] = []
        for cited in quotes:
            quote = self.canonical.get(_key(cited), cited)
            key = _key(quote)
            if key not in self.numbers:
                self.order.append(quote)
                self.numbers[key] = len(self.order)
            if self.numbers[key] not in numbers:
                numbers.append(self.numbers[key])
        # One marker per statement, grouped here once for every writer.
        return (Cite(tuple(numbers)),) if numbers else ()


@dataclass
class Composer:
    """Builds the briefing for one fact sheet with one template."""

    sheet: FactSheet
    template: Template
    build_id: str
    stale: frozenset[str] = frozenset()
    since: str = ""
    changes: tuple[str, ...] = ()
    paragraphs: dict[tuple[str, str], int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.shortened: list[str] = []
        self.quotes_cut = False
        self.disputed = {ref for d in self.sheet.disagreements for ref in d.facts}
        self.facts_by_id = {fact.id: fact for _, _, fact in self.sheet.all_facts()}
        self.notes = Notes([q for _, _, fact in self.sheet.all_facts() for _, q in fact.quotes()])
        self.actors = {a.id: a for a in self.sheet.actors}
        self.places = {p.id: p for p in self.sheet.places}
        self.systems = {s.id: s for s in self.sheet.systems}
        self.packages = {p.id: p for p in self.sheet.packages}
        self.dates = {d.id: d for d in self.sheet.dates}
        self.sources = {s.id: s for s in self.sheet.sources}
        self.actor_names = {a.id: a.name for a in self.sheet.actors}
        self.costs_for: dict[str, list[str]] = {}
        for cost in self.sheet.costs:
            if cost.pays_for is not None:
                self.costs_for.setdefault(cost.pays_for, []).append(fmt.cost_phrase(cost))

    # ------------------------------------------------------------ helpers

    def actor(self, ident: str) -> str:
        """The name an actor is printed under."""
        return self.actors[ident].name if ident in self.actors else ident

    def place(self, ident: str | None) -> str:
        """A place by name, with the place it lies in: 'Kyiv (Ukraine)'."""
        if ident is None:
            return ""
        place = self.places.get(ident)
        if place is None:
            return ident
        outer = self.places.get(place.within) if place.within else None
        return f"{place.name} ({outer.name})" if outer else place.name

    def system_name(self, ident: str) -> str:
        """The designation a system is printed under."""
        return self.systems[ident].designation if ident in self.systems else ident

    def package_name(self, ident: str) -> str:
        """The name a package is printed under."""
        return self.packages[ident].name if ident in self.packages else ident

    def date_of(self, when: When | None, stated: str | None = None) -> str:
        """A date fact's or inline date as printed, else the time as stated, else 'not stated'."""
        if isinstance(when, str):
            return fmt.event_date(self.dates[when]) if when in self.dates else when
        if when is not None:
            return fmt.event_date(when)
        return stated or "not stated"

    def date_value(self, when: When | None) -> DateValue | None:
        """The date a `when` field means, if it gives one."""
        if isinstance(when, str):
            return self.dates.get(when)
        return when

    def cites(self, fact: Fact) -> Inlines:
        """Citation markers for a fact, preceded by its warning marks when it has any."""
        marks: list[Inline] = []
        if fact.id in self.stale:
            marks.append(Span((Text(f" [{STALE_MARK}]"),), ("stale", FLAG)))
        if fact.review == "draft":
            marks.append(Span((Text(f" [{DRAFT_MARK}]"),), ("draft", FLAG)))
        marks.extend(analytic.corroboration_mark(fact, self.sources, self.sheet))
        if fact.id in self.disputed:
            marks.append(Span((Text(" [sources disagree: both values shown together]"),), ("disputed", FLAG)))
        return (*marks, *self.notes.cite(fact.cites))

    def rests_on(self, refs: Sequence[str]) -> Inlines:
        """Citation markers for everything the facts named in `refs` cite (judgments: what they rest on)."""
        quotes: list[Quote] = []
        judgments = {j.id: j for j in self.sheet.judgments}
        pending, seen = list(refs), set()
        while pending:
            ref = pending.pop(0)
            if ref in seen:
                continue
            seen.add(ref)
            if ref in self.facts_by_id:
                quotes.extend(self.facts_by_id[ref].cites)
            elif ref in judgments:
                pending.extend(judgments[ref].rests_on)
        return self.notes.cite(quotes)

    def publishers(self, fact: Fact) -> str:
        """The publishers of the sources a fact cites: 'Tech Times; U.S. Department of State'."""
        names = [(s.publisher or s.title) for ident in dict.fromkeys(q.source for q in fact.cites)
                 if (s := self.sources.get(ident)) is not None]
        return "; ".join(names)

    def chain(self, fact: Fact) -> str:
        """'US intelligence assessment, via The New York Times, via Tech Times', or '' for nobody's word."""
        return analytic.chain(self.sheet, fact, self.actor_names)

    def attribution(self, fact: Fact, standing: Standing | None = None) -> Inlines:
        """'(claimed: Biden administration; denied by Iran)' for attributed or contested facts; nothing otherwise."""
        standing = standing or fact.standing
        parts: list[str] = []
        if fact.according_to is not None:
            who = self.chain(fact)
            word = standing.value if standing is not None and standing is not Standing.established else "per"
            parts.append(f"{word} {who}" if word == "per" else f"{word}: {who}")
        parts.extend(self.stance_words(fact))
        if not parts:
            return ()
        marks = self.notes.cite([q for stance in fact.stances for q in stance.cites])
        return (Text(" "), Span((Emph((Text(f"({'; '.join(parts)})"),)),), ("attribution",)), *marks)

    def stance_words(self, fact: Fact) -> list[str]:
        """'denied by Iran', 'confirmed by the Pentagon (\"we can confirm\")' for each stance on a fact."""
        out = []
        for stance in fact.stances:
            how = f" ({stance.how})" if stance.how else ""
            out.append(f"{stance.standing.value} by {self.actor(stance.by)}{how}")
        return out

    def limited(self, items: Sequence[_T], section: TemplateSection) -> Sequence[_T]:
        """At most `section.limit` items; a cut is recorded so the briefing can say so."""
        if section.limit is None or len(items) <= section.limit:
            return items
        title = section.title or SECTIONS[section.kind].title
        shown = f"{section.limit} of {len(items)} shown" if section.limit else "left out"
        self.shortened.append(f"{title} ({shown})")
        return items[: section.limit]

    # ------------------------------------------------------------ document

    def front_matter(self) -> list[Block]:
        """Title, as-of line and what the briefing rests on."""
        meta = self.sheet.factsheet
        sources = "; ".join(
            f"{s.publisher or s.title}" + (f" ({fmt.partial_date(s.date)})" if s.date else "")
            for s in self.sheet.sources
        )
        cut = analytic.cut_off(self.sheet) or "not stated"
        blocks: list[Block] = [
            Heading(0, (Text(meta.title),), "title"),
            Paragraph((Text(f"As of {fmt.long_date(meta.as_of)} · Information cut-off: {cut} · Based on: {sources}"),),
                      "meta"),
            *analytic.source_panel(self.sheet),
        ]
        if meta.subject and not (self.template.one_page and self.sheet.bottom_line):  # the bottom line leads
            blocks.append(Paragraph((Text(meta.subject),), "lead"))
        return blocks

    def compose(self) -> Document:
        """The whole document."""
        body = self.front_matter()
        # Notes are numbered by first citation, so the notes section is built last.
        built: list[tuple[TemplateSection, list[Block]]] = []
        for section in self.template.sections:
            built.append((section, [] if section.kind == "notes" else SECTIONS[section.kind].build(self, section)))
        for section, blocks in built:
            if section.kind == "notes":
                blocks = SECTIONS["notes"].build(self, section) if self.notes.order else []
            if not blocks:
                continue
            title = section.title or SECTIONS[section.kind].title
            if section.kind == "changes" and self.since:
                title = f"{title} since {fmt.long_date(dt.date.fromisoformat(self.since))}"
            anchor = f"sec-{section.kind}"
            if section.kind == "end_matter" and section.compact:  # a closing line, not a section of its own
                body.append(Div(tuple(blocks), ("section", section.kind), anchor))
                continue
            classes = ("section", section.kind, KEEP) if section.kind == "end_matter" else ("section", section.kind)
            body.append(Div((Heading(1, (Text(title),), anchor), *blocks), classes, anchor))
        if self.shortened:
            reason = "to fit one page" if self.template.one_page else "by the template"
            notice = f"Shortened {reason}: {'; '.join(self.shortened)}. The full briefing has every item."
            body.append(Paragraph((Emph((Text(notice),)),), "small"))
        meta = self.sheet.factsheet
        metadata = Metadata(
            title=meta.title,
            author=meta.author,
            subject=meta.subject or meta.title,
            keywords=tuple(meta.keywords),
            language=meta.language,
            as_of=meta.as_of.isoformat(),
            build_id=self.build_id,
        )
        return Document(metadata, Page(self.template.paper, self.template.marking, self.template.one_page), tuple(body))


def compose(
    sheet: FactSheet,
    template: Template,
    build_id: str,
    stale: frozenset[str] = frozenset(),
    since: str = "",
    changes: tuple[str, ...] = (),
    paragraphs: dict[tuple[str, str], int] | None = None,
) -> Document:
    """Compose the briefing for `sheet` with `template`; `changes` feed a 'changes' section, `paragraphs` give
    the paragraph of each quote in its source (keyed by source id and quote)."""
    with paused():
        return Composer(sheet, template, build_id, stale, since, changes, paragraphs or {}).compose()

