"""JSON Schema for facts and template files, generated from the Pydantic models."""

from __future__ import annotations

import json

from factsheet.atomic import write_atomic
from factsheet.workspace import Workspace

SCHEMA_FILES = {"facts.schema.json": "facts", "template.schema.json": "template"}


def schema_text(kind: str) -> str:
    """The JSON Schema for `kind` ('facts' or 'template'), as stable, indented JSON."""
    from factsheet.compose.template import Template
    from factsheet.facts.model import FactSheet

    model = FactSheet if kind == "facts" else Template
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"factsheet/{kind}.schema.json"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(workspace: Workspace) -> list[str]:
    """Write every schema into workspace/schemas/, returning the paths written."""
    written = []
    for name, kind in SCHEMA_FILES.items():
        path = workspace.root / "schemas" / name
        write_atomic(path, schema_text(kind).encode())
        written.append(workspace.show(path))
    return written

