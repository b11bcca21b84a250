"""A folder of bad facts files, each with the exact messages expected (its '# expect:' lines)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from factsheet.cli import main
from tests.conftest import REPO, briefings

BAD = Path(__file__).parent / "bad"
CASES = sorted(p.name for p in BAD.glob("*.facts.yaml"))


def expected_lines(path: Path) -> list[str]:
    return [line.removeprefix("# expect: ") for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("# expect: ")]


@pytest.mark.parametrize("name", CASES)
def test_bad_facts_file_gives_exact_messages(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(REPO / "seeds" / "russia-drones-2022.txt", seeds)
    for extra in BAD.glob("*.txt"):
        shutil.copy(extra, seeds)
    shutil.copy(BAD / name, seeds)
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", f"seeds/{name}"])
    problems = [line for line in result.output.splitlines() if ": error: " in line]
    assert problems == expected_lines(BAD / name), result.output
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert briefings(tmp_path / "out") == []


def test_debug_shows_the_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "seeds").mkdir()
    shutil.copy(BAD / "empty.facts.yaml", tmp_path / "seeds")
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["--debug", "build"])
    assert result.exit_code == 2 and "Traceback" in result.output


def test_internal_error_exits_1_without_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import factsheet.build

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(factsheet.build, "build", broken)
    result = CliRunner().invoke(main, ["build", "--root", str(REPO)])
    assert result.exit_code == 1
    assert "internal error: RuntimeError: boom (use --debug)" in result.output and "Traceback" not in result.output
