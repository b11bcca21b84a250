"""The analytic sections: bottom line, key judgments, disagreements, source panel, end matter.

Built from existing node kinds (headings, paragraphs, tables, spans with classes),
so writers need nothing new. Attribution chains are worded here, once, for every
place an attribution appears.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from factsheet.compose import format as fmt
from factsheet.document.nodes import (
    Block,
    BulletList,
    Column,
    Emph,
    Inline,
    Inlines,
    Paragraph,
    Span,
    Strong,
    Table,
    Text,
)
from factsheet.facts.analytic import LIKELIHOOD_PERCENT, Likelihood
from factsheet.facts.corroboration import corroborating, fact_sources, originator_speaks
from factsheet.facts.model import GRADE_MEANING, Cost, DateFact, Fact, FactSheet, Gap, Source, Statement, Transfer

if TYPE_CHECKING:
    from factsheet.compose.composer import Composer
    from factsheet.compose.template import TemplateSection


def chain(sheet: FactSheet, fact: Fact, actor: dict[str, str]) -> str:
    """Who said it, who passed it on, where we read it: 'US intelligence assessment, via The New York Times,
    via Tech Times'. Empty for a fact nobody is cited as saying."""
    if fact.according_to is None:
        return ""
    said = fact.according_to
    links = [said.label or actor.get(said.by, said.by), *(actor.get(v, v) for v in said.via)]
    sources = {s.id: s for s in sheet.sources}
    read, direct = [], []  # where we read it; sources published by the originator itself stand apart
    for ident in fact_sources(fact):
        source = sources.get(ident)
        name = (source.publisher or source.title) if source else ident
        if source is not None and originator_speaks(fact, source, sheet):
            if name not in links and name not in direct:  # the originator by name already says it
                direct.append(name)
        elif name not in links and name not in read:
            read.append(name)
    if read:
        links.append(" and ".join(read))
    text = ", via ".join(links)
    return f"{text}; directly: {' and '.join(direct)}" if direct else text


def value_of(fact: Fact) -> str:
    """The value a fact states, as the briefing prints it, for holding values side by side."""
    if isinstance(fact, Cost):
        return fmt.cost_phrase(fact)
    if isinstance(fact, Transfer):
        return f"{fmt.quantity(fact.quantity)}, {fact.status.value}" if fact.quantity else fact.status.value
    if isinstance(fact, DateFact):
        return fmt.event_date(fact)
    if isinstance(fact, Statement | Gap):
        return " ".join(fact.text.split())
    return fact.id


def source_panel(sheet: FactSheet) -> list[Block]:
    """'3 sources: 1 official (graded B); 2 news (graded C).', near the top; a lone source is said to be one."""
    kinds: Counter[str] = Counter()
    grades: dict[str, list[str]] = {}
    for source in sheet.sources:
        kind = source.kind.value if source.kind else "unstated kind"
        kinds[kind] += 1
        grades.setdefault(kind, []).append(source.reliability.value if source.reliability else "ungraded")
    parts = []
    for kind, count in kinds.items():
        graded = ", ".join(sorted(set(grades[kind])))
        parts.append(f"{count} {kind} (graded {graded})" if graded != "ungraded" else f"{count} {kind} (ungraded)")
    count = len(sheet.sources)
    single = " A single source: nothing here is corroborated." if count == 1 else ""
    text = f"{count} source{'s' if count != 1 else ''}: {'; '.join(parts)}.{single}"
    return [Paragraph((Strong((Text("Sources "),)), Text(text)), "meta")]


def cut_off(sheet: FactSheet) -> str:
    """The information cut-off: the latest publication date among the sources, or '' when none is dated."""
    dated = [s.date for s in sheet.sources if s.date]
    return fmt.partial_date(max(dated, key=_sortable)) if dated else ""


def _sortable(value: str) -> str:
    return value + "-99" * (2 - value.count("-"))


def bottom_line(composer: Composer, section: TemplateSection) -> list[Block]:
    """One to three sentences, first; each followed by the citations of what it rests on."""
    lines = [(Strong((Text(" ".join(line.text.split())),)), *composer.rests_on(line.rests_on))
             for line in composer.sheet.bottom_line]
    if composer.template.one_page and len(lines) > 1:
        # A one-pager sets its lists in two columns: the bottom line as bullets takes half the height.
        return [BulletList(tuple(lines))]
    return [Paragraph(line, "lead") for line in lines]


