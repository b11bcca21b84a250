"""Help that teaches: whole summaries, examples that parse, environment variables, --debug anywhere, completion."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from factsheet.cli import main
from tests.conftest import SEED_FACTS

COMMANDS = ["init", "build", "check", "email", "extract", "watch", "schema", "upgrade"]


def run(*args: str, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(main, list(args), env=env, prog_name="factsheet")


def summary(name: str) -> str:
    command = main.commands[name]
    return " ".join((command.help or "").split("\n\n")[0].split())


def test_command_list_shows_whole_summaries_in_a_useful_order() -> None:
    result = run("--help")
    assert result.exit_code == 0
    listed = result.output.split("Commands:\n", 1)[1].split("\n\n", 1)[0]
    assert "..." not in listed
    flat = " ".join(listed.split())
    for name in COMMANDS:
        assert f"{name} {summary(name)}" in flat, name
    assert [line.split()[0] for line in listed.splitlines() if re.match(r"  \w", line)] == COMMANDS
    assert sorted(main.commands) == sorted(COMMANDS)  # a new command is listed here, with its examples
    assert "_FACTSHEET_COMPLETE=bash_source factsheet" in result.output


def examples(name: str) -> list[list[str]]:
    """Each example of a command's help, as the argument list after the command name."""
    text = run(name, "--help").output
    assert "Examples:\n" in text, f"`factsheet {name} --help` has no examples"
    block = text.split("Examples:\n", 1)[1].split("\n\n", 1)[0]
    joined = re.sub(r"\\\n\s*", "", block)
    found = []
    for line in joined.splitlines():
        words = shlex.split(line.split("#", 1)[0])
        assert words[:2] == ["factsheet", name], line
        found.append(words[2:])
    return found


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_examples_that_parse(name: str) -> None:
    command = main.commands[name]
    cases = examples(name)
    assert cases
    for args in cases:
        with click.Context(main, obj={"debug": False}) as parent:
            command.make_context(name, list(args), parent=parent)  # raises on an unknown option or bad value


def test_email_help_lists_every_environment_variable() -> None:
    text = run("email", "--help").output
    variables = {var for p in main.commands["email"].params if isinstance(p, click.Option)
                 for var in ([p.envvar] if isinstance(p.envvar, str) else list(p.envvar or ()))}
    assert {"FACTSHEET_SMTP_HOST", "FACTSHEET_SMTP_PORT", "FACTSHEET_SMTP_USER"} <= variables
    for variable in (*variables, "FACTSHEET_SMTP_PASSWORD"):
        assert re.search(rf"^\s+{variable}\s", text, re.M), variable


@pytest.mark.parametrize("where", ["before", "after"])
def test_debug_is_accepted_before_or_after_the_command(tmp_path: Path, where: str) -> None:
    args = ["check", "--root", str(tmp_path / "nowhere")]
    result = run(*(["--debug", *args] if where == "before" else [*args, "--debug"]))
    assert result.exit_code == 2 and "workspace folder not found" in result.output
    assert "Traceback" in result.output
    quiet = run(*args)
    assert quiet.exit_code == 2 and "Traceback" not in quiet.output


def complete(words: str, cwd: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What bash completion offers after `words` (Click's bash protocol: 'type,value' lines)."""
    monkeypatch.chdir(cwd)
    parts = shlex.split(words)
    index = len(parts) if words.endswith(" ") else len(parts) - 1
    result = run(env={"_FACTSHEET_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": str(index)})
    assert result.exit_code == 0, result.output
    return [line.split(",", 1)[1] for line in result.output.splitlines()]


def test_completion_of_templates_facts_and_seeds(example: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    (example / "templates" / "weekly.yaml").write_text("sections: []\n", encoding="utf-8")
    assert complete("factsheet build --template ", example, monkeypatch) == ["briefing", "one-pager", "weekly"]
    assert complete("factsheet email --template o", example, monkeypatch) == ["one-pager"]
    assert complete("factsheet build ", example, monkeypatch) == [f"seeds/{SEED_FACTS}"]
    assert complete("factsheet extract ", example, monkeypatch) == ["seeds/russia-drones-2022.txt",
                                                                  "seeds/state-department-2022-08-11.txt"]
    # --root typed first points completion at that example; one without templates/ offers the shipped ones.
    (tmp_path / "bare").mkdir()
    offered = complete(f"factsheet build --root {example} --template w", tmp_path / "bare", monkeypatch)
    assert offered == ["weekly"]
    assert complete("factsheet build --template ", tmp_path / "bare", monkeypatch) == ["briefing", "one-pager"]
    assert "init" in complete("factsheet i", tmp_path / "bare", monkeypatch)
