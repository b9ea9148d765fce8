"""The sync API: push a batch of mutations, pull changes, list and resolve conflicts."""

from __future__ import annotations

import uuid
from typing import Any

from flask import Response, request
from sqlalchemy.exc import IntegrityError, OperationalError

from preuves.core.errors import Problem
from preuves.core.models import utcnow
from preuves.extensions import db
from preuves.identity.principal import current_principal
from preuves.policy.guard import checked
from preuves.records import operations
from preuves.records.fields import to_json
from preuves.records.registry import record_type
from preuves.sync import conflicts, pull, push
from preuves.sync.transport import json_body, json_response


@checked("policy.authorize per mutation, in records.operations")
def push_batch() -> Response:
    """Apply a batch of mutations; one result per mutation."""
    principal = current_principal()
    mutations = push.validate_batch(json_body(push.MAX_BATCH_BYTES))
    for attempt in range(2):
        try:
            results = push.push(principal, mutations, principal.device_id)
            db.session.commit()
            break
        except IntegrityError:  # the same batch, sent twice at once, committed first
            db.session.rollback()
            if attempt:
                raise Problem("unavailable", "The batch clashed with another; retry.") from None
        except OperationalError as error:  # SQLite: another writer kept the lock too long
            db.session.rollback()
            if "locked" not in str(error.orig):
                raise
            raise Problem("unavailable", "The database is busy; retry soon.") from None
    return json_response({"results": results, "server_time": utcnow().isoformat()})


@checked("policy.visibility: only what policy.may(read) allows, in SQL")
def pull_changes() -> Response:
    """One page of the changes visible to the caller since a cursor."""
    page = pull.pull(current_principal(), request.args.get("cursor") or None, _limit())
    db.session.commit()  # the scope the cursor points to, and the audit of the reads
    return json_response(page)


def _limit() -> int:
    raw = request.args.get("limit", str(pull.DEFAULT_LIMIT))
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= pull.MAX_LIMIT:
        raise Problem("bad_request", f"limit must be an integer from 1 to {pull.MAX_LIMIT}.")
    return int(raw)


@checked("policy.may(update) on each conflict's record")
def list_conflicts() -> Response:
    """The open conflicts the caller may resolve, optionally of one dossier."""
    raw = request.args.get("dossier_id")
    dossier_id = _uuid(raw) if raw else None
    found = conflicts.open_conflicts(current_principal(), dossier_id)
    return json_response({"conflicts": [conflicts.to_json(c) for c in found]})


@checked("policy.may(update) on the conflict's record, then records.operations")
def resolve_conflict(conflict_id: uuid.UUID) -> Response:
    """Resolve a conflict with the chosen record: an ordinary new revision."""
    principal = current_principal()
    conflict = conflicts.get_open(principal, conflict_id)
    chosen = _chosen_record(conflict.record_id)
    kind = record_type(conflict.type)
    current = db.session.get(kind.model, conflict.record_id)
    result = operations.write_record(principal, kind, chosen, current.rev)
    conflicts.mark_resolved(principal, conflict, chosen)
    db.session.commit()
    return json_response({"conflict_id": str(conflict.id), "record": to_json(kind, result.record)})


def _chosen_record(record_id: uuid.UUID) -> dict[str, Any]:
    body = json_body(push.MAX_BATCH_BYTES)
    record = body.get("record") if isinstance(body, dict) else None
    if not isinstance(record, dict) or record.get("id") != str(record_id):
        raise Problem("bad_request", "Send {'record': {...}} for the conflict's record.")
    return record


def _uuid(raw: str) -> uuid.UUID:
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise Problem("bad_request", "dossier_id must be a UUID.") from None
