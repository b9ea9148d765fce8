"""Who an invitation is for, and the role it gives: a new or known person, placed in a
structure (a membership) or in a jury session (a jury member, no structure role)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from preuves.core.errors import Problem
from preuves.core.ids import uuid7
from preuves.core.models import utcnow
from preuves.core.vocab import JURY_ROLES, MANAGER_ROLES, ROLES
from preuves.extensions import db
from preuves.identity.principal import Principal
from preuves.juries import composition
from preuves.juries.models import JuryMember, JurySession
from preuves.people.models import Person
from preuves.people.operations import find_person_by_email, normalise_email
from preuves.policy.people import structures_of_person


@dataclass(frozen=True)
class Placement:
    person: Person
    role: str
    jury_session_id: uuid.UUID | None


def place(body: dict[str, Any], structure_id: uuid.UUID, actor: Principal | None) -> Placement:
    """Find or create the person and give them the invited role (flushed)."""
    role = body.get("role")
    if role not in ROLES:
        raise Problem("bad_request", f"role is one of {', '.join(ROLES)}.")
    session = _jury_session(body, structure_id, role)
    person_id = uuid_field(body, "person_id")
    if person_id is not None:
        person = _known_person(person_id, structure_id, actor)
    else:
        person = _new_person(body, actor)
    if session is not None:
        _ensure_jury_member(person, session, body.get("jury_role"), actor)
    else:
        _ensure_membership(person, structure_id, role, uuid_field(body, "workshop_id"), actor)
    return Placement(person, role, session.id if session else None)


def uuid_field(body: dict[str, Any], name: str, required: bool = False) -> uuid.UUID | None:
    value = body.get(name)
    if value is None and not required:
        return None
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise Problem("bad_request", f"{name} must be a UUID.") from None


def _jury_session(body: dict[str, Any], structure_id: uuid.UUID, role: str) -> JurySession | None:
    session_id = uuid_field(body, "jury_session_id")
    if session_id is None:
        return None
    session = db.session.get(JurySession, session_id)
    if session is None or session.deleted or session.structure_id != structure_id:
        raise Problem("unknown_reference", f"No jury session {session_id} run by this structure.")
    if role != "jury_member":
        raise Problem("bad_request", "An invitation into a jury session gives role jury_member.")
    return session


def _known_person(person_id: uuid.UUID, structure_id: uuid.UUID, actor: Principal | None) -> Person:
    """Re-inviting hands over an account: only to a lead of every structure the person is in."""
    person = db.session.get(Person, person_id)
    if person is None or person.deleted:
        raise Problem("unknown_reference", f"No person {person_id}.")
    theirs = structures_of_person(person.id) | _jury_structures(person.id)
    if actor is None:
        return person
    if structure_id not in theirs or any(
        not actor.has_any_role(s, MANAGER_ROLES) for s in structures_of_person(person.id)
    ):
        raise Problem("forbidden", "This person is re-invited by a lead of all their structures.")
    return person


def _jury_structures(person_id: uuid.UUID) -> set[uuid.UUID]:
    query = (
        select(JurySession.structure_id)
        .join(JuryMember, JuryMember.session_id == JurySession.id)
        .where(JuryMember.person_id == person_id, JuryMember.deleted.is_(False))
    )
    return set(db.session.scalars(query))


def _new_person(body: dict[str, Any], actor: Principal | None) -> Person:
    fields = body.get("person") if isinstance(body.get("person"), dict) else body
    given, family = fields.get("given_name"), fields.get("family_name")
    email = fields.get("email")
    if not all(isinstance(v, str) and v.strip() and len(v) <= 120 for v in (given, family)):
        raise Problem("bad_request", "A new person needs given_name and family_name.")
    if email is not None and (not isinstance(email, str) or "@" not in email or len(email) > 254):
        raise Problem("bad_request", "email is an e-mail address.")
    if email and find_person_by_email(email) is not None:
        raise Problem("conflict", "A person has this e-mail: re-invite them by person_id.")
    person = Person(
        id=uuid7(),
        given_name=given.strip(),
        family_name=family.strip(),
        email=normalise_email(email) if email else None,
        locale="fr",
        protected_adult=False,
        rev=1,
        deleted=False,
        changed_at=utcnow(),
        changed_by_id=_actor_id(actor),
    )
    db.session.add(person)
    db.session.flush()
    return person


def _ensure_membership(
    person: Person,
    structure_id: uuid.UUID,
    role: str,
    workshop_id: uuid.UUID | None,
    actor: Principal | None,
) -> None:
    from preuves.people.operations import _check_workshop, _ensure_membership, _live_structure

    structure = _live_structure(structure_id)
    _check_workshop(structure, workshop_id)
    _ensure_membership(person, structure, role, workshop_id, _actor_id(actor))


def _ensure_jury_member(
    person: Person, session: JurySession, jury_role: Any, actor: Principal | None
) -> None:
    jury_role = jury_role or "professionnel_metier"
    if jury_role not in JURY_ROLES:
        raise Problem("bad_request", f"jury_role is one of {', '.join(JURY_ROLES)}.")
    composition.check_member(session, person.id, jury_role)  # as the record API does
    member = db.session.scalar(
        select(JuryMember).where(
            JuryMember.session_id == session.id, JuryMember.person_id == person.id
        )
    )
    if member is not None and not member.deleted:
        return
    if member is None:
        member = JuryMember(id=uuid7(), session_id=session.id, person_id=person.id, rev=0)
        db.session.add(member)
    member.deleted, member.jury_role, member.rev = False, jury_role, member.rev + 1
    member.changed_at, member.changed_by_id = utcnow(), _actor_id(actor)
    db.session.flush()


def _actor_id(actor: Principal | None) -> uuid.UUID | None:
    return actor.person_id if actor else None
