"""Who may export what. The relations come from the policy (dossier_access); an export is
an audited read of the dossier."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from preuves.audit.operations import audit_read
from preuves.core.errors import Problem
from preuves.dossiers.models import Dossier
from preuves.extensions import db
from preuves.identity.principal import Principal
from preuves.juries.models import JuryAssignment, JuryMember, JurySession
from preuves.policy.dossier_access import relations

# The candidate, their guardian and the dossier's staff: everyone but the jury, who read the
# dossier for one session and take the minutes only.
EXPORTERS = frozenset({"candidate", "guardian", "manager", "support_worker", "evaluator"})


def exportable_dossier(principal: Principal, dossier_id: uuid.UUID) -> Dossier:
    """The dossier, if the caller may export it: 404 when unseen, 403 for a jury member."""
    dossier = _readable(principal, dossier_id)
    if not relations(principal, dossier_id) & EXPORTERS:
        raise Problem("forbidden", "Only the candidate, their guardian and staff export it.")
    return dossier


def minutes_of(
    principal: Principal, session_id: uuid.UUID, dossier_id: uuid.UUID
) -> tuple[JurySession, Dossier]:
    """The session and the dossier assigned to it, if the caller may read its minutes.

    The session's members may while the policy still gives them the dossier (it ends when
    the session closes); the candidate, their guardian and staff always may.
    """
    session = db.session.get(JurySession, session_id)
    if session is None or session.deleted or not _assigned(session_id, dossier_id):
        raise Problem("not_found", f"No dossier {dossier_id} in jury session {session_id}.")
    dossier = _readable(principal, dossier_id)
    mine = relations(principal, dossier_id)
    if mine & EXPORTERS or ("jury" in mine and _sits_on(principal, session_id)):
        return session, dossier
    raise Problem("forbidden", "Only the session's members, the candidate and staff read it.")


def audit_export(principal: Principal, dossier: Dossier, name: str) -> None:
    """Write the export down as a read of the whole dossier."""
    audit_read(principal, "dossier", dossier.id, record_id=dossier.id, detail={"export": name})


def _readable(principal: Principal, dossier_id: uuid.UUID) -> Dossier:
    dossier = db.session.get(Dossier, dossier_id)
    if dossier is None or dossier.deleted or not relations(principal, dossier_id):
        raise Problem("not_found", f"No dossier {dossier_id}.")
    return dossier


def _assigned(session_id: uuid.UUID, dossier_id: uuid.UUID) -> bool:
    query = select(JuryAssignment.id).where(
        JuryAssignment.session_id == session_id,
        JuryAssignment.dossier_id == dossier_id,
        JuryAssignment.deleted.is_(False),
    )
    return db.session.scalar(query.limit(1)) is not None


def _sits_on(principal: Principal, session_id: uuid.UUID) -> bool:
    query = select(JuryMember.id).where(
        JuryMember.session_id == session_id,
        JuryMember.person_id == principal.person_id,
        JuryMember.deleted.is_(False),
    )
    return db.session.scalar(query.limit(1)) is not None
