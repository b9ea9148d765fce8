"""A person exists once; what they may do comes from their memberships."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from preuves.core.models import SyncedRecord
from preuves.core.vocab import GUARDIANSHIP_KINDS, LOCALES, ROLES, choice
from preuves.extensions import db


class Person(SyncedRecord, db.Model):
    __tablename__ = "person"

    given_name: Mapped[str] = mapped_column(String(120))
    family_name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    birth_date: Mapped[date | None]
    # A protected adult (tutelle, curatelle) signs with their guardian, like a minor.
    protected_adult: Mapped[bool] = mapped_column(default=False)
    job_title: Mapped[str | None] = mapped_column(String(200))
    organisation: Mapped[str | None] = mapped_column(String(200))
    portrait_sha256: Mapped[str | None] = mapped_column(String(64))
    locale: Mapped[str] = mapped_column(choice("locale", LOCALES), default="fr")

    def is_minor_on(self, day: date) -> bool:
        """Whether the person is under 18 on that day."""
        if self.birth_date is None:
            return False
        had_birthday = (day.month, day.day) >= (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - (0 if had_birthday else 1) < 18


class Membership(SyncedRecord, db.Model):
    __tablename__ = "membership"
    __table_args__ = (UniqueConstraint("person_id", "structure_id", "role"),)

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    structure_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("structure.id"), index=True)
    role: Mapped[str] = mapped_column(choice("role", ROLES))
    workshop_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("workshop.id"))


class Guardianship(SyncedRecord, db.Model):
    __tablename__ = "guardianship"
    __table_args__ = (UniqueConstraint("guardian_id", "ward_id"),)

    guardian_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    ward_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    kind: Mapped[str] = mapped_column(choice("guardianship_kind", GUARDIANSHIP_KINDS))
