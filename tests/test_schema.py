"""The committed JSON Schemas match the models, and facts files point editors at them."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from factsheet.cli import main
from factsheet.schema import SCHEMA_FILES, schema_text
from tests.conftest import REPO


def test_committed_schemas_are_current() -> None:
    for name, kind in SCHEMA_FILES.items():
        committed = (REPO / "schemas" / name).read_text(encoding="utf-8")
        assert committed == schema_text(kind), f"schemas/{name} is stale: run `factsheet schema`"


def test_schema_command_writes_schemas(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["schema", "--root", str(tmp_path)])
    assert result.exit_code == 0, result.output
    schema = json.loads((tmp_path / "schemas" / "facts.schema.json").read_text(encoding="utf-8"))
    assert schema["additionalProperties"] is False
    assert "transfers" in schema["properties"]
    # Field docstrings become descriptions that editors show.
    assert "exactly as in the source" in json.dumps(schema)


def test_data_files_start_with_a_schema_modeline() -> None:
    files = sorted((REPO / "seeds").glob("*.facts.yaml")) + sorted((REPO / "templates").glob("*.yaml"))
    assert files
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        kind = "facts" if path.name.endswith(".facts.yaml") else "template"
        assert first == f"# yaml-language-server: $schema=../schemas/{kind}.schema.json", path
