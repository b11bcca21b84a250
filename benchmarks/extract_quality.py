"""How well `factsheet extract` drafts facts from real texts: recall and precision per category.

    python benchmarks/extract_quality.py            # scores the corpus; writes benchmarks/extract_quality.md
    python benchmarks/extract_quality.py --print    # prints the report, writes nothing
    python benchmarks/extract_quality.py --speed    # also times a 10 kB text and texts up to 5 MB

The corpus is tests/extract/corpus (see its README): NAME.txt, NAME.meta.yaml and NAME.gold.yaml,
the gold written by reading the text. For each category a gold fact is found when the draft holds a
fact that matches it, and a proposed fact is correct when it matches a gold or an optional gold fact:

- costs: the same amount and currency;
- dates: the same value at the same precision (a value-only figure is shown beside it);
- actors: one of the names (name or alias) of the proposal is one of the gold names;
- systems and items: a name of one contains a name of the other, word for word; items are the
  transfers' systems and the packages' items, and an item's quantity is checked where gold states it;
  a proposed system that names a class of equipment the gold lists as an item is right;
- metadata: title, publisher, author and date, where the gold states them.

Run it with the project's virtual environment active (the test suite runs it too, and checks that the
report is produced: the targets are checked here, in the report, not as a test).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "extract" / "corpus"
REPORT = REPO / "benchmarks" / "extract_quality.md"
CATEGORIES = ("costs", "dates", "actors", "systems", "items")
RECALL_TARGETS = {"costs": 0.85, "dates": 0.90, "actors": 0.85, "systems": 0.80, "items": 0.60}
PRECISION_TARGET = 0.90
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "hundred": 100, "thousand": 1000,
}

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


@dataclass
class Case:
    """One corpus text with what its meta and gold files say."""

    name: str
    text: str
    meta: dict[str, Any]
    gold: dict[str, Any]


@dataclass
class Tally:
    """Counts for one category: gold facts found, proposals that are right, and what went wrong."""

    gold: int = 0
    found: int = 0
    proposed: int = 0
    correct: int = 0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    def add(self, other: Tally, name: str) -> None:
        """Add `other` (the tally of document `name`) to this one."""
        self.gold += other.gold
        self.found += other.found
        self.proposed += other.proposed
        self.correct += other.correct
        self.missed += [f"{name}: {m}" for m in other.missed]
        self.wrong += [f"{name}: {w}" for w in other.wrong]

    @property
    def recall(self) -> float:
        """Share of gold facts found (1.0 when there are none)."""
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        """Share of proposals that are right (1.0 when there are none)."""
        return self.correct / self.proposed if self.proposed else 1.0


@dataclass
class Scores:
    """Tallies per category, for one document or the whole corpus."""

    tallies: dict[str, Tally] = field(default_factory=lambda: {c: Tally() for c in (*CATEGORIES, "metadata")})
    date_values: Tally = field(default_factory=Tally)
    quantities: Tally = field(default_factory=Tally)
    seconds: float = 0.0
    chars: int = 0


def load_cases(folder: Path = CORPUS) -> list[Case]:
    """Every text of the corpus with its meta and gold data, in name order."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe")
    cases = []
    for path in sorted(folder.glob("*.txt")):
        name = path.stem
        cases.append(Case(name, path.read_text(encoding="utf-8"), yaml.load(folder / f"{name}.meta.yaml"),
                          yaml.load(folder / f"{name}.gold.yaml")))
    return cases


