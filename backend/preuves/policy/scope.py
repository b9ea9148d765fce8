"""Where a record belongs: its dossier, or its structure. The tenant of every record."""

from __future__ import annotations

import uuid
from typing import Any

from preuves.extensions import db

DOSSIER_SCOPED = frozenset(
    {
        "dossier",
        "dossier_member",
        "evidence",
        "annotation",
        "positioning",
        "testimony",
        "journal_entry",
        "consent",
        "signature",
        "decision",
        "jury_assignment",
    }
)
STRUCTURE_SCOPED = frozenset({"structure", "workshop", "jury_session", "jury_member"})
PEOPLE_SCOPED = frozenset({"person", "membership", "guardianship"})


def dossier_of(type_name: str, record: Any) -> uuid.UUID | None:
    """The dossier a dossier-scoped record hangs on."""
    return record.id if type_name == "dossier" else record.dossier_id


def structure_of(type_name: str, record: Any) -> uuid.UUID | None:
    """The structure a structure-scoped record belongs to."""
    if type_name == "structure":
        return record.id
    if type_name == "jury_member":
        from preuves.juries.models import JurySession

        session = db.session.get(JurySession, record.session_id)
        return session.structure_id if session else None
    return record.structure_id
