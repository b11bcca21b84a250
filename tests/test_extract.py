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
from factsheet.facts.model import Actor, DateFact, Fact, FactSheet, System
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
                                "pays_for": c.pays_for, "expected": c.expected, "what": c.what,
                                "kind": c.kind.value if c.kind.value != "total value" else None,
                                "per": c.per.value if c.per else None})
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


# --- date forms on real-text patterns ------------------------------------------------------------------------

_AS_OF = date(2022, 8, 24)  # a Wednesday


@pytest.mark.parametrize(("sentence", "value", "precision"), [
    ("This afternoon, the Department announced new aid.", "2022-08-24", "day"),
    ("Earlier today, the director sent a letter to Congress.", "2022-08-24", "day"),
    ("The minister will speak to the president on Thursday.", "2022-08-25", "day"),
    ("The minister spoke to the president on Thursday.", "2022-08-18", "day"),
    ("The drones arrived two weeks ago in Crimea.", "2022-08-10", "day"),
    ("Norway sent the launchers in July last year.", "2021-07", "month"),
    ("Funds will run out by the end of the year.", "2022-12", "month"),
    ("Deliveries are planned for mid-2023.", "2023", "year"),
    ("The contract was signed on 27.12.2021 in Oslo.", "2021-12-27", "day"),
    ("The invasion began on 24/02/2022 at dawn.", "2022-02-24", "day"),
    ("Norway announced on March 3, 2022 that it will donate mortars.", "2022-03-03", "day"),
])
def test_date_forms(sentence: str, value: str, precision: str) -> None:
    draft = extract(sentence + "\n", "dates.txt", _AS_OF)
    assert [(d.value, d.precision.value) for d in draft.dates] == [(value, precision)], draft.dates


def test_ambiguous_numeric_date_is_flagged_or_read_by_the_texts_conventions() -> None:
    flagged = extract("The batch arrived on 05/06/2022 in Poland.\n", "d.txt", _AS_OF)
    assert flagged.dates == [] and any("could be 5 June or May 6" in n for n in flagged.notes["dates"])
    us = extract("05/06/2022 06:01 PM EDT\n\nThe batch arrived on 05/06/2022 in Poland.\n", "d.txt", _AS_OF)
    assert [d.value for d in us.dates] == ["2022-05-06"] and "month comes first" in us.notes["dates"][0]


def test_over_the_next_year_is_a_span_not_a_date() -> None:
    assert extract("Kyiv will receive the shells over the next year.\n", "d.txt", _AS_OF).dates == []


# --- actors beyond the gazetteer ---------------------------------------------------------------------------------


def _actors(text: str) -> dict[str, tuple[str, str | None, list[str]]]:
    draft = extract(text, "actors.txt", _AS_OF)
    return {a.name: (a.kind.value, a.role, a.aliases) for a in draft.actors}


def test_organisations_by_pattern_with_their_abbreviations() -> None:
    found = _actors("The Council adopted a measure under the European Peace Facility (EPF) for the European Union. "
                    "The EPF now holds more. The Ukraine Defence Contact Group met, and the Coalition of the Willing "
                    "Defence Ministers too, as did the Bureau of European and Eurasian Affairs.\n")
    assert found["European Peace Facility"][2] == ["EPF"]
    assert found["Council of the European Union"][1] == 'named in the source as "the Council"'
    for name in ("Ukraine Defence Contact Group", "Coalition of the Willing",
                 "Bureau of European and Eurasian Affairs"):
        assert name in found, found


def test_people_with_titles_roles_and_speaker_labels() -> None:
    found = _actors("Secretary Blinken met Minister of Defense Oleksiy Reznikov and Chief of Defense General "
                    "Valeriy Zaluzhny. NATO Secretary General, Mark Rutte, spoke, said White House press secretary "
                    "Karine Jean-Pierre.\nMR. SULLIVAN: On Ukraine, we will act.\n"
                    "It was, said Josep Borrell, High Representative for Foreign Affairs and Security Policy.\n")
    assert found["Oleksiy Reznikov"][:2] == ("person", "Minister of Defense")
    assert found["Valeriy Zaluzhny"][1] == "Chief of Defense General"
    assert found["Mark Rutte"][1] == "NATO Secretary General"
    assert found["Karine Jean-Pierre"][1] == "White House press secretary"
    assert found["Sullivan"][1] == "speaker in the transcript"
    assert found["Josep Borrell"][1] == "High Representative for Foreign Affairs and Security Policy"
    assert "General" not in found