def norm(name: str) -> str:
    """A name as compared: case, accents, dots, apostrophes, a leading 'the' and a possessive dropped."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = text.replace("\u2019", "'").replace(".", "")
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^a-z0-9'+-]+", " ", text).strip()
    return re.sub(r"^the\s+", "", text)


def _contains(a: str, b: str) -> bool:
    """Whether one normalised name contains the other word for word."""
    x, y = f" {a} ", f" {b} "
    return bool(a and b) and (x in y or y in x)


def _plural_free(name: str) -> str:
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in name.split())


def names_match(mine: Iterable[str], theirs: Iterable[str], loose: bool) -> bool:
    """Whether two lists of names name the same thing (exactly, or word for word inside when `loose`)."""
    a = {_plural_free(norm(n)) for n in mine if n}
    b = {_plural_free(norm(n)) for n in theirs if n}
    if a & b:
        return True
    return loose and any(_contains(x, y) for x in a for y in b)


def quantity_of(text: Any) -> int | None:
    """The number a quantity states ('Up to 150,000 rounds' -> 150000, 'Four' -> 4, a Quantity's value), or None."""
    if text is None:
        return None
    if isinstance(text, int | Decimal):
        return int(text)
    if not isinstance(text, str):  # a structured quantity (the fact model's Quantity)
        value = getattr(text, "value", None)
        return int(value) if value is not None else quantity_of(getattr(text, "stated", None))
    digits = re.search(r"\d[\d,]*", text)
    if digits:
        return int(digits.group().replace(",", ""))
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in _NUMBER_WORDS:
            return _NUMBER_WORDS[word]
    return None


def _money(entry: dict[str, Any]) -> tuple[Decimal, str]:
    return Decimal(str(entry["amount"])).normalize(), str(entry["currency"])


def _date(entry: dict[str, Any]) -> tuple[str, str]:
    value = entry["value"]
    return (value.isoformat() if isinstance(value, date) else str(value)), str(entry["precision"])


def _one_to_one(gold: list[Any], proposed: list[Any], same: Any) -> tuple[int, list[Any]]:
    """How many gold facts a distinct proposal matches, and the gold facts left unmatched."""
    free = list(proposed)
    left = []
    for fact in gold:
        hit = next((p for p in free if same(fact, p)), None)
        if hit is None:
            left.append(fact)
        else:
            free.remove(hit)
    return len(gold) - len(left), left


def _tally(gold: list[Any], optional: list[Any], proposed: list[Any], same: Any, show: Any,
           wrong_if: Any = None) -> Tally:
    found, left = _one_to_one(gold, proposed, same)
    tally = Tally(gold=len(gold), found=found, proposed=len(proposed), missed=[show(g) for g in left])
    for p in proposed:
        if (wrong_if is None or not wrong_if(p)) and any(same(g, p) for g in [*gold, *optional]):
            tally.correct += 1
        else:
            tally.wrong.append(show(p))
    return tally


@dataclass(frozen=True)
class Item:
    """A proposed item (a transferred system or a package item) as scored."""

    names: tuple[str, ...]
    quantity: int | None


def draft_items(draft: Any) -> list[Item]:
    """The items a draft proposes: each transfer's system, and each package's items."""
    systems = {s.id: s for s in draft.systems}
    out = []
    for transfer in draft.transfers:
        system = systems.get(transfer.system)
        names = (system.designation, system.family or "") if system else (transfer.system,)
        out.append(Item(names, quantity_of(transfer.quantity)))
    for package in getattr(draft, "packages", []):
        for item in package.items:
            system = systems.get(item.system)
            names = (system.designation, *system.aliases) if system else (item.system,)
            out.append(Item(names, quantity_of(item.quantity)))
    return out


def score(case: Case, draft: Any) -> Scores:
    """The scores of one draft against the gold of its case."""
    gold, out = case.gold, Scores()
    out.tallies["costs"] = _tally(
        [_money(c) for c in gold.get("costs") or []], [_money(c) for c in gold.get("optional_costs") or []],
        [(c.amount.normalize(), c.currency) for c in draft.costs], lambda g, p: g == p,
        lambda m: f"{m[1]} {format(m[0], 'f')}")
    dates = [(d.value, d.precision.value) for d in draft.dates]
    out.tallies["dates"] = _tally([_date(d) for d in gold.get("dates") or []],
                                  [_date(d) for d in gold.get("optional_dates") or []],
                                  dates, lambda g, p: g == p, lambda d: f"{d[0]} ({d[1]})")
    out.date_values = _tally([_date(d) for d in gold.get("dates") or []],
                             [_date(d) for d in gold.get("optional_dates") or []],
                             dates, lambda g, p: g[0] == p[0], lambda d: d[0])
    places = [[p] for p in gold.get("places") or []]
    actors = [[a.name, *a.aliases] for a in draft.actors]
    out.tallies["actors"] = _tally(
        gold.get("actors") or [], gold.get("optional_actors") or [], actors,
        lambda g, p: names_match(g, p, loose=False), lambda names: names[0],
        wrong_if=lambda p: any(names_match(place, p[:1], loose=False) for place in places))
    systems = [[s.designation, s.family or "", *s.aliases] for s in draft.systems]
    listed = [list(i["what"]) for i in [*(gold.get("items") or []), *(gold.get("optional_items") or [])]]
    out.tallies["systems"] = _tally(  # a class of equipment the gold lists as an item is a right system too
        gold.get("systems") or [], [*(gold.get("optional_systems") or []), *listed], systems,
        lambda g, p: names_match(g, p, loose=True), lambda names: names[0])
    items = draft_items(draft)
    gold_items = [(tuple(i["what"]), i.get("quantity")) for i in gold.get("items") or []]
    optional = [(tuple(i["what"]), i.get("quantity")) for i in gold.get("optional_items") or []]
    out.tallies["items"] = _tally(
        gold_items, optional, items, lambda g, p: names_match(g[0], p.names, loose=True),
        lambda i: f"{i[0][0]} x{i[1]}" if isinstance(i, tuple) else f"{i.names[0]} x{i.quantity}")
    stated = [(g, i) for g in gold_items if g[1] is not None for i in items if names_match(g[0], i.names, True)]
    out.quantities = Tally(gold=len({g for g, _ in stated}),
                           found=len({g for g, i in stated if i.quantity == g[1]}))
    out.tallies["metadata"] = _metadata(gold, draft)
    return out


def _metadata(gold: dict[str, Any], draft: Any) -> Tally:
    tally = Tally()
    source = draft.source
    proposed = {"title": source.title, "publisher": source.publisher, "author": source.author,
                "date": getattr(source, "date", None)}
    for key, want in ((k, gold.get(k)) for k in ("title", "publisher", "author", "date")):
        got = proposed[key]
        want_text = want.isoformat() if isinstance(want, date) else want
        got_text = got.isoformat() if isinstance(got, date) else got
        if want_text is not None:
            tally.gold += 1
            if got_text is not None and norm(str(got_text)) == norm(str(want_text)):
                tally.found += 1
            else:
                tally.missed.append(f"{key}: want {want_text!r}, got {got_text!r}")
        if got_text is not None and key != "title":
            tally.proposed += 1
            if want_text is not None and norm(str(got_text)) == norm(str(want_text)):
                tally.correct += 1
            else:
                tally.wrong.append(f"{key}: {got_text!r}")
    return tally


def run_case(case: Case) -> tuple[Scores, Any]:
    """Extract a draft from one corpus text and score it."""
    from factsheet.extract import extract

    as_of = case.meta.get("as_of")
    started = time.perf_counter()
    draft = extract(case.text, f"{case.name}.txt", as_of if isinstance(as_of, date) else None)
    seconds = time.perf_counter() - started
    scores = score(case, draft)
    scores.seconds, scores.chars = seconds, len(case.text)
    return scores, draft


def corpus_scores(cases: list[Case]) -> tuple[Scores, dict[str, Scores]]:
    """The scores of every case and their sum."""
    total, each = Scores(), {}
    for case in cases:
        scores, _ = run_case(case)
        each[case.name] = scores
        for category, tally in scores.tallies.items():
            total.tallies[category].add(tally, case.name)
        total.date_values.add(scores.date_values, case.name)
        total.quantities.add(scores.quantities, case.name)
        total.seconds += scores.seconds
        total.chars += scores.chars
    return total, each


def _pct(value: float) -> str:
    return f"{value:.2f}"


def report(total: Scores, each: dict[str, Scores], speed: list[tuple[int, float]] | None = None,
           seeds: list[tuple[str, str, int, int]] | None = None) -> str:
    """The benchmark report as Markdown."""
    lines = [
        "# `factsheet extract` on real texts",
        "",
        f"Corpus: {len(each)} texts in tests/extract/corpus ({total.chars:,} characters), gold facts written by "
        "reading each text before the extractor ran on it. Produced by `python benchmarks/extract_quality.py`. "
        "The extractor was then improved while looking at these texts, so expect lower figures on texts it "
        "has not seen; the seeds' section below is a check on hand-curated facts it was not tuned on.",
        "",
        "| category | gold | found | recall | target | proposed | correct | precision | target | met |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for category in (*CATEGORIES, "metadata"):
        tally = total.tallies[category]
        target = RECALL_TARGETS.get(category)
        met = (target is None or tally.recall >= target) and (category == "metadata"
                                                             or tally.precision >= PRECISION_TARGET)
        lines.append(
            f"| {category} | {tally.gold} | {tally.found} | {_pct(tally.recall)} | "
            f"{_pct(target) if target else '-'} | {tally.proposed} | {tally.correct} | {_pct(tally.precision)} | "
            f"{_pct(PRECISION_TARGET) if category != 'metadata' else '-'} | {'yes' if met else 'NO'} |")
    lines += [
        "",
        f"Dates by value alone (precision not compared): recall {_pct(total.date_values.recall)}, "
        f"precision {_pct(total.date_values.precision)}. Items whose gold states a quantity: "
        f"{total.quantities.found} of {total.quantities.gold} with the right quantity.",
        "",
        "## Per text",
        "",
        "| text | characters | seconds | " + " | ".join(f"{c} R/P" for c in CATEGORIES) + " |",
        "| --- | ---: | ---: | " + " | ".join("---" for _ in CATEGORIES) + " |",
    ]
    for name, scores in each.items():
        cells = [f"{t.found}/{t.gold} · {t.correct}/{t.proposed}" for t in (scores.tallies[c] for c in CATEGORIES)]
        lines.append(f"| {name} | {scores.chars:,} | {scores.seconds:.3f} | " + " | ".join(cells) + " |")
    if seeds:
        lines += ["", "## The shipped seeds", "",
                  "Recall against the facts curated by hand for the seeds in seeds/ (not written for this "
                  "benchmark, and not tuned on): found / curated.", "",
                  "| seed | category | found | curated | recall |", "| --- | --- | ---: | ---: | ---: |"]
        for name, category, found, curated in seeds:
            if curated:
                lines.append(f"| {name} | {category} | {found} | {curated} | {_pct(found / curated)} |")
    if speed:
        lines += ["", "## Speed", "", "| characters | seconds | seconds per MB |", "| ---: | ---: | ---: |"]
        for size, seconds in speed:
            lines.append(f"| {size:,} | {seconds:.2f} | {seconds / size * 1e6:.2f} |")
    lines += ["", "## What was missed and what was wrong", ""]
    for category in (*CATEGORIES, "metadata"):
        tally = total.tallies[category]
        lines.append(f"### {category}")
        lines.append("")
        lines += [f"- missed: {m}" for m in tally.missed] or ["- nothing missed"]
        lines += [f"- wrong: {w}" for w in tally.wrong] or ["- nothing wrong"]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _text_date(stated: str) -> date | None:
    """A source's date as the as-of date of its text: a day, or the last day of a month."""
    import calendar

    if re.fullmatch(r"\d{4}-\d\d-\d\d", stated):
        return date.fromisoformat(stated)
    if re.fullmatch(r"\d{4}-\d\d", stated):
        year, month = (int(p) for p in stated.split("-"))
        return date(year, month, calendar.monthrange(year, month)[1])
    return None


def seed_recall() -> list[tuple[str, str, int, int]]:
    """Recall against the curated facts of the shipped seeds (curated by hand, not written for this
    benchmark): (seed, category, found, curated) for costs, dates, actors and package items."""
    from factsheet.extract import extract
    from factsheet.facts.load import load_facts
    from factsheet.workspace import Workspace

    workspace = Workspace.open(REPO)
    out = []
    for facts_path in sorted((REPO / "seeds").glob("*.facts.yaml")):
        sheet = load_facts(facts_path, workspace, check_quotes=False).sheet
        source = sheet.sources[0]
        as_of = _text_date(str(source.date)) if source.date else None
        as_of = as_of or sheet.factsheet.as_of  # the text's own date when the source gives one
        draft = extract((REPO / "seeds" / source.file).read_text(encoding="utf-8"), source.file, as_of)
        name = source.file.removesuffix(".txt")
        costs = [(c.amount.normalize(), c.currency) for c in sheet.costs]
        mine = [(c.amount.normalize(), c.currency) for c in draft.costs]
        out.append((name, "costs", _one_to_one(costs, mine, lambda g, p: g == p)[0], len(costs)))
        dates = [d.value for d in sheet.dates]
        out.append((name, "dates", _one_to_one(dates, [d.value for d in draft.dates], lambda g, p: g == p)[0],
                    len(dates)))
        actors = [[a.name, *a.aliases] for a in sheet.actors]
        out.append((name, "actors", _one_to_one(actors, [[a.name, *a.aliases] for a in draft.actors],
                                                lambda g, p: names_match(g, p, loose=False))[0], len(actors)))
        curated = {s.id: s for s in sheet.systems}
        items = [Item((curated[i.system].designation, *curated[i.system].aliases), quantity_of(i.quantity))
                 for package in sheet.packages for i in package.items]
        found = _one_to_one(items, draft_items(draft), lambda g, p: names_match(g.names, p.names, loose=True)
                            and g.quantity == p.quantity)[0]
        out.append((name, "package items (with quantity)", found, len(items)))
    return out


def speed_texts(cases: list[Case], sizes: Iterable[int]) -> Iterator[tuple[int, str]]:
    """Texts of about each size, made by joining corpus texts (each ends with a blank line)."""
    pool = "\n\n".join(c.text.strip() for c in cases) + "\n\n"
    for size in sizes:
        yield size, (pool * (size // len(pool) + 1))[:size].rsplit("\n\n", 1)[0] + "\n"


def measure_speed(cases: list[Case]) -> list[tuple[int, float]]:
    """Seconds to extract from texts of 10 kB to 5 MB (wall clock, one run each)."""
    from factsheet.extract import extract

    out = []
    for _size, text in speed_texts(cases, (10_000, 100_000, 1_000_000, 5_000_000)):
        started = time.perf_counter()
        extract(text, "speed.txt", date(2024, 1, 1))
        out.append((len(text), time.perf_counter() - started))
    return out


def main(argv: list[str] | None = None) -> int:
    """Score the corpus; write (or print) the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--print", action="store_true", help="print the report instead of writing it")
    parser.add_argument("--speed", action="store_true", help="also time texts of 10 kB to 5 MB")
    args = parser.parse_args(argv)
    cases = load_cases()
    total, each = corpus_scores(cases)
    text = report(total, each, measure_speed(cases) if args.speed else None, seed_recall())
    if args.print:
        print(text)
    else:
        REPORT.write_text(text, encoding="utf-8")
        print(text.split("\n## Per text")[0])
    return 0


if __name__ == "__main__":
    sys.exit(main())
