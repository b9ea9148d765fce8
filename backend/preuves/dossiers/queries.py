"""Read-side queries over dossiers, always through the policy."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select

from preuves.dossiers.models import Dossier
from preuves.extensions import db
from preuves.identity.principal import Principal
from preuves.policy.dossier_access import visible_dossier_ids
from preuves.policy.scope import DOSSIER_SCOPED
from preuves.records import operations
from preuves.records.catalogue import RECORD_TYPES
from preuves.records.fields import to_json

LIST_LIMIT = 500


def visible_dossiers(principal: Principal) -> list[dict[str, Any]]:
    """The live dossiers a principal may read, newest first."""
    query = (
        select(Dossier)
        .where(Dossier.id.in_(visible_dossier_ids(principal)), Dossier.deleted.is_(False))
        .order_by(Dossier.changed_at.desc())
        .limit(LIST_LIMIT)
    )
    kind = RECORD_TYPES["dossier"]
    return [to_json(kind, d) for d in db.session.scalars(query)]


def dossier_content(principal: Principal, dossier_id: uuid.UUID) -> dict[str, Any]:
    """The dossier and every record hanging on it; one audited read."""
    dossier = operations.read_record(principal, RECORD_TYPES["dossier"], dossier_id)
    content: dict[str, Any] = {"dossier": to_json(RECORD_TYPES["dossier"], dossier)}
    for name in sorted(DOSSIER_SCOPED - {"dossier"}):
        kind = RECORD_TYPES.get(name)
        if kind is None:
            continue
        rows = db.session.scalars(select(kind.model).where(kind.model.dossier_id == dossier_id))
        content[name] = [to_json(kind, row) for row in rows]
    return content
