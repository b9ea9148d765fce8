"""A pairing between two structures, asked by the lead of one, accepted by the lead of the other."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from preuves.core.ids import uuid7
from preuves.core.models import utcnow
from preuves.core.types import UtcDateTime
from preuves.core.vocab import choice
from preuves.extensions import db

# pending: asked, waiting for the other lead; refused and ended close it for good.
PAIRING_STATUSES = ("pending", "accepted", "refused", "ended")
OPEN_STATUSES = ("pending", "accepted")


class StructurePairing(db.Model):
    __tablename__ = "structure_pairing"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    # The structure whose lead asked, and the one whose lead answers.
    structure_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("structure.id"), index=True)
    partner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("structure.id"), index=True)
    # The shared trade: the slug of the framework both structures' dossiers are opened on.
    trade: Mapped[str] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(choice("pairing_status", PAIRING_STATUSES))
    # Who spoke for each structure; kept as None if that person is erased (people.erasure).
    asked_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL")
    )
    asked_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    answered_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL")
    )
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    def sides(self) -> tuple[uuid.UUID, uuid.UUID]:
        return self.structure_id, self.partner_id

    def other_side(self, structure_id: uuid.UUID) -> uuid.UUID:
        return self.partner_id if structure_id == self.structure_id else self.structure_id
