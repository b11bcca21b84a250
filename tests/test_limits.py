"""Limits and values that cannot be right: a located message and exit 2, never an internal error or a hang
(issue 12, points 5 and 6)."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from factsheet.cli import main
from tests.conftest import SEED_FACTS

FUTURE = (dt.date.today() + dt.timedelta(days=5)).isoformat()

EDITS = {
    # name: (old text, new text, expected message part)
    "as-of year 0001": ("as_of: 2026-11-25", "as_of: 0001-01-01", "year 1 is outside 1900-2100"),
    "as-of year 9999": ("as_of: 2026-11-25", "as_of: 9999-12-31", "year 9999 is outside 1900-2100"),
    "as-of in the future": ("as_of: 2026-11-25", f"as_of: {FUTURE}", "is in the future"),
    "date fact year 0000": ("value: 2022-02", "value: 0000-02", "year 0 is outside 1900-2100"),
    "source date banana": ("    date: 2022-09", "    date: banana", "'banana' is not a date"),
    "amount 1E+999999999": ("amount: 90000000", "amount: 1E+999999999", "out of range"),
    "amount 1E+999999": ("amount: 90000000", "amount: 1E+999999", "out of range"),
    "amount of 30 digits": ("amount: 90000000", "amount: 123456789012345678901234567890", "at most 1,000,000"),
    "amount rounded": ("amount: 90000000", "amount: 90000000.000000000000000000001", "significant digits"),
    "amount as text": ("amount: 90000000", 'amount: "1E+999999999"', "at most 1,000,000"),
    "integer of 5,000 digits": ("amount: 90000000", "amount: " + "9" * 5000, "an integer of 5000 digits"),
    "negative conversion": ("amount: 9260000", "amount: -5", "must be greater than 0"),
    "unknown tag": ("author: factsheet analyst desk", "author: !!python/name:os.system", "unknown YAML tag"),
    "unknown local tag": ("author: factsheet analyst desk", "author: !shell rm -rf", "unknown YAML tag"),
    "language klingon!!": ("language: en-GB", 'language: "klingon!!"', "is not a BCP 47 language tag"),
    "empty title": ("title: Russia turns to North Korea and Iran for munitions and drones", 'title: ""',
                    "must not be empty"),
    "1 MB title": ("title: Russia turns to North Korea and Iran for munitions and drones",
                   "title: " + "x" * 1_000_000, "a text of 1,000,000 characters (at most 100,000)"),
    "long title": ("title: Russia turns to North Korea and Iran for munitions and drones",
                   "title: " + "word " * 80 + "end", "at most 300 characters"),
    "3,000 nested mappings": ("language: en-GB", "language: en-GB\n  deep: " + "{a: " * 3000 + "1" + "}" * 3000,
                              "nested more than 40 levels deep"),
}


def check(workspace: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--root", str(workspace)])
    return result.exit_code, result.output


@pytest.mark.parametrize("name", list(EDITS))
def test_impossible_values_are_refused_at_their_line(workspace: Path, name: str) -> None:
    old, new, message = EDITS[name]
    facts = workspace / "seeds" / SEED_FACTS
    text = facts.read_text(encoding="utf-8")
    assert old in text
    facts.write_text(text.replace(old, new, 1), encoding="utf-8")
    code, output = check(workspace)
    assert code == 2, output[:2000]
    assert message in output, output[:2000]
    assert "internal error" not in output and "Traceback" not in output
    line = text[: text.index(old)].count("\n") + 1
    found = re.search(rf"{SEED_FACTS}:(\d+):\d+: error: ", output)
    assert found and line - 3 <= int(found.group(1)) <= line + 1, output[:2000]  # at the value or its fact


def test_a_facts_file_with_nothing_to_brief_is_refused(workspace: Path) -> None:
    facts = workspace / "seeds" / SEED_FACTS
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text[: text.index("\nactors:")] + "\n", encoding="utf-8")
    code, output = check(workspace)
    assert code == 2 and "nothing to brief" in output, output


def test_an_oversized_facts_file_is_refused_unread(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from factsheet.limits import max_input_bytes

    assert max_input_bytes() == 20 * 1024 * 1024
    monkeypatch.setenv("FACTSHEET_MAX_INPUT_MB", "0.01")
    result = CliRunner().invoke(main, ["build", "--root", str(workspace)])
    code, output = result.exit_code, result.output
    assert code == 2 and "MB allowed (set FACTSHEET_MAX_INPUT_MB" in output, output


def test_a_fifo_named_like_a_facts_file_is_refused_not_read(workspace: Path) -> None:
    os.mkfifo(workspace / "seeds" / "pipe.facts.yaml")
    result = subprocess.run([sys.executable, "-m", "factsheet", "check", "--root", str(workspace)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2, result.stderr
    assert "pipe.facts.yaml: error: not a regular file" in result.stderr


def test_the_running_head_fits_a_long_title_in_few_measurements() -> None:
    from factsheet.writers.pdf.page import fit

    class Measuring:
        calls = 0

        def stringWidth(self, text: str, _font: str, _size: float) -> float:
            self.calls += 1
            return 4.0 * len(text)

    canvas = Measuring()
    shortened = fit(canvas, "word " * 200_000, "Helvetica", 8, 400)  # type: ignore[arg-type]
    assert shortened.endswith("…") and 4.0 * len(shortened) <= 400 and len(shortened) >= 95
    assert canvas.calls <= 25


MAIL = ["--to", "ana@example.org", "--from", "desk@example.org", "--template", "one-pager", "--format", "pdf"]


@pytest.mark.parametrize(("args", "message"), [
    (["--date", "yesterday"], "is not an email date"),
    (["--date", "Fri, 25 Nov 0001 09:00:00 +0000"], "is not an email date"),
    (["--max-size", "nan"], "is not a size"),
    (["--max-size", "-1"], "is not a size"),
    (["--message-id", "<naïve@example.org>"], "is not a message id"),
    (["--message-id", "no-brackets@example.org"], "is not a message id"),
    (["--message-id", "<no-at-sign>"], "is not a message id"),
    (["--send", "--smtp-user", "desk"], "set FACTSHEET_SMTP_PASSWORD"),
])
def test_email_options_are_validated(workspace: Path, monkeypatch: pytest.MonkeyPatch, args: list[str],
                                     message: str) -> None:
    monkeypatch.delenv("FACTSHEET_SMTP_PASSWORD", raising=False)
    result = CliRunner().invoke(main, ["email", "--root", str(workspace), *MAIL, *args])
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output
    assert not (workspace / "out").exists()  # refused before any work
