"""Bring a person into a structure: find or create them, then give them a role there.

The console's `preuves invite` uses this today; the web invitation (one-time link or QR
code, with the identity feature) will call the same function.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import func, select

from preuves.audit.operations import record_event
from preuves.core.errors import Problem
from preuves.core.ids import uuid7
from preuves.core.models import utcnow
from preuves.core.vocab import ROLES
from preuves.extensions import db
from preuves.people.models import Membership, Person
from preuves.structures.models import Structure, Workshop


@dataclass(frozen=True)
class Invitation:
    person: Person
    membership: Membership
    person_created: bool
    membership_created: bool


def normalise_email(email: str) -> str:
    """E-mail addresses compare without case or surrounding spaces."""
    return email.strip().lower()


def find_person_by_email(email: str) -> Person | None:
    """The person with that address, whatever its case."""
    query = select(Person).where(func.lower(Person.email) == normalise_email(email))
    return db.session.scalar(query)


def invite_person(
    email: str,
    given_name: str,
    family_name: str,
    structure_id: uuid.UUID,
    role: str,
    workshop_id: uuid.UUID | None = None,
    actor_id: uuid.UUID | None = None,
    actor_kind: str = "operator",
) -> Invitation:
    """Create the person if new and their membership if missing (flushed; caller commits)."""
    structure = _live_structure(structure_id)
    if role not in ROLES:
        raise Problem("invalid_record", f"Unknown role {role!r}; use one of {', '.join(ROLES)}.")
    _check_workshop(structure, workshop_id)
    person = find_person_by_email(email)
    person_created = person is None
    if person is None:
        person = _new_person(email, given_name, family_name, actor_id)
    membership, membership_created = _ensure_membership(
        person, structure, role, workshop_id, actor_id
    )
    if person_created or membership_created:
        record_event(
            "invite",
            actor_id,
            actor_kind,
            record_type="membership",
            record_id=membership.id,
            subject_id=person.id,
            detail={"role": role, "person_created": person_created},
        )
    return Invitation(person, membership, person_created, membership_created)


def _live_structure(structure_id: uuid.UUID) -> Structure:
    structure = db.session.get(Structure, structure_id)
    if structure is None or structure.deleted:
        raise Problem("unknown_reference", f"No structure {structure_id}.")
    return structure


def _check_workshop(structure: Structure, workshop_id: uuid.UUID | None) -> None:
    if workshop_id is None:
        return
    workshop = db.session.get(Workshop, workshop_id)
    if workshop is None or workshop.deleted or workshop.structure_id != structure.id:
        raise Problem("unknown_reference", f"No workshop {workshop_id} in this structure.")


def _new_person(
    email: str, given_name: str, family_name: str, actor_id: uuid.UUID | None
) -> Person:
    if not given_name.strip() or not family_name.strip():
        raise Problem("invalid_record", "A new person needs a given name and a family name.")
    person = Person(
        id=uuid7(),
        given_name=given_name.strip(),
        family_name=family_name.strip(),
        email=normalise_email(email),
        locale="fr",
        protected_adult=False,
        rev=1,
        deleted=False,
        changed_at=utcnow(),
        changed_by_id=actor_id,
    )
    db.session.add(person)
    db.session.flush()
    return person


def _ensure_membership(
    person: Person,
    structure: Structure,
    role: str,
    workshop_id: uuid.UUID | None,
    actor_id: uuid.UUID | None,
) -> tuple[Membership, bool]:
    """The live membership for that role, revived if it had been deleted."""
    membership = db.session.scalar(
        select(Membership).where(
            Membership.person_id == person.id,
            Membership.structure_id == structure.id,
            Membership.role == role,
        )
    )
    if membership is not None and not membership.deleted:
        return membership, False
    if membership is None:
        membership = Membership(
            id=uuid7(), person_id=person.id, structure_id=structure.id, role=role, rev=0
        )
        db.session.add(membership)
    # A revived membership gets a new rev so that every device learns of it.
    membership.deleted, membership.workshop_id = False, workshop_id
    membership.rev, membership.changed_at = membership.rev + 1, utcnow()
    membership.changed_by_id = actor_id
    db.session.flush()
    return membership, True
