"""The fact model accepts the seed's facts and rejects bad ones at the right line."""

from __future__ import annotations

from pathlib import Path

import pytest

from factsheet.errors import ValidationFailed
from factsheet.facts.load import load_facts
from factsheet.facts.model import Bound, Precision, TransferStatus
from factsheet.workspace import Workspace
from tests.conftest import SEED_FACTS


def test_seed_facts_load(workspace: Path) -> None:
    loaded = load_facts(workspace / "seeds" / SEED_FACTS, Workspace.open(workspace))
    sheet = loaded.sheet
    designations = {s.designation for s in sheet.systems}
    named = {"artillery shells", "short-range rockets", "Mohajer-6", "Shahed series", "Forpost", "Black Hornet"}
    assert named <= designations
    cost = sheet.costs[0]
    assert (cost.amount, cost.currency, cost.bound) == (90_000_000, "NOK", Bound.up_to)
    assert cost.conversion is not None and (cost.conversion.amount, cost.conversion.currency) == (9_260_000, "USD")
    hornet = next(t for t in sheet.transfers if t.system == "black-hornet")
    assert hornet.suppliers == ["norway", "united-kingdom"] and hornet.recipient == "ukraine"
    assert hornet.status is TransferStatus.planned
    announced = next(d for d in sheet.dates if d.id == "black-hornet-announced")
    assert (announced.value, announced.precision, announced.year_inferred) == ("2022-08-24", Precision.day, True)
    assert "Wednesday" in (announced.inferred_from or "")
    assert {d.value for d in sheet.dates} == {"2022-02", "2022-07", "2022-08", "2022-08-11", "2022-08-24"}
    assert len(sheet.gaps) == 3
    # Every claim names who makes it.
    assert all(c.according_to is not None for c in sheet.claims)


def _write(workspace: Path, text: str) -> Path:
    path = workspace / "seeds" / "bad.facts.yaml"
    # The version goes last so that the lines of the rest stay where the tests expect them.
    path.write_text(text + "schema_version: 2\n", encoding="utf-8")
    return path


HEADER = """\
factsheet:
  title: T
  as_of: 2022-09-01
sources:
  - id: src
    file: russia-drones-2022.txt
    title: S
"""


def _errors(workspace: Path, body: str) -> list[str]:
    path = _write(workspace, HEADER + body)
    with pytest.raises(ValidationFailed) as info:
        load_facts(path, Workspace.open(workspace))
    return [f"{d.location.line}:{d.location.col}: {d.message}" for d in info.value.diagnostics]


def test_every_problem_is_reported_at_its_line(workspace: Path) -> None:
    errors = _errors(
        workspace,
        """\
actors:
  - id: russia
    name: Russia
    kind: state
    colour: red
    cites: [{source: src, text: "Russia is purchasing"}]
  - id: russia
    name: Russia again
    kind: planet
    cites: [{source: src, text: "not in the article at all"}]
""",
    )
    assert errors == [
        "12:5: actors.0.colour: unknown field",
        "16:11: actors.1.kind: expected one of 'state', 'government', 'organisation', 'company', "
        "'media', 'person' or 'military' (got 'planet')",
    ]


def test_reference_and_quote_problems_all_reported(workspace: Path) -> None:
    errors = _errors(
        workspace,
        """\
actors:
  - id: russia
    name: Russia
    kind: state
    cites: [{source: src, text: "Russia is purchasing"}]
  - id: russia
    name: Russia again
    kind: state
    cites: [{source: nowhere, text: "Russia is purchasing"}]
transfers:
  - id: loop
    system: no-such-system
    suppliers: [russia]
    recipient: russia
    status: delivered
    cites:
      - source: src
        text: "Russia is   purchasing\\n millions"
      - source: src
        text: "Russia is selling"
""",
    )
    assert errors == [
        "13:9: actors.1.id: duplicate id 'russia' (first used by actors.0)",
        "16:22: actors.1.cites.0.source: unknown source id 'nowhere'",
        "19:13: transfers.0.system: unknown system id 'no-such-system'",
        "20:17: transfers.0.suppliers.0: supplier 'russia' is also the recipient",
        "27:15: transfers.0.cites.1.text: quote for 'loop' not found in source 'src': 'Russia is selling'",
    ]


@pytest.mark.parametrize(
    ("body", "expected", "line"),
    [
        (
            "dates:\n  - id: d\n    event: e\n    value: 2022-02-30\n    precision: day\n"
            "    cites: [{source: src, text: Russia}]\n",
            "is not a day of that month", 9,
        ),
        (
            "dates:\n  - id: d\n    event: e\n    value: 2022-08\n    precision: day\n"
            "    cites: [{source: src, text: Russia}]\n",
            "is not a day-precision date", 9,
        ),
        (
            "dates:\n  - id: d\n    event: e\n    value: 2022-08\n    precision: month\n    year_inferred: true\n"
            "    cites: [{source: src, text: Russia}]\n",
            "an inferred year needs 'inferred_from'", 9,
        ),
        (
            "costs:\n  - id: c\n    amount: 5\n    currency: NOKK\n    pays_for: x\n"
            "    cites: [{source: src, text: Russia}]\n",
            "not an ISO 4217 currency code", 11,
        ),
        (
            "claims:\n  - id: c\n    text: t\n    standing: claimed\n    cites: [{source: src, text: Russia}]\n",
            "needs 'according_to'", 9,
        ),
    ],
)
def test_values_are_checked(workspace: Path, body: str, expected: str, line: int) -> None:
    errors = _errors(workspace, body)
    assert len(errors) == 1 and expected in errors[0]
    assert errors[0].startswith(f"{line}:")  # the offending field, or its list item for whole-fact checks


def test_yaml_syntax_error_has_location(workspace: Path) -> None:
    errors = _errors(workspace, "actors: [\n  - id: x\n")
    assert len(errors) == 1 and errors[0].startswith("9:") and "YAML syntax error" in errors[0]
