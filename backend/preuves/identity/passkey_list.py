"""A person's passkeys: list, rename, remove (never the last), and the recovery that
replaces them all. Each function flushes; the view commits."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select

from preuves.audit.operations import record_event
from preuves.core.errors import Problem
from preuves.extensions import db
from preuves.identity import sessions
from preuves.identity.models import Invitation, Passkey, WebSession
from preuves.identity.principal import Principal


def mine(principal: Principal) -> list[Passkey]:
    query = select(Passkey).where(Passkey.person_id == principal.person_id)
    return list(db.session.scalars(query.order_by(Passkey.created_at)))


def my_passkey(principal: Principal, passkey_id: uuid.UUID) -> Passkey:
    """One of the caller's passkeys; anyone else's does not exist for them."""
    passkey = db.session.get(Passkey, passkey_id)
    if passkey is None or passkey.person_id != principal.person_id:
        raise Problem("not_found", f"No passkey {passkey_id}.")
    return passkey


def rename(principal: Principal, passkey_id: uuid.UUID, label: Any) -> Passkey:
    if not isinstance(label, str) or not label.strip() or len(label) > 120:
        raise Problem("bad_request", "label is a text of 1 to 120 characters.")
    passkey = my_passkey(principal, passkey_id)
    passkey.label = label.strip()
    return passkey


def remove(principal: Principal, passkey_id: uuid.UUID) -> None:
    """Remove a passkey (never the last one) and end the sessions it opened."""
    passkey = my_passkey(principal, passkey_id)
    count = db.session.scalar(
        select(func.count()).select_from(Passkey).where(Passkey.person_id == passkey.person_id)
    )
    if count <= 1:
        raise Problem("last_passkey", "This is your last passkey; add another one first.")
    sessions.revoke_where(WebSession.passkey_id == passkey.id)
    record_event("remove_passkey", principal.person_id, principal.kind, **_about(passkey))
    db.session.delete(passkey)
    db.session.flush()


def remove_all_but(person_id: uuid.UUID, keep: Passkey) -> int:
    """Recovery: the lost phone's passkeys stop working, and their sessions end."""
    others = [p for p in mine_of(person_id) if p.id != keep.id]
    for passkey in others:
        sessions.revoke_where(WebSession.passkey_id == passkey.id)
        db.session.delete(passkey)
    db.session.flush()
    return len(others)


def replace_after_recovery(invitation_id: uuid.UUID, keep: Passkey) -> None:
    """A recovery invitation may ask that the person's older passkeys stop working."""
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is not None and invitation.replace_passkeys:
        remove_all_but(keep.person_id, keep)


def mine_of(person_id: uuid.UUID) -> list[Passkey]:
    return list(db.session.scalars(select(Passkey).where(Passkey.person_id == person_id)))


def passkey_json(passkey: Passkey) -> dict[str, Any]:
    return {
        "id": str(passkey.id),
        "label": passkey.label,
        "created_at": passkey.created_at.isoformat(),
        "last_used_at": passkey.last_used_at.isoformat() if passkey.last_used_at else None,
        "backed_up": passkey.backed_up,
        "transports": passkey.transports,
    }


def _about(passkey: Passkey) -> dict[str, Any]:
    return {"record_type": "passkey", "record_id": passkey.id, "subject_id": passkey.person_id}
