"""API tokens for scripts and devices: random, hashed at rest, expiring and revocable."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import timedelta

from flask import Flask, g, request
from sqlalchemy import select

from preuves.core.errors import Problem
from preuves.core.models import utcnow
from preuves.extensions import db
from preuves.identity.models import ApiToken
from preuves.identity.principal import principal_for

TOKEN_PREFIX = "pv_"


def hash_token(token: str) -> str:
    """The only form in which a token is stored."""
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(person_id: uuid.UUID, days: int, label: str = "") -> str:
    """Create a token for a person; the plain value is returned once and never stored."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires_at = utcnow() + timedelta(days=days)
    db.session.add(
        ApiToken(
            person_id=person_id, token_hash=hash_token(token), label=label, expires_at=expires_at
        )
    )
    db.session.flush()
    return token


def revoke_tokens(person_id: uuid.UUID) -> int:
    """Revoke every live token of a person; returns how many."""
    tokens = db.session.scalars(
        select(ApiToken).where(ApiToken.person_id == person_id, ApiToken.revoked_at.is_(None))
    ).all()
    for token in tokens:
        token.revoked_at = utcnow()
    return len(tokens)


def _token_from_header() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


# What the authentication chain leaves in g. Cleared first: a test client's requests may
# share one application context, and so one g.
REQUEST_IDENTITY = (
    "principal",
    "web_session",
    "device",
    "clear_session_cookie",
    "clear_device_cookie",
)


def authenticate_bearer() -> None:
    """Resolve a bearer token into g.principal; a bad token is a 401, never a silent guest."""
    for name in REQUEST_IDENTITY:
        g.pop(name, None)
    token = _token_from_header()
    if token is None:
        return
    row = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(token)))
    if row is None or row.revoked_at is not None:
        raise Problem("unauthenticated", "Unknown or revoked token.")
    if row.expires_at <= utcnow():
        raise Problem("token_expired", "This token has expired.")
    g.principal = principal_for(row.person_id, "token")


def init_app(app: Flask) -> None:
    """Authenticate every API request that carries a bearer token."""
    app.before_request(authenticate_bearer)
