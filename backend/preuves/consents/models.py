"""A signature binds a person to a document by its hash; a drawn mark counts."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from preuves.core.models import SyncedRecord
from preuves.core.types import UtcDateTime
from preuves.core.vocab import CONSENT_KINDS, SIGNED_DOCUMENTS, SIGNER_ROLES, choice
from preuves.extensions import db


class Consent(SyncedRecord, db.Model):
    __tablename__ = "consent"

    subject_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossier.id"), index=True)
    kind: Mapped[str] = mapped_column(choice("consent_kind", CONSENT_KINDS))
    granted: Mapped[bool]
    given_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    given_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Signature(SyncedRecord, db.Model):
    __tablename__ = "signature"

    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossier.id"), index=True)
    document_kind: Mapped[str] = mapped_column(choice("signed_document", SIGNED_DOCUMENTS))
    document_sha256: Mapped[str] = mapped_column(String(64))
    signer_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    signer_name: Mapped[str] = mapped_column(String(200))
    signer_role: Mapped[str] = mapped_column(choice("signer_role", SIGNER_ROLES))
    mark_sha256: Mapped[str | None] = mapped_column(String(64))
    signed_at: Mapped[datetime] = mapped_column(UtcDateTime())
