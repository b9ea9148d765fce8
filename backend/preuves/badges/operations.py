"""Issue badges when a jury session closes; list them for a dossier; revoke one.
Public reads (a badge, an issuer) are in lookups.py.

These flush; the caller commits (the session's close, or the view).
"""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select

from preuves.audit.operations import audit_read, record_event
from preuves.badges import access, keys, lookups, vcjwt
from preuves.badges.credentials import Recognition, build
from preuves.badges.endorsements import signed_endorsements
from preuves.badges.models import BadgeCredential, IssuerKey
from preuves.badges.sources import quotable_testimonies, recognition
from preuves.core.models import utcnow
from preuves.dossiers.models import Dossier
from preuves.extensions import db
from preuves.identity.principal import Principal
from preuves.juries.models import JuryAssignment, JurySession
from preuves.juries.results import CompetencyDecision, DossierResult, dossier_result, final_result

RECOGNISED = "acquis"


def issue_for_session(session: JurySession) -> list[BadgeCredential]:
    """One badge per competency decided `acquis` in each assigned dossier's final result.

    Idempotent: a badge already issued for (dossier, competency, session) is returned as is.
    """
    badges = []
    for dossier_id in _assigned(session.id):
        result = _result(session, dossier_id)
        if result is None:
            continue
        dossier = db.session.get(Dossier, dossier_id)
        if dossier is None or dossier.deleted:
            continue
        for decision in result.competencies.values():
            if decision.outcome == RECOGNISED:
                badges.append(_issue(session, dossier, decision))
    return badges


def for_dossier(principal: Principal, dossier_id: uuid.UUID) -> list[BadgeCredential]:
    """The dossier's badges, oldest first, for its candidate, guardians and staff (audited)."""
    access.reader_dossier(principal, dossier_id)
    query = select(BadgeCredential).where(BadgeCredential.dossier_id == dossier_id)
    found = list(db.session.scalars(query.order_by(BadgeCredential.issued_at)))
    audit_read(principal, "badge", dossier_id)
    return found


def revoke(principal: Principal, badge_id: uuid.UUID) -> BadgeCredential:
    """A manager of the dossier's structure withdraws a badge; its page then says so."""
    badge = lookups.badge(badge_id)
    access.manager_dossier(principal, badge.dossier_id)
    if badge.revoked_at is None:
        badge.revoked_at, badge.revoked_by_id = utcnow(), principal.person_id
        record_event(
            "revoke_badge",
            principal.person_id,
            principal.kind,
            record_type="badge",
            record_id=badge.id,
            dossier_id=badge.dossier_id,
        )
    return badge


def _assigned(session_id: uuid.UUID) -> list[uuid.UUID]:
    query = select(JuryAssignment.dossier_id).where(
        JuryAssignment.session_id == session_id, JuryAssignment.deleted.is_(False)
    )
    return sorted(set(db.session.scalars(query)), key=str)


def _result(session: JurySession, dossier_id: uuid.UUID) -> DossierResult | None:
    """This session's result, unless a later closed session judged the dossier again."""
    final = final_result(dossier_id)
    if final is not None and final.session.id != session.id and _later(final.session, session):
        return None
    return dossier_result(session.id, dossier_id)


def _later(one: JurySession, other: JurySession) -> bool:
    return (one.held_on, str(one.id)) > (other.held_on, str(other.id))


def _issue(session: JurySession, dossier: Dossier, decision: CompetencyDecision) -> BadgeCredential:
    existing = db.session.scalar(
        select(BadgeCredential).where(
            BadgeCredential.dossier_id == dossier.id,
            BadgeCredential.competency_id == decision.competency_id,
            BadgeCredential.session_id == session.id,
        )
    )
    if existing is not None:
        return existing
    key = keys.active_key(dossier.structure_id)
    badge_id, issued = uuid.uuid4(), utcnow().replace(microsecond=0)
    credential = _credential(key, badge_id, issued, recognition(session, dossier, decision))
    badge = BadgeCredential(
        id=badge_id,
        dossier_id=dossier.id,
        competency_id=decision.competency_id,
        session_id=session.id,
        structure_id=dossier.structure_id,
        key_id=key.id,
        credential=credential,
        jwt=vcjwt.sign_credential(key, credential),
        issued_at=issued,
    )
    db.session.add(badge)
    db.session.flush()
    record_event(
        "issue_badge", None, "server", record_type="badge", record_id=badge.id,
        dossier_id=dossier.id,
    )  # fmt: skip
    return badge


def _credential(
    key: IssuerKey, badge_id: uuid.UUID, issued: datetime, facts: Recognition
) -> dict[str, Any]:
    """The credential with its endorsements signed (a fresh salt for its recipient hash)."""
    credential = build(badge_id, issued, secrets.token_hex(16), facts)
    testimonies = quotable_testimonies(facts.dossier, facts.competency.id)
    if testimonies:
        credential["endorsementJwt"] = signed_endorsements(
            key, facts.structure, badge_id, issued, testimonies
        )
    return credential
