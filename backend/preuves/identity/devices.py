"""Shared tablets: enrolment by a staff member's passkey, revocation, the wipe report.

The device credential is a random value in the tablet's `preuves_device` cookie; only its
SHA-256 is kept (Device.credential_hash).
"""

from __future__ import annotations

import secrets
import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from preuves.audit.operations import record_event
from preuves.core.errors import Problem
from preuves.core.models import utcnow
from preuves.core.vocab import STAFF_ROLES
from preuves.extensions import db
from preuves.identity import sessions
from preuves.identity.models import Device, WebSession
from preuves.identity.principal import Principal
from preuves.identity.tokens import hash_token
from preuves.structures.models import Structure, Workshop

TOUCH_EVERY = timedelta(minutes=1)
WIPE_COUNTS = ("records", "media")


def device_for_credential(credential: str) -> Device | None:
    return db.session.scalar(select(Device).where(Device.credential_hash == hash_token(credential)))


def touch_device(device: Device) -> bool:
    """Note that the tablet was seen, at most once a minute; True when it changed."""
    now = utcnow()
    if device.last_seen_at is not None and now - device.last_seen_at < TOUCH_EVERY:
        return False
    device.last_seen_at = now
    return True


def require_staff(principal: Principal, structure_id: uuid.UUID) -> None:
    """Support workers, leads and admins of the structure manage its tablets."""
    if not principal.has_any_role(structure_id, STAFF_ROLES):
        raise Problem("forbidden", "Only the structure's staff manage its tablets.")


def enrol(
    principal: Principal, structure_id: uuid.UUID, workshop_id: uuid.UUID | None, label: str
) -> tuple[Device, str]:
    """Enrol a tablet for a structure (or one workshop); returns it and its credential."""
    structure = db.session.get(Structure, structure_id)
    if structure is None or structure.deleted:
        raise Problem("unknown_reference", f"No structure {structure_id}.")
    require_staff(principal, structure_id)
    if workshop_id is not None:
        workshop = db.session.get(Workshop, workshop_id)
        if workshop is None or workshop.deleted or workshop.structure_id != structure_id:
            raise Problem("unknown_reference", f"No workshop {workshop_id} in this structure.")
    credential = secrets.token_urlsafe(32)
    device = Device(
        structure_id=structure_id,
        workshop_id=workshop_id,
        label=label,
        credential_hash=hash_token(credential),
        enrolled_by_id=principal.person_id,
    )
    db.session.add(device)
    db.session.flush()
    record_event("enrol_device", principal.person_id, principal.kind, **_about(device))
    return device, credential


def revoke(principal: Principal, device: Device) -> None:
    """Revoke a tablet: its credential and every session opened on it stop working."""
    require_staff(principal, device.structure_id)
    if device.revoked_at is None:
        device.revoked_at, device.revoked_by_id = utcnow(), principal.person_id
    sessions.revoke_where(WebSession.device_id == device.id)
    record_event("revoke_device", principal.person_id, principal.kind, **_about(device))


def store_wipe_report(device: Device, pending: Any) -> None:
    """Keep what the tablet still held when it erased itself, for the support worker.

    Only the first report counts: a revoked tablet reopened later reports again with
    nothing left, and must not hide what was lost the first time.
    """
    report = _clean_report(pending)
    if device.wipe_reported_at is not None:
        return
    device.last_wipe_report = report
    device.wipe_reported_at = utcnow()
    record_event("device_wipe_report", None, "device", **_about(device))


def _clean_report(pending: Any) -> dict[str, Any]:
    if not isinstance(pending, dict):
        raise Problem("bad_request", "Send {pending: {records: n, media: n, by_kind: {...}}}.")
    report: dict[str, Any] = {name: _count(pending.get(name, 0)) for name in WIPE_COUNTS}
    by_kind = pending.get("by_kind", {})
    if not isinstance(by_kind, dict) or len(by_kind) > 50:
        raise Problem("bad_request", "by_kind must be an object of counts.")
    report["by_kind"] = {str(k)[:40]: _count(v) for k, v in by_kind.items()}
    return report


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 10**9:
        raise Problem("bad_request", "Counts are whole numbers from 0.")
    return value


def _about(device: Device) -> dict[str, Any]:
    return {"record_type": "device", "record_id": device.id}


def structure_devices(structure_id: uuid.UUID) -> list[Device]:
    query = select(Device).where(Device.structure_id == structure_id).order_by(Device.enrolled_at)
    return list(db.session.scalars(query))


def device_json(device: Device) -> dict[str, Any]:
    """A tablet as staff see it, the wipe report included."""
    return {
        "id": str(device.id),
        "label": device.label,
        "structure_id": str(device.structure_id),
        "workshop_id": str(device.workshop_id) if device.workshop_id else None,
        "enrolled_at": device.enrolled_at.isoformat(),
        "enrolled_by_id": str(device.enrolled_by_id) if device.enrolled_by_id else None,
        "revoked_at": device.revoked_at.isoformat() if device.revoked_at else None,
        "last_seen_at": device.last_seen_at.isoformat() if device.last_seen_at else None,
        "last_wipe_report": device.last_wipe_report,
        "wipe_reported_at": device.wipe_reported_at.isoformat()
        if device.wipe_reported_at
        else None,
    }
