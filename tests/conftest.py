"""Shared fixtures: a throwaway workspace holding copies of the shipped seeds and templates."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEED_FACTS = "russia-drones-2022.facts.yaml"


@pytest.fixture(autouse=True, scope="session")
def _own_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Kept font instances (factsheet/fontcache.py) go to a folder of the test run's, not the user's."""
    before = os.environ.get("FACTSHEET_CACHE_DIR")
    os.environ["FACTSHEET_CACHE_DIR"] = str(tmp_path_factory.mktemp("factsheet-cache"))
    yield
    if before is None:
        del os.environ["FACTSHEET_CACHE_DIR"]
    else:
        os.environ["FACTSHEET_CACHE_DIR"] = before


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--accept-golden", action="store_true", help="Rewrite golden files from the current output."
    )


@pytest.fixture
def accept_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--accept-golden"))


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A copy of the repository's first facts file (Tech Times and the State Department), the source texts
    and templates/ in a temporary folder.

    The other shipped facts files are built by the session-wide `built` workspace.
    """
    root = tmp_path / "ws"
    shutil.copytree(REPO / "seeds", root / "seeds", ignore=lambda _, names: [
        n for n in names if n.endswith((".yaml", ".json")) and not n.startswith("russia-drones-2022.")
    ])
    shutil.copytree(REPO / "templates", root / "templates")
    return root


def require_tool(name: str) -> str:
    """The path of command-line tool `name`; skips the test when it is missing, or fails in CI."""
    import os

    found = shutil.which(name)
    if found:
        return found
    message = f"{name} is not installed (apt-get install poppler-utils libreoffice-writer-nogui)"
    if os.environ.get("FACTSHEET_REQUIRE_TOOLS"):
        pytest.fail(message + " - required in CI")
    pytest.skip(message)


def briefings(out: Path) -> list[str]:
    """Names of the briefing files in `out` (not the manifest or lock), sorted."""
    return sorted(p.name for p in out.glob("*") if not p.name.startswith(".")) if out.is_dir() else []


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped workspace built once per test session: every template and format, read-only for tests."""
    from click.testing import CliRunner

    from factsheet.cli import main

    root = tmp_path_factory.mktemp("built")
    shutil.copytree(REPO / "seeds", root / "seeds")
    shutil.copytree(REPO / "templates", root / "templates")
    result = CliRunner().invoke(main, ["build", "--root", str(root)])
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A workspace as `factsheet init --example` makes it: the shipped templates and the one example seed."""
    from factsheet.initialising import init_workspace

    root = tmp_path / "example"
    init_workspace(root, example=True)
    return root
