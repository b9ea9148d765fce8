"""Hand jobs out to workers with a lease in the database, so that any number of workers on any
number of machines share the queue, and a crashed worker's job is taken again.

A claim is a compare-and-swap: `UPDATE ... WHERE id = ? AND attempts = <what we read> AND <still
free>`. Of two workers racing for one row, exactly one updates it (PostgreSQL re-checks the
condition after the first one's row lock; SQLite runs writes one at a time). No SKIP LOCKED is
needed, so the same code runs on both databases.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import and_, or_, select, update

from preuves.core.models import utcnow
from preuves.extensions import db
from preuves.media.derivatives.models import FAILED, PENDING, RUNNING, Derivative

GAVE_UP = "The conversion stopped {n} times without finishing. The file may be too big or damaged."


@dataclass(frozen=True)
class Claim:
    """A job a worker holds, copied out of the session: no transaction stays open meanwhile."""

    id: int
    sha256: str
    name: str
    source_media_type: str
    attempts: int
    worker: str


def lease_length() -> timedelta:
    return timedelta(seconds=current_app.config.get("MEDIA_LEASE_SECONDS", 300))


def max_attempts() -> int:
    return current_app.config.get("MEDIA_MAX_ATTEMPTS", 3)


def _free(now: datetime) -> Any:
    """Pending or running with no live lease, attempts left."""
    return and_(
        Derivative.status.in_((PENDING, RUNNING)),
        or_(Derivative.lease_until.is_(None), Derivative.lease_until < now),
        Derivative.attempts < max_attempts(),
    )


def _give_up_on_abandoned(now: datetime) -> None:
    """A job whose worker died on its last attempt will never finish: say so."""
    db.session.execute(
        update(Derivative)
        .where(
            Derivative.status == RUNNING,
            Derivative.lease_until < now,
            Derivative.attempts >= max_attempts(),
        )
        .values(
            status=FAILED,
            error=GAVE_UP.format(n=max_attempts()),
            leased_by=None,
            lease_until=None,
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )


def claim(worker: str) -> Claim | None:
    """Take the oldest free job, or None; commits either way."""
    now = utcnow()
    _give_up_on_abandoned(now)
    candidates = db.session.execute(
        select(Derivative.id, Derivative.attempts).where(_free(now)).order_by(Derivative.id)
    ).all()
    for row_id, attempts in candidates[:20]:
        taken = db.session.execute(
            update(Derivative)
            .where(Derivative.id == row_id, Derivative.attempts == attempts, _free(now))
            .values(
                status=RUNNING,
                leased_by=worker,
                lease_until=now + lease_length(),
                attempts=attempts + 1,
                updated_at=now,
            )
            .execution_options(synchronize_session=False)
        )
        if taken.rowcount == 1:
            db.session.commit()
            job = db.session.get(Derivative, row_id)
            assert job is not None
            return Claim(job.id, job.sha256, job.name, job.source_media_type, job.attempts, worker)
    db.session.commit()
    return None


def _update_held(held: Claim, **values: Any) -> bool:
    """Change a job only if this worker still holds it; commits. False: the lease was lost."""
    done = db.session.execute(
        update(Derivative)
        .where(
            Derivative.id == held.id,
            Derivative.leased_by == held.worker,
            Derivative.status == RUNNING,
        )
        .values(updated_at=utcnow(), **values)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return done.rowcount == 1


def renew(held: Claim) -> bool:
    """Extend the lease of a long conversion (a 500 MB video takes minutes)."""
    return _update_held(held, lease_until=utcnow() + lease_length())


def finish(held: Claim, status: str, **values: Any) -> bool:
    """Record the outcome (ready, failed, not_needed) and release the lease."""
    return _update_held(held, status=status, leased_by=None, lease_until=None, **values)


def retry_later(held: Claim, error: str) -> bool:
    """An unexpected error: back to pending after a pause, or failed when attempts are spent."""
    if held.attempts >= max_attempts():
        return finish(held, FAILED, error=error)
    pause = timedelta(seconds=current_app.config.get("MEDIA_RETRY_SECONDS", 60) * held.attempts)
    return _update_held(
        held, status=PENDING, error=error, leased_by=None, lease_until=utcnow() + pause
    )
