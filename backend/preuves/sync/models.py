"""What the sync engine remembers: the commit clock, mutations already applied, the scopes
cursors point to, every revision of mutable records, and conflicts to resolve."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Integer, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from preuves.core.ids import uuid7
from preuves.core.models import utcnow
from preuves.core.types import UtcDateTime
from preuves.extensions import db


class SyncClock(db.Model):
    """One row: the last sequence number given out, and the horizon. A cursor whose seq is
    below the horizon may have missed tombstones purged since: it must resync."""

    __tablename__ = "sync_clock"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)
    horizon: Mapped[int] = mapped_column(BigInteger, default=0)


class SyncMutation(db.Model):
    """A mutation applied once; pushing it again returns `result` and changes nothing."""

    __tablename__ = "sync_mutation"

    mutation_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    device_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    type: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    result: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, index=True)


class SyncScope(db.Model):
    """What one caller could see when a cursor was made. Content-addressed: `id` is the
    SHA-256 of the content, so every cursor with the same scope shares one row."""

    __tablename__ = "sync_scope"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    dossier_ids: Mapped[list[str]] = mapped_column(JSON)
    # Visible ids of the records outside dossiers, by type (person, structure...).
    other_ids: Mapped[dict[str, list[str]]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class RecordRevision(db.Model):
    """Every revision of a mutable record, so a change made on an old base can be merged."""

    __tablename__ = "record_revision"
    __table_args__ = (UniqueConstraint("type", "record_id", "rev"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    type: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    rev: Mapped[int] = mapped_column(BigInteger)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    changed_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class SyncConflict(db.Model):
    """A write that lost: the same fields changed on both sides. Kept whole until a support
    worker resolves it; the server's version stayed in place meanwhile."""

    __tablename__ = "sync_conflict"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    type: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    dossier_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    structure_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    base_rev: Mapped[int | None] = mapped_column(BigInteger)
    server_rev: Mapped[int] = mapped_column(BigInteger)
    base: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    mine: Mapped[dict[str, Any]] = mapped_column(JSON)
    theirs: Mapped[dict[str, Any]] = mapped_column(JSON)
    fields: Mapped[list[str]] = mapped_column(JSON)
    raised_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    device_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    resolved_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    resolution: Mapped[dict[str, Any] | None] = mapped_column(JSON)
