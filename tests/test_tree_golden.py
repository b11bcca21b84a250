"""The composed document tree, compared as text with golden files (`--accept-golden` rewrites them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from factsheet.compose.composer import compose
from factsheet.compose.template import load_template
from factsheet.document.dump import dump
from factsheet.facts.load import load_facts
from factsheet.workspace import Workspace
from tests.conftest import REPO, SEED_FACTS

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("template", ["briefing", "one-pager"])
def test_document_tree_matches_golden(template: str, accept_golden: bool) -> None:
    workspace = Workspace.open(REPO)
    facts = load_facts(REPO / "seeds" / SEED_FACTS, workspace)
    loaded = load_template(REPO / "templates" / f"{template}.yaml", f"templates/{template}.yaml")
    text = dump(compose(facts.sheet, loaded.template, "build-id"))
    golden = GOLDEN / f"{template}.tree.txt"
    if accept_golden or not golden.exists():
        golden.write_text(text, encoding="utf-8")
        if not accept_golden:
            pytest.fail(f"{golden.name} did not exist; written now - check it and commit it")
    assert text == golden.read_text(encoding="utf-8")
