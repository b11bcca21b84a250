"""`check --fix` never changes meaning and never damages the facts file (issue 12, points 1 and 2; issue 18.6)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from factsheet.cli import main
from factsheet.yamledit import load_plain
from tests.conftest import SEED_FACTS

SEED = "russia-drones-2022.txt"
GAP = ("          there was no information offered in the reports about the precise weapons used or the timing\n"
       "          or size of the shipments\n")
GAP_QUOTE = ("there was no information offered in the reports about the precise weapons used or the timing or size "
             "of the shipments")


def check(workspace: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--root", str(workspace), *args])
    return result.exit_code, result.output


def _edit_seed(workspace: Path, old: str, new: str) -> None:
    seed = workspace / "seeds" / SEED
    text = seed.read_text(encoding="utf-8")
    assert old in text
    seed.write_text(text.replace(old, new), encoding="utf-8")


MEANING = {
    "number word": ("90 million Norwegian", "90 billion Norwegian"),
    "quantity word": ("obtain hundreds of Iranian", "obtain thousands of Iranian"),
    "bound": ("for at least 20", "for at most 20"),
    "first word, a name": ("Iran has been honing", "Syria has been honing"),
    "negation": ("there was no information", "there was information"),
}


@pytest.mark.parametrize("case", list(MEANING))
def test_fix_never_accepts_a_change_of_meaning(workspace: Path, case: str) -> None:
    assert check(workspace)[0] == 0
    facts = workspace / "seeds" / SEED_FACTS
    before = facts.read_bytes()
    _edit_seed(workspace, *MEANING[case])
    code, output = check(workspace, "--fix")
    assert code == 2, output
    assert "fix by hand" in output and "fixed" not in output
    assert facts.read_bytes() == before


def _restyle(facts: Path, styles: list[str], newline: str = "\n") -> None:
    """Rewrite the three identical gap quotes (folded) in the given styles."""
    text = facts.read_text(encoding="utf-8")
    forms = {
        "double": '"there was no information offered in the reports about the precise weapons used or the timing\n'
                  '          or size of the shipments"\n',
        "plain": "there was no information offered in the reports about the precise weapons used or the timing\n"
                 "          or size of the shipments\n",
        "single": "'there was no information offered in the reports about the precise weapons used or the timing\n"
                  "          or size of the shipments'\n",
        "folded": ">-\n" + GAP,
    }
    for style in styles:
        assert ">-\n" + GAP in text
        text = text.replace(">-\n" + GAP, "@@" + forms[style], 1)
    text = text.replace("@@", "")
    facts.write_bytes(text.replace("\n", newline).encode("utf-8"))


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_fix_rewrites_multiline_quotes_whole_and_keeps_the_file(workspace: Path, newline: str) -> None:
    facts = workspace / "seeds" / SEED_FACTS
    _restyle(facts, ["double", "plain", "single"], newline)
    assert check(workspace)[0] == 0
    old_data = load_plain(facts.read_text(encoding="utf-8"))
    _edit_seed(workspace, "the precise weapons", "the precize weapons")
    code, output = check(workspace, "--fix")
    assert code == 0, output
    raw = facts.read_bytes()
    text = raw.decode("utf-8")
    if newline == "\r\n":
        assert b"\n" not in raw.replace(b"\r\n", b"")
    new_data = load_plain(text)
    gaps = [fact["cites"][0]["text"] for fact in new_data["gaps"] if fact["id"].startswith("gap-")]
    assert [" ".join(g.split()) for g in gaps] == [GAP_QUOTE.replace("precise", "precize")] * 3
    assert text.count("or size of the shipments") == 3  # no continuation line left behind
    for fact in old_data["gaps"]:
        fact["cites"][0]["text"] = GAP_QUOTE.replace("precise", "precize")
    for fact in new_data["gaps"]:
        fact["cites"][0]["text"] = " ".join(fact["cites"][0]["text"].split())
    assert new_data == old_data  # nothing else changed
    # Every line outside the three quotes is byte-identical.
    outside = [line for line in text.split(newline) if "shipments" not in line and "precize" not in line]
    original = [line for line in _original(workspace, newline) if "shipments" not in line and "precise" not in line]
    assert outside == original
    # Each rewrite is listed with its place, old and new text (issue 18.6).
    assert output.count(": fixed gaps.") == 3
    assert "old: there was no information offered in the reports about the precise weapons" in output
    assert "new: there was no information offered in the reports about the precize weapons" in output
    assert check(workspace)[0] == 0


def _original(workspace: Path, newline: str) -> list[str]:
    copy = workspace.parent / "copy.yaml"
    copy.write_bytes((Path(__file__).parent.parent / "seeds" / SEED_FACTS).read_bytes())
    _restyle(copy, ["double", "plain", "single"], newline)
    return copy.read_bytes().decode("utf-8").split(newline)


def test_check_says_when_fix_would_accept_a_change(workspace: Path) -> None:
    check(workspace)
    _edit_seed(workspace, "the precise weapons", "the precize weapons")
    code, output = check(workspace)
    assert code == 2
    assert output.count("`factsheet check --fix` would accept this change") == 3, output


def test_fix_refuses_when_the_file_was_saved_meanwhile(workspace: Path) -> None:
    from factsheet.checking import fix_file
    from factsheet.facts.check import check_citations
    from factsheet.facts.load import load_facts
    from factsheet.workspace import Workspace
    from factsheet.yamledit import EditRefused

    check(workspace)
    _edit_seed(workspace, "the precise weapons", "the precize weapons")
    ws = Workspace.open(workspace)
    facts_path = workspace / "seeds" / SEED_FACTS
    facts = load_facts(facts_path, ws, check_quotes=False)
    checks = check_citations(facts)
    saved = facts_path.read_text(encoding="utf-8") + "# a note saved in an editor while --fix ran\n"
    facts_path.write_text(saved, encoding="utf-8")
    with pytest.raises(EditRefused, match="changed on disk since it was read"):
        fix_file(facts, checks)
    assert facts_path.read_text(encoding="utf-8") == saved


def test_extract_write_refuses_a_facts_file_saved_meanwhile(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """extract --write merges through factsheet.yamledit too: a save made during the merge is kept."""
    from typing import Any

    import factsheet.extract.merge
    from factsheet.extracting import run_extract
    from factsheet.workspace import Workspace
    from factsheet.yamledit import EditRefused

    facts = workspace / "seeds" / SEED_FACTS
    real = factsheet.extract.merge.merge_text
    saved = facts.read_text(encoding="utf-8") + "# saved in an editor during the merge\n"

    def merge_text(*args: Any) -> str:
        merged = real(*args)
        facts.write_text(saved, encoding="utf-8")
        return merged

    monkeypatch.setattr(factsheet.extract.merge, "merge_text", merge_text)
    import datetime as dt

    with pytest.raises(EditRefused, match="changed on disk since it was read"):
        run_extract(Workspace.open(workspace), workspace / "seeds" / SEED, dt.date(2022, 9, 7), write=True)
    assert facts.read_text(encoding="utf-8") == saved


def _previous_model(facts: Path) -> str:
    old = facts.read_text(encoding="utf-8").replace("schema_version: 2\n\n", "")
    return old.replace("quantity: {stated: hundreds, magnitude: 2}", "quantity: about 250 drones  # as stated")


def test_upgrade_keeps_crlf_and_only_changes_quantities(workspace: Path) -> None:
    facts = workspace / "seeds" / SEED_FACTS
    old = _previous_model(facts)
    facts.write_bytes(old.replace("\n", "\r\n").encode("utf-8"))
    result = CliRunner().invoke(main, ["upgrade", "--root", str(workspace)])
    assert result.exit_code == 0 and "upgraded" in result.output, result.output
    raw = facts.read_bytes()
    assert b"\n" not in raw.replace(b"\r\n", b"")
    new = raw.decode("utf-8").replace("\r\n", "\n")
    assert new.replace("schema_version: 2\n\n", "", 1).replace(
        'quantity: {value: 250, bound: about, unit: "drones", stated: "about 250 drones"}',
        "quantity: about 250 drones") == old


def test_upgrade_refuses_a_file_saved_meanwhile(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import factsheet.facts.upgrade
    from factsheet.yamledit import EditRefused

    facts = workspace / "seeds" / SEED_FACTS
    facts.write_text(_previous_model(facts), encoding="utf-8")
    real = factsheet.facts.upgrade.upgrade_text
    saved = facts.read_text(encoding="utf-8") + "# saved in an editor meanwhile\n"

    def upgrade_text(text: str, shown: str) -> str | None:
        new = real(text, shown)
        facts.write_text(saved, encoding="utf-8")
        return new

    monkeypatch.setattr(factsheet.facts.upgrade, "upgrade_text", upgrade_text)
    with pytest.raises(EditRefused, match="changed on disk"):
        factsheet.facts.upgrade.upgrade_file(facts, "facts")
    assert facts.read_text(encoding="utf-8") == saved


def test_fix_lists_what_it_rewrote_even_when_other_quotes_need_a_person(workspace: Path) -> None:
    check(workspace)
    _edit_seed(workspace, "the precise weapons", "the precize weapons")
    _edit_seed(workspace, "90 million Norwegian", "90 billion Norwegian")
    code, output = check(workspace, "--fix")
    assert code == 2
    assert output.count(": fixed gaps.") == 3 and output.count("new: there was no information") == 3
    assert "[-million-]{+billion+} - fix by hand" in output
    assert (workspace / "seeds" / SEED_FACTS).read_text(encoding="utf-8").count("precize") == 3
