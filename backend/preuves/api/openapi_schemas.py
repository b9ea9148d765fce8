"""The OpenAPI document's schemas: every file of shared_schemas/, embedded, and the API's own.

Each shared schema becomes one component named after its path (`records/structure` ->
`records.structure`). Its `$id` and `$schema` are dropped and every `$ref` is rewritten
to a local pointer (`../common.schema.json#/$defs/uuid` ->
`#/components/schemas/common/$defs/uuid`): OpenAPI tools resolve local pointers alike,
while few follow `$id`s embedded in a document.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from preuves.core.errors import PROBLEMS
from preuves.core.jsonschemas import BASE_URI

COMPONENTS = "#/components/schemas/"
SCHEMA_SUFFIX = ".schema.json"


def component_name(schema_name: str) -> str:
    """The component of a schema named by its path below shared_schemas/ (records/x)."""
    return schema_name.replace("/", ".")


def ref(name: str) -> dict[str, str]:
    """A reference to one component schema."""
    return {"$ref": COMPONENTS + name}


def shared_schema_files(schemas_dir: str) -> list[Path]:
    """Every schema file of shared_schemas/, examples left out."""
    root = Path(schemas_dir)
    return [p for p in sorted(root.rglob("*" + SCHEMA_SUFFIX)) if "examples" not in p.parts]


def _name_of_id(schema_id: str) -> str:
    return component_name(schema_id.removeprefix(BASE_URI).removesuffix(SCHEMA_SUFFIX))


def _local_ref(target: str, names: dict[str, str]) -> str:
    uri, _, fragment = target.partition("#")
    if uri not in names or (fragment and not fragment.startswith("/")):
        raise ValueError(f"cannot embed a $ref to {target}: not a shared schema pointer")
    return COMPONENTS + names[uri] + fragment


def _rewrite(node: Any, base: str, names: dict[str, str]) -> Any:
    if isinstance(node, list):
        return [_rewrite(item, base, names) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _rewrite(value, base, names) for key, value in node.items()}
    if isinstance(node.get("$ref"), str):
        out["$ref"] = _local_ref(urljoin(base, node["$ref"]), names)
    return out


def embedded_schemas(schemas_dir: str) -> dict[str, Any]:
    """Every shared schema as a component, its $refs made local."""
    files = shared_schema_files(schemas_dir)
    documents = [json.loads(path.read_text(encoding="utf-8")) for path in files]
    names = {doc["$id"]: _name_of_id(doc["$id"]) for doc in documents}
    embedded = {}
    for doc in documents:
        body = {k: v for k, v in doc.items() if k not in ("$id", "$schema")}
        embedded[names[doc["$id"]]] = _rewrite(body, doc["$id"], names)
    return embedded


FIELD_ERROR = {
    "type": "object",
    "required": ["pointer", "message"],
    "properties": {
        "pointer": {"type": "string", "description": "JSON pointer into the sent record."},
        "message": {"type": "string"},
    },
}

PROBLEM = {
    "type": "object",
    "description": "RFC 9457 problem details, with a stable `code` and the request id.",
    "required": ["type", "title", "status", "code", "detail", "request_id"],
    "properties": {
        "type": {"type": "string", "format": "uri"},
        "title": {"type": "string", "description": "In French, for the people who read it."},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "code": {"enum": sorted(PROBLEMS)},
        "detail": {"type": "string", "description": "In English, for developers."},
        "request_id": {"type": "string"},
        "errors": {
            "description": "What is wrong: a list of JSON Schema errors, or marshmallow's "
            "messages by field.",
            "anyOf": [{"type": "array", "items": ref("FieldError")}, {"type": "object"}],
        },
        "current": {"type": "object", "description": "The server's version of the record."},
    },
}
