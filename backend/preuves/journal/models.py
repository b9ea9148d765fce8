"""Journal entries are append-only, like every other piece of evidence."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from preuves.core.models import SyncedRecord
from preuves.core.types import UtcDateTime
from preuves.core.vocab import JOURNAL_AUTHOR_ROLES, JOURNAL_PHASES, choice
from preuves.extensions import db


class JournalEntry(SyncedRecord, db.Model):
    __tablename__ = "journal_entry"

    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossier.id"), index=True)
    author_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    author_role: Mapped[str] = mapped_column(choice("journal_author_role", JOURNAL_AUTHOR_ROLES))
    phase: Mapped[str] = mapped_column(choice("journal_phase", JOURNAL_PHASES))
    work_situation: Mapped[str | None] = mapped_column(String(200))
    body_text: Mapped[str | None] = mapped_column(Text)
    body_audio_sha256: Mapped[str | None] = mapped_column(String(64))
    written_at: Mapped[datetime] = mapped_column(UtcDateTime())
