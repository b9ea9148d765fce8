"""The JSON Schemas of shared_schemas/, the one source of every record shape."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs
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
    """A validator for one schema, built once, its $refs resolved once (not per record)."""
    registry = load_registry(schemas_dir)
    uri = schema_uri(name)
    try:
        schema = _inlined(registry.contents(uri), registry.resolver(uri), ())
    except _Recursive:
        schema = registry.contents(uri)  # a schema that names itself keeps its $refs
    return Draft202012Validator(schema, registry=registry, format_checker=FormatChecker())


class _Recursive(Exception):
    """A $ref leads back to a schema being inlined: it cannot be flattened."""


def _inlined(node: Any, resolver: Any, seen: tuple[int, ...]) -> Any:
    """The schema with each `$ref` replaced by what it names, as an equivalent `allOf`:
    jsonschema would otherwise look every $ref up again for each instance it checks."""
    if isinstance(node, list):
        return [_inlined(item, resolver, seen) for item in node]
    if not isinstance(node, dict):
        return node
    out = {k: _inlined(v, resolver, seen) for k, v in node.items() if k not in _DROPPED}
    if isinstance(ref := node.get("$ref"), str):
        resolved = resolver.lookup(ref)
        key = id(resolved.contents)  # the registry holds each subschema once
        if key in seen:
            raise _Recursive(ref)
        del out["$ref"]
        target = _inlined(resolved.contents, resolved.resolver, (*seen, key))
        out["allOf"] = [target, *out.get("allOf", [])]
    return out


# Keys that only steer $ref resolution, which is done: dropped from the flattened copy.
_DROPPED = frozenset({"$id", "$schema"})


@cache
def _compiled_registry(schemas_dir: str) -> jsonschema_rs.Registry:
    registry = load_registry(schemas_dir)
    return jsonschema_rs.Registry([(uri, registry.contents(uri)) for uri in registry])


@cache
def fast_validator_for(schemas_dir: str, name: str) -> Any:
    """The same schema compiled by jsonschema_rs: a yes/no answer 50 to 100 times faster.

    It only says "valid" quickly; the messages of an invalid instance still come from
    `jsonschema`, so they stay the same, and `jsonschema` keeps the last word.
    """
    uri = schema_uri(name)
    return jsonschema_rs.Draft202012Validator(
        load_registry(schemas_dir).contents(uri),
        registry=_compiled_registry(schemas_dir),
        validate_formats=True,
    )


def validation_errors(schemas_dir: str, name: str, instance: Any) -> list[dict[str, str]]:
    """Each error as a JSON pointer and an English message, stable in order."""
    if fast_validator_for(schemas_dir, name).is_valid(instance):
        return []  # the common case: no need for the slower, explaining validator
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
