"""Per-upload leases: one PATCH at a time per upload, across threads, workers and servers.

A lease is a compare-and-set UPDATE committed at once, so no database transaction stays open
while the body streams (SQLite would block every other writer). The holder renews it while
it streams and releases it with the new offset; a crashed holder's lease simply runs out.
"""

from __future__ import annotations

import os
import secrets
import socket
import time
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import or_, update

from preuves.core.errors import Problem
from preuves.core.models import utcnow
from preuves.extensions import db
from preuves.media import settings
from preuves.media.models import Upload


class LeaseLost(Exception):
    """Someone else holds the upload now: stop writing at once."""


def _holder() -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(6)}"


def _lease_seconds() -> int:
    return int(settings.setting("UPLOAD_LEASE_SECONDS"))


@dataclass
class Lease:
    upload_id: uuid.UUID
    holder: str = field(default_factory=_holder)
    renewed: float = field(default_factory=time.monotonic)
    seconds: int = field(default_factory=_lease_seconds)  # read once: due() runs per piece

    def _until(self) -> Any:
        return utcnow() + timedelta(seconds=self.seconds)

    def acquire(self, *conditions: Any) -> None:
        """Take the upload, or 423 while someone else holds it."""
        if not self.try_acquire(*conditions):
            raise Problem("upload_locked", "Another request is sending this upload; retry soon.")

    def try_acquire(self, *conditions: Any) -> bool:
        """Take the upload if it is free and meets `conditions` (one UPDATE, committed)."""
        now = utcnow()
        taken = db.session.execute(
            update(Upload)
            .where(
                Upload.id == self.upload_id,
                or_(Upload.locked_by.is_(None), Upload.locked_until < now),
                *conditions,
            )
            .values(locked_by=self.holder, locked_until=self._until())
            .execution_options(synchronize_session=False)
        ).rowcount
        db.session.commit()
        self.renewed = time.monotonic()
        return taken == 1

    def due(self) -> bool:
        """Renew at a quarter of the lease: a stalled read must not outlive it unnoticed."""
        return time.monotonic() - self.renewed > self.seconds / 4

    def renew(self, **values: Any) -> None:
        """Extend the lease (and save progress); LeaseLost if it was taken meanwhile."""
        if not self._update(locked_until=self._until(), **values):
            raise LeaseLost(str(self.upload_id))
        self.renewed = time.monotonic()

    def release(self, **values: Any) -> bool:
        """Give the upload back with its new state; False if the lease was lost."""
        return self._update(locked_by=None, locked_until=None, **values)

    def _update(self, **values: Any) -> bool:
        done = db.session.execute(
            update(Upload)
            .where(Upload.id == self.upload_id, Upload.locked_by == self.holder)
            .values(**values)
            .execution_options(synchronize_session=False)
        ).rowcount
        db.session.commit()
        return done == 1
