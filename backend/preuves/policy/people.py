"""Rules for people, memberships and guardianships: visible to those who share a structure."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select

from preuves.core.vocab import MANAGER_ROLES, STAFF_ROLES
from preuves.extensions import db
from preuves.identity.principal import Principal
from preuves.people.models import Guardianship, Membership


def structures_of_person(person_id: uuid.UUID) -> set[uuid.UUID]:
    """Structures where the person holds a live membership."""
    rows = db.session.scalars(
        select(Membership.structure_id).where(
            Membership.person_id == person_id, Membership.deleted.is_(False)
        )
    )
    return set(rows)


def _guardian_link(a: uuid.UUID, b: uuid.UUID) -> bool:
    query = select(Guardianship.id).where(
        ((Guardianship.guardian_id == a) & (Guardianship.ward_id == b))
        | ((Guardianship.guardian_id == b) & (Guardianship.ward_id == a)),
        Guardianship.deleted.is_(False),
    )
    return db.session.scalar(query) is not None


def _shares_structure(principal: Principal, person_id: uuid.UUID) -> bool:
    return bool(structures_of_person(person_id) & set(principal.roles))


def _manages(principal: Principal, person_id: uuid.UUID) -> bool:
    return any(principal.has_any_role(s, MANAGER_ROLES) for s in structures_of_person(person_id))


def person_rule(principal: Principal, action: str, record: Any) -> bool:
    """Self, people of the same structures, a guardian and their ward."""
    is_self = record.id == principal.person_id
    if action == "read":
        return (
            is_self
            or _shares_structure(principal, record.id)
            or _guardian_link(principal.person_id, record.id)
            or record.changed_by_id == principal.person_id
        )
    if action == "create":
        # A new person has no membership yet: any manager may create one, then place them.
        return any(roles & MANAGER_ROLES for roles in principal.roles.values())
    if action == "update":
        return is_self or _manages(principal, record.id)
    return False  # erasure goes through `preuves erase-person`


def membership_rule(principal: Principal, action: str, record: Any) -> bool:
    """Read within the structure; only its lead or admin changes who holds which role."""
    if action == "read":
        return record.person_id == principal.person_id or bool(
            principal.roles_in(record.structure_id)
        )
    return principal.has_any_role(record.structure_id, MANAGER_ROLES)


def guardianship_rule(principal: Principal, action: str, record: Any) -> bool:
    """Guardian, ward and the ward's staff read; the ward's lead or admin writes."""
    ward_structures = structures_of_person(record.ward_id)
    if action == "read":
        parties = principal.person_id in (record.guardian_id, record.ward_id)
        return parties or any(principal.has_any_role(s, STAFF_ROLES) for s in ward_structures)
    return any(principal.has_any_role(s, MANAGER_ROLES) for s in ward_structures)
