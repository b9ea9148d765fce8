"""The JSON Schemas of shared_schemas/, the one source of every record shape."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

from preuves.core.errors import Problem

BASE_URI = "https://preuves.app/schemas/"


@cache
def load_registry(schemas_dir: str) -> Registry:
    """Every *.schema.json under the folder, indexed by its $id."""
    resources = []
    for path in sorted(Path(schemas_dir).rglob("*.schema.json")):
        if "examples" in path.parts:
            continue
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((contents["$id"], Resource.from_contents(contents)))
    return Registry().with_resources(resources)


def schema_uri(name: str) -> str:
    """The $id of a schema from its path below shared_schemas/, without .schema.json."""
    return f"{BASE_URI}{name}.schema.json"


@cache
def validator_for(schemas_dir: str, name: str) -> Draft202012Validator:
    """A validator for one schema, resolving $refs through the registry."""
    registry = load_registry(schemas_dir)
    schema = registry.contents(schema_uri(name))
    return Draft202012Validator(schema, registry=registry, format_checker=FormatChecker())


def validation_errors(schemas_dir: str, name: str, instance: Any) -> list[dict[str, str]]:
    """Each error as a JSON pointer and an English message, stable in order."""
    validator = validator_for(schemas_dir, name)
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
    return [
        {"pointer": "/" + "/".join(str(p) for p in error.absolute_path), "message": error.message}
        for error in errors
    ]


def validate(schemas_dir: str, name: str, instance: Any) -> None:
    """Raise an `invalid_record` problem listing every error, or return quietly."""
    if errors := validation_errors(schemas_dir, name, instance):
        raise Problem("invalid_record", f"The record does not match {name}.", errors=errors)
