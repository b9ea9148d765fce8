"""Media rows: the stored originals (Blob), which dossier received them (MediaLink), and
the resumable uploads on their way in (Upload, the tus state: docs/media.md)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, BigInteger, ForeignKey, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from preuves.core.ids import uuid7
from preuves.core.models import utcnow
from preuves.core.types import UtcDateTime
from preuves.extensions import db


class Blob(db.Model):
    """An original, stored once under the SHA-256 of its bytes; its type comes from sniffing."""

    __tablename__ = "media_blob"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    media_type: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class MediaLink(db.Model):
    """ "This dossier received these bytes": what lets a record point to them, and who reads them.

    Erasing a dossier removes its links (ON DELETE CASCADE); the blob itself goes with the
    last record that points to it (people.erasure).
    """

    __tablename__ = "media_link"

    sha256: Mapped[str] = mapped_column(ForeignKey("media_blob.sha256"), primary_key=True)
    dossier_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("dossier.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class Upload(db.Model):
    """One tus upload. `offset` counts the bytes safely on disk in UPLOAD_DIR/<id>.

    The lease (`locked_by`, `locked_until`) is taken by a compare-and-set UPDATE before a
    PATCH streams, so two PATCHes never interleave and a crashed worker's lease runs out.
    """

    __tablename__ = "media_upload"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    length: Mapped[int] = mapped_column(BigInteger)
    offset: Mapped[int] = mapped_column(BigInteger, default=0)
    # Every body byte that reached the server, kept or not: what interruptions cost.
    received: Mapped[int] = mapped_column(BigInteger, default=0)
    upload_metadata: Mapped[dict] = mapped_column(JSON, default=dict)
    declared_type: Mapped[str | None] = mapped_column(String(100), default=None)
    record_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    dossier_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("dossier.id", ondelete="CASCADE"), index=True
    )
    structure_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    # Known once the first bytes are in (sniffed), never from the client's word.
    media_type: Mapped[str | None] = mapped_column(String(100), default=None)
    kind: Mapped[str | None] = mapped_column(String(20), default=None)
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)
    terminated_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)
    failed_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)
    failure: Mapped[str | None] = mapped_column(String(40), default=None)
    sha256: Mapped[str | None] = mapped_column(String(64), default=None)
    locked_by: Mapped[str | None] = mapped_column(String(100), default=None)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)

    @property
    def ended(self) -> bool:
        """Terminated, failed or expired unfinished: nothing more may be sent to it."""
        expired = self.completed_at is None and self.expires_at <= utcnow()
        return bool(self.terminated_at or self.failed_at or expired)
