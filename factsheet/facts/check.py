"""Re-anchor every citation of a facts file against the current seed texts."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from factsheet.atomic import write_atomic
from factsheet.diagnostics import Diagnostic, Level, Location
from factsheet.facts.anchor import Anchor, Reanchored, Status, reanchor
from factsheet.facts.anchors import anchors_data, anchors_path, citation_key, read_anchors
from factsheet.facts.load import LoadedFacts
from factsheet.manifest import text_hash
from factsheet.yamlio import PathKey, YamlDocument


@dataclass(frozen=True)
class CitationCheck:
    """One citation and how it stands."""

    key: str
    field: str  # e.g. "costs.0.cites.0.text"
    fact_id: str
    source: str
    quote: str
    document: YamlDocument
    path_key: PathKey
    result: Reanchored

    @property
    def location(self) -> Location:
        """Where the quote stands in the facts file (worked out only when a message needs it)."""
        return self.document.location(self.path_key)

    def diagnostic(self) -> Diagnostic:
        """A path:line:col line describing a citation that needs attention."""
        r = self.result
        detail = {
            Status.changed: f"changed (similarity {r.similarity:.0f}%): {r.diff}"
            + (" - `factsheet check --fix` would accept this change" if r.fixable
               else " - fix by hand (a number, quantity, negation, name or whole word changed)"),
            Status.ambiguous: f"ambiguous: {r.diff}",
            Status.orphaned: "orphaned: not found in the source",
        }.get(r.status, r.status.value)
        level: Level = "warning" if r.status is Status.ambiguous else "error"
        return Diagnostic(self.location, f"{self.field}: {self.fact_id}: {detail}", level)


def check_citations(facts: LoadedFacts, report: Callable[[Diagnostic], None] | None = None) -> list[CitationCheck]:
    """Re-anchor every citation of `facts`, using the anchors recorded last time (a bad anchors file is reported)."""
    warn = None if report is None else (lambda text: report(Diagnostic(Location(facts.shown), text, "warning")))
    anchors = read_anchors(facts.path, warn)
    checks = []
    for section, index, fact in facts.sheet.all_facts():
        for below, quote in fact.quotes():
            if quote.source not in facts.source_texts:
                continue
            # A fact's own quotes keep their short keys; those of its items and stances name their path.
            key = citation_key(fact.id, below[1] if below[0] == "cites" else ".".join(str(p) for p in below))
            result = reanchor(facts.source_texts[quote.source], quote.text, anchors.get(key))
            path_key = (section, index, *below, "text")
            field = ".".join(str(part) for part in path_key)
            checks.append(
                CitationCheck(key, field, fact.id, quote.source, quote.text, facts.document, path_key, result)
            )
    return checks


def record_anchors(facts: LoadedFacts, checks: list[CitationCheck]) -> bool:
    """Save where each standing citation now sits; keep the old anchor of any that does not stand."""
    data = anchors_bytes(facts, checks)
    if data is None:
        return False
    write_atomic(anchors_path(facts.path), data)
    return True


def anchors_bytes(facts: LoadedFacts, checks: list[CitationCheck]) -> bytes | None:
    """The anchors file `record_anchors` would write, or None when it holds that already."""
    anchors = read_anchors(facts.path)
    for check in checks:
        if check.result.ok and check.result.span is not None:
            anchors[check.key] = Anchor.at(facts.source_texts[check.source], check.result.span)
    live = {c.key for c in checks}
    # The hashes of the bytes this check read: a file saved meanwhile is not taken as checked.
    inputs = {facts.path.name: text_hash(facts.document.text)}
    inputs.update({os.path.relpath(p, facts.path.parent): text_hash(facts.source_texts[s])
                   for s, p in facts.source_paths.items()})
    clean = all(c.result.ok for c in checks)
    return anchors_data(facts.path, {k: v for k, v in anchors.items() if k in live}, inputs, summary(checks), clean)


def summary(checks: list[CitationCheck]) -> str:
    """'52 citations: 50 intact, 1 moved, 1 changed'."""
    counts = Counter(c.result.status for c in checks)
    parts = [f"{counts[s]} {s.value}" for s in Status if counts[s]]
    return f"{len(checks)} citations: {', '.join(parts) or 'none'}"


def stale_facts(checks: list[CitationCheck]) -> frozenset[str]:
    """Ids of facts with a changed or orphaned citation."""
    return frozenset(c.fact_id for c in checks if c.result.status in (Status.changed, Status.orphaned))
