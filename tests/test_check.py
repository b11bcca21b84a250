"""`factsheet check` after seed edits: each edit gets the right status and exit code; --fix is surgical."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from factsheet.cli import main
from tests.conftest import SEED_FACTS

SEED = "russia-drones-2022.txt"
HORNET = "The Teledyne Flir Black Hornet drones are used for target identification and reconnaissance."
JULY = ("In July, Ukraine severed ties with North Korea after it came to light that Pyongyang had joined Russia and "
        "Syria in recognizing the independence of two self-declared republics in eastern Ukraine.\n")
COST = ("They are expected to cost up to 90 million Norwegian crowns ($9.26 million), according to a statement from "
        "the ministry.")


def _move_july(text: str) -> str:
    return text.replace(JULY, "") + "\n" + JULY


EDITS = {
    "whitespace": (lambda t: t.replace("Iran is a reasonable", "Iran  is\n   a reasonable"), {}, 0),
    "typo fixed": (lambda t: t.replace("recognizing the independence", "recognising the independence"),
                   {"changed": 3}, 2),
    "sentence moved": (_move_july, {"moved": 5}, 0),
    # The sentence after the deleted one lost its context: it is found, but reported as moved.
    "sentence deleted": (lambda t: t.replace(COST, ""), {"orphaned": 3, "moved": 1}, 2),
    "number changed": (lambda t: t.replace("90 million Norwegian", "95 million Norwegian"), {"changed": 2}, 2),
    "name changed": (lambda t: t.replace("Bendett.", "Bennett."), {"changed": 2}, 2),
    "sentence duplicated": (lambda t: t.replace(HORNET, HORNET + " " + HORNET), {"ambiguous": 1}, 2),
}


def check(workspace: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--root", str(workspace), *args])
    return result.exit_code, result.output


@pytest.mark.parametrize("edit", list(EDITS))
def test_seed_edit_is_classified(workspace: Path, edit: str) -> None:
    assert check(workspace)[0] == 0  # records the anchors
    change, expected, code = EDITS[edit]
    seed = workspace / "seeds" / SEED
    seed.write_text(change(seed.read_text(encoding="utf-8")), encoding="utf-8")
    exit_code, output = check(workspace)
    summary = re.search(r"citations: (.*)", output)
    assert summary, output
    counts = {status: int(n) for n, status in re.findall(r"(\d+) (\w+)", summary.group(1))}
    counts.pop("intact", None)
    assert counts == expected, output
    assert exit_code == code, output
    for line in output.splitlines():
        if (": error: " in line or ": warning: " in line) and not line.startswith("factsheet:"):
            assert re.match(rf".*{SEED_FACTS}:\d+:\d+: (error|warning): \w+\.\d+\.cites\.\d+\.text: [\w-]+: ", line)


def test_number_change_is_shown_and_never_fixed(workspace: Path) -> None:
    check(workspace)
    seed = workspace / "seeds" / SEED
    seed.write_text(seed.read_text(encoding="utf-8").replace("90 million Norwegian", "95 million Norwegian"),
                    encoding="utf-8")
    facts = workspace / "seeds" / SEED_FACTS
    before = facts.read_bytes()
    code, output = check(workspace, "--fix")
    assert code == 2
    assert "black-hornet-cost: changed (similarity" in output and "[-90-]{+95+}" in output
    assert "fix by hand (a number" in output
    assert facts.read_bytes() == before


def test_fix_rewrites_only_the_quotes(workspace: Path) -> None:
    check(workspace)
    seed = workspace / "seeds" / SEED
    seed.write_text(seed.read_text(encoding="utf-8").replace("recognizing", "recognising"), encoding="utf-8")
    facts = workspace / "seeds" / SEED_FACTS
    before = facts.read_text(encoding="utf-8").splitlines(keepends=True)
    code, output = check(workspace, "--fix")
    assert code == 0, output
    after = facts.read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(after) == len(before)
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert len(changed) == 3
    assert all(a.replace("recognizing", "recognising") == b for a, b in changed)
    assert after[0].startswith("# yaml-language-server")  # comments kept
    assert check(workspace)[0] == 0


def test_an_anchor_is_saved_with_every_field_in_order() -> None:
    from dataclasses import asdict

    from factsheet.facts.anchor import Anchor
    from factsheet.facts.anchors import _fields

    anchor = Anchor("exact", "before ", " after", 7, 12, "sha256:ab")
    assert list(_fields(anchor).items()) == list(asdict(anchor).items())
