"""Rate limits kept in the database (fixed windows), so they hold across workers and restarts.

Redis is not needed: one small row per key, updated under a row lock.
"""

from __future__ import annotations

from datetime import timedelta

from flask import g
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from preuves.core.errors import Problem
from preuves.core.models import utcnow
from preuves.extensions import db
from preuves.identity.models import RateCounter
from preuves.identity.settings import setting


def hit(name: str, subject: str) -> int:
    """Count one attempt under `name:subject`; past the limit, a 429 with Retry-After.

    Called first in a view, before anything else is pending, since it commits.
    """
    limit, window = setting("RATE_LIMITS")[name]
    key = f"{name}:{subject}"[:200]
    now = utcnow()
    counter = _locked_counter(key)
    if counter.window_start + timedelta(seconds=window) <= now:
        counter.window_start, counter.count = now, 0
    retry_after = int((counter.window_start + timedelta(seconds=window) - now).total_seconds()) + 1
    if counter.count > limit:
        # Already refused in this window: refuse again without writing or auditing anything,
        # so that a flood costs the database one read per request.
        g.quiet_refusal = True
        raise _too_many(name, retry_after)
    counter.count += 1
    # Committed at once: a refused attempt still counts, whatever the request does next.
    db.session.commit()
    if counter.count > limit:
        raise _too_many(name, retry_after)
    return counter.count


def _too_many(name: str, retry_after: int) -> Problem:
    return Problem(
        "too_many_requests",
        f"Too many attempts for {name}; try again later.",
        retry_after=max(1, retry_after),
    )


def _locked_counter(key: str) -> RateCounter:
    query = select(RateCounter).where(RateCounter.key == key).with_for_update()
    counter = db.session.scalar(query)
    if counter is not None:
        return counter
    try:
        with db.session.begin_nested():
            db.session.add(RateCounter(key=key, window_start=utcnow(), count=0))
    except IntegrityError:  # another worker made it first
        pass
    return db.session.scalar(query.execution_options(populate_existing=True))


def reset(name: str, subject: str) -> None:
    """Forget the attempts under one key (a support worker unlocked a person)."""
    db.session.execute(delete(RateCounter).where(RateCounter.key == f"{name}:{subject}"[:200]))
