"""A dossier is the unit of access: every piece of evidence and every decision hangs on one."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from preuves.core.models import SyncedRecord
from preuves.core.vocab import DOSSIER_MEMBER_ROLES, DOSSIER_STATUSES, MODALITIES, SCHEMES, choice
from preuves.extensions import db


class Dossier(SyncedRecord, db.Model):
    __tablename__ = "dossier"

    structure_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("structure.id"), index=True)
    candidate_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    scheme: Mapped[str] = mapped_column(choice("scheme", SCHEMES))
    framework_version_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("framework_version.id"))
    modality: Mapped[str | None] = mapped_column(choice("modality", MODALITIES))
    status: Mapped[str] = mapped_column(choice("dossier_status", DOSSIER_STATUSES))
    title: Mapped[str | None] = mapped_column(String(200))
    # The steps of the scheme with their dates: [{"key", "planned_on", "done_on"}].
    steps: Mapped[list] = mapped_column(JSON, default=list)
    # What goes before the jury: {competency_id: [evidence_id, ...]} in order.
    selection: Mapped[dict] = mapped_column(JSON, default=dict)
    opened_on: Mapped[date | None]


class DossierMember(SyncedRecord, db.Model):
    """A support worker of the dossier, or an evaluator from another structure (RSFP)."""

    __tablename__ = "dossier_member"
    __table_args__ = (UniqueConstraint("dossier_id", "person_id"),)

    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossier.id"), index=True)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    role: Mapped[str] = mapped_column(choice("dossier_member_role", DOSSIER_MEMBER_ROLES))
