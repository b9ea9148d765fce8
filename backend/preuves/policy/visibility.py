""" "Visible to this principal", as one SQL condition per record type.

Each condition equals `policy.may(principal, "read", type, record)` row for row
(tests/test_visibility.py proves it on every type and every kind of person): sync pulls
and lists filter in SQL what the policy would allow one record at a time.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import ColumnElement, or_, select, true

from preuves.core.vocab import STAFF_ROLES
from preuves.dossiers.models import Dossier
from preuves.frameworks.models import FrameworkVersion
from preuves.identity.principal import Principal
from preuves.juries.models import JuryMember, JurySession
from preuves.people.models import Guardianship, Membership, Person
from preuves.policy.dossier_access import visible_dossier_ids
from preuves.policy.scope import DOSSIER_SCOPED
from preuves.structures.models import Structure, Workshop


def _structures(principal: Principal) -> list[uuid.UUID]:
    return [s for s, roles in principal.roles.items() if roles]


def _my_sessions(principal: Principal) -> Any:
    return select(JuryMember.session_id).where(
        JuryMember.person_id == principal.person_id, JuryMember.deleted.is_(False)
    )


def _people_of(structure_ids: list[uuid.UUID]) -> Any:
    return select(Membership.person_id).where(
        Membership.structure_id.in_(structure_ids), Membership.deleted.is_(False)
    )


def _wards_of(person_id: uuid.UUID) -> Any:
    return select(Guardianship.ward_id).where(
        Guardianship.guardian_id == person_id, Guardianship.deleted.is_(False)
    )


def _guardians_of(person_id: uuid.UUID) -> Any:
    return select(Guardianship.guardian_id).where(
        Guardianship.ward_id == person_id, Guardianship.deleted.is_(False)
    )


def _person(p: Principal) -> ColumnElement[bool]:
    me = p.person_id
    return or_(
        Person.id == me,
        Person.id.in_(_people_of(_structures(p))),
        Person.id.in_(_wards_of(me)),
        Person.id.in_(_guardians_of(me)),
        Person.changed_by_id == me,
    )


def _membership(p: Principal) -> ColumnElement[bool]:
    return or_(Membership.person_id == p.person_id, Membership.structure_id.in_(_structures(p)))


def _guardianship(p: Principal) -> ColumnElement[bool]:
    staff_of = [s for s, roles in p.roles.items() if roles & STAFF_ROLES]
    return or_(
        Guardianship.guardian_id == p.person_id,
        Guardianship.ward_id == p.person_id,
        Guardianship.ward_id.in_(_people_of(staff_of)),
    )


def _jury_session(p: Principal) -> ColumnElement[bool]:
    mine = JurySession.id.in_(_my_sessions(p))
    return or_(JurySession.structure_id.in_(_structures(p)), mine)


def _jury_member(p: Principal) -> ColumnElement[bool]:
    of_structures = select(JurySession.id).where(JurySession.structure_id.in_(_structures(p)))
    return or_(JuryMember.session_id.in_(of_structures), JuryMember.session_id.in_(_my_sessions(p)))


def _framework_version(p: Principal) -> ColumnElement[bool]:
    used = select(Dossier.framework_version_id).where(Dossier.id.in_(visible_dossier_ids(p)))
    return or_(
        FrameworkVersion.structure_id.is_(None),
        FrameworkVersion.id.in_(used),
        FrameworkVersion.structure_id.in_(_structures(p)),
    )


_OUTSIDE_DOSSIERS: dict[str, Callable[[Principal], ColumnElement[bool]]] = {
    "structure": lambda p: Structure.id.in_(_structures(p)),
    "workshop": lambda p: Workshop.structure_id.in_(_structures(p)),
    "person": _person,
    "membership": _membership,
    "guardianship": _guardianship,
    "jury_session": _jury_session,
    "jury_member": _jury_member,
    "framework_version": _framework_version,
}


def visible(
    principal: Principal, type_name: str, model: Any, dossier_ids: Any = None
) -> ColumnElement[bool]:
    """The SQL condition on `model` (the type's table) that `may(read)` stands for.

    `dossier_ids`, when given, is `visible_dossier_ids(principal)` already built (a CTE),
    so a query over many types computes the dossiers once."""
    ids = visible_dossier_ids(principal) if dossier_ids is None else dossier_ids
    if type_name == "dossier":
        return Dossier.id.in_(ids)
    if type_name in DOSSIER_SCOPED:
        return model.dossier_id.in_(ids)
    if type_name in _OUTSIDE_DOSSIERS:
        return _OUTSIDE_DOSSIERS[type_name](principal)
    return ~true()  # a type the policy does not know is visible to nobody


OUTSIDE_DOSSIER_TYPES = tuple(sorted(_OUTSIDE_DOSSIERS))
