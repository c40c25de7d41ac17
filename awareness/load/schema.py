"""Declared schemas (JSON Schema, kept as YAML in schemas/) checked with located messages."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from ..model.diagnostics import Collector, Location
from .yamlsafe import location_of


@cache
def _validator(schema_name: str) -> Any:
    text = resources.files(__package__).joinpath("schemas", f"{schema_name}.schema.yaml").read_text()
    schema = yaml.safe_load(text)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def check_schema(data: Any, schema_name: str, path: Path, problems: Collector) -> bool:
    """Add one located problem per schema violation in `data` (loaded from `path`); True if none."""
    before = len(problems.errors)
    for error in sorted(_validator(schema_name).iter_errors(data), key=lambda e: list(map(str, e.path))):
        for message, location in _describe(error, data):
            problems.add("schema", message, location or Location(path))
    return len(problems.errors) == before


def _describe(error: jsonschema.ValidationError, data: Any) -> list[tuple[str, Location | None]]:
    if error.context:  # anyOf/oneOf: the closest alternative says what is wrong
        best = jsonschema.exceptions.best_match(error.context)
        if best is not None:
            return _describe(best, data)
    parent, key = _parent_and_key(data, list(error.absolute_path))
    where = ".".join(str(part) for part in error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        schema = error.schema if isinstance(error.schema, dict) else {}
        known = set(schema.get("properties", {}))
        return [(f"unknown key '{extra}'", location_of(error.instance, extra)) for extra in error.instance if extra not in known]
    if error.validator == "required":
        missing = error.message.split("'")[1]
        return [(f"missing key '{missing}'" + (f" in '{where}'" if where else ""), location_of(error.instance))]
    prefix = f"'{where}': " if where else ""
    return [(prefix + error.message, location_of(parent, key))]


def _parent_and_key(data: Any, path: list[Any]) -> tuple[Any, Any]:
    if not path:
        return data, None
    node = data
    for part in path[:-1]:
        node = node[part]
    return node, path[-1]
