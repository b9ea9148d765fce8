"""Structures are the tenants: every record belongs to one, through its dossier or itself."""

from __future__ import annotations

import uuid

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from preuves.core.models import SyncedRecord
from preuves.core.vocab import STRUCTURE_KINDS, choice
from preuves.extensions import db


class Structure(SyncedRecord, db.Model):
    __tablename__ = "structure"

    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(choice("structure_kind", STRUCTURE_KINDS))
    city: Mapped[str | None] = mapped_column(String(120))
    # Per-structure switches, such as the picture sequence at candidate sign-in.
    settings: Mapped[dict] = mapped_column(JSON, default=dict)


class Workshop(SyncedRecord, db.Model):
    __tablename__ = "workshop"

    structure_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("structure.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
