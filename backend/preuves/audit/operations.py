"""Write audit events. Called by operations, inside the request's transaction."""

from __future__ import annotations

import uuid
from typing import Any

from flask import g, has_request_context

from preuves.audit.models import AuditEvent
from preuves.core.models import utcnow
from preuves.extensions import db
from preuves.sync.rows import insert_rows


def record_event(
    action: str,
    actor_id: uuid.UUID | None,
    actor_kind: str,
    *,
    record_type: str | None = None,
    record_id: uuid.UUID | None = None,
    dossier_id: uuid.UUID | None = None,
    subject_id: uuid.UUID | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Add one event: who did what to which record, from which request."""
    event = AuditEvent(
        action=action,
        actor_id=actor_id,
        actor_kind=actor_kind,
        record_type=record_type,
        record_id=record_id,
        dossier_id=dossier_id,
        subject_id=subject_id,
        request_id=g.get("request_id") if has_request_context() else None,
        detail=detail or {},
    )
    db.session.add(event)
    return event


def audit_read(
    principal: Any,
    record_type: str,
    dossier_id: uuid.UUID | None,
    *,
    record_id: uuid.UUID | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Write down that the principal read (part of) a dossier: every read of one is logged."""
    return record_event(
        "read",
        principal.person_id,
        principal.kind,
        record_type=record_type,
        record_id=record_id,
        dossier_id=dossier_id,
        detail=detail,
    )


def record_events(events: list[dict[str, Any]]) -> None:
    """Add many events at once (a sync batch): one COPY or INSERT, no ORM objects.

    Each dict holds `record_event`'s arguments by name; the rest is filled the same way.
    """
    if not events:
        return
    common = {
        "at": utcnow(),
        "actor_id": None,
        "record_type": None,
        "record_id": None,
        "dossier_id": None,
        "subject_id": None,
        "request_id": g.get("request_id") if has_request_context() else None,
        "detail": {},
    }
    rows = [common | {k: v for k, v in event.items() if v is not None} for event in events]
    insert_rows(db.session.connection(), AuditEvent.__table__, rows)  # COPY on PostgreSQL
