"""A testimony may come from someone with no account (a placement tutor, an employer)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from preuves.core.models import SyncedRecord
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
