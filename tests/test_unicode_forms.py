"""Composed and decomposed text: facts and seeds are read composed (NFC), and quotes match either form."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from factsheet.facts.anchor import Status, find_quote, reanchor
from factsheet.facts.load import load_facts
from factsheet.workspace import Workspace
from tests.conftest import SEED_FACTS

NFD_SEED = unicodedata.normalize("NFD", "Le général Muñoz-Peñalver a déclaré que les drones étaient livrés.")


def test_a_composed_quote_is_found_intact_in_a_decomposed_seed() -> None:
    quote = unicodedata.normalize("NFC", "général Muñoz-Peñalver a déclaré")
    span = find_quote(NFD_SEED, quote)
    assert span is not None
    assert unicodedata.normalize("NFC", NFD_SEED[span.start:span.end]) == quote  # marks included at both ends
    assert reanchor(NFD_SEED, quote, None).status is Status.intact
    decomposed = unicodedata.normalize("NFD", quote)
    assert reanchor(unicodedata.normalize("NFC", NFD_SEED), decomposed, None).status is Status.intact


def test_loaded_facts_and_seed_texts_are_composed(workspace: Path) -> None:
    facts = workspace / "seeds" / SEED_FACTS
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("    name: Ukraine\n", f"    name: {unicodedata.normalize('NFD', 'Ukraïne')}\n", 1),
                     encoding="utf-8")
    seed = next((workspace / "seeds").glob("*.txt"))
    seed.write_text(seed.read_text(encoding="utf-8") + unicodedata.normalize("NFD", "\nÉté.\n"), encoding="utf-8")
    loaded = load_facts(facts, Workspace.open(workspace, workspace / "out"))
    assert any(actor.name == "Ukraïne" for actor in loaded.sheet.actors)
    assert all(unicodedata.is_normalized("NFC", text) for text in loaded.source_texts.values())