def test_places_stay_places() -> None:
    found = _actors("BRUSSELS, Belgium - The ambassador to Slovakia served at the U.S. Embassies in Tashkent, "
                    "Uzbekistan and Tbilisi, Georgia, and Russia fired missiles at Kyiv.\n")
    assert not {"Belgium", "Slovakia", "Uzbekistan", "Georgia", "Ukraine"} & set(found)
    assert "Russia" in found and "United States" in found


# --- money without a system ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("sentence", "amount", "currency", "kind", "per"), [
    ("The UK will give £3 billion per year to Ukraine.", 3_000_000_000, "GBP", "rate", "year"),
    ("Donors gave GBP one billion last year.", 1_000_000_000, "GBP", "total value", None),
    ("Germany pledged 4.5 Mrd. EUR for air defence.", 4_500_000_000, "EUR", "total value", None),
    ("The EU adds 7,5 billion Euro to the facility.", 7_500_000_000, "EUR", "total value", None),
    ("Norway gives 1 billion crowns to Ukraine.", 1_000_000_000, "NOK", "total value", None),
    ("This brings the total US aid to $13.6 billion.", 13_600_000_000, "USD", "cumulative total", None),
    ("Since 2014, the United States has committed more than $8.8 billion.", 8_800_000_000, "USD",
     "cumulative total", None),
])
def test_amounts_are_kept_without_a_system(sentence: str, amount: int, currency: str, kind: str,
                                           per: str | None) -> None:
    costs = extract(sentence + "\n", "money.txt", _AS_OF).costs
    assert [(c.amount, c.currency, c.kind.value, c.per.value if c.per else None) for c in costs] == [
        (Decimal(amount), currency, kind, per)]
    assert costs[0].what and costs[0].pays_for is None


# --- packages, items and places ------------------------------------------------------------------------------------

PACKAGE_LIST = """Fact Sheet on U.S. Security Assistance for Ukraine
President Biden today announced an additional $800 million in security assistance to Ukraine.
The new $800 million assistance package includes:
800 Stinger anti-aircraft systems;
2,000 Javelin, 1,000 light anti-armor weapons, and 6,000 AT-4 anti-armor systems;
Over 20 million rounds of small arms ammunition; and
25,000 helmets.
"""


def test_package_list_is_drafted_item_by_item(tmp_path: Path) -> None:
    draft = extract(PACKAGE_LIST, "aid.txt", date(2022, 3, 16))
    assert draft.source.title == "Fact Sheet on U.S. Security Assistance for Ukraine"
    [package] = draft.packages
    assert package.value is not None and package.value.amount == Decimal(800_000_000)
    assert package.recipient == "ukraine"
    systems = {s.id: s for s in draft.systems}
    items = [(systems[i.system].designation, i.quantity.value if i.quantity else None,
              i.quantity.bound.value if i.quantity else None) for i in package.items]
    assert items == [("Stinger", 800, "exact"), ("Javelin", 2000, "exact"), ("light anti-armor weapons", 1000, "exact"),
                     ("AT-4", 6000, "exact"), ("small arms ammunition", 20_000_000, "more than"),
                     ("helmets", 25000, "exact")]
    assert package.items[4].quantity is not None and package.items[4].quantity.unit == "rounds"
    assert systems["helmets"].category.value == "protective equipment"
    assert all(c.pays_for == package.id for c in draft.costs)  # both mentions of the $800 million
    # the draft is a facts file that loads, every quote found in the text
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "aid.txt").write_text(PACKAGE_LIST, encoding="utf-8")
    facts = _loads(tmp_path, tmp_path / "seeds" / "aid.txt", render(draft))
    assert len(facts.sheet.packages[0].items) == 6


def test_generic_phrases_alone_are_not_systems() -> None:
    text = "Iranian drones and attack drones hit targets in Kyiv on Monday, officials said.\n"
    draft = extract(text, "g.txt", _AS_OF)
    assert draft.systems == []
    assert [p.name for p in draft.places] == ["Kyiv"]


def test_corpus_drafts_are_valid_facts_files(tmp_path: Path) -> None:
    for path in sorted((DOCS / "corpus").glob("*.txt")):
        draft = extract(path.read_text(encoding="utf-8"), path.name, date(2023, 1, 1))
        facts = _loads(tmp_path / path.stem, path, render(draft))
        assert facts.sheet.sources[0].file == path.name


# --- rejections are remembered -----------------------------------------------------------------------------------


