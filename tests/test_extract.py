"""`factsheet extract`: recall on the curated seed, test documents as data and golden files, merge, errors.

The test documents live in tests/extract/: NAME.txt, NAME.expected.yaml (the draft we expect, as data,
written by hand) and NAME.golden.yaml (the whole draft text; `--accept-golden` rewrites it).
"""

from __future__ import annotations

import difflib
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from factsheet.errors import InputError, ValidationFailed
from factsheet.extract import Draft, extract
from factsheet.extract.draft import mapping_lines, render, scalar
from factsheet.extract.gazetteer import load_gazetteer, shipped_file
from factsheet.extracting import run_extract
from factsheet.facts.anchor import find_all
from factsheet.facts.load import load_facts
from factsheet.facts.model import Actor, DateFact, Fact, System
from factsheet.workspace import Workspace
from tests.conftest import REPO, SEED_FACTS

DOCS = Path(__file__).parent / "extract"
SEED = REPO / "seeds" / "russia-drones-2022.txt"
SEED_AS_OF = date(2022, 9, 7)


def _plain(value: Any) -> Any:
    """YAML data with dates as ISO strings, for comparing with projected drafts."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v not in (None, [], False)}


def _amount(value: Decimal) -> int | str:
    return int(value) if value == value.to_integral_value() else str(value)


def project(draft: Draft) -> dict[str, Any]:
    """The draft as the data an expected file states: what each fact says, without quotes and date ids."""
    when = {d.id: d.value for d in draft.dates}
    return {
        "as_of": draft.meta.as_of.isoformat(),
        "actors": {a.id: _clean({"name": a.name, "kind": a.kind.value, "role": a.role, "aliases": a.aliases})
                   for a in draft.actors},
        "systems": {s.id: _clean({"designation": s.designation, "category": s.category.value, "family": s.family,
                                  "origin": s.origin, "manufacturer": s.manufacturer, "use": s.use})
                    for s in draft.systems},
        "transfers": {t.id: _clean({"system": t.system, "suppliers": t.suppliers, "recipient": t.recipient,
                                    "status": t.status.value, "quantity": t.quantity.stated if t.quantity else None,
                                    "when": when.get(t.when or ""),
                                    "according_to": t.according_to.by if t.according_to else None})
                      for t in draft.transfers},
        "costs": {c.id: _clean({"amount": _amount(c.amount), "currency": c.currency, "bound": c.bound.value,
                                "conversion": [_amount(c.conversion.amount), c.conversion.currency]
                                if c.conversion else None,
                                "pays_for": c.pays_for, "expected": c.expected})
                  for c in draft.costs},
        "dates": [_clean({"value": d.value, "precision": d.precision.value, "inferred": d.year_inferred})
                  for d in draft.dates],
        "not_proposed": {section: len(notes) for section, notes in sorted(draft.notes.items())},
    }


def _expected(name: str) -> dict[str, Any]:
    data: dict[str, Any] = _plain(YAML(typ="safe", pure=True).load((DOCS / f"{name}.expected.yaml").read_text()))
    return data


def _draft(name: str) -> Draft:
    as_of = _expected(name).get("extract_as_of")
    text = (DOCS / f"{name}.txt").read_text(encoding="utf-8")
    return extract(text, f"{name}.txt", date.fromisoformat(as_of) if as_of else None)


def _loads(tmp_path: Path, seed: Path, facts_text: str) -> Any:
    """Load `facts_text` as the facts file of `seed` in a fresh workspace, checking every quote."""
    root = tmp_path / "ws"
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    shutil.copy(seed, root / "seeds" / seed.name)
    path = root / "seeds" / (seed.name.removesuffix(".txt") + ".facts.yaml")
    path.write_text(facts_text, encoding="utf-8")
    return load_facts(path, Workspace.open(root))


# --- recall on the curated seed ----------------------------------------------------------------------------


def _norm(name: str) -> str:
    name = " ".join(name.casefold().replace("(types unstated)", "").split())
    return name.removeprefix("the ").replace("defense", "defence").replace("license", "licence")


def _names(fact: Fact) -> set[str]:
    if isinstance(fact, Actor):
        return {_norm(n) for n in [fact.name, *fact.aliases]}
    if isinstance(fact, System):
        return {_norm(fact.designation)}
    return set()


def _overlap(seed: str, a: Fact, b: Fact) -> bool:
    spans_a = [s for q in a.cites for s in find_all(seed, q.text)]
    spans_b = [s for q in b.cites for s in find_all(seed, q.text)]
    return any(x.start < y.end and y.start < x.end for x in spans_a for y in spans_b)


def _contains(a: set[str], b: set[str]) -> bool:
    return any(f" {x} " in f" {y} " or f" {y} " in f" {x} " for x in a for y in b)


def match_section(seed: str, section: str, curated: list[Fact], proposed: list[Fact]) -> dict[str, str]:
    """One-to-one matches curated id -> proposed id: first by id or name, then by kind and overlapping quotes."""
    used: set[str] = set()
    found: dict[str, str] = {}

    def same_kind(c: Fact, p: Fact) -> bool:
        if isinstance(c, Actor) and isinstance(p, Actor):
            return c.kind == p.kind
        if isinstance(c, System) and isinstance(p, System):
            return c.category == p.category
        return True

    tests = [
        lambda c, p: c.id == p.id or bool(_names(c) & _names(p)) or _contains(_names(c), _names(p)),
        lambda c, p: same_kind(c, p) and _overlap(seed, c, p),
    ]
    if section == "costs":
        tests = [lambda c, p: (c.amount, c.currency) == (p.amount, p.currency)]  # type: ignore[attr-defined]
    if section == "dates":
        tests = [lambda c, p: (c.value, c.precision) == (p.value, p.precision)  # type: ignore[attr-defined]
                 and _overlap(seed, c, p)]
    for test in tests:
        for c in curated:
            if c.id in found:
                continue
            match = next((p for p in proposed if p.id not in used and test(c, p)), None)
            if match is not None:
                found[c.id] = match.id
                used.add(match.id)
    return found


def seed_recall() -> tuple[dict[str, float], dict[str, dict[str, str]], Draft]:
    """Recall of the curated facts per section, the matches, and the draft."""
    sheet = load_facts(REPO / "seeds" / SEED_FACTS, Workspace.open(REPO)).sheet
    text = SEED.read_text(encoding="utf-8")
    draft = extract(text, SEED.name, SEED_AS_OF)
    recall, matches = {}, {}
    for section in ("actors", "systems", "costs", "dates"):
        curated: list[Fact] = list(getattr(sheet, section))
        matches[section] = match_section(text, section, curated, draft.section(section))
        recall[section] = len(matches[section]) / len(curated)
    return recall, matches, draft


def test_seed_recall_of_curated_facts() -> None:
    recall, matches, draft = seed_recall()
    print("recall on the seed:", {k: f"{v:.0%}" for k, v in recall.items()})
    # Every named system: the North Korean shells and rockets, Mohajer-6, the Shahed series, Forpost, Black Hornet.
    for ident in ("nk-artillery-shells", "nk-rockets", "mohajer-6", "shahed", "forpost", "black-hornet"):
        assert ident in matches["systems"], f"system {ident} not proposed"
    # Both halves of the cost pair.
    cost = next(c for c in draft.costs if c.id == matches["costs"]["black-hornet-cost"])
    assert (cost.amount, cost.currency) == (Decimal(90_000_000), "NOK")
    assert cost.conversion is not None and (cost.conversion.amount, cost.conversion.currency) == (
        Decimal(9_260_000), "USD")
    assert cost.bound.value == "up to" and cost.expected
    # All four dates, with the years inferred from --as-of.
    assert set(matches["dates"]) == {"invasion", "ukraine-cuts-ties", "drones-delivered", "black-hornet-announced"}
    announced = next(d for d in draft.dates if d.id == matches["dates"]["black-hornet-announced"])
    assert announced.inferred_from == (
        "no year in the text; the latest Wednesday, 24 August on or before the as-of date 2022-09-07 is in 2022")
    # Actors: countries, organisations, media, people and the ministry; a floor that leaves room for two misses.
    assert recall["actors"] >= 0.9
    assert recall["systems"] >= 6 / 7


def test_seed_draft_is_a_valid_facts_file(tmp_path: Path) -> None:
    draft = extract(SEED.read_text(encoding="utf-8"), SEED.name, SEED_AS_OF)
    text = render(draft)
    assert text.startswith("# yaml-language-server: $schema=../schemas/facts.schema.json\n")
    loaded = _loads(tmp_path, SEED, text)
    facts = loaded.sheet.all_facts()
    assert facts and all(fact.review == "draft" for _, _, fact in facts)
    seed = SEED.read_text(encoding="utf-8")
    for _, _, fact in facts:
        for quote in fact.cites:
            assert len(find_all(seed, quote.text)) == 1, f"{fact.id}: quote not unique: {quote.text!r}"
    for _, _, fact in facts:
        if isinstance(fact, DateFact) and fact.year_inferred:
            assert fact.inferred_from


def test_extract_is_deterministic() -> None:
    text = SEED.read_text(encoding="utf-8")
    assert render(extract(text, SEED.name, SEED_AS_OF)) == render(extract(text, SEED.name, SEED_AS_OF))


# --- test documents ---------------------------------------------------------------------------------------


NAMES = sorted(p.name.removesuffix(".txt") for p in DOCS.glob("*.txt"))


@pytest.mark.parametrize("name", NAMES)
def test_document_draft_as_data(name: str) -> None:
    expected = _expected(name)
    expected.pop("extract_as_of", None)
    got = project(_draft(name))
    for section in expected:
        assert got[section] == expected[section], f"{name}: {section}"
    assert set(got) == set(expected) | {"not_proposed"} or set(got) == set(expected)


@pytest.mark.parametrize("name", NAMES)
def test_document_draft_golden(name: str, accept_golden: bool, tmp_path: Path) -> None:
    text = render(_draft(name))
    golden = DOCS / f"{name}.golden.yaml"
    if accept_golden or not golden.exists():
        golden.write_text(text, encoding="utf-8")
        if not accept_golden:
            pytest.fail(f"{golden.name} did not exist; written now - check it and commit it")
    assert text == golden.read_text(encoding="utf-8")
    _loads(tmp_path, DOCS / f"{name}.txt", text)


# --- writing and merging ------------------------------------------------------------------------------------


def test_write_creates_then_merges_nothing_twice(workspace: Path) -> None:
    shutil.copy(DOCS / "uk-storm-shadow.txt", workspace / "seeds" / "uk.txt")
    ws = Workspace.open(workspace)
    printed = run_extract(ws, workspace / "seeds" / "uk.txt", date(2023, 5, 15), write=False)
    assert not (workspace / "seeds" / "uk.facts.yaml").exists()
    message = run_extract(ws, workspace / "seeds" / "uk.txt", date(2023, 5, 15), write=True)
    written = (workspace / "seeds" / "uk.facts.yaml").read_text(encoding="utf-8")
    assert message.startswith("wrote ") and written == printed
    load_facts(workspace / "seeds" / "uk.facts.yaml", ws)
    again = run_extract(ws, workspace / "seeds" / "uk.txt", date(2023, 5, 15), write=True)
    assert "nothing new" in again
    assert (workspace / "seeds" / "uk.facts.yaml").read_text(encoding="utf-8") == written


def test_merge_keeps_curated_facts_and_comments(workspace: Path) -> None:
    ws = Workspace.open(workspace)
    path = workspace / "seeds" / SEED_FACTS
    before_text = path.read_text(encoding="utf-8")
    before = load_facts(path, ws).sheet
    printed = run_extract(ws, workspace / "seeds" / SEED.name, SEED_AS_OF, write=False)
    assert printed.splitlines()[-1].endswith("--write would add 1 of these facts to it as drafts; 38 are there already")
    assert path.read_text(encoding="utf-8") == before_text
    message = run_extract(ws, workspace / "seeds" / SEED.name, SEED_AS_OF, write=True)
    after_text = path.read_text(encoding="utf-8")
    assert message.startswith("merged into ")
    ops = {tag for tag, *_ in difflib.SequenceMatcher(None, before_text.splitlines(), after_text.splitlines(),
                                                      autojunk=False).get_opcodes()}
    assert ops <= {"equal", "insert"}, "the merge changed or removed existing lines"
    after = load_facts(path, ws).sheet
    old = {fact.id: fact for _, _, fact in before.all_facts()}
    new = {fact.id: fact for _, _, fact in after.all_facts()}
    assert all(new[ident] == fact for ident, fact in old.items())
    added = [fact for ident, fact in new.items() if ident not in old]
    assert added and all(fact.review == "draft" for fact in added)
    assert all(q.source == "techtimes" for fact in added for q in fact.cites)
    assert after.sources == before.sources
    # Curated facts already cover the countries, the named systems, the transfers, the cost and the four dates.
    assert not [f for f in added if not isinstance(f, DateFact)], [f.id for f in added]
    assert "nothing new" in run_extract(ws, workspace / "seeds" / SEED.name, SEED_AS_OF, write=True)


def test_merge_into_sparse_file_appends_sections(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    (root / "seeds").mkdir(parents=True)
    shutil.copy(DOCS / "poland-bayraktar.txt", root / "seeds" / "poland.txt")
    original = (
        "# yaml-language-server: $schema=../schemas/facts.schema.json\n"
        "# Curated by hand; keep this comment.\n"
        "schema_version: 2\n"
        "factsheet: {title: Poland buys drones, as_of: 2023-01-10}\n"
        "sources:\n"
        "- id: pl\n"
        "  file: poland.txt\n"
        "  title: Poland buys Turkish drones  # the headline\n"
        "actors:\n"
        "- id: pl-state\n"
        "  name: Poland\n"
        "  kind: state\n"
        "  cites: [{source: pl, text: Poland bought 24 Bayraktar TB2 drones}]\n"
        "# systems come next\n"
        "systems: []\n"
        "gaps: []\n"
    )
    path = root / "seeds" / "poland.facts.yaml"
    path.write_text(original, encoding="utf-8")
    ws = Workspace.open(root)
    run_extract(ws, root / "seeds" / "poland.txt", date(2023, 1, 10), write=True)
    merged = path.read_text(encoding="utf-8")
    changed = [line for line in difflib.ndiff(original.splitlines(), merged.splitlines()) if line.startswith("- ")]
    assert changed == ["- systems: []"]
    sheet = load_facts(path, ws).sheet
    assert [a.id for a in sheet.actors if a.review == "curated"] == ["pl-state"]
    assert "poland" not in {a.id for a in sheet.actors}  # the same country under another id is not added again
    transfer = next(t for t in sheet.transfers if t.system == "bayraktar-tb2" and "turkey" in t.suppliers)
    assert transfer.recipient == "pl-state"
    assert "# Curated by hand; keep this comment." in merged and "# systems come next" in merged


# --- errors and the user's gazetteer --------------------------------------------------------------------------


def test_bad_seeds_are_reported_with_their_location(workspace: Path, tmp_path: Path) -> None:
    ws = Workspace.open(workspace)
    with pytest.raises(InputError, match="not found"):
        run_extract(ws, workspace / "seeds" / "missing.txt", None, write=False)
    outside = tmp_path / "outside.txt"
    outside.write_text("Norway sent drones to Ukraine in 2022.", encoding="utf-8")
    with pytest.raises(InputError, match="leaves the workspace"):
        run_extract(ws, outside, None, write=False)
    shutil.copy(REPO / "tests" / "bad" / "latin1.txt", workspace / "seeds" / "latin1.txt")
    with pytest.raises(InputError, match="not valid UTF-8") as info:
        run_extract(ws, workspace / "seeds" / "latin1.txt", None, write=False)
    assert info.value.location is not None and info.value.location.line >= 1
    (workspace / "seeds" / "undated.txt").write_text("Norway will send drones to Ukraine.", encoding="utf-8")
    with pytest.raises(InputError, match="pass --as-of"):
        run_extract(ws, workspace / "seeds" / "undated.txt", None, write=False)


def test_workspace_gazetteer_extends_the_shipped_one(workspace: Path) -> None:
    (workspace / "seeds" / "gazetteer.yaml").write_text(
        "systems:\n"
        "  - {name: FP-5 Flamingo, aliases: [Flamingo], category: missile, origin: Ukraine}\n"
        "  - {name: Forpost, aliases: [Forpost-R, Forpost-RU], category: UAV, origin: Russia}\n",
        encoding="utf-8",
    )
    (workspace / "seeds" / "flamingo.txt").write_text(
        "Ukraine fired Flamingo missiles at Russia on 30 August 2025.\n", encoding="utf-8")
    ws = Workspace.open(workspace)
    out = run_extract(ws, workspace / "seeds" / "flamingo.txt", None, write=False)
    assert "designation: FP-5 Flamingo" in out and "category: missile" in out
    gazetteer = load_gazetteer(workspace / "seeds" / "gazetteer.yaml")
    assert "Forpost-RU" in gazetteer.systems["Forpost"].aliases
    assert len(gazetteer.data.systems) == len(shipped_file().systems) + 1
    (workspace / "seeds" / "gazetteer.yaml").write_text("systems:\n  - {name: T-80, category: spaceship}\n")
    with pytest.raises(ValidationFailed) as info:
        run_extract(ws, workspace / "seeds" / "flamingo.txt", None, write=False)
    assert info.value.location is not None and info.value.location.line == 2


def test_shipped_gazetteer_covers_the_seed_and_enough_systems() -> None:
    data = shipped_file()
    assert len(data.systems) >= 40 and len(data.countries) >= 193
    names = {c.name for c in data.countries}
    assert {"Russia", "North Korea", "Iran", "Ukraine", "United States", "Israel", "Norway", "United Kingdom",
            "Syria"} <= names
    wanted = {"Shahed-136", "Mohajer-6", "Bayraktar TB2", "Lancet", "Orlan-10", "Forpost", "Black Hornet", "HIMARS",
              "Javelin", "Stinger", "NLAW", "Patriot", "IRIS-T", "Storm Shadow", "ATACMS", "Iskander", "Kalibr",
              "Kinzhal", "Leopard 2", "Abrams", "Challenger 2", "Switchblade", "Puma", "Caesar", "M777", "Krab",
              "Gepard", "NASAMS", "HARM"}
    assert wanted <= {s.name for s in data.systems}


# --- pieces -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "amount", "currency", "bound"), [
    ("It will cost up to 90 million Norwegian crowns.", 90_000_000, "NOK", "up to"),
    ("The order is worth $9.26 million.", 9_260_000, "USD", "exact"),
    ("Berlin pays EUR 500 million for them.", 500_000_000, "EUR", "exact"),
    ("The deal is about 3.1 billion euros.", 3_100_000_000, "EUR", "about"),
    ("London pays at least £1.2bn.", 1_200_000_000, "GBP", "at least"),
    ("Kyiv pays 40 million hryvnias.", 40_000_000, "UAH", "exact"),
])
def test_money_forms(text: str, amount: int, currency: str, bound: str) -> None:
    from factsheet.extract.money import find_money
    from factsheet.extract.text import split_sentences

    [found] = find_money(text, split_sentences(text))
    assert (found.amount, found.currency, found.bound.value) == (Decimal(amount), currency, bound)


def test_year_inferred_from_the_latest_stated_year_without_as_of() -> None:
    draft = extract("On Monday, Sept. 5, Russia fired Kinzhal missiles. Kyiv got Patriot systems in April 2023.\n",
                    "x.txt", None)
    monday = next(d for d in draft.dates if d.precision.value == "day")
    assert monday.value == "2022-09-05" and monday.year_inferred
    assert "the latest year the text states" in (monday.inferred_from or "")


_SCALARS = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=300, deadline=None)
@given(_SCALARS)
def test_scalars_read_back_as_the_same_string(value: str) -> None:
    loaded = YAML(typ="rt", pure=True).load(f"key: {scalar(value)}\nlist: [{scalar(value, flow=True)}, x]\n")
    assert isinstance(loaded["key"], str) and loaded["key"] == value
    assert isinstance(loaded["list"][0], str) and loaded["list"][0] == value


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(st.characters(whitelist_categories=("L", "N", "P", "S")), min_size=1, max_size=12),
                min_size=12, max_size=30))
def test_long_text_folds_and_reads_back(words: list[str]) -> None:
    value = " ".join(words)
    lines = mapping_lines({"text": value}, 4)
    loaded = YAML(typ="rt", pure=True).load("\n".join(line[4:] for line in lines) + "\n")
    assert " ".join(str(loaded["text"]).split()) == " ".join(value.split())
