"""`build --jobs`: worker processes change how fast a build is, never what it writes."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from factsheet.cli import main
from tests.conftest import REPO, SEED_FACTS


def _workspace(root: Path, copies: tuple[str, ...] = ("copy-a", "copy-b")) -> Path:
    """Every shipped seed, and the first one again under two more names: five facts files."""
    shutil.copytree(REPO / "seeds", root / "seeds")
    shutil.copytree(REPO / "templates", root / "templates")
    for name in copies:
        text = (root / "seeds" / SEED_FACTS).read_text(encoding="utf-8")
        (root / "seeds" / f"{name}.facts.yaml").write_text(text, encoding="utf-8")
    return root


def _files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if not p.name.endswith(".lock")}


# Five facts files on two workers run one task a file; three run one task a template (buildjobs.parts).
@pytest.mark.parametrize("copies", [("copy-a", "copy-b"), ()], ids=["per-file", "per-template"])
def test_two_workers_write_the_same_bytes_as_one(tmp_path: Path, copies: tuple[str, ...]) -> None:
    root = _workspace(tmp_path / "ws", copies)
    runner = CliRunner()
    one = runner.invoke(main, ["build", "--root", str(root), "--out", str(tmp_path / "one"), "--jobs", "1"])
    assert one.exit_code == 0, one.output
    two = runner.invoke(main, ["build", "--root", str(root), "--out", str(tmp_path / "two"), "--jobs", "2"])
    assert two.exit_code == 0, two.output
    first, second = _files(tmp_path / "one"), _files(tmp_path / "two")
    assert len([n for n in first if n.endswith((".pdf", ".docx"))]) == (3 + len(copies)) * 2 * 2
    assert first.keys() == second.keys()
    for name in first:
        assert first[name] == second[name], name  # the manifest included
    # The build said the same, in the same order.
    assert one.output.replace("/one/", "/two/") == two.output


def test_a_bad_facts_file_among_many_leaves_nothing_written(tmp_path: Path) -> None:
    root = _workspace(tmp_path / "ws")
    bad = root / "seeds" / "copy-b.facts.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("kind: state", "kind: planet", 1), encoding="utf-8")
    anchors_before = {p.name: p.read_bytes() for p in (root / "seeds").glob("*.anchors.json")}
    result = CliRunner().invoke(main, ["build", "--root", str(root), "--jobs", "2"])
    assert result.exit_code == 2, result.output
    assert "copy-b.facts.yaml:" in result.output and "planet" in result.output
    out = root / "out"
    assert not [p.name for p in out.iterdir() if not p.name.endswith(".lock")]  # no output, no temp file
    assert {p.name: p.read_bytes() for p in (root / "seeds").glob("*.anchors.json")} == anchors_before
    assert not [p for p in (root / "seeds").iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize(("copies", "failing_file", "failing_template"), [
    (("copy-a", "copy-b"), "copy-b.facts.yaml", "briefing"),
    ((), "russia-drones-2022.facts.yaml", "one-pager"),  # one template's task fails, the other's staged
], ids=["per-file", "per-template"])
def test_a_renderer_failure_in_a_worker_removes_what_the_others_staged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, copies: tuple[str, ...], failing_file: str,
    failing_template: str,
) -> None:
    import factsheet.render

    root = _workspace(tmp_path / "ws", copies)
    real = factsheet.render.render_all

    def failing(facts: Any, template: Any, *args: Any, **kwargs: Any) -> Any:
        if facts.path.name == failing_file and template.name == failing_template:
            raise RuntimeError("the renderer failed")
        return real(facts, template, *args, **kwargs)

    # Workers are forked from this process, so they render with the failing renderer too.
    monkeypatch.setattr(factsheet.render, "render_all", failing)
    result = CliRunner().invoke(main, ["build", "--root", str(root), "--jobs", "2"])
    assert result.exit_code == 1 and "the renderer failed" in result.output, result.output
    assert not [p.name for p in (root / "out").iterdir() if not p.name.endswith(".lock")]
    assert not [p for p in (root / "seeds").iterdir() if p.name.endswith(".tmp")]
