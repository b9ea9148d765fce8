"""The sync routes in the OpenAPI document (api/openapi_operations.py imports these)."""

from __future__ import annotations

from typing import Any

from preuves.api.openapi_responses import ok, operation, problems
from preuves.api.openapi_schemas import ref

TAG = "sync"
UUID = {"$ref": "#/components/schemas/common/$defs/uuid"}
CONFLICT = {
    "type": "object",
    "required": ["id", "type", "record_id", "mine", "theirs", "fields"],
    "properties": {
        "id": UUID,
        "type": {"type": "string"},
        "record_id": UUID,
        "dossier_id": {"anyOf": [UUID, {"type": "null"}]},
        "base_rev": {"type": ["integer", "null"]},
        "server_rev": {"type": "integer"},
        "base": {"type": ["object", "null"], "description": "The record at base_rev."},
        "mine": {"type": "object", "description": "The write that lost, kept whole."},
        "theirs": {"type": "object", "description": "The server's version then."},
        "fields": {"type": "array", "items": {"type": "string"}},
        "raised_by": {"anyOf": [UUID, {"type": "null"}]},
        "created_at": {"type": "string", "format": "date-time"},
    },
}
GZIP = "Answers are gzip-compressed when the request says `Accept-Encoding: gzip`."


def _json_body(schema: dict[str, Any]) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def push(_bound: dict[str, str]) -> dict[str, Any]:
    """POST /api/v1/sync/push."""
    return operation(
        "syncPush",
        "Send a batch of mutations; one result per mutation",
        TAG,
        ok(ref("sync.push-response"), "One result each.") | problems(400, 401, 403, 413, 415, 503),
        description="At most 500 mutations and 4 MiB of JSON (`Content-Encoding: gzip` "
        "accepted), applied in order in one transaction; pushing the same mutation again "
        f"returns its first result. See docs/sync-protocol.md. {GZIP}",
        requestBody=_json_body(ref("sync.push-request")),
    )


def pull(_bound: dict[str, str]) -> dict[str, Any]:
    """GET /api/v1/sync/pull."""
    parameters = [
        {
            "name": "cursor",
            "in": "query",
            "required": False,
            "schema": {"type": "string"},
            "description": "The `cursor` of the previous page; none for a first sync.",
        },
        {
            "name": "limit",
            "in": "query",
            "required": False,
            "schema": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 500},
        },
    ]
    return operation(
        "syncPull",
        "The changes visible to the caller since a cursor",
        TAG,
        ok(ref("sync.pull-response"), "One page.") | problems(400, 401, 410),
        parameters=parameters,
        description="In commit order, tombstones included; what left the caller's scope is "
        f"in `evict`. A cursor older than the server's horizon: 410 `resync_required`. {GZIP}",
    )


def list_conflicts(_bound: dict[str, str]) -> dict[str, Any]:
    """GET /api/v1/sync/conflicts."""
    body = {
        "type": "object",
        "required": ["conflicts"],
        "properties": {"conflicts": {"type": "array", "items": CONFLICT}},
    }
    parameter = {"name": "dossier_id", "in": "query", "required": False, "schema": UUID}
    return operation(
        "listSyncConflicts",
        "Open conflicts the caller may resolve",
        TAG,
        ok(body) | problems(400, 401),
        parameters=[parameter],
    )


def resolve_conflict(_bound: dict[str, str]) -> dict[str, Any]:
    """POST /api/v1/sync/conflicts/{conflict_id}/resolve."""
    request = {
        "type": "object",
        "required": ["record"],
        "properties": {"record": {"type": "object", "description": "The chosen record."}},
    }
    answer = {
        "type": "object",
        "required": ["conflict_id", "record"],
        "properties": {"conflict_id": UUID, "record": {"type": "object"}},
    }
    return operation(
        "resolveSyncConflict",
        "Resolve a conflict with the chosen record",
        TAG,
        ok(answer) | problems(400, 401, 403, 404, 409, 415, 422),
        description="The chosen record is written as an ordinary new revision.",
        requestBody=_json_body(request),
    )


OPERATIONS = {
    ("sync.push_batch", "post"): push,
    ("sync.pull_changes", "get"): pull,
    ("sync.list_conflicts", "get"): list_conflicts,
    ("sync.resolve_conflict", "post"): resolve_conflict,
}
