"""GDPR: what the product holds about one person, for export (access) and erasure.

A person's footprint is their dossiers as a candidate with everything in them, plus every
record elsewhere that names them: links (memberships, guardianships, dossier and jury
seats), records they authored, signed, decided or last changed. `export_person` and
`erase_person` (people.export, people.erasure) both start from it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import String, cast, false, or_, select

from preuves.audit.models import AuditEvent
from preuves.core.errors import Problem
from preuves.extensions import db
from preuves.frameworks.models import Block, Competency, Criterion, FrameworkVersion, Level
from preuves.people.models import Person
from preuves.people.operations import find_person_by_email
from preuves.policy.scope import DOSSIER_SCOPED
from preuves.records.catalogue import RECORD_TYPES

# Columns that tie a record to the person: the record goes when the person goes.
LINK_COLUMNS: dict[str, tuple[str, ...]] = {
    "person": ("id",),
    "membership": ("person_id",),
    "guardianship": ("guardian_id", "ward_id"),
    "dossier": ("candidate_id",),
    "dossier_member": ("person_id",),
    "jury_member": ("person_id",),
    "consent": ("subject_id",),
}
# Columns that name the person as author: the record stays, de-identified.
AUTHOR_COLUMNS: dict[str, tuple[str, ...]] = {
    "evidence": ("author_id",),
    "annotation": ("author_id",),
    "positioning": ("author_id",),
    "journal_entry": ("author_id",),
    "testimony": ("author_person_id",),
    "consent": ("given_by_id",),
    "signature": ("signer_id",),
    "decision": ("decided_by_id",),
}
# Columns holding the SHA-256 of a blob.
BLOB_COLUMNS: dict[str, tuple[str, ...]] = {
    "person": ("portrait_sha256",),
    "evidence": ("media_sha256", "caption_audio_sha256"),
    "annotation": ("body_audio_sha256",),
    "testimony": ("body_audio_sha256",),
    "journal_entry": ("body_audio_sha256",),
    "signature": ("mark_sha256", "document_sha256"),
}
# The author's own voice or hand: theirs even in someone else's dossier.
VOICE_COLUMNS: dict[str, tuple[str, ...]] = {
    "annotation": ("body_audio_sha256",),
    "testimony": ("body_audio_sha256",),
    "journal_entry": ("body_audio_sha256",),
    "signature": ("mark_sha256",),
}


@dataclass
class Footprint:
    person: Person
    dossier_ids: frozenset[uuid.UUID]
    # Every record of their candidate dossiers (the dossiers included), by type.
    in_dossiers: dict[str, list[Any]] = field(default_factory=dict)
    # Records outside those dossiers that name them in any column, by type.
    naming: dict[str, list[Any]] = field(default_factory=dict)

    def records(self, type_name: str) -> list[Any]:
        """Both kinds together, for the export."""
        return self.in_dossiers.get(type_name, []) + self.naming.get(type_name, [])


def find_person(person_id: uuid.UUID | None = None, email: str | None = None) -> Person:
    """The person by id or e-mail (any case), or a not_found problem."""
    person = db.session.get(Person, person_id) if person_id else None
    if person is None and email:
        person = find_person_by_email(email)
    if person is None:
        raise Problem("not_found", f"No person {email or person_id}.")
    return person


def footprint(person: Person) -> Footprint:
    """Everything that is about the person or by them."""
    dossier_model = RECORD_TYPES["dossier"].model
    ids = db.session.scalars(
        select(dossier_model.id).where(dossier_model.candidate_id == person.id)
    )
    found = Footprint(person, frozenset(ids))
    for name, record_type in RECORD_TYPES.items():
        model = record_type.model
        inside = _in_dossiers(name, model, found.dossier_ids)
        names = or_(*(getattr(model, c) == person.id for c in person_columns(name)))
        found.in_dossiers[name] = _rows(select(model).where(inside).order_by(model.id))
        found.naming[name] = _rows(select(model).where(names, ~inside).order_by(model.id))
    return found


def _rows(query: Any) -> list[Any]:
    return list(db.session.scalars(query))


def person_columns(type_name: str) -> tuple[str, ...]:
    """Every column of a record type that may hold a person's id."""
    return (*LINK_COLUMNS.get(type_name, ()), *AUTHOR_COLUMNS.get(type_name, ()), "changed_by_id")


