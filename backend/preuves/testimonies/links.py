"""The life of a one-time testimony link: live, then used once, withdrawn or expired."""

from __future__ import annotations

from sqlalchemy import select, update

from preuves.core.errors import Problem
from preuves.core.models import utcnow
from preuves.extensions import db
from preuves.identity.tokens import hash_token
from preuves.testimonies.models import TestimonyRequest


def live(token: str) -> TestimonyRequest:
    """The request behind a token, refused when unknown, used, withdrawn or expired."""
    asked = db.session.scalar(
        select(TestimonyRequest).where(TestimonyRequest.token_hash == hash_token(token or ""))
    )
    if asked is None:
        raise Problem("not_found", "No such testimony link.")
    if asked.used_at is not None:
        raise Problem("testimony_link_used", "This link was already used.")
    if asked.revoked_at is not None:
        raise Problem("testimony_link_withdrawn", "This link was withdrawn.")
    if asked.expires_at <= utcnow():
        raise Problem("testimony_link_expired", "This link has expired.")
    return asked


def consume(asked: TestimonyRequest) -> None:
    """Spend the link, exactly once even when two answers race."""
    spent = db.session.execute(
        update(TestimonyRequest)
        .where(
            TestimonyRequest.id == asked.id,
            TestimonyRequest.used_at.is_(None),
            TestimonyRequest.revoked_at.is_(None),
            TestimonyRequest.expires_at > utcnow(),
        )
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if spent.rowcount != 1:
        raise Problem("testimony_link_used", "This link can no longer be used.")
    db.session.refresh(asked)


def status(asked: TestimonyRequest) -> str:
    if asked.used_at is not None:
        return "used"
    if asked.revoked_at is not None:
        return "withdrawn"
    return "expired" if asked.expires_at <= utcnow() else "live"
