"""Random single-line edits of the shipped facts file: every run ends in success or a located error, exit 2
(issue 12, point 8). Never exit 1, a traceback or a hang. Seeded, in-process, so that it is cheap and the
same edits run every time."""

from __future__ import annotations

import random
import re
import shutil
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from click.testing import CliRunner

from factsheet.cli import main
from tests.conftest import REPO, SEED_FACTS

RUNS = 520
BUILDS = 6  # of the runs, this many also render (one PDF), to cover composing and writing
SECONDS_PER_RUN = 20

TOKENS = ["", "~", "null", "[]", "{}", "-1", "0", "1e999", "1E+999999999", ".nan", "0001-01-01", "9999-12-31",
          "yes", "!!binary AA==", "*anchor", "&anchor x", "!!python/name:os.system", "2022-13-45", "'", '"', "|", ">",
          "- x", "a: b: c", "{a: [", "x" * 400, "9" * 50, "é\u202e\u0000", "\t", "#", "@x", "%YAML 1.1", "---",
          "...", "? x", "[1, 2, 3]", "2022", "2022-02", "true", "USD", "draft", "up to", "state", "0.0000001"]
CHARS = [*":-'\"#{}[],&*!|>%@`\t ?\\é0123456789az", "\u00a0", "\u2028", "\ufeff"]


def _mutations(rng: random.Random) -> list[Callable[[list[str], int], None]]:
    def delete(lines: list[str], i: int) -> None:
        del lines[i]

    def duplicate(lines: list[str], i: int) -> None:
        lines.insert(i, lines[i])

    def swap(lines: list[str], i: int) -> None:
        j = min(i + 1, len(lines) - 1)
        lines[i], lines[j] = lines[j], lines[i]

    def drop_char(lines: list[str], i: int) -> None:
        if lines[i]:
            k = rng.randrange(len(lines[i]))
            lines[i] = lines[i][:k] + lines[i][k + 1:]

    def add_char(lines: list[str], i: int) -> None:
        k = rng.randrange(len(lines[i]) + 1)
        lines[i] = lines[i][:k] + rng.choice(CHARS) + lines[i][k:]

    def new_value(lines: list[str], i: int) -> None:
        head = re.match(r"^(\s*(?:- )?[\w-]+:\s?)", lines[i])
        lines[i] = (head.group(1) if head else lines[i][: len(lines[i]) - len(lines[i].lstrip())]) + rng.choice(TOKENS)

    def indent(lines: list[str], i: int) -> None:
        lines[i] = lines[i][2:] if lines[i].startswith("  ") and rng.random() < 0.5 else "  " + lines[i]

    def truncate(lines: list[str], i: int) -> None:
        lines[i] = lines[i][: rng.randrange(len(lines[i]) + 1)]

    return [delete, duplicate, swap, drop_char, add_char, new_value, new_value, indent, truncate]


@contextmanager
def _deadline(seconds: int) -> Iterator[None]:
    def expire(_signum: int, _frame: object) -> None:
        raise TimeoutError(f"a run took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


LOCATED = re.compile(rf"{re.escape(SEED_FACTS)}:\d+:\d+: error: ")


def test_random_single_line_edits_end_in_success_or_a_located_error(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    (root / "seeds").mkdir(parents=True)
    for path in (REPO / "seeds").glob(SEED_FACTS.removesuffix(".facts.yaml") + ".*"):  # this facts file alone
        shutil.copy(path, root / "seeds" / path.name)
    shutil.copytree(REPO / "templates", root / "templates")
    facts = root / "seeds" / SEED_FACTS
    anchors = root / "seeds" / "russia-drones-2022.anchors.json"
    original, original_anchors = facts.read_text(encoding="utf-8"), anchors.read_bytes()
    lines = original.split("\n")
    rng = random.Random(20221125)
    mutations = _mutations(rng)
    runner = CliRunner()
    outcomes = {0: 0, 2: 0}
    for run in range(RUNS):
        edited = list(lines)
        where = rng.randrange(len(edited) - 1)
        mutation = rng.choice(mutations)
        mutation(edited, where)
        facts.write_text("\n".join(edited), encoding="utf-8")
        anchors.write_bytes(original_anchors)
        command = ["check", "--root", str(root)]
        if run % (RUNS // BUILDS) == 0:
            command = ["build", "--root", str(root), "--template", "one-pager", "--format", "pdf", "--force",
                       "--allow-stale", "--allow-drafts"]
        with _deadline(SECONDS_PER_RUN):
            result = runner.invoke(main, command)
        context = f"run {run}: {mutation.__name__} at line {where + 1}: {edited[where][:80]!r}\n{result.output[:1500]}"
        assert result.exit_code in (0, 2), context
        assert "Traceback" not in result.output and "internal error" not in result.output, context
        if result.exit_code == 2:
            assert LOCATED.search(result.output), context
        outcomes[result.exit_code] += 1
    facts.write_text(original, encoding="utf-8")
    assert outcomes[2] >= RUNS // 4, outcomes  # the edits do reach the checks
