"""A framework version is immutable once published, so dossiers on it never break.

The version's `document` holds the import format (shared_schemas/framework.schema.json)
as received; the tables below are the same content, indexed, for queries and references.
"""

from __future__ import annotations

import uuid

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from preuves.core.ids import uuid7
from preuves.core.models import SyncedRecord
from preuves.core.vocab import FRAMEWORK_KINDS, FRAMEWORK_STATUSES, choice
from preuves.extensions import db


class Wording:
    """Official wording, easy-to-read wording, a pictogram and optional recorded audio."""

    official_wording: Mapped[str] = mapped_column(Text)
    easy_wording: Mapped[str] = mapped_column(Text)
    pictogram: Mapped[str | None] = mapped_column(String(120))
    audio_sha256: Mapped[str | None] = mapped_column(String(64))


class FrameworkVersion(SyncedRecord, db.Model):
    __tablename__ = "framework_version"
    __table_args__ = (UniqueConstraint("structure_id", "slug", "version"),)

    # None: shipped with the product and visible to every structure.
    structure_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("structure.id"))
    slug: Mapped[str] = mapped_column(String(80), index=True)
    version: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(choice("framework_kind", FRAMEWORK_KINDS))
    status: Mapped[str] = mapped_column(choice("framework_status", FRAMEWORK_STATUSES))
    document: Mapped[dict] = mapped_column(JSON)

    levels: Mapped[list[Level]] = relationship(cascade="all, delete-orphan", order_by="Level.rank")
    blocks: Mapped[list[Block]] = relationship(
        cascade="all, delete-orphan", order_by="Block.position"
    )


class Level(db.Model):
    __tablename__ = "framework_level"
    __table_args__ = (UniqueConstraint("version_id", "key"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    version_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("framework_version.id"))
    key: Mapped[str] = mapped_column(String(80))
    rank: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(200))
    easy_label: Mapped[str] = mapped_column(String(200))
    pictogram: Mapped[str | None] = mapped_column(String(120))


class Block(db.Model):
    __tablename__ = "framework_block"
    __table_args__ = (UniqueConstraint("version_id", "key"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    version_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("framework_version.id"))
    key: Mapped[str] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    easy_title: Mapped[str | None] = mapped_column(Text)
    pictogram: Mapped[str | None] = mapped_column(String(120))

    competencies: Mapped[list[Competency]] = relationship(
        cascade="all, delete-orphan", order_by="Competency.position"
    )


class Competency(Wording, db.Model):
    __tablename__ = "framework_competency"
    __table_args__ = (UniqueConstraint("version_id", "key"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    version_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("framework_version.id"), index=True)
    block_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("framework_block.id"))
    key: Mapped[str] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(Integer)

    criteria: Mapped[list[Criterion]] = relationship(
        cascade="all, delete-orphan", order_by="Criterion.position"
    )


class Criterion(Wording, db.Model):
    __tablename__ = "framework_criterion"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    competency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("framework_competency.id"))
    key: Mapped[str] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(Integer)


class FrameworkMedia(db.Model):
    """ "This structure sent these bytes for its frameworks": a workstation photo used as a
    pictogram, or the recorded audio of an easy wording. Who may read them follows the
    structure (media.MediaLink does the same for dossiers)."""

    __tablename__ = "framework_media"

    sha256: Mapped[str] = mapped_column(ForeignKey("media_blob.sha256"), primary_key=True)
    structure_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("structure.id"), primary_key=True)
