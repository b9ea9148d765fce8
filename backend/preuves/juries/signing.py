"""Who may decide and sign in a session: its members, on its dossiers, while it is open.

The record's shape and the framework's keys are checked by juries.schemas; these rules
need the caller or several rows, so records.hooks runs them before a record is created.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select

from preuves.core.errors import Problem
from preuves.extensions import db
from preuves.identity.principal import Principal
from preuves.juries.models import Decision, JuryAssignment, JuryMember, JurySession


def is_member(session_id: uuid.UUID, person_id: uuid.UUID | None) -> bool:
    query = select(JuryMember.id).where(
        JuryMember.session_id == session_id,
        JuryMember.person_id == person_id,
        JuryMember.deleted.is_(False),
    )
    return db.session.scalar(query.limit(1)) is not None


def check_decision(principal: Principal, decision: Decision) -> None:
    """The decider (the caller) sits on the decision's session (open: DecisionSchema)."""
    if not is_member(decision.session_id, principal.person_id):
        raise Problem("jury_not_member", "Only a member of the session decides for it.")


def _sessions_of(signer_id: uuid.UUID | None, dossier_id: uuid.UUID) -> list[JurySession]:
    """The live sessions the dossier is assigned to and the signer sits on."""
    return list(
        db.session.scalars(
            select(JurySession)
            .join(JuryAssignment, JuryAssignment.session_id == JurySession.id)
            .join(JuryMember, JuryMember.session_id == JurySession.id)
            .where(
                JuryAssignment.dossier_id == dossier_id,
                JuryAssignment.deleted.is_(False),
                JuryMember.person_id == signer_id,
                JuryMember.deleted.is_(False),
                JurySession.deleted.is_(False),
            )
        )
    )


def check_minutes_signature(signature: Any) -> None:
    """A jury_minutes signature: signed by a member of a session the dossier is assigned
    to, while that session is open, as a jury member."""
    if signature.document_kind != "jury_minutes":
        return
    sessions = _sessions_of(signature.signer_id, signature.dossier_id)
    if not sessions:
        raise Problem(
            "jury_not_member",
            "signer_id sits on no session this dossier is assigned to.",
            errors={"signer_id": ["Not a member of the dossier's jury."]},
        )
    if not any(s.status == "open" for s in sessions):
        raise Problem(
            "jury_session_not_open",
            "The minutes are signed while the session is open.",
            session_status=sessions[0].status,
        )
    if signature.signer_role != "jury_member":
        raise Problem(
            "invalid_record",
            "The minutes are signed as a jury member.",
            errors={"signer_role": ["Must be jury_member."]},
        )
