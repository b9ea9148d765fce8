"""The record API: read, write and delete any synced record by type and id."""

from __future__ import annotations

import uuid
from typing import Any

from flask import Response, jsonify, request

from preuves.core import jsonguards
from preuves.core.errors import Problem, problem_response
from preuves.extensions import db
from preuves.identity.principal import current_principal
from preuves.policy.guard import checked
from preuves.records import operations
from preuves.records.fields import to_json
from preuves.records.registry import record_type


def _json_body() -> dict[str, Any]:
    if not request.is_json:
        raise Problem("unsupported_media_type", "Send the record as application/json.")
    try:
        body = request.get_json(silent=True)
    except RecursionError:  # the parser gives up around a thousand levels: a 400, not a 500
        body = None
    if not isinstance(body, dict):
        raise Problem("invalid_json", "The body must be a JSON object.")
    jsonguards.refuse_deep(body)
    return body


def _base_rev(raw: Any) -> int | None:
    if raw is None or raw == "":
        return None
    # isascii: str.isdigit() also accepts "²", which int() refuses (a 500).
    if isinstance(raw, bool) or not (str(raw).isascii() and str(raw).isdigit()):
        raise Problem("bad_request", "base_rev must be a positive integer or null.")
    return int(raw)


@checked("policy.authorize(read) on the record")
def get_record(type_name: str, record_id: uuid.UUID) -> Response:
    """Read one record."""
    kind = record_type(type_name)
    instance = operations.read_record(current_principal(), kind, record_id)
    db.session.commit()  # the audit event of the read
    return jsonify(to_json(kind, instance))


@checked("policy.authorize(create or update) on the record")
def put_record(type_name: str, record_id: uuid.UUID) -> tuple[Response, int]:
    """Create a record, or change a mutable one made on `base_rev`."""
    kind = record_type(type_name)
    body = _json_body()
    record = body.get("record")
    if not isinstance(record, dict) or record.get("id") != str(record_id):
        raise Problem("bad_request", "Send {'record': {...}} whose id is the one in the URL.")
    result = operations.write_record(
        current_principal(), kind, record, _base_rev(body.get("base_rev"))
    )
    db.session.commit()  # a conflict too: the losing write is kept for a support worker
    if result.conflict is not None:
        return _conflict_response(result), 409
    return jsonify(to_json(kind, result.record)), 201 if result.created else 200


def _conflict_response(result: operations.WriteResult) -> Response:
    conflict = result.conflict
    problem = Problem(
        "conflict",
        f"Both sides changed {', '.join(result.fields)} since rev {conflict.base_rev}.",
        conflict_id=str(conflict.id),
        fields=result.fields,
        mine=conflict.mine,
        current=conflict.theirs,
    )
    return problem_response(problem)


@checked("policy.authorize(delete) on the record")
def delete_record(type_name: str, record_id: uuid.UUID) -> Response:
    """Tombstone a record made on `base_rev`."""
    kind = record_type(type_name)
    base_rev = _base_rev(request.args.get("base_rev"))
    result = operations.delete_record(current_principal(), kind, record_id, base_rev)
    db.session.commit()
    if result.conflict is not None:
        return _conflict_response(result)
    return jsonify(to_json(kind, result.record))