def _in_dossiers(type_name: str, model: type, dossier_ids: frozenset[uuid.UUID]) -> Any:
    if type_name not in DOSSIER_SCOPED or not dossier_ids:
        return false()
    column = model.id if type_name == "dossier" else model.dossier_id
    return column.in_(dossier_ids)


def is_link(type_name: str, row: Any, person_id: uuid.UUID) -> bool:
    """Whether the row exists because of the person (and so goes with them)."""
    return any(getattr(row, c) == person_id for c in LINK_COLUMNS.get(type_name, ()))


def blobs_of(type_name: str, row: Any) -> set[str]:
    """Every blob a record points to."""
    found = {getattr(row, c) for c in BLOB_COLUMNS.get(type_name, ())}
    if type_name == "positioning":
        found |= {item.get("comment_audio_sha256") for item in row.items or []}
    return {sha for sha in found if sha}


def voice_of(type_name: str, row: Any) -> set[str]:
    """The blobs that are the author's own voice or drawn mark."""
    found = {getattr(row, c) for c in VOICE_COLUMNS.get(type_name, ())}
    if type_name == "positioning":
        found |= {item.get("comment_audio_sha256") for item in row.items or []}
    return {sha for sha in found if sha}


def owned_blobs(found: Footprint) -> set[str]:
    """Their portrait, every blob of their dossiers, their voice and marks elsewhere.

    Photos and videos they took of someone else belong to that person's dossier, not to
    them: those stay out of their export and survive their erasure.
    """
    owned = blobs_of("person", found.person)
    for name, rows in found.in_dossiers.items():
        owned |= {sha for row in rows for sha in blobs_of(name, row)}
    for name, rows in found.naming.items():
        authored = [r for r in rows if _authored_by(name, r, found.person.id)]
        owned |= {sha for row in authored for sha in voice_of(name, row)}
    return owned


def _authored_by(type_name: str, row: Any, person_id: uuid.UUID) -> bool:
    return any(getattr(row, c) == person_id for c in AUTHOR_COLUMNS.get(type_name, ()))


def audit_events(person_id: uuid.UUID, dossier_ids: frozenset[uuid.UUID]) -> list[AuditEvent]:
    """Events by the person, about them, or about their dossiers."""
    clauses = [
        AuditEvent.actor_id == person_id,
        AuditEvent.subject_id == person_id,
        AuditEvent.record_id == person_id,
    ]
    if dossier_ids:
        clauses.append(AuditEvent.dossier_id.in_(dossier_ids))
    return list(db.session.scalars(select(AuditEvent).where(or_(*clauses)).order_by(AuditEvent.id)))


def blob_in_use(sha256: str) -> bool:
    """Whether any record or framework still points to the blob."""
    checks = [
        (RECORD_TYPES[name].model, column)
        for name, columns in BLOB_COLUMNS.items()
        for column in columns
    ]
    checks += [(Competency, "audio_sha256"), (Criterion, "audio_sha256")]
    conditions = [(model, getattr(model, column) == sha256) for model, column in checks]
    conditions += [
        (m, m.pictogram == f"photo:{sha256}") for m in (Level, Block, Competency, Criterion)
    ]
    positioning = RECORD_TYPES["positioning"].model
    conditions += [
        (positioning, cast(positioning.items, String).contains(sha256)),
        (FrameworkVersion, cast(FrameworkVersion.document, String).contains(sha256)),
    ]
    return any(
        db.session.scalar(select(model.id).where(condition).limit(1)) is not None
        for model, condition in conditions
    )