def test_write_never_proposes_again_what_the_user_deleted(workspace: Path) -> None:
    seed = workspace / "seeds" / "aid.txt"
    seed.write_text(PACKAGE_LIST, encoding="utf-8")
    ws = Workspace.open(workspace)
    run_extract(ws, seed, date(2022, 3, 16), write=True)
    facts = workspace / "seeds" / "aid.facts.yaml"
    memory = workspace / "seeds" / "aid.extract.yaml"
    assert "rejected: []" in memory.read_text(encoding="utf-8")
    # the user deletes the Stinger system (and the package item that uses it)
    text = facts.read_text(encoding="utf-8")
    data = YAML().load(text)
    data["systems"] = [s for s in data["systems"] if s["id"] != "stinger"]
    for package in data["packages"]:
        package["items"] = [i for i in package["items"] if i["system"] != "stinger"]
    with facts.open("w", encoding="utf-8") as out:
        YAML().dump(data, out)
    message = run_extract(ws, seed, date(2022, 3, 16), write=True)
    assert "left out 1 you rejected" in message, message
    assert "stinger" not in {s.id for s in load_facts(facts, ws).sheet.systems}
    remembered = memory.read_text(encoding="utf-8")
    rejected = remembered.split("proposed:")[0]
    assert '"systems: stinger"' in rejected and "800 Stinger" in rejected
    # deleting the entry under rejected: undoes the rejection
    memory.write_text(remembered.replace(next(line for line in rejected.splitlines() if "stinger" in line) + "\n",
                                         ""), encoding="utf-8")
    message = run_extract(ws, seed, date(2022, 3, 16), write=True)
    assert "stinger" in {s.id for s in load_facts(facts, ws).sheet.systems}, message


# --- transfers read the right way round ------------------------------------------------------------------------------


def _transfers(text: str) -> list[tuple[str, list[str], str]]:
    draft = extract(text + "\n", "t.txt", date(2023, 1, 1))
    names = {s.id: s.designation for s in draft.systems}
    return [(names[t.system], t.suppliers, t.recipient) for t in draft.transfers]


def test_a_new_clause_is_not_a_coordinated_supplier() -> None:
    assert _transfers("Iran has delivered Shahed-136 drones to Russia, and the United States sent 16 HIMARS to "
                      "Ukraine.") == [("Shahed-136", ["iran"], "russia"), ("HIMARS", ["united-states"], "ukraine")]


def test_money_delivered_in_exchange_for_drones_reverses_the_transfer() -> None:
    assert _transfers("Russia delivered $140 million to Iran in exchange for drones.") == [
        ("drones", ["iran"], "russia")]


def test_transliterations_and_gazetteer_origin() -> None:
    draft = extract("Iran sent Shakhed-136 drones to Russia.\n", "t.txt", date(2023, 1, 1))
    assert [(s.designation, s.origin) for s in draft.systems] == [("Shahed-136", "iran")]


def test_events_from_their_verbs() -> None:
    draft = extract("Russian forces launched 43 Shahed-136 drones at Kyiv on Monday.\n"
                    "Secretary Blinken met with President Volodymyr Zelenskyy in Kyiv on Tuesday.\n",
                    "e.txt", _AS_OF)
    launch, meeting = draft.events
    assert (launch.kind.value, launch.actors, launch.system, launch.place) == ("launch", ["russia"], "shahed-136",
                                                                               "kyiv")
    assert launch.quantity is not None and launch.quantity.value == 43
    assert launch.when in {d.id for d in draft.dates}
    assert meeting.kind.value == "meeting" and len(meeting.actors) == 2


def test_labels_are_not_titles_nor_authors() -> None:
    draft = extract("Via Teleconference\nBY THE NUMBERS\nUkraine gets new air defence systems\n\n"
                    "Germany sent IRIS-T systems to Ukraine on 12 May 2023.\n", "labels.txt", None)
    assert draft.source.title == "Ukraine gets new air defence systems"
    assert draft.source.author is None


def test_standing_follows_the_attribution() -> None:
    draft = extract("Each drone costs $20,000, according to Ukraine's defence ministry.\n"
                    "Iran sent Shahed-136 drones to Russia, the Pentagon claimed.\n", "s.txt", _AS_OF)
    [cost] = draft.costs
    assert cost.kind.value == "per unit" and cost.standing is not None and cost.standing.value == "reported"
    [transfer] = draft.transfers
    assert transfer.standing is not None and transfer.standing.value == "claimed"
    assert transfer.according_to is not None and transfer.according_to.by == "department-of-defense"


