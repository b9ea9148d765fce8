"""Conflicts: a losing write kept whole, listed to support workers, resolved by one of them."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select

from preuves import policy
from preuves.core.errors import Problem
from preuves.core.models import utcnow
from preuves.dossiers.models import Dossier
from preuves.extensions import db
from preuves.identity.principal import Principal
from preuves.policy.scope import DOSSIER_SCOPED, dossier_of
from preuves.records.registry import RecordType, record_type
from preuves.sync.models import SyncConflict


def _structure_of(type_name: str, instance: Any, dossier_id: uuid.UUID | None) -> Any:
    if dossier_id is not None:
        dossier = db.session.get(Dossier, dossier_id)
        return dossier.structure_id if dossier else None
    return instance.id if type_name == "structure" else getattr(instance, "structure_id", None)


def raise_conflict(
    principal: Principal,
    kind: RecordType,
    existing: Any,
    base_rev: int | None,
    versions: tuple[dict | None, dict, dict],
    fields: list[str],
) -> SyncConflict:
    """Keep the losing write (`mine`) beside its base and the server's version (`theirs`)."""
    base, mine, theirs = versions
    dossier_id = dossier_of(kind.name, existing) if kind.name in DOSSIER_SCOPED else None
    conflict = SyncConflict(
        type=kind.name,
        record_id=existing.id,
        dossier_id=dossier_id,
        structure_id=_structure_of(kind.name, existing, dossier_id),
        base_rev=base_rev,
        server_rev=existing.rev,
        base=base,
        mine=mine,
        theirs=theirs,
        fields=fields,
        raised_by_id=principal.person_id,
        device_id=getattr(principal, "device_id", None),
    )
    db.session.add(conflict)
    db.session.flush()
    return conflict


def _may_resolve(principal: Principal, conflict: SyncConflict) -> bool:
    instance = db.session.get(record_type(conflict.type).model, conflict.record_id)
    return instance is not None and policy.may(principal, "update", conflict.type, instance)


def open_conflicts(principal: Principal, dossier_id: uuid.UUID | None) -> list[SyncConflict]:
    """Unresolved conflicts on records the caller may change, oldest first."""
    query = select(SyncConflict).where(SyncConflict.resolved_at.is_(None))
    if dossier_id is not None:
        query = query.where(SyncConflict.dossier_id == dossier_id)
    rows = db.session.scalars(query.order_by(SyncConflict.created_at)).all()
    return [c for c in rows if _may_resolve(principal, c)]


def get_open(principal: Principal, conflict_id: uuid.UUID) -> SyncConflict:
    """One conflict the caller may resolve, or 404 (nothing leaks about others)."""
    conflict = db.session.get(SyncConflict, conflict_id)
    if conflict is None or not _may_resolve(principal, conflict):
        raise Problem("not_found", f"No conflict {conflict_id}.")
    if conflict.resolved_at is not None:
        raise Problem("conflict_resolved", f"Conflict {conflict_id} is already resolved.")
    return conflict


def mark_resolved(principal: Principal, conflict: SyncConflict, record: dict) -> None:
    """Close the conflict with the record that was chosen."""
    conflict.resolved_at = utcnow()
    conflict.resolved_by_id = principal.person_id
    conflict.resolution = record


def to_json(conflict: SyncConflict) -> dict[str, Any]:
    """A conflict as the API shows it."""
    return {
        "id": str(conflict.id),
        "type": conflict.type,
        "record_id": str(conflict.record_id),
        "dossier_id": str(conflict.dossier_id) if conflict.dossier_id else None,
        "base_rev": conflict.base_rev,
        "server_rev": conflict.server_rev,
        "base": conflict.base,
        "mine": conflict.mine,
        "theirs": conflict.theirs,
        "fields": conflict.fields,
        "raised_by": str(conflict.raised_by_id) if conflict.raised_by_id else None,
        "created_at": conflict.created_at.isoformat(),
    }
