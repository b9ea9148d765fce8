"""Invitations: a one-time link (and its QR code) that lets a person register a passkey.

A lead invites into their structure. For an outside jury member, the structure that runs the
jury session invites them into that session only: no structure role. Re-inviting someone
(recovery) revokes their older live invitations.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import timedelta
from typing import Any

import segno
from sqlalchemy import select, update

from preuves.audit.operations import record_event
from preuves.core.errors import Problem
from preuves.core.models import utcnow
from preuves.core.vocab import MANAGER_ROLES
from preuves.extensions import db
from preuves.identity import invitees
from preuves.identity.models import Invitation
from preuves.identity.principal import Principal
from preuves.identity.settings import setting
from preuves.identity.tokens import hash_token
from preuves.people.models import Person
from preuves.structures.models import Structure

# The PWA routes on the hash: the token never reaches a server log through the path.
INVITATION_PATH = "/#/invitation/"


def create(body: dict[str, Any], actor: Principal | None) -> tuple[Invitation, str]:
    """Make an invitation (the person and their role too); returns it and its token."""
    structure_id = invitees.uuid_field(body, "structure_id", required=True)
    if actor is not None and not actor.has_any_role(structure_id, MANAGER_ROLES):
        raise Problem("forbidden", "Only a lead of the structure invites into it.")
    placement = invitees.place(body, structure_id, actor)
    _revoke_live(placement.person.id)
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        token_hash=hash_token(token),
        person_id=placement.person.id,
        structure_id=structure_id,
        role=placement.role,
        jury_session_id=placement.jury_session_id,
        replace_passkeys=body.get("replace_passkeys") is True,
        created_by_id=actor.person_id if actor else None,
        expires_at=utcnow() + timedelta(days=setting("INVITATION_DAYS")),
    )
    db.session.add(invitation)
    db.session.flush()
    record_event(
        "create_invitation",
        actor.person_id if actor else None,
        actor.kind if actor else "operator",
        record_type="invitation",
        record_id=invitation.id,
        subject_id=invitation.person_id,
        detail={"role": invitation.role},
    )
    return invitation, token


def link(base_url: str, token: str) -> str:
    return base_url.rstrip("/") + INVITATION_PATH + token


def qr_svg(url: str) -> str:
    """A printable QR code of the link, as an SVG string."""
    return segno.make(url, error="m").svg_inline(scale=4, title="Invitation")


def live_invitation(token: str) -> Invitation:
    """The invitation behind a token, refused when unknown, used, revoked or expired."""
    if not isinstance(token, str) or not token:
        raise Problem("not_found", "No such invitation.")
    invitation = db.session.scalar(
        select(Invitation).where(Invitation.token_hash == hash_token(token))
    )
    if invitation is None:
        raise Problem("not_found", "No such invitation.")
    if invitation.used_at is not None:
        raise Problem("invitation_used", "This invitation was already used.")
    if invitation.revoked_at is not None:
        raise Problem("invitation_revoked", "This invitation was withdrawn.")
    if invitation.expires_at <= utcnow():
        raise Problem("invitation_expired", "This invitation has expired.")
    return invitation


def consume(invitation_id: uuid.UUID) -> Invitation:
    """Use an invitation, exactly once even when two requests race."""
    spent = db.session.execute(
        update(Invitation)
        .where(
            Invitation.id == invitation_id,
            Invitation.used_at.is_(None),
            Invitation.revoked_at.is_(None),
            Invitation.expires_at > utcnow(),
        )
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    invitation = db.session.get(Invitation, invitation_id, populate_existing=True)
    if spent.rowcount != 1 or invitation is None:
        raise Problem("invitation_used", "This invitation can no longer be used.")
    return invitation


def public_view(invitation: Invitation) -> dict[str, Any]:
    """What the invitation page shows before a passkey exists: first name and where."""
    person = db.session.get(Person, invitation.person_id)
    structure = db.session.get(Structure, invitation.structure_id)
    return {
        "given_name": person.given_name if person else "",
        "structure_name": structure.name if structure else "",
        "role": invitation.role,
        "expires_at": invitation.expires_at.isoformat(),
    }


def for_structure(actor: Principal, structure_id: uuid.UUID) -> list[Invitation]:
    if not actor.has_any_role(structure_id, MANAGER_ROLES):
        raise Problem("forbidden", "Only a lead of the structure sees its invitations.")
    query = select(Invitation).where(Invitation.structure_id == structure_id)
    return list(db.session.scalars(query.order_by(Invitation.created_at.desc())))


def revoke(actor: Principal, invitation_id: uuid.UUID) -> None:
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None or not actor.has_any_role(invitation.structure_id, MANAGER_ROLES):
        raise Problem("not_found", f"No invitation {invitation_id}.")
    invitation.revoked_at = invitation.revoked_at or utcnow()
    record_event(
        "revoke_invitation",
        actor.person_id,
        actor.kind,
        record_type="invitation",
        record_id=invitation.id,
        subject_id=invitation.person_id,
    )


def status(invitation: Invitation) -> str:
    if invitation.used_at is not None:
        return "used"
    if invitation.revoked_at is not None:
        return "revoked"
    return "expired" if invitation.expires_at <= utcnow() else "live"


def invitation_json(invitation: Invitation) -> dict[str, Any]:
    person = db.session.get(Person, invitation.person_id)

    def iso(value: Any) -> str | None:
        return value.isoformat() if value else None

    return {
        "id": str(invitation.id),
        "person_id": str(invitation.person_id),
        "given_name": person.given_name if person else "",
        "family_name": person.family_name if person else "",
        "structure_id": str(invitation.structure_id),
        "role": invitation.role,
        "jury_session_id": str(invitation.jury_session_id) if invitation.jury_session_id else None,
        "status": status(invitation),
        "created_at": iso(invitation.created_at),
        "expires_at": iso(invitation.expires_at),
        "used_at": iso(invitation.used_at),
        "revoked_at": iso(invitation.revoked_at),
    }


def _revoke_live(person_id: uuid.UUID) -> None:
    db.session.execute(
        update(Invitation)
        .where(
            Invitation.person_id == person_id,
            Invitation.used_at.is_(None),
            Invitation.revoked_at.is_(None),
        )
        .values(revoked_at=utcnow())
        .execution_options(synchronize_session=False)
    )