@pytest.mark.parametrize(("sentence", "value", "end", "part"), [
    ("Deliveries ran from March to May 2023.", "2023-03", "2023-05", None),
    ("The contract covers 2022-25.", "2022", "2025", None),
    ("Training ran between 2022 and 2024.", "2022", "2024", None),
    ("The drones arrived in mid-June.", "2022-06", None, "mid"),
    ("Fighting peaked in late August 2022.", "2022-08", None, "late"),
])
def test_date_ranges_and_parts(sentence: str, value: str, end: str | None, part: str | None) -> None:
    [found] = extract(sentence + "\n", "r.txt", _AS_OF).dates
    assert (found.value, found.end, found.part.value if found.part else None) == (value, end, part)


def test_dateline_with_time_dates_the_text_and_its_relative_dates() -> None:
    draft = extract("Norway will allocate aid to Ukraine\n21:30 01.07.2022\nNorway has promised to allocate one "
                    "billion euros to support Ukraine, the prime minister said today.\n", "n.txt", None)
    assert draft.source.title == "Norway will allocate aid to Ukraine" and draft.source.date == "2022-07-01"
    assert [(d.value, d.inferred_from) for d in draft.dates] == [
        ("2022-07-01", "'today', counted from the dateline date 2022-07-01")]
    assert [(c.amount, c.currency) for c in draft.costs] == [(Decimal(1_000_000_000), "EUR")]


_WORDS = ["Ukraine", "Russia", "Iran", "the", "Pentagon", "sent", "delivered", "$", "€", "£", "1,200", "7,5", "4.5",
          "million", "billion", "Mrd.", "euros", "crowns", "per", "year", "total", "since", "2022", "24/02/2022",
          "05/06/2022", "27.12.2022", "mid-2023", "last", "summer", "today", "on", "Thursday", "includes:", ";",
          "; and", ",", ".", "\n", "Up to", "150,000", "rounds", "of", "155mm", "HIMARS", "Shakhed-136", "Council",
          "Fund", "Facility", "Secretary", "General,", "Mark", "Rutte", "MR. SULLIVAN:", "(EPF)", "in", "Kyiv",
          "Ambassador to", "Slovakia", "from", "to", "and", "package", "drawdown", "tranche", "(about", "$3 million)",
          "\n-- ", "\n• ", "\nSource:", "\nBy", "Antony", "J.", "Blinken", "\nBRUSSELS,", "Belgium", "\u2013",
          "\n21:30", "01.07.2022", "Two", "NASAMS", "from March to May 2023", "2022-25", "in exchange for",
          "drones", "claimed"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=60))
def test_any_word_salad_drafts_a_valid_facts_file(words: list[str]) -> None:
    text = " ".join(words).replace(" \n ", "\n") + "\n"
    draft = extract(text, "salad.txt", date(2023, 1, 1))
    if not draft.count():
        return  # nothing to brief: `extract --write` writes no file then (a facts file needs facts)
    rendered = render(draft)
    data = YAML(typ="safe", pure=True).load(rendered)
    sheet = FactSheet.model_validate(data)
    for _, _, fact in sheet.all_facts():
        for cited in fact.cites:
            assert find_all(text, cited.text), cited.text


def test_write_with_nothing_to_propose_writes_no_file(workspace: Path) -> None:
    seed = workspace / "seeds" / "empty-ish.txt"
    seed.write_text("Ukraine\n", encoding="utf-8")
    message = run_extract(Workspace.open(workspace), seed, date(2023, 1, 1), write=True)
    assert "nothing to propose" in message and not (workspace / "seeds" / "empty-ish.facts.yaml").exists()


def test_a_date_the_text_looks_forward_to_is_not_its_as_of_date() -> None:
    text = ("The Council agreed on 14 March 2023 to raise the ceiling of the facility to EUR 7.9 billion "
            "until 2027. The first tranche was paid in May 2022.")
    draft = extract(text, "seeds/council.txt", None)
    assert draft.meta.as_of <= date.today() and draft.meta.as_of.year == 2023


def test_an_as_of_date_the_model_refuses_is_one_plain_error(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from factsheet.cli import main

    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "note.txt").write_text("Russia received drones from Iran on 1 May 2022.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", "--root", str(tmp_path), "seeds/note.txt", "--as-of", "2999-01-01"])
    assert result.exit_code == 2
    assert "note.txt: error: as-of date 2999-01-01:" in result.output and "pydantic" not in result.output
