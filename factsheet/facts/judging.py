"""Checks of the analytic layer: what judgments rest on, disagreements, attribution chains, source links.

Every problem is a diagnostic at its line; `load_facts` reports them with the
model's own checks, so a build refuses a judgment that rests on nothing or on an
id that does not exist, and a conflict between sources that is not declared.
"""

from __future__ import annotations

from factsheet.diagnostics import Diagnostic
from factsheet.facts.corroboration import conflicts, stated_value
from factsheet.facts.model import FactSheet
from factsheet.yamlio import PathKey, YamlDocument


def check_analytic(sheet: FactSheet, document: YamlDocument) -> list[Diagnostic]:
    """Every problem with the bottom line, judgments, disagreements, chains and source dependencies."""
    problems: list[Diagnostic] = []

    def report(key: PathKey, message: str) -> None:
        field = ".".join(str(part) for part in key)
        problems.append(Diagnostic(document.location(key), f"{field}: {message}"))

    facts = {fact.id: section for section, _, fact in sheet.all_facts()}
    by_id = {fact.id: fact for _, _, fact in sheet.all_facts()}
    judgments = {j.id for j in sheet.judgments}
    actors = {a.id for a in sheet.actors}
    sources = {s.id for s in sheet.sources}
    taken = set(facts) | sources
    for index, judgment in enumerate(sheet.judgments):
        if judgment.id in taken:
            report(("judgments", index, "id"), f"duplicate id {judgment.id!r}")
        taken.add(judgment.id)
        for ri, ref in enumerate(judgment.rests_on):
            if ref == judgment.id:
                report(("judgments", index, "rests_on", ri), "a judgment cannot rest on itself")
            elif ref not in facts and ref not in judgments:
                report(("judgments", index, "rests_on", ri), f"rests on {ref!r}, which is not a fact id")
    grounded = _grounded(sheet, set(facts))
    for index, judgment in enumerate(sheet.judgments):
        if judgment.id not in grounded and all(ref in facts or ref in judgments for ref in judgment.rests_on):
            report(("judgments", index, "rests_on"), "rests only on judgments that rest on no fact (a circle)")
    for index, line in enumerate(sheet.bottom_line):
        for ri, ref in enumerate(line.rests_on):
            if ref not in facts and ref not in judgments:
                report(("bottom_line", index, "rests_on", ri), f"rests on {ref!r}, which is not a fact or judgment id")

    declared: set[frozenset[str]] = set()
    for index, disagreement in enumerate(sheet.disagreements):
        if disagreement.id in taken:
            report(("disagreements", index, "id"), f"duplicate id {disagreement.id!r}")
        taken.add(disagreement.id)
        sections = set()
        for fi, ref in enumerate(disagreement.facts):
            if ref not in facts:
                report(("disagreements", index, "facts", fi), f"unknown fact id {ref!r}")
            else:
                sections.add(facts[ref])
        if len(sections) > 1:
            report(("disagreements", index, "facts"), f"holds facts of different kinds ({', '.join(sorted(sections))})")
        if len(set(disagreement.facts)) != len(disagreement.facts):
            report(("disagreements", index, "facts"), "a fact is listed twice")
        elif len(sections) == 1 and all(ref in by_id for ref in disagreement.facts) and len(
                {stated_value(by_id[ref]) for ref in disagreement.facts}) == 1:
            report(("disagreements", index, "facts"), "these facts state the same value: nothing to disagree on")
        declared.update(frozenset((a, b)) for a in disagreement.facts for b in disagreement.facts if a != b)

    for conflict in conflicts(sheet):
        if frozenset((conflict.first_id, conflict.second_id)) not in declared:
            report((conflict.section, conflict.second), (
                f"{conflict.second_id!r} gives {conflict.what} than {conflict.first_id!r}: hold both in "
                "`disagreements` (never resolved silently)"))

    for section, index, fact in sheet.all_facts():
        if fact.according_to is not None:
            for vi, via in enumerate(fact.according_to.via):
                if via not in actors:
                    report((section, index, "according_to", "via", vi), f"unknown actor id {via!r}")
    for index, source in enumerate(sheet.sources):
        for ri, ref in enumerate(source.relies_on or ()):
            if ref == source.id or ref not in sources:
                report(("sources", index, "relies_on", ri), f"{ref!r} is not another source's id")
    return problems


def _grounded(sheet: FactSheet, facts: set[str]) -> set[str]:
    """Ids of the judgments that rest, directly or through other judgments, on at least one fact."""
    grounded: set[str] = set()
    changed = True
    while changed:
        changed = False
        for judgment in sheet.judgments:
            if judgment.id not in grounded and any(r in facts or r in grounded for r in judgment.rests_on):
                grounded.add(judgment.id)
                changed = True
    return grounded
