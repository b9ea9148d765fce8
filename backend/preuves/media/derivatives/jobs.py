"""What the rest of the server asks about derivatives: enqueue them, read their status."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from preuves.extensions import db
from preuves.media.derivatives.models import PENDING, Derivative
from preuves.media.derivatives.plans import derivative_names


def enqueue_for_blob(sha256: str, media_type: str) -> None:
    """Ask the worker for every derivative this original needs; flushes, never commits.

    Idempotent: the same bytes uploaded twice are one blob, hence one set of jobs.
    """
    existing = set(db.session.scalars(select(Derivative.name).where(Derivative.sha256 == sha256)))
    for name in derivative_names(media_type):
        if name in existing:
            continue
        try:
            # A savepoint: another request may enqueue the same new blob at the same moment.
            with db.session.begin_nested():
                db.session.add(
                    Derivative(
                        sha256=sha256, name=name, source_media_type=media_type, status=PENDING
                    )
                )
        except IntegrityError:
            continue


def find(sha256: str, name: str) -> Derivative | None:
    """The derivative `name` of an original, whatever its status."""
    return db.session.scalar(
        select(Derivative).where(Derivative.sha256 == sha256, Derivative.name == name)
    )


def statuses(sha256: str) -> list[dict[str, Any]]:
    """Each derivative of an original, for clients waiting on them (the status endpoint)."""
    rows = db.session.scalars(
        select(Derivative).where(Derivative.sha256 == sha256).order_by(Derivative.id)
    )
    return [
        {
            "name": row.name,
            "status": row.status,
            "media_type": row.media_type,
            "error": row.error,
        }
        for row in rows
    ]
