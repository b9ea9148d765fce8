"""WebAuthn challenges: one row each, single use, expiring after a few minutes.

A challenge is spent (`used_at`) by an atomic UPDATE, committed before the answer is
checked, so two workers can never both accept it and a failed answer cannot be retried.
"""

from __future__ import annotations

import json
import uuid
from datetime import timedelta

from sqlalchemy import select, update
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url

from preuves.core.errors import Problem
from preuves.core.models import utcnow
from preuves.extensions import db
from preuves.identity.models import Ceremony
from preuves.identity.settings import setting


def open_ceremony(
    purpose: str,
    challenge: bytes,
    person_id: uuid.UUID | None = None,
    invitation_id: uuid.UUID | None = None,
) -> Ceremony:
    """Store a new challenge for one purpose (register, login, enrol)."""
    ceremony = Ceremony(
        purpose=purpose,
        challenge=bytes_to_base64url(challenge),
        person_id=person_id,
        invitation_id=invitation_id,
        expires_at=utcnow() + timedelta(seconds=setting("CEREMONY_SECONDS")),
    )
    db.session.add(ceremony)
    db.session.flush()
    return ceremony


def take(ceremony_id: object, purpose: str) -> Ceremony:
    """Spend a ceremony: unknown, replayed or expired ones are refused with their own code."""
    ceremony = db.session.get(Ceremony, _uuid(ceremony_id))
    if ceremony is None or ceremony.purpose != purpose:
        raise Problem("webauthn_invalid", "Unknown ceremony; ask for new options.")
    spent = db.session.execute(
        update(Ceremony)
        .where(Ceremony.id == ceremony.id, Ceremony.used_at.is_(None))
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    db.session.commit()  # spent before checked, even if what follows fails
    if spent.rowcount != 1:
        raise Problem("challenge_replayed", "This challenge was already used.")
    if ceremony.expires_at <= utcnow():
        raise Problem("challenge_expired", "This challenge has expired; ask for new options.")
    return ceremony


def check_challenge_of(ceremony: Ceremony, client_data_json: str) -> None:
    """A response signed over another challenge: a replay if that one was already spent."""
    try:
        sent = json.loads(base64url_to_bytes(client_data_json)).get("challenge")
    except (ValueError, TypeError, AttributeError):
        raise Problem("webauthn_invalid", "clientDataJSON is not readable.") from None
    if sent == ceremony.challenge:
        return
    other = db.session.scalar(select(Ceremony).where(Ceremony.challenge == sent))
    if other is not None and other.used_at is not None:
        raise Problem("challenge_replayed", "This response answers a challenge already used.")
    raise Problem("webauthn_invalid", "The response does not answer this ceremony's challenge.")


def _uuid(value: object) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise Problem("webauthn_invalid", "ceremony_id is not a UUID.") from None
