"""Read, write and delete any synced record. These change data and flush; the caller
(a view, later a sync batch) commits once."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from flask import current_app, g
from marshmallow import ValidationError

from preuves import policy
from preuves.audit.operations import record_event, record_events
from preuves.core import jsonguards, jsonschemas
from preuves.core.errors import Problem
from preuves.core.models import utcnow
from preuves.extensions import db
from preuves.identity.principal import Principal
from preuves.policy.dossier_access import relations
from preuves.policy.scope import DOSSIER_SCOPED, dossier_of
from preuves.records import checks, fields, hooks, loader
from preuves.records.registry import RecordType
from preuves.sync import conflicts, merge, rows


@dataclass(frozen=True)
class WriteResult:
    record: Any
    created: bool
    changed: bool
    # applied, merged (changed since base_rev, on other fields) or conflict (kept aside)
    status: str = "applied"
    fields: list[str] = field(default_factory=list)
    conflict: Any = None


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
    jsonguards.refuse_nul(payload)
    try:
        data = loader.load(
            fields.schema_of(record_type), fields.writable_payload(record_type, payload)
        )
    except ValidationError as error:
        messages = error.messages_dict
        if _only_missing_references(messages):
            raise Problem(
                "unknown_reference",
                f"The {record_type.name} names no such record.",
                errors=messages,
            ) from None
        raise Problem(
            "invalid_record", f"The {record_type.name} breaks a rule.", errors=messages
        ) from None
    jsonguards.refuse_unstorable_times(data)
    return fields.to_column_values(record_type, data)


def _only_missing_references(messages: Any) -> bool:
    """Whether every message says a named record does not exist (RecordSchema.references)."""
    if isinstance(messages, dict):
        return bool(messages) and all(_only_missing_references(m) for m in messages.values())
    if isinstance(messages, list):
        return bool(messages) and all(_only_missing_references(m) for m in messages)
    return isinstance(messages, str) and messages.startswith("No such record")


def _refuse_invisible_dossier(principal: Principal, record_type: RecordType, instance: Any) -> None:
    """A dossier the caller may not read does not exist for them: same answer as a missing one."""
    if record_type.name == "dossier" or record_type.name not in DOSSIER_SCOPED:
        return
    if not relations(principal, instance.dossier_id):
        errors = {"dossier_id": [f"No such record: {instance.dossier_id}."]}
        raise Problem("unknown_reference", "The record names no such dossier.", errors=errors)


# Rows a caller (a sync batch) loaded at once, by (type, id); None: known not to exist;
# an id not in it was not looked up, and is read from the session.
Known = dict[tuple[str, uuid.UUID], Any]


def _existing(record_type: RecordType, record_id: uuid.UUID, known: Known | None) -> Any:
    if known is not None and (record_type.name, record_id) in known:
        return known[record_type.name, record_id]
    return db.session.get(record_type.model, record_id)


def write_record(
    principal: Principal,
    record_type: RecordType,
    payload: Any,
    base_rev: int | None,
    known: Known | None = None,
) -> WriteResult:
    """Create the record, or change it if it is mutable and `base_rev` is its current rev."""
    values = load(record_type, payload)
    existing = _existing(record_type, values["id"], known)
    if existing is None:
        return _create(principal, record_type, values)
    policy.authorize(principal, "update", record_type.name, existing)
    return _update(principal, record_type, existing, values, base_rev)


def delete_record(
    principal: Principal,
    record_type: RecordType,
    record_id: uuid.UUID,
    base_rev: int | None,
    known: Known | None = None,
) -> WriteResult:
    """Tombstone a record: it stays, marked deleted, so every device learns of it."""
    existing = _existing(record_type, record_id, known)
    if existing is None:
        raise Problem("not_found", f"No {record_type.name} {record_id}.")
    policy.authorize(principal, "delete", record_type.name, existing)
    if existing.deleted:
        return WriteResult(existing, created=False, changed=False)
    if not record_type.append_only and base_rev != existing.rev:
        # The record changed since the deletion was decided: keep it, and the wish aside.
        theirs = fields.to_json(record_type, existing)
        base = merge.base_of(record_type, existing.id, base_rev)
        versions = (base, (base or theirs) | {"deleted": True}, theirs)
        return _conflict(principal, record_type, existing, base_rev, versions, ["deleted"])
    existing.deleted = True
    _stamp(principal, existing, existing.rev + 1, None)
    _audit(principal, "delete", record_type, existing)
    return WriteResult(existing, created=False, changed=True)


def new_record(
    principal: Principal, record_type: RecordType, values: dict[str, Any], *, plain: bool = False
) -> Any:
    """A record to create, built and checked (visibility, policy, media), not yet added.

    `plain`: a rows.Draft of its columns, not a mapped instance (sync.bulk writes it by hand)."""
    if plain:
        instance = rows.Draft(record_type.model, values)
    else:
        instance = record_type.model(id=values["id"])
        fields.apply(instance, values)
    if record_type.author_field:
        setattr(instance, record_type.author_field, principal.person_id)
    _refuse_invisible_dossier(principal, record_type, instance)
    policy.authorize(principal, "create", record_type.name, instance)
    hooks.before_create(principal, record_type.name, instance)
    checks.require_uploaded_media(record_type.name, instance)
    _stamp(principal, instance, 1, values.get("client_changed_at"))
    return instance


def _create(principal: Principal, record_type: RecordType, values: dict[str, Any]) -> WriteResult:
    instance = new_record(principal, record_type, values)
    db.session.add(instance)
    if hooks.has_follow_up(record_type.name):
        db.session.flush()  # the follow-up adds rows that name this one
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
    if base_rev is not None and base_rev > existing.rev:
        raise Problem("invalid_record", f"base_rev {base_rev} is ahead of rev {existing.rev}.")
    status, client_at = "applied", values.get("client_changed_at")
    if base_rev != existing.rev:  # made on an older copy: merge field by field
        outcome = merge.merge(record_type, existing, values, base_rev)
        if outcome.conflicts:
            versions = (outcome.base, outcome.mine, outcome.theirs)
            return _conflict(
                principal, record_type, existing, base_rev, versions, outcome.conflicts
            )
        if not outcome.take:
            return WriteResult(existing, created=False, changed=False, status="merged")
        values, changed, status = outcome.take, outcome.merged, "merged"
    hooks.before_update(principal, record_type.name, existing, values)
    fields.apply(existing, values)
    _stamp(principal, existing, existing.rev + 1, client_at)
    hooks.forget_cached_relations()
    hooks.after_update(principal, record_type.name, existing, changed)
    _audit(principal, "update", record_type, existing, {"fields": changed})
    return WriteResult(existing, created=False, changed=True, status=status, fields=changed)


def _conflict(
    principal: Principal,
    record_type: RecordType,
    existing: Any,
    base_rev: int | None,
    versions: tuple[dict | None, dict, dict],
    conflicting: list[str],
) -> WriteResult:
    """Keep the losing write (base, mine, theirs) as a conflict; the record stays as it is."""
    conflict = conflicts.raise_conflict(
        principal, record_type, existing, base_rev, versions, conflicting
    )
    _audit(principal, "conflict", record_type, existing, {"fields": conflicting})
    return WriteResult(
        existing, False, False, status="conflict", fields=conflicting, conflict=conflict
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


def audit_creations(principal: Principal, made: list[tuple[RecordType, Any]]) -> None:
    """The "create" events of many new records at once, as `_audit` writes each one."""
    record_events(
        [
            {
                "action": "create",
                "actor_id": principal.person_id,
                "actor_kind": principal.kind,
                "record_type": kind.name,
                "record_id": instance.id,
                "dossier_id": dossier_of(kind.name, instance)
                if kind.name in DOSSIER_SCOPED
                else None,
            }
            for kind, instance in made
        ]
    )
    g.setdefault("audited", []).extend(instance.id for _kind, instance in made)
