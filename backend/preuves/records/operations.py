"""Read, write and delete any synced record. These change data and flush; the caller
(a view, later a sync batch) commits once."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from flask import current_app, g
from marshmallow import ValidationError

from preuves import policy
from preuves.audit.operations import record_event
from preuves.core import jsonschemas
from preuves.core.errors import Problem
from preuves.core.models import utcnow
from preuves.extensions import db
from preuves.identity.principal import Principal
from preuves.policy.scope import DOSSIER_SCOPED, dossier_of
from preuves.records import fields, hooks
from preuves.records.registry import RecordType


@dataclass(frozen=True)
class WriteResult:
    record: Any
    created: bool
    changed: bool


def read_record(principal: Principal, record_type: RecordType, record_id: uuid.UUID) -> Any:
    """One record the principal may see; reading a dossier's content is audited."""
    instance = db.session.get(record_type.model, record_id)
    if instance is None:
        raise Problem("not_found", f"No {record_type.name} {record_id}.")
    policy.authorize(principal, "read", record_type.name, instance)
    _audit(principal, "read", record_type, instance)
    return instance


def load(record_type: RecordType, payload: Any) -> dict[str, Any]:
    """Validate against the shared JSON Schema, then the server-only rules (marshmallow)."""
    jsonschemas.validate(current_app.config["SCHEMAS_DIR"], record_type.schema_name, payload)
    _refuse_nul(payload, "")
    try:
        data = record_type.schema().load(fields.writable_payload(record_type, payload))
    except ValidationError as error:
        raise Problem(
            "invalid_record", f"The {record_type.name} breaks a rule.", errors=error.messages_dict
        ) from None
    _refuse_unstorable_times(data)
    return fields.to_column_values(record_type, data)


def _refuse_nul(value: Any, pointer: str) -> None:
    """PostgreSQL cannot store U+0000 in text or JSON: refuse it on every database alike."""
    if isinstance(value, str) and "\x00" in value:
        raise Problem(
            "invalid_record",
            "Text may not contain U+0000.",
            errors=[{"pointer": pointer or "/", "message": "U+0000 is not allowed."}],
        )
    if isinstance(value, dict):
        for key, item in value.items():
            _refuse_nul(key, pointer)
            _refuse_nul(item, f"{pointer}/{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _refuse_nul(item, f"{pointer}/{index}")


def _refuse_unstorable_times(data: dict[str, Any]) -> None:
    """A time stored in UTC must exist in UTC (0001-01-01T00:00+14:00 does not)."""
    for key, value in data.items():
        if not isinstance(value, datetime) or value.tzinfo is None:
            continue
        try:
            value.astimezone(UTC)
        except OverflowError:
            raise Problem(
                "invalid_record",
                f"{key} is out of range once in UTC.",
                errors=[{"pointer": f"/{key}", "message": "Out of range once in UTC."}],
            ) from None


def write_record(
    principal: Principal, record_type: RecordType, payload: Any, base_rev: int | None
) -> WriteResult:
    """Create the record, or change it if it is mutable and `base_rev` is its current rev."""
    values = load(record_type, payload)
    existing = db.session.get(record_type.model, values["id"])
    if existing is None:
        return _create(principal, record_type, values)
    policy.authorize(principal, "update", record_type.name, existing)
    return _update(principal, record_type, existing, values, base_rev)


def delete_record(
    principal: Principal, record_type: RecordType, record_id: uuid.UUID, base_rev: int | None
) -> WriteResult:
    """Tombstone a record: it stays, marked deleted, so every device learns of it."""
    existing = db.session.get(record_type.model, record_id)
    if existing is None:
        raise Problem("not_found", f"No {record_type.name} {record_id}.")
    policy.authorize(principal, "delete", record_type.name, existing)
    if existing.deleted:
        return WriteResult(existing, created=False, changed=False)
    _check_base_rev(record_type, existing, base_rev)
    existing.deleted = True
    _stamp(principal, existing, existing.rev + 1, None)
    _audit(principal, "delete", record_type, existing)
    return WriteResult(existing, created=False, changed=True)


def _create(principal: Principal, record_type: RecordType, values: dict[str, Any]) -> WriteResult:
    instance = record_type.model(id=values["id"])
    fields.apply(instance, values)
    if record_type.author_field:
        setattr(instance, record_type.author_field, principal.person_id)
    policy.authorize(principal, "create", record_type.name, instance)
    _stamp(principal, instance, 1, values.get("client_changed_at"))
    db.session.add(instance)
    db.session.flush()
    hooks.after_create(principal, record_type.name, instance)
    _audit(principal, "create", record_type, instance)
    return WriteResult(instance, created=True, changed=True)


def _update(
    principal: Principal,
    record_type: RecordType,
    existing: Any,
    values: dict[str, Any],
    base_rev: int | None,
) -> WriteResult:
    changed = fields.differs(existing, values)
    if not changed:
        return WriteResult(existing, created=False, changed=False)  # a replayed write
    if existing.deleted:
        raise Problem("record_deleted", f"{record_type.name} {existing.id} was deleted.")
    if record_type.append_only:
        raise Problem("append_only", f"A {record_type.name} is never edited; add a new one.")
    if moved := [f for f in changed if f in record_type.fixed_fields]:
        raise Problem("fixed_field", f"These fields cannot change: {', '.join(moved)}.")
    _check_base_rev(record_type, existing, base_rev)
    fields.apply(existing, values)
    _stamp(principal, existing, existing.rev + 1, values.get("client_changed_at"))
    hooks.forget_cached_relations()
    _audit(principal, "update", record_type, existing, {"fields": changed})
    return WriteResult(existing, created=False, changed=True)


def _check_base_rev(record_type: RecordType, existing: Any, base_rev: int | None) -> None:
    # Field-by-field merge from an older base belongs to the sync engine; here a stale
    # base is refused with the server's version so the client can merge and retry.
    if base_rev != existing.rev:
        current = fields.to_json(record_type, existing)
        raise Problem(
            "stale_base_rev",
            f"Your base_rev is {base_rev}; the record is at {existing.rev}.",
            current=current,
        )


def _stamp(principal: Principal, instance: Any, rev: int, client_at: Any) -> None:
    instance.rev = rev
    instance.changed_at = utcnow()
    instance.changed_by_id = principal.person_id
    instance.client_changed_at = client_at


def _audit(
    principal: Principal,
    action: str,
    record_type: RecordType,
    instance: Any,
    detail: dict[str, Any] | None = None,
) -> None:
    dossier_id = (
        dossier_of(record_type.name, instance) if record_type.name in DOSSIER_SCOPED else None
    )
    if action == "read" and dossier_id is None:
        return  # reads outside dossiers (a structure's name) are not personal data reads
    record_event(
        action,
        principal.person_id,
        principal.kind,
        record_type=record_type.name,
        record_id=instance.id,
        dossier_id=dossier_id,
        detail=detail,
    )
    g.setdefault("audited", []).append(instance.id)
