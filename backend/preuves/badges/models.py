"""The structure's signing keys and the badges it issued.

Neither is a synced record: a key holds a secret, and a badge is made by the server when a
jury session closes; devices read badges through the API.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from preuves.core.models import utcnow
from preuves.core.types import UtcDateTime
from preuves.extensions import db


class IssuerKey(db.Model):
    """An Ed25519 key of a structure. Retired keys stay: the badges they signed still verify."""

    __tablename__ = "badge_issuer_key"

    # Random (uuid4): the id is part of the public `kid` URL.
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    structure_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("structure.id"), index=True)
    private_pem: Mapped[str] = mapped_column(Text)  # PKCS#8; back it up (docs/badges.md)
    public_jwk: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    retired_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class BadgeCredential(db.Model):
    """One OpenBadgeCredential: a competency a jury session recognised in a dossier."""

    __tablename__ = "badge_credential"
    __table_args__ = (UniqueConstraint("dossier_id", "competency_id", "session_id"),)

    # Random (uuid4), never a time-ordered id: the public verification URL is made of it.
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    dossier_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("dossier.id", ondelete="CASCADE"), index=True
    )
    competency_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    session_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("jury_session.id"), index=True)
    structure_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("structure.id"), index=True)
    key_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("badge_issuer_key.id"))
    credential: Mapped[dict] = mapped_column(JSON)
    jwt: Mapped[str] = mapped_column(Text)
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    revoked_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
