"""The offline copy's manifest: what a jury member's tablet downloads before the session.

The records come by the ordinary sync pull; this lists the media to fetch with them, per
assigned dossier: the selected evidence (all of it when nothing is selected), their spoken
captions, the testimonies' voices and the drawn signature marks, each as the derivative a
browser plays when it is ready, else the original, with its real size (docs/jury.md).
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import select

from preuves.audit.operations import audit_read
from preuves.consents.models import Signature
from preuves.core.errors import Problem
from preuves.core.vocab import MANAGER_ROLES
from preuves.dossiers.models import Dossier
from preuves.evidence.models import Evidence
from preuves.extensions import db
from preuves.identity.principal import Principal
from preuves.juries.lifecycle import assigned_dossier_ids
from preuves.juries.models import JuryMember, JurySession
from preuves.juries.signing import is_member
from preuves.media.derivatives.models import READY, Derivative
from preuves.media.models import Blob
from preuves.people.models import Person
from preuves.policy.dossier_access import JURY_READING_STATUSES, relations
from preuves.testimonies.models import Testimony

# The derivative a browser plays, by kind of original (media/derivatives/plans.py).
PLAYABLE = {"image": "display", "video": "web", "audio": "web"}


def keep_until(session: JurySession) -> date:
    """The day after which the device erases its copy, whatever else happens."""
    return session.held_on + timedelta(days=current_app.config["JURY_OFFLINE_DAYS"])


def readable_session(principal: Principal, session_id: uuid.UUID) -> JurySession:
    """The session, for one of its members while it is planned or open, or a manager of
    its structure; 404 for anyone else, 403 once a member's access has ended."""
    session = db.session.get(JurySession, session_id)
    if session is None or session.deleted:
        raise Problem("not_found", f"No jury session {session_id}.")
    if principal.has_any_role(session.structure_id, MANAGER_ROLES):
        return session
    if not is_member(session.id, principal.person_id):
        raise Problem("not_found", f"No jury session {session_id}.")
    if session.status not in JURY_READING_STATUSES:
        raise Problem("jury_access_ended", f"The session is {session.status}.")
    return session


def manifest(principal: Principal, session: JurySession) -> dict[str, Any]:
    """The manifest of the session's dossiers the caller may read (each read audited)."""
    dossiers = []
    for dossier_id in assigned_dossier_ids(session.id):
        if not relations(principal, dossier_id):
            continue
        dossier = db.session.get(Dossier, dossier_id)
        dossiers.append(_dossier_entry(dossier))
        detail = {"jury_offline": str(session.id)}
        audit_read(principal, "dossier", dossier.id, record_id=dossier.id, detail=detail)
    return {
        "session_id": str(session.id),
        "keep_until": keep_until(session).isoformat(),
        "bytes": sum(d["bytes"] for d in dossiers),
        "members": _members(session.id),
        "dossiers": dossiers,
    }


def _members(session_id: uuid.UUID) -> list[dict[str, str]]:
    """Who sits, by name: a member from outside receives no person record of the others, and
    the minutes they sign on their device must still name everyone."""
    query = (
        select(JuryMember.person_id, JuryMember.jury_role, Person.given_name, Person.family_name)
        .join(Person, Person.id == JuryMember.person_id)
        .where(JuryMember.session_id == session_id, JuryMember.deleted.is_(False))
        .order_by(JuryMember.person_id)
    )
    return [
        {"person_id": str(person_id), "name": f"{given} {family}".strip(), "jury_role": role}
        for person_id, role, given, family in db.session.execute(query)
    ]


def _dossier_entry(dossier: Dossier) -> dict[str, Any]:
    media = [m for m in (_media_item(*wanted) for wanted in _wanted(dossier)) if m]
    return {
        "dossier_id": str(dossier.id),
        "candidate_name": _short_name(db.session.get(Person, dossier.candidate_id)),
        "bytes": sum(m["bytes"] for m in media),
        "media": media,
    }


def _short_name(person: Person | None) -> str:
    """ "Léa M.": enough for the jury to tell the dossiers apart."""
    if person is None:
        return ""
    initial = f" {person.family_name[:1]}." if person.family_name else ""
    return f"{person.given_name}{initial}"


def _live(model: type, dossier_id: uuid.UUID) -> list[Any]:
    query = select(model).where(model.dossier_id == dossier_id, model.deleted.is_(False))
    return list(db.session.scalars(query.order_by(model.id)))


def _chosen_evidence(dossier: Dossier) -> list[Evidence]:
    """The selection, in its order; every current piece when nothing is selected."""
    every = _live(Evidence, dossier.id)
    superseded = {e.supersedes_id for e in every if e.supersedes_id}
    by_id = {e.id: e for e in every}
    chosen = [i for ids in (dossier.selection or {}).values() for i in ids]
    if not chosen:
        return [e for e in every if e.id not in superseded]
    picked = (by_id.get(uuid.UUID(str(i))) for i in chosen)
    return [e for e in picked if e is not None]


def _wanted(dossier: Dossier) -> list[tuple[str, str | None, str]]:
    """(sha256, evidence id, use) of each medium the reader needs, each blob once."""
    wanted = []
    for evidence in _chosen_evidence(dossier):
        wanted.append((evidence.media_sha256, str(evidence.id), "evidence"))
        wanted.append((evidence.caption_audio_sha256, str(evidence.id), "caption_audio"))
    wanted += [(t.body_audio_sha256, None, "testimony_audio") for t in _live(Testimony, dossier.id)]
    wanted += [(s.mark_sha256, None, "mark") for s in _live(Signature, dossier.id)]
    seen: set[str] = set()
    unique = []
    for sha256, evidence_id, use in wanted:
        if sha256 and sha256 not in seen:
            seen.add(sha256)
            unique.append((sha256, evidence_id, use))
    return unique


def _media_item(sha256: str, evidence_id: str | None, use: str) -> dict[str, Any] | None:
    blob = db.session.get(Blob, sha256)
    if blob is None:
        return None  # not uploaded yet: the device gets it on a later download
    item = {"sha256": sha256, "evidence_id": evidence_id, "use": use}
    derivative = _playable(blob)
    if derivative is None:
        url, media_type, size = f"/api/v1/media/{sha256}", blob.media_type, blob.size
    else:
        url = f"/api/v1/media/{sha256}/{derivative.name}"
        media_type, size = derivative.media_type, derivative.size
    return item | {"media_type": media_type, "bytes": size, "url": url}


def _playable(blob: Blob) -> Derivative | None:
    name = PLAYABLE.get(blob.media_type.split("/", 1)[0])
    if name is None:
        return None
    derivative = db.session.scalar(
        select(Derivative).where(Derivative.sha256 == blob.sha256, Derivative.name == name)
    )
    ready = derivative is not None and derivative.status == READY and derivative.size is not None
    return derivative if ready else None
