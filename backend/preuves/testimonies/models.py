"""A testimony may come from someone with no account (a placement tutor, an employer)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from preuves.core.ids import uuid7
from preuves.core.models import SyncedRecord, utcnow
from preuves.core.types import UtcDateTime
from preuves.core.vocab import TESTIMONY_KINDS, choice
from preuves.extensions import db


class Testimony(SyncedRecord, db.Model):
    __tablename__ = "testimony"

    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossier.id"), index=True)
    kind: Mapped[str] = mapped_column(choice("testimony_kind", TESTIMONY_KINDS))
    author_person_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    author_name: Mapped[str] = mapped_column(String(200))
    author_role: Mapped[str] = mapped_column(String(200))
    body_text: Mapped[str | None] = mapped_column(Text)
    body_audio_sha256: Mapped[str | None] = mapped_column(String(64))
    competency_ids: Mapped[list] = mapped_column(JSON, default=list)
    given_at: Mapped[datetime] = mapped_column(UtcDateTime())


class TestimonyRequest(db.Model):
    """A one-time link a staff member hands to a witness (a tutor, an employer) to testify.

    Not a synced record: it holds a secret (the token's hash) and stays on the server. The
    testimony it yields is a synced record like any other.
    """

    __tablename__ = "testimony_request"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    dossier_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("dossier.id", ondelete="CASCADE"), index=True
    )
    competency_ids: Mapped[list] = mapped_column(JSON, default=list)
    witness_name: Mapped[str | None] = mapped_column(String(200))
    witness_role: Mapped[str | None] = mapped_column(String(200))
    message: Mapped[str | None] = mapped_column(Text)
    requested_by_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # The testimony the link gave, and whether the witness agreed to share it with the jury.
    testimony_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    consent_to_share: Mapped[bool | None]
