"""Incremental builds are never wrong about being up to date (issue 12, point 3)."""

from __future__ import annotations

import hashlib
import json
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from factsheet.cli import main
from tests.conftest import SEED_FACTS
from tests.readback import pdf_text

ONE = ["--template", "one-pager", "--format", "pdf"]
TITLE = "title: Russia turns"


def build(workspace: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", "--root", str(workspace), *ONE, *args])
    return result.exit_code, result.output


def _save_during_render(monkeypatch: pytest.MonkeyPatch, facts: Path, times: int = 1) -> list[int]:
    """Make the next render(s) save a new title into the facts file, as an editor would mid-build."""
    import factsheet.render

    real = factsheet.render.render_all
    calls: list[int] = []

    def render_all(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        if len(calls) < times:
            text = facts.read_text(encoding="utf-8")
            facts.write_text(text.replace(TITLE, "title: Moscow turns"), encoding="utf-8")
        calls.append(1)
        return result

    monkeypatch.setattr(factsheet.render, "render_all", render_all)
    return calls


def test_a_save_during_the_build_is_not_called_up_to_date(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    facts = workspace / "seeds" / SEED_FACTS
    _save_during_render(monkeypatch, facts)
    code, output = build(workspace)
    assert code == 0, output
    assert "changed while the build read it" in output
    pdf = workspace / "out" / "russia-drones-2022-one-pager.pdf"
    assert "Moscow turns" not in pdf_text(pdf)  # built from what was read
    code, output = build(workspace)
    assert code == 0 and "up to date" not in output and f"seeds/{SEED_FACTS} changed" in output, output
    assert "Moscow turns" in pdf_text(pdf)
    assert "up to date: 1 output" in build(workspace)[1]


def test_source_date_epoch_is_part_of_the_key(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert build(workspace)[0] == 0
    assert "up to date" in build(workspace)[1]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    code, output = build(workspace)
    assert code == 0 and "build options changed" in output, output


def _manifest(workspace: Path) -> tuple[Path, dict[str, Any]]:
    path = workspace / "out" / ".factsheet-manifest.json"
    return path, json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("bad", [
    {"version": 1, "outputs": {"russia-drones-2022-one-pager.pdf": {"inputs": ["x"], "output": 5}}},
    {"version": 1, "outputs": [], "facts": 3},
    {"version": 1, "outputs": {}, "facts": {"seeds/x.facts.yaml": {"current": {"a": 1}, "previous": []}}},
])
def test_a_manifest_of_wrong_types_is_ignored_with_a_warning(workspace: Path, bad: dict[str, Any]) -> None:
    assert build(workspace)[0] == 0
    path, _ = _manifest(workspace)
    path.write_text(json.dumps(bad), encoding="utf-8")
    code, output = build(workspace)
    assert code == 0, output
    assert "warning: ignored" in output and "wrote " in output and "Traceback" not in output


def test_the_manifest_never_makes_the_build_read_outside_the_workspace(workspace: Path) -> None:
    outside = workspace.parent / "outside.txt"
    outside.write_text("not ours\n", encoding="utf-8")
    assert build(workspace)[0] == 0
    path, data = _manifest(workspace)
    for record in data["outputs"].values():
        record["inputs"]["../outside.txt"] = hashlib.sha256(outside.read_bytes()).hexdigest()
        record["inputs"]["/dev/null"] = hashlib.sha256(b"").hexdigest()
    path.write_text(json.dumps(data), encoding="utf-8")
    code, output = build(workspace)
    assert code == 0 and "up to date" not in output, output  # the names are never opened: the output is rebuilt


def test_bad_anchors_are_ignored_with_a_warning(workspace: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["check", "--root", str(workspace)]).exit_code == 0
    anchors = workspace / "seeds" / "russia-drones-2022.anchors.json"
    data = json.loads(anchors.read_text(encoding="utf-8"))
    data["citations"]["black-hornet#0"].update(start="12", exact=7)
    data["checked"]["inputs"] = {"../../../../dev/null": "x"}
    anchors.write_text(json.dumps(data), encoding="utf-8")
    result = runner.invoke(main, ["check", "--root", str(workspace)])
    assert result.exit_code == 0, result.output
    assert "warning: russia-drones-2022.anchors.json ignored" in result.output
    assert "Traceback" not in result.output


def test_watch_never_settles_on_outputs_older_than_the_files(workspace: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from factsheet.buildoptions import BuildOptions
    from factsheet.watching import watch_workspace
    from factsheet.workspace import Workspace

    facts = workspace / "seeds" / SEED_FACTS
    _save_during_render(monkeypatch, facts)
    lines: list[str] = []
    stop = threading.Event()
    thread = threading.Thread(target=watch_workspace, args=(Workspace.open(workspace), lines.append, stop),
                              kwargs={"options": BuildOptions(formats=("pdf",), jobs=1),
                                      "template_names": ("one-pager",)})
    thread.start()
    pdf = workspace / "out" / "russia-drones-2022-one-pager.pdf"
    try:
        deadline = time.time() + 90
        while time.time() < deadline and not (pdf.exists() and "Moscow turns" in pdf_text(pdf)):
            time.sleep(0.2)
    finally:
        stop.set()
        thread.join(timeout=30)
    assert "Moscow turns" in pdf_text(pdf), lines
    assert "up to date: 1 output" in build(workspace)[1]
