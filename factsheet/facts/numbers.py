"""Numbers cannot drift: every number in the analyst's prose must appear in what that prose cites.

The prose is the bottom line, key points, claims and judgments (with their basis). Each number in
it ('540', '9.26 million', '24') must occur in a quote the statement cites, or in
a quote or value (amount, conversion, date) of a fact it rests on. A number that
does not is reported at its own line and column, so a source edit that changed
540 to 560 cannot leave a key point saying 540.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from factsheet.diagnostics import Diagnostic, Location
from factsheet.facts.model import Fact, FactSheet
from factsheet.yamlio import PathKey, YamlDocument

_SCALE = {"thousand": 10**3, "million": 10**6, "m": 10**6, "billion": 10**9, "bn": 10**9, "trillion": 10**12}
# A number after a letter and a hyphen ('Shahed-136', 'Geran-2', 'Mi-8') is part of a name, not a count.
NUMBER = re.compile(
    r"(?<![\w.,])(?<![^\W\d_][-\u2010\u2011])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:st|nd|rd|th)?"
    r"(?:\s*(thousand|million|billion|trillion|bn|m)\b)?(?![\w])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Number:
    """A number found in text: its words, where they start and end, its value and its scaled value."""

    text: str
    start: int
    end: int
    value: Decimal
    scaled: Decimal


def numbers_in(text: str) -> list[Number]:
    """Every number written in digits in `text`, with 'million' and the like applied in `scaled`."""
    out = []
    for match in NUMBER.finditer(text):
        try:
            value = Decimal(match.group(1).replace(",", "") + (match.group(2) or ""))
        except InvalidOperation:  # pragma: no cover - the pattern only matches digits
            continue
        scale = _SCALE.get((match.group(3) or "").lower(), 1)
        digits_end = match.end(2) if match.group(2) else match.end(1)
        out.append(Number(match.group(0), match.start(), max(digits_end, match.start()), value.normalize(),
                          (value * scale).normalize()))
    return out


def fact_values(fact: Fact) -> set[Decimal]:
    """The numbers a fact supports: those in its quotes, and its structured values (amounts, conversions,
    quantities, dates), never its own prose."""
    found: set[Decimal] = set()
    for _, quote in fact.quotes():
        for number in numbers_in(quote.text):
            found.update((number.value, number.scaled))
        # Digits glued to letters in the source ('MILEX 23at') still count as written there.
        found.update(Decimal(digits).normalize() for digits in re.findall(r"\d+(?:\.\d+)?", quote.text))
    _structured(fact.model_dump(exclude={"cites", "text", "stances"}), found)
    return found


_DATE = re.compile(r"^\d{4}(?:-(?:\d{2}|Q[1-4]|H[12]|[a-z]+))*$")


def _structured(value: object, found: set[Decimal]) -> None:
    if isinstance(value, dict):
        for item in value.values():
            _structured(item, found)
    elif isinstance(value, list | tuple):
        for item in value:
            _structured(item, found)
    elif isinstance(value, Decimal):
        found.add(value.normalize())
    elif isinstance(value, int) and not isinstance(value, bool):
        found.add(Decimal(value))
    elif isinstance(value, str) and _DATE.match(value):
        found.update(Decimal(part).normalize() for part in re.findall(r"\d+", value))
    elif hasattr(value, "isoformat"):  # a date
        found.update(Decimal(part).normalize() for part in re.findall(r"\d+", value.isoformat()))


@dataclass(frozen=True)
class Prose:
    """A piece of the analyst's prose: where it is in the facts file, its text, and what it may quote."""

    key: PathKey
    label: str
    text: str
    support: frozenset[Decimal]


def prose(sheet: FactSheet) -> Iterator[Prose]:
    """Every piece of prose whose numbers are checked, with the numbers it may use."""
    facts = {fact.id: fact for _, _, fact in sheet.all_facts()}
    judgments = {j.id: j for j in sheet.judgments}

    def support(refs: list[str], seen: frozenset[str] = frozenset()) -> frozenset[Decimal]:
        found: set[Decimal] = set()
        for ref in refs:
            if ref in facts:
                found |= with_dates(facts[ref])
            elif ref in judgments and ref not in seen:
                found |= support(judgments[ref].rests_on, seen | {ref})
        return frozenset(found)

    # A quote that says "today" is dated by its source: cited sources' publication dates count as support.
    dated = {s.id: s.date for s in sheet.sources if s.date}

    def with_dates(fact: Fact) -> frozenset[Decimal]:
        found = fact_values(fact)
        for _, quote in fact.quotes():
            if quote.source in dated:
                found.update(Decimal(part).normalize() for part in dated[quote.source].split("-"))
        return frozenset(found)

    for index, line in enumerate(sheet.bottom_line):
        yield Prose(("bottom_line", index, "text"), f"bottom line {index + 1}", line.text, support(line.rests_on))
    for section in ("key_points", "claims"):
        for index, statement in enumerate(getattr(sheet, section)):
            yield Prose((section, index, "text"), statement.id, statement.text, with_dates(statement))
    for index, judgment in enumerate(sheet.judgments):
        yield Prose(("judgments", index, "text"), judgment.id, judgment.text, support(judgment.rests_on))
        if judgment.basis:
            yield Prose(("judgments", index, "basis"), judgment.id, judgment.basis, support(judgment.rests_on))


def unsourced_numbers(sheet: FactSheet, document: YamlDocument, level: str = "error") -> list[Diagnostic]:
    """A diagnostic at each number of the prose that nothing it cites or rests on contains."""
    problems = []
    for piece in prose(sheet):
        for number in numbers_in(piece.text):
            if number.value in piece.support or number.scaled in piece.support:
                continue
            where = _locate(document, piece.key, piece.text, number)
            field = ".".join(str(part) for part in piece.key)
            problems.append(Diagnostic(
                where,
                f"{field}: {piece.label}: the number {number.text!r} appears in no quote or value it cites "
                "(fix the prose, or build --allow-unsourced-numbers)",
                "warning" if level == "warning" else "error",
            ))
    return problems


def _locate(document: YamlDocument, key: PathKey, text: str, number: Number) -> Location:
    """The line and column of `number` itself in the facts file, found from the start of its scalar."""
    start = document.location(key)
    if start.line <= 0:
        return start
    lines = document.text.split("\n")
    offset = sum(len(line) + 1 for line in lines[: start.line - 1]) + max(start.col - 1, 0)
    occurrence = sum(1 for m in numbers_in(text[: number.start]) if m.text == number.text)
    pattern = re.compile(r"(?<![\w.,])" + re.escape(number.text).replace(r"\ ", r"\s+") + r"(?![\w])")
    for index, match in enumerate(pattern.finditer(document.text, offset)):
        if index == occurrence:
            line = document.text.count("\n", 0, match.start()) + 1
            col = match.start() - (document.text.rfind("\n", 0, match.start()) + 1) + 1
            return Location(start.path, line, col)
    return start