def judgments(composer: Composer, section: TemplateSection) -> list[Block]:
    """Key judgments: likelihood in ICD 203 terms, confidence, and citations of the facts each rests on."""
    rows = []
    for judgment in composer.limited(composer.sheet.judgments, section):
        text: list[Inline] = [Text(" ".join(judgment.text.split())), *composer.rests_on(judgment.rests_on)]
        if judgment.basis and not section.compact:
            text.append(Span((Emph((Text(" Basis: " + " ".join(judgment.basis.split())),)),), ("basis",)))
        likelihood = f"{judgment.likelihood.value.capitalize()} ({LIKELIHOOD_PERCENT[judgment.likelihood]})"
        rows.append(((Strong((Text(likelihood),)),), (Text(f"{judgment.confidence.value.capitalize()} confidence"),),
                     tuple(text)))
    columns = (Column("Likelihood", 1.3), Column("Confidence", 1.2), Column("Judgment", 5.0))
    return [Table(columns, tuple(rows))] if rows else []


def disagreements(composer: Composer, section: TemplateSection) -> list[Block]:
    """Conflicting values side by side, each with who says it and where; none is picked."""
    facts = {fact.id: fact for _, _, fact in composer.sheet.all_facts()}
    rows: list[tuple[Inlines, ...]] = []
    for disagreement in composer.limited(composer.sheet.disagreements, section):
        for position, ref in enumerate(disagreement.facts):
            fact = facts[ref]
            about: Inlines = (Strong((Text(disagreement.about),)),) if position == 0 else ()
            if position == 0 and disagreement.note and not section.compact:
                about = (*about, Emph((Text(" " + " ".join(disagreement.note.split())),)))
            said = chain(composer.sheet, fact, composer.actor_names) or composer.publishers(fact)
            rows.append((about, (Text(value_of(fact)),), (Text(said), *composer.notes.cite(fact.cites))))
    columns = (Column("Disagreement", 2.4), Column("Value", 2.2), Column("According to", 3.0))
    return [Table(columns, tuple(rows))] if rows else []


def corroboration_mark(fact: Fact, sources: dict[str, Source], sheet: FactSheet) -> Inlines:
    """' [corroborated: Tech Times; U.S. Department of State, the originator itself]' for a fact with
    independent sources; a source published by the one the fact is attributed to is named as such."""
    found = corroborating(fact, sources)
    if not found:
        return ()
    names = "; ".join(
        (sources[s].publisher or sources[s].title)
        + (", the originator itself" if originator_speaks(fact, sources[s], sheet) else "")
        for s in found
    )
    return (Span((Text(f" [corroborated: {names}]"),), ("corroborated",)),)


def end_matter(composer: Composer, section: TemplateSection) -> list[Block]:
    """Author and contact, method and sources, marking and distribution."""
    sheet, meta = composer.sheet, composer.sheet.factsheet
    end = sheet.end_matter
    blocks: list[Block] = []
    who = f"Prepared by {meta.author}."
    if end is not None:
        who += f" Contact: {end.contact}."
    marking = composer.template.marking or "none"
    distribution = end.distribution if end is not None else "not stated"
    if section.compact:
        return [Paragraph((Text(f"{who} "), Strong((Text("Distribution: "),)), Text(distribution.rstrip(".") + "."),
                           Text(" Method, scales and full quotes: see the full briefing.")), "small")]
    blocks.append(Paragraph((Text(who),), "small"))
    method = end.method if end is not None and end.method else ""
    scale = "; ".join(f"{term.value} {LIKELIHOOD_PERCENT[term]}" for term in Likelihood)
    grades = ", ".join(f"{g} {m}" for g, m in GRADE_MEANING.items())
    count = len(sheet.sources)
    cut = cut_off(sheet) or "not stated"
    plural = "s" if count != 1 else ""
    parts = [" ".join(method.split()), f"Based on {count} source{plural}; information cut-off {cut}."]
    if sheet.judgments:
        parts.append(f"Estimative language follows ICD 203 ({scale}); confidence (low, moderate, high) reflects the "
                     "quality and agreement of the sources behind each judgment.")
    parts.append(f"Source grades on the NATO/Admiralty scale ({grades}).")
    if count > 1:
        parts.append("A fact is marked corroborated when two independent sources (different publishers, neither "
                     "relying on the other) support it, and a source published by the originator of a claim is "
                     "named as such; where sources disagree, both values are shown.")
    note = " ".join(p for p in parts if p)
    blocks.append(Paragraph((Strong((Text("Method and sources. "),)), Text(note)), "small"))
    blocks.append(Paragraph((Strong((Text("Marking: "),)), Text(f"{marking}. "),
                             Strong((Text("Distribution: "),)), Text(distribution.rstrip(".") + ".")), "small"))
    return blocks


def shorten_quote(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters at a word boundary, marked ' [...]'; whole when it fits."""
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return f"{cut} [...]"
