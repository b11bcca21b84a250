"""Facts + template -> document tree. Knows facts and templates; knows no output format."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from factsheet.compose import analytic
from factsheet.compose import format as fmt
from factsheet.compose.figures import supply_network, timeline_strip
from factsheet.compose.template import Template, TemplateSection
from factsheet.document.nodes import (
    Block,
    BulletList,
    Cite,
    Column,
    Div,
    Document,
    Emph,
    Heading,
    Inline,
    Inlines,
    Metadata,
    Note,
    NoteList,
    Page,
    Paragraph,
    Span,
    Strong,
    Table,
    Text,
)
from factsheet.facts.model import GRADE_MEANING, Fact, FactSheet, Quote, Standing, Transfer

_T = TypeVar("_T")

DEFAULT_TITLES = {
    "key_points": "Key points",
    "transfers": "Systems and transfers",
    "systems": "Systems",
    "claims": "Claims and attributions",
    "actors": "Actors",
    "timeline": "Timeline",
    "costs": "Costs",
    "gaps": "What the sources say is not known",
    "notes": "Source notes",
    "changes": "Changes",
    "bottom_line": "Bottom line",
    "judgments": "Key judgments",
    "disagreements": "Where sources disagree",
    "end_matter": "About this briefing",
}

_PLAIN_VERBS = {"claims", "claimed", "reported", "reports", "assessed", "says", "said", "according to"}

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
        longest_first = sorted(by_key, key=lambda k: (-len(k[1]), k))
        self.canonical: dict[tuple[str, str], Quote] = {}
        for key in by_key:
            container = next(
                (k for k in longest_first if k[0] == key[0] and key[1] in k[1]), key
            )
            self.canonical[key] = by_key[container]

    def cite(self, quotes: Sequence[Quote]) -> Inlines:
        """Citation markers for `quotes`, numbering new ones."""
        marks: list[Inline] = []
        for cited in quotes:
            quote = self.canonical.get(_key(cited), cited)
            key = _key(quote)
            if key not in self.numbers:
                self.order.append(quote)
                self.numbers[key] = len(self.order)
            number = self.numbers[key]
            if not any(isinstance(m, Cite) and m.number == number for m in marks):
                marks.append(Cite(number))
        return tuple(marks)


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
        self.notes = Notes([q for _, _, fact in self.sheet.all_facts() for q in fact.cites])
        self.actors = {a.id: a for a in self.sheet.actors}
        self.systems = {s.id: s for s in self.sheet.systems}
        self.dates = {d.id: d for d in self.sheet.dates}
        self.sources = {s.id: s for s in self.sheet.sources}
        self.actor_names = {a.id: a.name for a in self.sheet.actors}
        self.costs_for: dict[str, list[str]] = {}
        for cost in self.sheet.costs:
            self.costs_for.setdefault(cost.pays_for, []).append(fmt.cost_phrase(cost))

    # ------------------------------------------------------------ helpers

    def actor(self, ident: str) -> str:
        """The name an actor is printed under."""
        return self.actors[ident].name if ident in self.actors else ident

    def cites(self, fact: Fact) -> Inlines:
        """Citation markers for a fact, preceded by its warning marks when it has any."""
        marks: list[Inline] = []
        if fact.id in self.stale:
            marks.append(Span((Text(f" [{STALE_MARK}]"),), ("stale",)))
        if fact.review == "draft":
            marks.append(Span((Text(f" [{DRAFT_MARK}]"),), ("draft",)))
        marks.extend(analytic.corroboration_mark(fact, self.sources))
        if fact.id in self.disputed:
            marks.append(Span((Text(" [sources disagree: both values shown together]"),),
                              ("disputed",)))
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

    def attribution(self, fact: Fact, standing: Standing | None = None) -> Inlines:
        """'(reported: US intelligence assessment, via The New York Times, via Tech Times)'; nothing when the
        fact is nobody's word."""
        said = analytic.chain(self.sheet, fact, self.actor_names)
        if not said:
            return ()
        word = standing.value if standing is not None and standing is not Standing.established else "per"
        text = f"{word} {said}" if word == "per" else f"{word}: {said}"
        return (Text(" "), Span((Emph((Text(f"({text})"),)),), ("attribution",)))

    # ------------------------------------------------------------ sections

    def key_points(self, section: TemplateSection) -> list[Block]:
        """The bottom line, one bullet per key point, attributions shown."""
        items = [
            (Text(p.text), *self.attribution(p, p.standing), *self.cites(p))
            for p in self.limited(self.sheet.key_points, section)
        ]
        return [BulletList(tuple(items))] if items else []

    def transfer_row(self, transfer: Transfer, compact: bool) -> tuple[Inlines, ...]:
        """One row of the systems and transfers table."""
        system = self.systems.get(transfer.system)
        name: list[Inline] = [Strong((Text(system.designation if system else transfer.system),))]
        if system is not None and system.manufacturer:
            name.append(Text(f" ({self.actor(system.manufacturer)})"))
        parties = f"{' and '.join(self.actor(s) for s in transfer.suppliers)} → {self.actor(transfer.recipient)}"
        status: list[Inline] = [Text(transfer.status.value)]
        if transfer.quantity:
            status.append(Text(f", {transfer.quantity}"))
        status.extend(self.attribution(transfer))
        when = self.when(transfer)
        cost = "; ".join(self.costs_for.get(transfer.id, []) + self.costs_for.get(transfer.system, []))
        kind = system.category.value if system else ""
        status.extend(self.cites(transfer))
        if compact:
            return ((*name, Text(f", {kind}")), (Text(parties),), tuple(status), (Text(when),))
        return ((*name,), (Text(kind),), (Text(parties),), tuple(status), (Text(when),), (Text(cost or "—"),))

    def when(self, transfer: Transfer) -> str:
        """When a transfer happened, from its date fact or as the source states it."""
        if transfer.when and transfer.when in self.dates:
            return fmt.event_date(self.dates[transfer.when])
        return transfer.when_stated or "not stated"

    def transfers(self, section: TemplateSection) -> list[Block]:
        """Who supplies what to whom, in what status, when and at what cost."""
        rows = tuple(self.transfer_row(t, section.compact) for t in self.limited(self.sheet.transfers, section))
        if not rows:
            return []
        columns: tuple[Column, ...]
        figure = supply_network(self.sheet, self.actor) if section.figure else None
        if section.compact:
            columns = (Column("System", 2.2), Column("Supplier → recipient", 2.2), Column("Status", 2.6),
                       Column("When", 1.4))
        else:
            columns = (Column("System", 1.6), Column("Type", 1.1), Column("Supplier → recipient", 1.8),
                       Column("Status", 1.9), Column("When", 1.3), Column("Cost", 1.6))
        return [*([figure] if figure else []), Table(columns, rows)]

    def systems_table(self, section: TemplateSection) -> list[Block]:
        """The systems alone: designation, family, category, maker and origin."""
        rows = []
        for system in self.limited(self.sheet.systems, section):
            maker = self.actor(system.manufacturer) if system.manufacturer else "—"
            origin = self.actor(system.origin) if system.origin else "—"
            rows.append(((Strong((Text(system.designation),)),), (Text(system.category.value),),
                         (Text(maker),), (Text(origin),), (Text(system.use or "—"), *self.cites(system))))
        columns = (Column("System", 1.6), Column("Type", 1.2), Column("Maker", 1.4), Column("Origin", 1.2),
                   Column("Use", 2.2))
        return [Table(columns, tuple(rows))] if rows else []

    def claims(self, section: TemplateSection) -> list[Block]:
        """Attributed statements: who says what, and how."""
        rows = []
        for claim in self.limited(self.sheet.claims, section):
            who = analytic.chain(self.sheet, claim, self.actor_names) or "—"
            how = claim.standing.value.capitalize()
            stated = claim.according_to.how if claim.according_to else ""
            if stated and stated.lower() not in _PLAIN_VERBS:
                how += f" ({stated})"
            rows.append(((Strong((Text(who),)),), (Text(how),),
                         (Text(claim.text), *self.cites(claim))))
        columns = (Column("Who, via whom", 2.0), Column("How", 1.4), Column("Statement", 4.1))
        return [Table(columns, tuple(rows))] if rows else []

    def actors_table(self, section: TemplateSection) -> list[Block]:
        """Everyone the sources name, with aliases and roles."""
        rows = []
        for actor in self.limited(self.sheet.actors, section):
            aka = ", ".join(actor.aliases)
            rows.append(((Strong((Text(actor.name),)), *self.cites(actor)), (Text(actor.kind.value),),
                         (Text(aka or "—"),), (Text(actor.role or "—"),)))
        columns = (Column("Actor", 1.6), Column("Kind", 1.1), Column("Also called", 1.6), Column("Role", 3.2))
        return [Table(columns, tuple(rows))] if rows else []

    def timeline(self, section: TemplateSection) -> list[Block]:
        """Dated events in date order, each date shown to its precision."""
        shown = list(self.limited(sorted(self.sheet.dates, key=lambda d: (d.value, d.id)), section))
        rows = tuple(((Text(fmt.event_date(d)),), (Text(d.event), *self.cites(d))) for d in shown)
        if not rows:
            return []
        strip = timeline_strip(shown) if section.figure else None
        return [*([strip] if strip else []), Table((Column("Date", 1.4), Column("Event", 5.0)), rows)]

    def costs(self, section: TemplateSection) -> list[Block]:
        """Each cost with its bound, the conversion as stated, and what it pays for."""
        items = []
        for cost in self.limited(self.sheet.costs, section):
            target = self.pays_for_name(cost.pays_for)
            line: list[Inline] = [Strong((Text(target),)), Text(": " + fmt.cost_phrase(cost))]
            line.extend(self.attribution(cost))
            items.append((*line, *self.cites(cost)))
        return [BulletList(tuple(items))] if items else []

    def pays_for_name(self, ident: str) -> str:
        """What a cost pays for, by name."""
        for transfer in self.sheet.transfers:
            if transfer.id == ident:
                system = self.systems.get(transfer.system)
                name = system.designation if system else transfer.system
                return f"{name} for {self.actor(transfer.recipient)}"
        system = self.systems.get(ident)
        return system.designation if system else ident

    def gaps(self, section: TemplateSection) -> list[Block]:
        """What the sources themselves say is unknown."""
        items = tuple((Text(g.text), *self.cites(g)) for g in self.limited(self.sheet.gaps, section))
        return [BulletList(items)] if items else []

    def notes_list(self, section: TemplateSection) -> list[Block]:
        """Numbered source notes quoting the supporting text."""
        notes = []
        for number, quote in enumerate(self.notes.order, start=1):
            text = " ".join(quote.text.split())
            if section.compact:
                text = shorten_quote(text, 90)
                self.quotes_cut = self.quotes_cut or text.endswith("[...]")
            notes.append(Note(number, self.note_source(quote, section.compact), text, f"note-{number}"))
        blocks: list[Block] = [NoteList(tuple(notes))]
        if self.quotes_cut:
            blocks.append(Paragraph((Emph((Text(
                "Quotes are shortened at word boundaries where marked [...]; the full briefing quotes them whole."),)),
            ), "small"))
        if not section.compact:
            blocks.extend(self.source_list())
        return blocks

    def note_source(self, quote: Quote, compact: bool) -> Inlines:
        """'Tech Times, para. 4, https://..., accessed 25 Nov 2026' for one note."""
        source = self.sources.get(quote.source)
        if source is None:
            return (Text(quote.source),)
        bits: list[Inline] = [Text(source.publisher or source.title)]
        paragraph = self.paragraphs.get(_key(quote))
        if paragraph is not None:
            bits.append(Text(f", para. {paragraph}"))
        url = getattr(source, "url", None)
        if url and not compact:
            bits.extend((Text(", "), Span((Text(str(url)),), ("link",))))
        accessed = getattr(source, "accessed", None)
        if accessed and not compact:
            bits.append(Text(f", accessed {fmt.partial_date(str(accessed))}"))
        return tuple(bits)

    def changes_list(self, section: TemplateSection) -> list[Block]:
        """What changed in the facts since the previous build (empty on a first build)."""
        items = tuple((Text(line),) for line in self.limited(self.changes, section))
        return [BulletList(items)] if items else []

    def source_list(self) -> list[Block]:
        """The sources themselves, with author, date and reliability grade."""
        items = []
        for source in self.sheet.sources:
            bits = [source.publisher, source.author, fmt.partial_date(source.date) if source.date else None]
            line: list[Inline] = [Emph((Text(source.title),)), Text(". " + ", ".join(b for b in bits if b) + ".")]
            if source.reliability is not None:
                grade = source.reliability.value
                line.append(Text(f" Reliability {grade} ({GRADE_MEANING[grade]})."))
            if source.date_note:
                line.append(Text(" " + " ".join(source.date_note.split())))
            items.append(tuple(line))
        return [Paragraph((Strong((Text("Sources"),)),), "small"), BulletList(tuple(items))]

    def limited(self, items: Sequence[_T], section: TemplateSection) -> Sequence[_T]:
        """At most `section.limit` items; a cut is recorded so the briefing can say so."""
        if section.limit is None or len(items) <= section.limit:
            return items
        title = section.title or DEFAULT_TITLES[section.kind]
        self.shortened.append(f"{title} ({section.limit} of {len(items)} shown)")
        return items[: section.limit]

    # ------------------------------------------------------------ document

    def front_matter(self) -> list[Block]:
        """Title, as-of line and what the briefing rests on."""
        meta = self.sheet.factsheet
        sources = "; ".join(
            f"{s.publisher or s.title}" + (f" ({fmt.partial_date(s.date)})" if s.date else "")
            for s in self.sheet.sources
        )
        cut = analytic.cut_off(self.sheet)
        cut_text = f" · Information cut-off: {cut}" if cut else " · Information cut-off: not stated"
        blocks: list[Block] = [
            Heading(0, (Text(meta.title),), "title"),
            Paragraph((Text(f"As of {fmt.long_date(meta.as_of)}{cut_text} · Based on: {sources}"),), "meta"),
            *analytic.source_panel(self.sheet),
        ]
        if meta.subject:
            blocks.append(Paragraph((Text(meta.subject),), "lead"))
        return blocks

    def compose(self) -> Document:
        """The whole document."""
        builders: dict[str, Callable[[TemplateSection], list[Block]]] = {
            "key_points": self.key_points,
            "transfers": self.transfers,
            "systems": self.systems_table,
            "claims": self.claims,
            "actors": self.actors_table,
            "timeline": self.timeline,
            "costs": self.costs,
            "gaps": self.gaps,
            "notes": self.notes_list,
            "changes": self.changes_list,
            "bottom_line": lambda section: analytic.bottom_line(self, section),
            "judgments": lambda section: analytic.judgments(self, section),
            "disagreements": lambda section: analytic.disagreements(self, section),
            "end_matter": lambda section: analytic.end_matter(self, section),
        }
        body = self.front_matter()
        # Notes are numbered by first citation, so the notes section is built last.
        built: list[tuple[TemplateSection, list[Block]]] = []
        for section in self.template.sections:
            built.append((section, [] if section.kind == "notes" else builders[section.kind](section)))
        for section, blocks in built:
            if section.kind == "notes":
                blocks = builders["notes"](section) if self.notes.order else []
            if not blocks:
                continue
            title = section.title or DEFAULT_TITLES[section.kind]
            if section.kind == "changes" and self.since:
                title = f"{title} since {fmt.long_date(dt.date.fromisoformat(self.since))}"
            anchor = f"sec-{section.kind}"
            if section.kind == "end_matter" and section.compact:  # a closing line, not a section of its own
                body.append(Div(tuple(blocks), ("section", section.kind), anchor))
                continue
            body.append(Div((Heading(1, (Text(title),), anchor), *blocks), ("section", section.kind), anchor))
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
    return Composer(sheet, template, build_id, stale, since, changes, paragraphs or {}).compose()


def shorten_quote(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters at a word boundary, marked ' [...]'; whole when it fits."""
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return f"{cut} [...]"
