"""Append-only records: created, then only superseded or tombstoned, never edited."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from preuves.core.models import SyncedRecord
from preuves.core.types import UtcDateTime
from preuves.core.vocab import ANNOTATION_KINDS, EVIDENCE_KINDS, PEOPLE_IN_PICTURE, choice
from preuves.extensions import db


class Evidence(SyncedRecord, db.Model):
    __tablename__ = "evidence"

    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossier.id"), index=True)
    author_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    kind: Mapped[str] = mapped_column(choice("evidence_kind", EVIDENCE_KINDS))
    media_sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    media_type: Mapped[str | None] = mapped_column(String(100))
    caption_text: Mapped[str | None] = mapped_column(Text)
    caption_audio_sha256: Mapped[str | None] = mapped_column(String(64))
    task: Mapped[str | None] = mapped_column(String(200))
    competency_ids: Mapped[list] = mapped_column(JSON, default=list)
    people_in_picture: Mapped[str] = mapped_column(choice("people_in_picture", PEOPLE_IN_PICTURE))
    captured_at: Mapped[datetime] = mapped_column(UtcDateTime())
    supersedes_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)


class Annotation(SyncedRecord, db.Model):
    __tablename__ = "annotation"

    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossier.id"), index=True)
    evidence_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("evidence.id"), index=True)
    author_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    kind: Mapped[str] = mapped_column(choice("annotation_kind", ANNOTATION_KINDS))
    body_text: Mapped[str | None] = mapped_column(Text)
    body_audio_sha256: Mapped[str | None] = mapped_column(String(64))
    competency_ids: Mapped[list] = mapped_column(JSON, default=list)
    criterion_ids: Mapped[list] = mapped_column(JSON, default=list)
