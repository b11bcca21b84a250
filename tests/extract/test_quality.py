"""The extraction benchmark works: its scorer counts right, and it reports every category on the corpus.

The figures themselves (and whether they meet the targets) are the benchmark's business: they are
written to benchmarks/extract_quality.md by `python benchmarks/extract_quality.py`, and printed here.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from factsheet.extract import extract
from tests.conftest import REPO


def _benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("extract_quality", REPO / "benchmarks" / "extract_quality.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the module runs
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return _benchmark()


def test_corpus_is_complete_and_licensed(bench: ModuleType) -> None:
    cases = bench.load_cases()
    assert len(cases) >= 15
    for case in cases:
        assert case.meta["url"].startswith("http") and case.meta["licence"] and case.meta["publisher"], case.name
        assert {"actors", "costs", "dates", "systems", "items"} <= set(case.gold), case.name


def test_scorer_counts_misses_and_wrong_proposals(bench: ModuleType) -> None:
    text = ("Norway sent 3 NASAMS launchers to Ukraine on 2 May 2023. The package cost $25 million.\n"
            "Germany paid 4 million euros.\n")
    draft = extract(text, "mini.txt", None)
    perfect = {
        "actors": [[a.name] for a in draft.actors], "systems": [[s.designation] for s in draft.systems],
        "costs": [{"amount": c.amount, "currency": c.currency} for c in draft.costs],
        "dates": [{"value": d.value, "precision": d.precision.value} for d in draft.dates], "items": [],
    }
    case = bench.Case("mini", text, {}, perfect)
    scores = bench.score(case, draft)
    for category in ("actors", "systems", "costs", "dates"):
        tally = scores.tallies[category]
        assert tally.gold == tally.found == tally.proposed == tally.correct > 0, category
    harder = {**perfect, "actors": [*perfect["actors"], ["Poland"]], "costs": [],
              "dates": [{"value": "2023-05", "precision": "month"}]}
    scores = bench.score(bench.Case("mini", text, {}, harder), draft)
    actors, costs, dates = (scores.tallies[c] for c in ("actors", "costs", "dates"))
    assert actors.missed == ["Poland"] and actors.recall < 1 and actors.precision == 1
    assert costs.gold == 0 and costs.proposed == len(draft.costs) and costs.correct == 0
    assert dates.found == 0 and scores.date_values.found == 0


def test_report_covers_every_category(bench: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    cases = bench.load_cases()
    total, each = bench.corpus_scores(cases)
    text = bench.report(total, each)
    assert set(each) == {c.name for c in cases}
    for category in (*bench.CATEGORIES, "metadata"):
        row = re.search(rf"^\| {category} \| (\d+) \| (\d+) \| ([\d.]+) \|", text, re.MULTILINE)
        assert row, category
        gold, found, recall = int(row.group(1)), int(row.group(2)), float(row.group(3))
        assert 0 <= found <= gold and 0.0 <= recall <= 1.0
    with capsys.disabled():
        print("\n" + text.split("\n## Per text")[0].split("\n\n", 2)[2])


def test_speed_texts_have_the_asked_size(bench: ModuleType, tmp_path: Path) -> None:
    sizes = [size for size, _ in bench.speed_texts(bench.load_cases(), (10_000, 50_000))]
    texts = [text for _, text in bench.speed_texts(bench.load_cases(), (10_000, 50_000))]
    assert sizes == [10_000, 50_000]
    assert all(size * 0.8 <= len(text) <= size for size, text in zip(sizes, texts, strict=True))
