"""JSON Schema for facts and template files, generated from the Pydantic models."""

from __future__ import annotations

import ast
import inspect
import json
import textwrap
from functools import cache
from types import ModuleType
from typing import Any

from factsheet.atomic import write_atomic
from factsheet.workspace import Workspace

SCHEMA_FILES = {"facts.schema.json": "facts", "template.schema.json": "template"}


def schema_text(kind: str) -> str:
    """The JSON Schema for `kind` ('facts' or 'template'), as stable, indented JSON."""
    from factsheet.compose import template
    from factsheet.compose.template import Template
    from factsheet.facts import amounts, analytic, core, dates, kinds, sources
    from factsheet.facts import model as facts_model
    from factsheet.facts.model import FactSheet

    _describe_fields(amounts, dates, core, sources, kinds, analytic, facts_model, template)
    model = FactSheet if kind == "facts" else Template
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"factsheet/{kind}.schema.json"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def attribute_docstrings(cls: type) -> dict[str, str]:
    """The docstrings written under the annotated attributes of `cls` itself, by name."""
    try:
        source = textwrap.dedent(inspect.getsource(cls))
    except (OSError, TypeError):
        return {}
    body = ast.parse(source).body[0]
    assert isinstance(body, ast.ClassDef)
    docs: dict[str, str] = {}
    for node, following in zip(body.body, body.body[1:], strict=False):
        if (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
                and isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)):
            docs[node.target.id] = inspect.cleandoc(following.value.value)
    return docs


@cache
def _describe_fields(*modules: ModuleType) -> None:
    """Give every model field in `modules` its docstring as description, then rebuild the models.

    Modules define models before the models that use them, so rebuilding in
    definition order lets each container pick up its parts' new descriptions.
    """
    from pydantic import BaseModel

    for module in modules:
        for cls in list(vars(module).values()):
            if not (isinstance(cls, type) and issubclass(cls, BaseModel)) or cls.__module__ != module.__name__:
                continue
            fields: dict[str, Any] = cls.model_fields
            for name, field in fields.items():
                for owner in cls.__mro__:
                    doc = attribute_docstrings(owner).get(name) if owner.__module__.startswith("factsheet.") else None
                    if doc:
                        field.description = doc
                        break
            cls.model_rebuild(force=True)


def write_schemas(workspace: Workspace) -> list[str]:
    """Write every schema into workspace/schemas/, returning the paths written."""
    written = []
    workspace.confined(workspace.schemas, "schemas/")
    for name, kind in SCHEMA_FILES.items():
        path = workspace.schemas / name
        write_atomic(path, schema_text(kind).encode())
        written.append(workspace.show(path))
    return written

