"""Columns shared by every synced record (ARCHITECTURE.md, "Records and sync")."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import BigInteger, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from preuves.core.ids import uuid7
from preuves.core.types import UtcDateTime


def utcnow() -> datetime:
    """The server clock, the one source of order."""
    return datetime.now(UTC)


class SyncedRecord:
    """A record with a client-made UUID, a server rev, a tombstone and who changed it when.

    `changed_by_id` holds no foreign key on purpose: erasing a person must not cascade
    through everything they once touched (see people.erasure).
    """

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    rev: Mapped[int] = mapped_column(BigInteger, default=1)
    deleted: Mapped[bool] = mapped_column(default=False)
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    changed_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    client_changed_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)
    # Place in the one commit order of the whole database (sync.seq stamps it just before
    # commit; 0 only until then). Pulls page on it. Never sent to clients.
    seq: Mapped[int] = mapped_column(BigInteger, default=0, index=True)
