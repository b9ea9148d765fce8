"""A jury session's life: planned -> open -> closed, or cancelled (docs/jury.md).

records.hooks calls these for every write, whatever made it (the record API or a sync
push), so the rules hold the same way for both.
"""

from __future__ import annotations

import uuid
from types import SimpleNamespace
from typing import Any

from sqlalchemy import select

from preuves.core.errors import Problem
from preuves.core.models import utcnow
from preuves.dossiers.models import Dossier
from preuves.extensions import db
from preuves.juries import composition
from preuves.juries.models import JuryAssignment, JurySession
from preuves.juries.results import dossier_result

NEXT = {"planned": {"open", "cancelled"}, "open": {"closed", "cancelled"}}
# Once a session is open, what it judges by stays as it was.
FIXED_AFTER_PLANNING = ("scheme", "modality")
BEFORE_THE_JURY = ("ouvert", "pret_pour_jury")


def assigned_dossier_ids(session_id: uuid.UUID) -> list[uuid.UUID]:
    return list(
        db.session.scalars(
            select(JuryAssignment.dossier_id).where(
                JuryAssignment.session_id == session_id, JuryAssignment.deleted.is_(False)
            )
        )
    )


def check_new_session(session: JurySession) -> None:
    """A session starts planned: opening it is a change the rules check."""
    if session.status != "planned":
        raise Problem("jury_status_change", "A new session starts planned; open it later.")


def check_session_change(session: JurySession, values: dict[str, Any]) -> None:
    """Refuse a change the lifecycle does not allow (checked before it is applied)."""
    proposed = SimpleNamespace(
        **{c: values.get(c, getattr(session, c)) for c in ("scheme", "modality", "status")},
        id=session.id,
        structure_id=session.structure_id,
    )
    moved = [f for f in FIXED_AFTER_PLANNING if getattr(proposed, f) != getattr(session, f)]
    if moved and session.status != "planned":
        raise Problem("jury_session_fixed", f"The session is {session.status}: {moved} stay.")
    if proposed.status != session.status:
        _check_move(session, proposed)


def _check_move(session: JurySession, proposed: Any) -> None:
    allowed = sorted(NEXT.get(session.status, ()))
    if proposed.status not in allowed:
        raise Problem(
            "jury_status_change",
            f"A {session.status} session may become {allowed or 'nothing'}, not {proposed.status}.",
        )
    if proposed.status == "open":
        _check_ready(proposed)  # with the scheme and modality it opens with
    if proposed.status == "closed":
        _check_finished(session)


def _check_ready(session: Any) -> None:
    composition.check_make_up(session)
    if not assigned_dossier_ids(session.id):
        raise Problem("jury_no_dossier", "Assign at least one dossier before opening.")


def _check_finished(session: JurySession) -> None:
    waiting = [
        str(dossier_id)
        for dossier_id in assigned_dossier_ids(session.id)
        if dossier_result(session.id, dossier_id).overall is None
    ]
    if waiting:
        raise Problem(
            "jury_not_finished",
            "Every assigned dossier needs an overall decision before closing.",
            dossiers=waiting,
        )


def close(principal_id: uuid.UUID | None, session: JurySession) -> list[Any]:
    """What closing does: the dossiers are `presente`, badges are issued. The members'
    access ends by itself (policy.dossier_access keeps planned and open sessions only)."""
    from preuves.badges.operations import issue_for_session

    now = utcnow()
    for dossier_id in assigned_dossier_ids(session.id):
        dossier = db.session.get(Dossier, dossier_id)
        if dossier.status in BEFORE_THE_JURY:
            dossier.status, dossier.rev = "presente", dossier.rev + 1
            dossier.changed_at, dossier.changed_by_id = now, principal_id
    db.session.flush()
    return issue_for_session(session)
