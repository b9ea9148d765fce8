"""The record API in the OpenAPI document: one path per record type, GET, PUT and DELETE."""

from __future__ import annotations

from typing import Any

from preuves.api.openapi_responses import camel, ok, operation, problems
from preuves.api.openapi_schemas import component_name, ref
from preuves.records.catalogue import RECORD_TYPES
from preuves.records.registry import RecordType

BASE_REV = {
    "type": ["integer", "null"],
    "minimum": 1,
    "description": "The rev the change was made on: null to create. On an older rev, a "
    "mutable record is merged field by field (docs/sync-protocol.md); when both sides "
    "changed the same field, 409 `conflict` with `conflict_id`, `mine` and `current`.",
}


def record_schema(type_name: str) -> dict[str, str]:
    """A reference to the embedded shared schema of a record type."""
    return ref(component_name(RECORD_TYPES[type_name].schema_name))


def feature_of(kind: RecordType) -> str:
    """The feature a record type belongs to: its model's package (structures, dossiers...)."""
    return kind.model.__module__.split(".")[1]


def get_record(bound: dict[str, str]) -> dict[str, Any]:
    """GET /api/v1/records/<type>/{record_id}."""
    kind = RECORD_TYPES[bound["type_name"]]
    responses = ok(record_schema(kind.name), f"The {kind.name}.") | problems(401, 403, 404)
    summary = f"Read one {kind.name}"
    return operation(f"get{camel(kind.name)}", summary, feature_of(kind), responses)


def put_record(bound: dict[str, str]) -> dict[str, Any]:
    """PUT /api/v1/records/<type>/{record_id}: create, or change a mutable record."""
    kind = RECORD_TYPES[bound["type_name"]]
    body = {
        "type": "object",
        "required": ["record"],
        "properties": {"record": record_schema(kind.name), "base_rev": BASE_REV},
    }
    responses = (
        ok(record_schema(kind.name), f"The {kind.name}, changed (or unchanged: a replay).")
        | ok(record_schema(kind.name), f"The {kind.name}, created.", status=201)
        | problems(400, 401, 403, 404, 409, 413, 415, 422)
    )
    edits = "never edited (`append_only`)" if kind.append_only else "changed on `base_rev`"
    return operation(
        f"put{camel(kind.name)}",
        f"Create a {kind.name}, or change it",
        feature_of(kind),
        responses,
        description=f"The record's `id` must be the one in the URL. A "
        f"{kind.name} is {edits}; sending the same record again changes nothing.",
        requestBody={"required": True, "content": {"application/json": {"schema": body}}},
    )


def delete_record(bound: dict[str, str]) -> dict[str, Any]:
    """DELETE /api/v1/records/<type>/{record_id}: a tombstone."""
    kind = RECORD_TYPES[bound["type_name"]]
    base_rev = {
        "name": "base_rev",
        "in": "query",
        "required": False,
        "schema": {"type": "integer", "minimum": 1},
        "description": "The rev the deletion was decided on.",
    }
    responses = ok(record_schema(kind.name), f"The {kind.name}, tombstoned.") | problems(
        400, 401, 403, 404, 409
    )
    return operation(
        f"delete{camel(kind.name)}",
        f"Delete a {kind.name} (tombstone)",
        feature_of(kind),
        responses,
        parameters=[base_rev],
        description="The record stays, marked `deleted`, so that every device learns of it.",
    )
