"""Outputs never overwrite inputs or anything but our own regular files; nothing is written before every
render succeeded (issue 12, points 4 and 5: outputs, confinement, temp files)."""

from __future__ import annotations

import errno
import os
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from factsheet.cli import main
from tests.conftest import SEED_FACTS

ONE = ["--template", "one-pager", "--format", "pdf"]
MAIL = ["--to", "ana@example.org", "--from", "Desk <desk@example.org>", "--template", "one-pager", "--format", "pdf",
        "--date", "Fri, 25 Nov 2022 09:00:00 +0000", "--message-id", "<briefing@example.org>"]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_email_out_never_overwrites_the_facts_file(workspace: Path) -> None:
    facts = workspace / "seeds" / SEED_FACTS
    before = facts.read_bytes()
    result = run("email", "--root", str(workspace), *MAIL, "--out", str(facts))
    assert result.exit_code == 2, result.output
    assert "will not write the output here" in result.output
    assert facts.read_bytes() == before


def test_email_out_refuses_symlinks_devices_and_fifos(workspace: Path, tmp_path: Path) -> None:
    target = tmp_path / "kept.txt"
    target.write_text("keep me\n", encoding="utf-8")
    link = tmp_path / "link.eml"
    link.symlink_to(target)
    fifo = tmp_path / "pipe.eml"
    os.mkfifo(fifo)
    for out, why in ((link, "symbolic link"), (fifo, "FIFO"), (Path("/dev/null"), "device")):
        result = run("email", "--root", str(workspace), *MAIL, "--out", str(out))
        assert result.exit_code == 2 and why in result.output, result.output
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "keep me\n"
    assert fifo.is_fifo()


@pytest.mark.parametrize("folder", ["seeds", "templates", "schemas", "."])
def test_build_out_never_mixes_with_inputs(workspace: Path, folder: str) -> None:
    (workspace / "schemas").mkdir(exist_ok=True)
    before = sorted(p.name for p in (workspace / "seeds").iterdir())
    result = run("build", "--root", str(workspace), *ONE, "--out", str(workspace / folder))
    assert result.exit_code == 2 and "mix outputs with the inputs" in result.output, result.output
    assert sorted(p.name for p in (workspace / "seeds").iterdir()) == before


@pytest.mark.parametrize("other", ["Russia-Drones-2022", "russia_drones_2022", "russia-drönes-2022"])
def test_two_inputs_writing_one_output_name_is_an_error_naming_both(workspace: Path, other: str) -> None:
    seeds = workspace / "seeds"
    shutil.copy(seeds / SEED_FACTS, seeds / f"{other}.facts.yaml")
    if "ö" in other:
        shutil.copy(seeds / SEED_FACTS, seeds / "russia-dr-nes-2022.facts.yaml")
    result = run("build", "--root", str(workspace), *ONE)
    assert result.exit_code == 2, result.output
    assert "would both be written to" in result.output
    assert not (workspace / "out").exists() or not list((workspace / "out").glob("*.pdf"))


def test_a_failed_render_writes_nothing_not_even_anchors(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import factsheet.render
    from factsheet.errors import OutputError

    def failing(*_args: Any, **_kwargs: Any) -> Any:
        raise OutputError("the renderer failed")

    monkeypatch.setattr(factsheet.render, "render_all", failing)
    (workspace / "seeds" / "russia-drones-2022.anchors.json").unlink(missing_ok=True)
    result = run("build", "--root", str(workspace), *ONE)
    assert result.exit_code == 1 and "the renderer failed" in result.output
    assert not (workspace / "seeds" / "russia-drones-2022.anchors.json").exists()
    assert not [p for p in (workspace / "out").iterdir() if not p.name.startswith(".factsheet.lock")]


def test_a_read_only_seeds_folder_builds_and_says_so_once(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import factsheet.buildjobs
    from factsheet.errors import OutputError

    writable = factsheet.buildjobs.stage

    def read_only(path: Path, *args: Any, **kwargs: Any) -> Path:
        if path.parent.name == "seeds":
            raise OutputError(f"cannot write: {os.strerror(errno.EROFS)}")
        return writable(path, *args, **kwargs)

    monkeypatch.setattr(factsheet.buildjobs, "stage", read_only)
    (workspace / "seeds" / "russia-drones-2022.anchors.json").unlink(missing_ok=True)
    shutil.copy(workspace / "seeds" / SEED_FACTS, workspace / "seeds" / "second.facts.yaml")
    result = run("build", "--root", str(workspace), *ONE)
    assert result.exit_code == 0, result.output
    assert result.output.count("kept in memory") == 1
    assert (workspace / "out" / "russia-drones-2022-one-pager.pdf").exists()


def test_stale_temporary_files_of_ours_are_removed(workspace: Path) -> None:
    out = workspace / "out"
    out.mkdir()
    stale = out / ".russia-drones-2022-one-pager.pdf.k3j2h1.factsheet.tmp"
    fresh = out / ".russia-drones-2022-briefing.pdf.a1b2c3.factsheet.tmp"
    foreign = out / ".notes.tmp"
    for path in (stale, fresh, foreign):
        path.write_bytes(b"partial")
    old = time.time() - 3 * 3600
    os.utime(stale, (old, old))
    os.utime(foreign, (old, old))
    assert run("build", "--root", str(workspace), *ONE).exit_code == 0
    assert not stale.exists()
    assert fresh.exists() and foreign.exists()  # maybe being written now; not ours


def test_templates_and_schemas_are_confined_like_seeds(workspace: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shutil.copy(workspace / "templates" / "one-pager.yaml", outside / "evil.yaml")
    (workspace / "templates" / "evil.yaml").symlink_to(outside / "evil.yaml")
    result = run("build", "--root", str(workspace), "--template", "evil")
    assert result.exit_code == 2 and "leaves the workspace" in result.output, result.output
    result = run("build", "--root", str(workspace))
    assert result.exit_code == 2 and "leaves the workspace" in result.output, result.output
    (workspace / "schemas").symlink_to(outside, target_is_directory=True)
    result = run("schema", "--root", str(workspace))
    assert result.exit_code == 2 and "leaves the workspace" in result.output, result.output
    assert not list(outside.glob("*.json"))


def test_stdout_on_a_full_disk_is_a_clear_message(workspace: Path) -> None:
    import subprocess
    import sys

    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "factsheet", "check", "--root", str(workspace)], stdout=full,
                                stderr=subprocess.PIPE, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.strip() == "factsheet: cannot write to standard output: No space left on device"


def test_check_on_a_read_only_seeds_folder_warns_and_still_checks(workspace: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import factsheet.facts.check
    from factsheet.errors import OutputError

    def read_only(path: Path, *_args: Any, **_kwargs: Any) -> None:
        raise OutputError(f"cannot write: {os.strerror(errno.EROFS)}")

    monkeypatch.setattr(factsheet.facts.check, "write_atomic", read_only)
    (workspace / "seeds" / "russia-drones-2022.anchors.json").unlink()
    result = run("check", "--root", str(workspace))
    assert result.exit_code == 0, result.output
    assert "kept in memory for this check only" in result.output and "citations:" in result.output
