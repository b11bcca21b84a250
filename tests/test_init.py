"""`factsheet init`, the shipped templates and schemas, and errors that name the next step."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from factsheet.cli import main
from factsheet.shipped import EXAMPLE, SCHEMAS, TEMPLATES, example_seeds, shipped_schemas, shipped_templates
from tests.conftest import REPO, SEED_FACTS, briefings

COMMANDS = [["build"], ["check"], ["email", "--to", "a@example.org", "--from", "b@example.org"]]


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


def test_shipped_files_are_the_repository_files_not_copies() -> None:
    # One copy: the package's resources are links to the repository's templates/, schemas/ and seed.
    assert TEMPLATES.resolve() == (REPO / "templates").resolve()
    assert SCHEMAS.resolve() == (REPO / "schemas").resolve()
    for seed in example_seeds():
        assert (EXAMPLE / seed.name).resolve() == (REPO / "seeds" / seed.name).resolve()
    assert [p.name for p in shipped_templates()] == ["briefing.yaml", "one-pager.yaml"]
    assert [p.name for p in shipped_schemas()] == ["facts.schema.json", "template.schema.json"]
    assert [p.name for p in example_seeds()] == [
        SEED_FACTS, "russia-drones-2022.txt", "state-department-2022-08-11.txt"]  # the example rests on two sources


def test_init_example_in_an_empty_folder_builds(tmp_path: Path) -> None:
    root = tmp_path / "new" / "ws"
    result = run("init", "--example", str(root))
    assert result.exit_code == 0, result.output
    for name in ("templates/briefing.yaml", "templates/one-pager.yaml", "schemas/facts.schema.json",
                 "schemas/template.schema.json", f"seeds/{SEED_FACTS}", "seeds/russia-drones-2022.txt"):
        assert (root / name).read_bytes() == (REPO / name).read_bytes(), name
        assert f"created {os.path.relpath(root / name)}" in result.output
    assert "/out/" in (root / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "  factsheet build    # the briefings, as PDF and Word files in out/" in result.output
    built = run("build", "--root", str(root), "--format", "pdf")
    assert built.exit_code == 0, built.output
    assert briefings(root / "out") == ["russia-drones-2022-briefing.pdf", "russia-drones-2022-one-pager.pdf"]
    assert "shipped templates" not in built.output


def test_init_never_overwrites_and_says_what_it_kept(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    mine = "# my own briefing template\n"
    (tmp_path / "templates" / "briefing.yaml").write_text(mine, encoding="utf-8")
    (tmp_path / ".gitignore").write_text("*.pyc\n", encoding="utf-8")
    result = run("init", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "templates" / "briefing.yaml").read_text(encoding="utf-8") == mine
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8") == "*.pyc\n"
    kept = os.path.relpath(tmp_path / "templates" / "briefing.yaml")
    assert f"kept {kept} (already there; not overwritten)" in result.output
    assert "add a line `/out/`" in result.output
    assert (tmp_path / "templates" / "one-pager.yaml").is_file() and not list((tmp_path / "seeds").iterdir())
    # Without the example, the next steps start from a text of one's own.
    assert "factsheet extract seeds/NAME.txt --write" in result.output
    again = run("init", str(tmp_path))
    assert again.exit_code == 0 and "created" not in again.output


def test_init_refuses_a_file_where_a_folder_belongs(tmp_path: Path) -> None:
    (tmp_path / "seeds").write_text("not a folder", encoding="utf-8")
    result = run("init", str(tmp_path))
    assert result.exit_code == 2 and "exists and is not a folder" in result.output
    assert (tmp_path / "seeds").read_text(encoding="utf-8") == "not a folder"


def test_without_templates_a_workspace_builds_with_the_shipped_ones_and_says_so_once(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    for seed in example_seeds():
        (tmp_path / "seeds" / seed.name).write_bytes(seed.read_bytes())
    result = run("build", "--root", str(tmp_path), "--format", "pdf")
    assert result.exit_code == 0, result.output
    assert result.output.count("using the shipped templates (briefing, one-pager)") == 1
    assert briefings(tmp_path / "out") == ["russia-drones-2022-briefing.pdf", "russia-drones-2022-one-pager.pdf"]
    assert not (tmp_path / "templates").exists()
    again = run("build", "--root", str(tmp_path), "--format", "pdf")
    assert again.exit_code == 0 and "up to date: 2 outputs" in again.output


@pytest.mark.parametrize("command", COMMANDS)
def test_an_empty_folder_says_how_to_start(tmp_path: Path, command: list[str]) -> None:
    result = run(*command, "--root", str(tmp_path))
    assert result.exit_code == 2
    assert "no seeds/ folder in the workspace: run `factsheet init --example`" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_no_facts_files_names_the_extract_command(tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "report.txt").write_text("Some text.\n", encoding="utf-8")
    result = run(*command, "--root", str(tmp_path))
    assert result.exit_code == 2, result.output
    assert "no facts files (*.facts.yaml)" in result.output
    assert f"run `factsheet extract {os.path.relpath(tmp_path / 'seeds' / 'report.txt')} --write`" in result.output
    assert "`factsheet init --example`" in result.output
    if command == ["check"]:
        assert "nothing to check" in result.output


def test_a_missing_workspace_names_init(tmp_path: Path) -> None:
    result = run("build", "--root", str(tmp_path / "nowhere"))
    assert result.exit_code == 2 and "workspace folder not found: create it with `factsheet init" in result.output
