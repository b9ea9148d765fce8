"""Browser sessions: a random token in the cookie, its SHA-256 in the database.

Each session has an idle expiry (pushed back as it is used) and an absolute one, and can be
revoked on the server (sign-out, a revoked tablet, a passkey taken away).
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update

from preuves.core.models import utcnow
from preuves.extensions import db
from preuves.identity.models import WebSession
from preuves.identity.settings import minutes, setting
from preuves.identity.tokens import hash_token

TOUCH_EVERY = timedelta(minutes=1)  # at most one write a minute per session


@dataclass(frozen=True)
class NewSession:
    row: WebSession
    token: str  # for the cookie; never stored
    lifetime: timedelta


def _lifetimes(kind: str) -> tuple[timedelta, timedelta]:
    if kind == "picture":
        idle = minutes("PICTURE_SESSION_IDLE_MINUTES")
        return idle, timedelta(hours=setting("PICTURE_SESSION_MAX_HOURS"))
    return minutes("SESSION_IDLE_MINUTES"), timedelta(hours=setting("SESSION_MAX_HOURS"))


def open_session(
    person_id: uuid.UUID,
    kind: str,
    device_id: uuid.UUID | None = None,
    passkey_id: uuid.UUID | None = None,
) -> NewSession:
    """Start a session (flushed; the view sets the cookie and commits)."""
    token = secrets.token_urlsafe(32)
    idle, absolute = _lifetimes(kind)
    now = utcnow()
    row = WebSession(
        token_hash=hash_token(token),
        csrf_token=secrets.token_urlsafe(32),
        person_id=person_id,
        kind=kind,
        device_id=device_id,
        passkey_id=passkey_id,
        created_at=now,
        last_seen_at=now,
        idle_expires_at=now + idle,
        expires_at=now + absolute,
    )
    db.session.add(row)
    db.session.flush()
    return NewSession(row, token, absolute)


def live_session(token: str) -> WebSession | None:
    """The session behind a cookie value, if it is neither revoked nor expired."""
    row = db.session.scalar(select(WebSession).where(WebSession.token_hash == hash_token(token)))
    now = utcnow()
    if row is None or row.revoked_at is not None:
        return None
    if now >= row.expires_at or now >= row.idle_expires_at:
        return None
    return row


def touch(row: WebSession) -> bool:
    """Push the idle expiry back; True when the row changed (the caller commits)."""
    now = utcnow()
    if now - row.last_seen_at < TOUCH_EVERY:
        return False
    idle, _absolute = _lifetimes(row.kind)
    row.last_seen_at, row.idle_expires_at = now, min(now + idle, row.expires_at)
    return True


def revoke(row: WebSession) -> None:
    row.revoked_at = row.revoked_at or utcnow()


def revoke_where(*conditions: object) -> int:
    """Revoke every live session matching the conditions; how many."""
    result = db.session.execute(
        update(WebSession)
        .where(WebSession.revoked_at.is_(None), *conditions)
        .values(revoked_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return result.rowcount
