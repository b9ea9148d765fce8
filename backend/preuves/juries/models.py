"""A jury member from outside sees only the dossiers assigned to their session."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from preuves.core.models import SyncedRecord
from preuves.core.types import UtcDateTime
from preuves.core.vocab import (
    DECISION_OUTCOMES,
    JURY_ROLES,
    JURY_SESSION_STATUSES,
    MODALITIES,
    OVERALL_OUTCOMES,
    SCHEMES,
    choice,
)
from preuves.extensions import db


class JurySession(SyncedRecord, db.Model):
    __tablename__ = "jury_session"

    structure_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("structure.id"), index=True)
    scheme: Mapped[str] = mapped_column(choice("scheme", SCHEMES))
    modality: Mapped[str | None] = mapped_column(choice("modality", MODALITIES))
    held_on: Mapped[date]
    place: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(choice("jury_session_status", JURY_SESSION_STATUSES))


class JuryMember(SyncedRecord, db.Model):
    __tablename__ = "jury_member"
    __table_args__ = (UniqueConstraint("session_id", "person_id"),)

    session_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("jury_session.id"), index=True)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    jury_role: Mapped[str] = mapped_column(choice("jury_role", JURY_ROLES))


class JuryAssignment(SyncedRecord, db.Model):
    __tablename__ = "jury_assignment"
    __table_args__ = (UniqueConstraint("session_id", "dossier_id"),)

    session_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("jury_session.id"), index=True)
    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossier.id"), index=True)


class Decision(SyncedRecord, db.Model):
    """Per competency (`competency_id` set) or the overall outcome (`competency_id` empty)."""

    __tablename__ = "decision"

    session_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("jury_session.id"), index=True)
    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossier.id"), index=True)
    competency_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    outcome: Mapped[str | None] = mapped_column(choice("decision_outcome", DECISION_OUTCOMES))
    level_key: Mapped[str | None] = mapped_column(String(80))
    overall_outcome: Mapped[str | None] = mapped_column(choice("overall_outcome", OVERALL_OUTCOMES))
    validated_block_keys: Mapped[list] = mapped_column(JSON, default=list)
    comment: Mapped[str | None] = mapped_column(Text)
    decided_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime())
