"""Faults: a full disk, a read-only out/, two builds at once - old files survive, errors are clear."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from factsheet.cli import main


def snapshot(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}


@pytest.mark.parametrize(("code", "message"), [(errno.ENOSPC, "No space left on device"),
                                                (errno.EROFS, "Read-only file system")])
def test_write_failure_is_clear_and_keeps_old_files(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, code: int, message: str
) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["build", "--root", str(workspace)]).exit_code == 0
    before = snapshot(workspace / "out")

    def failing_fsync(_fd: int) -> None:
        raise OSError(code, os.strerror(code))

    import factsheet.atomic

    monkeypatch.setattr(factsheet.atomic.os, "fsync", failing_fsync)
    result = runner.invoke(main, ["build", "--root", str(workspace), "--force"])
    assert result.exit_code == 1
    assert f"cannot write: {message}" in result.output and "Traceback" not in result.output
    assert snapshot(workspace / "out") == before
    assert not [p for p in (workspace / "out").iterdir() if p.name.endswith(".tmp")]


def test_two_builds_at_once_corrupt_nothing(workspace: Path) -> None:
    command = [sys.executable, "-m", "factsheet", "build", "--force", "--root", str(workspace)]
    first = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    second = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert first.wait(timeout=120) == 0 and second.wait(timeout=120) == 0
    manifest = json.loads((workspace / "out" / ".factsheet-manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["outputs"]) == 4
    from docx import Document
    from pypdf import PdfReader

    for path in (workspace / "out").glob("*.pdf"):
        assert PdfReader(str(path)).pages
    for path in (workspace / "out").glob("*.docx"):
        assert Document(str(path)).paragraphs
    result = CliRunner().invoke(main, ["build", "--root", str(workspace)])
    assert "up to date: 4 outputs" in result.output


def test_a_full_disk_in_a_build_with_workers_keeps_old_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Staged files are flushed to disk while later briefings render: a flush that fails still stops the build
    # before anything is put in place.
    import shutil

    from tests.conftest import REPO, SEED_FACTS

    root = tmp_path / "ws"
    shutil.copytree(REPO / "templates", root / "templates")
    shutil.copytree(REPO / "seeds", root / "seeds")
    for name in ("copy-a", "copy-b"):  # facts files enough for workers
        (root / "seeds" / f"{name}.facts.yaml").write_text((root / "seeds" / SEED_FACTS).read_text(encoding="utf-8"),
                                                             encoding="utf-8")
    runner = CliRunner()
    first = runner.invoke(main, ["build", "--root", str(root), "--template", "one-pager"])
    assert first.exit_code == 0, first.output
    before = snapshot(root / "out")

    def failing_fsync(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    import factsheet.atomic

    monkeypatch.setattr(factsheet.atomic.os, "fsync", failing_fsync)
    result = runner.invoke(main, ["build", "--root", str(root), "--template", "one-pager", "--force", "--jobs", "2"])
    assert result.exit_code == 1
    assert "cannot write: No space left on device" in result.output and "Traceback" not in result.output
    assert snapshot(root / "out") == before
    assert not [p for p in (root / "out").iterdir() if p.name.endswith(".tmp")]


def test_a_full_disk_under_seeds_keeps_the_briefings_and_says_the_anchors_were_not_saved(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import factsheet.atomic

    real_fsync = os.fsync

    def fsync_failing_under_seeds(fd: int) -> None:
        if "/seeds/" in os.readlink(f"/proc/self/fd/{fd}"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    for anchors in (workspace / "seeds").glob("*.anchors.json"):
        anchors.unlink()  # so that the build has anchors to save
    monkeypatch.setattr(factsheet.atomic.os, "fsync", fsync_failing_under_seeds)
    result = CliRunner().invoke(main, ["build", "--root", str(workspace)])
    assert result.exit_code == 0, result.output
    assert "cannot save anchors (cannot write: No space left on device)" in result.output
    assert len([p for p in (workspace / "out").iterdir() if p.suffix in (".pdf", ".docx")]) == 4
    assert not list((workspace / "seeds").glob("*.anchors.json"))
    assert not [p for p in (workspace / "seeds").iterdir() if p.name.endswith(".tmp")]
