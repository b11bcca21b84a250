"""Through the installed package, not the repository: a wheel in a fresh virtual environment, used from an
empty folder by following what the tool itself prints.

SLOW (about 30-60 s): builds a wheel and installs it with its dependencies into a new virtual
environment, once per test session. Deselect with `-m "not installed"`.
"""

from __future__ import annotations

import email
import email.policy
import os
import shlex
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.installed

# What a wheel is built from: the package and what its resources link to (nothing else of the checkout).
SOURCES = ["pyproject.toml", "README.md", "factsheet", "templates", "schemas", "seeds"]


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with factsheet installed from a wheel; returns its bin/ folder."""
    base = tmp_path_factory.mktemp("installed")
    source = base / "source"
    source.mkdir()
    for name in SOURCES:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, source / name, symlinks=True,
                            ignore=shutil.ignore_patterns("__pycache__", "*.anchors.json"))
        else:
            shutil.copy2(REPO / name, source / name)
    wheels = base / "wheels"
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(source)], base)
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = wheels.glob("factsheet-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert {"factsheet/resources/templates/briefing.yaml", "factsheet/resources/schemas/facts.schema.json",
            "factsheet/resources/example/russia-drones-2022.txt"} <= names
    env_dir = base / "venv"
    # No pip inside (ensurepip alone takes ~10 s): this pip installs into it, as `pip install` of the wheel would.
    made = _run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], base)
    assert made.returncode == 0, made.stdout + made.stderr
    bin_dir = env_dir / "bin"
    installed = _run([sys.executable, "-m", "pip", "--python", str(bin_dir / "python"), "install", "-q",
                      "--no-compile", str(wheel)], base)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return bin_dir


def test_from_an_empty_folder_to_a_briefing_by_following_the_tool(venv: Path, tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["PATH"] = f"{venv}{os.pathsep}{env.get('PATH', '')}"
    where = _run(["python", "-c", "import factsheet; print(factsheet.__file__)"], folder, env)
    assert where.stdout.strip().startswith(str(venv.parent)), where.stdout + where.stderr

    def factsheet(*args: str) -> subprocess.CompletedProcess[str]:
        return _run(["factsheet", *args], folder, env)

    lost = factsheet("build")
    assert lost.returncode == 2 and "run `factsheet init --example`" in lost.stderr, lost.stderr
    started = factsheet("init", "--example")
    assert started.returncode == 0, started.stderr
    steps = [line.strip() for line in started.stdout.split("next:\n", 1)[1].splitlines()]
    commands = [shlex.split(step.split("#", 1)[0]) for step in steps if step.startswith("factsheet ")]
    assert [c[1] for c in commands] == ["check", "build", "email"]
    for command in commands:  # exactly as printed
        done = factsheet(*command[1:])
        assert done.returncode == 0, f"{command}: {done.stdout}{done.stderr}"
    out = folder / "out"
    for stem in ("russia-drones-2022-briefing", "russia-drones-2022-one-pager"):
        assert (out / f"{stem}.pdf").read_bytes().startswith(b"%PDF-")
        assert zipfile.is_zipfile(out / f"{stem}.docx")
    message = email.message_from_bytes((folder / "briefing.eml").read_bytes(), policy=email.policy.default)
    assert isinstance(message, email.message.EmailMessage)
    attached = {part.get_filename(): part.get_content() for part in message.iter_attachments()}
    assert attached == {name: (out / name).read_bytes()
                        for name in ("russia-drones-2022-briefing.pdf", "russia-drones-2022-briefing.docx")}
    # A workspace without templates/ builds with the ones inside the package, and says so.
    shutil.rmtree(folder / "templates")
    fallback = factsheet("build", "--force", "--format", "pdf")
    assert fallback.returncode == 0, fallback.stderr
    assert fallback.stderr.count("using the shipped templates (briefing, one-pager)") == 1
    assert "wrote out/russia-drones-2022-one-pager.pdf" in fallback.stdout
