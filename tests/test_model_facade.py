"""`factsheet.facts.model` stays the one place to import the fact model from, though it is split in modules."""

from __future__ import annotations

import ast
import importlib
import inspect

import pytest

import factsheet.facts.model as model


def defined_names(module_name: str) -> set[str]:
    """The public names a module defines itself (classes, functions, assignments), read from its source."""
    tree = ast.parse(inspect.getsource(importlib.import_module(module_name)))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.ClassDef | ast.FunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return {name for name in names if not name.startswith("_")}


@pytest.mark.parametrize("part", ["factsheet.facts.core", "factsheet.facts.sources", "factsheet.facts.kinds"])
def test_model_re_exports_every_public_name_of_its_parts(part: str) -> None:
    module = importlib.import_module(part)
    names = defined_names(part)
    missing = sorted(names - set(model.__all__))
    assert not missing, f"{part} defines {missing}: re-export them from factsheet.facts.model"
    assert all(getattr(model, name) is getattr(module, name) for name in names)


def test_model_all_names_only_what_it_has() -> None:
    assert sorted(model.__all__) == sorted(set(model.__all__))
    assert all(hasattr(model, name) for name in model.__all__)
    assert defined_names("factsheet.facts.model") - {"__all__"} <= set(model.__all__)
