"""One derivative of one original: the job that makes it and, once made, where it is."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from preuves.core.models import utcnow
from preuves.core.types import UtcDateTime
from preuves.extensions import db

PENDING, RUNNING, READY, FAILED, NOT_NEEDED = "pending", "running", "ready", "failed", "not_needed"
STATUSES = (PENDING, RUNNING, READY, FAILED, NOT_NEEDED)


class Derivative(db.Model):
    """`sha256` names the original; `blob_sha256` the derivative once it is ready.

    Leases: a worker takes a row by setting `leased_by` and `lease_until` (see leases.py). A row
    is free when it is pending or running and `lease_until` has passed (or is empty): a crashed
    worker's job is taken again once its lease expires, and a job to retry waits the same way.
    """

    __tablename__ = "media_derivative"
    __table_args__ = (UniqueConstraint("sha256", "name"),)

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    name: Mapped[str] = mapped_column(String(20))
    source_media_type: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(12), default=PENDING, index=True)
    blob_sha256: Mapped[str | None] = mapped_column(String(64), default=None)
    media_type: Mapped[str | None] = mapped_column(String(100), default=None)
    size: Mapped[int | None] = mapped_column(BigInteger, default=None)
    error: Mapped[str | None] = mapped_column(Text, default=None)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    leased_by: Mapped[str | None] = mapped_column(String(100), default=None)
    lease_until: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)
