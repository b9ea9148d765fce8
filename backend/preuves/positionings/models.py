"""A positioning is a snapshot: a later one supersedes it, neither overwrites the other."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from preuves.core.models import SyncedRecord
from preuves.core.types import UtcDateTime
from preuves.core.vocab import POSITIONING_KINDS, choice
from preuves.extensions import db


class Positioning(SyncedRecord, db.Model):
    __tablename__ = "positioning"

    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossier.id"), index=True)
    author_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    kind: Mapped[str] = mapped_column(choice("positioning_kind", POSITIONING_KINDS))
    taken_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # [{"competency_id", "level_key", "comment_text"?, "comment_audio_sha256"?, "evidence_ids"?}]
    items: Mapped[list] = mapped_column(JSON, default=list)
    complete: Mapped[bool] = mapped_column(default=False)
