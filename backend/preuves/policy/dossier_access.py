"""How a principal stands towards a dossier. The single definition used for one dossier
(`relations`) and for many (`visible_dossier_ids`), so lists, reads and sync agree."""

from __future__ import annotations

import uuid
from functools import cache
from typing import Any

from flask import g
from sqlalchemy import ColumnElement, Select, Uuid, bindparam, case, or_, select

from preuves.core.vocab import MANAGER_ROLES
from preuves.dossiers.models import Dossier, DossierMember
from preuves.extensions import db
from preuves.identity.principal import Principal
from preuves.juries.models import JuryAssignment, JuryMember, JurySession
from preuves.people.models import Guardianship


def _member_dossiers(person_id: uuid.UUID, role: str) -> Select:
    return select(DossierMember.dossier_id).where(
        DossierMember.person_id == person_id,
        DossierMember.role == role,
        DossierMember.deleted.is_(False),
    )


def _wards(person_id: uuid.UUID) -> Select:
    return select(Guardianship.ward_id).where(
        Guardianship.guardian_id == person_id, Guardianship.deleted.is_(False)
    )


# A jury member reads a dossier only while their session is to come or sitting: once it
# is closed or cancelled, their next pull evicts the dossier (docs/jury.md).
JURY_READING_STATUSES = ("planned", "open")


def _jury_dossiers(person_id: uuid.UUID) -> Select:
    return (
        select(JuryAssignment.dossier_id)
        .join(JuryMember, JuryMember.session_id == JuryAssignment.session_id)
        .join(JurySession, JurySession.id == JuryAssignment.session_id)
        .where(
            JuryMember.person_id == person_id,
            JuryMember.deleted.is_(False),
            JuryAssignment.deleted.is_(False),
            JurySession.deleted.is_(False),
            JurySession.status.in_(JURY_READING_STATUSES),
        )
    )


def _managed_structures(principal: Principal) -> list[uuid.UUID]:
    return [s for s, roles in principal.roles.items() if roles & MANAGER_ROLES]


def relation_conditions(principal: Principal) -> dict[str, ColumnElement[bool]]:
    """Each relation a principal may have to a dossier, as a SQL condition on Dossier."""
    return _conditions(principal.person_id, _managed_structures(principal))


def _conditions(person: Any, managed: Any) -> dict[str, ColumnElement[bool]]:
    """The conditions for a person (an id or a bind parameter) and the structures they manage."""
    return {
        "candidate": Dossier.candidate_id == person,
        "manager": Dossier.structure_id.in_(managed),
        "support_worker": Dossier.id.in_(_member_dossiers(person, "support_worker")),
        "evaluator": Dossier.id.in_(_member_dossiers(person, "evaluator")),
        "guardian": Dossier.candidate_id.in_(_wards(person)),
        "jury": Dossier.id.in_(_jury_dossiers(person)),
    }


@cache
def _relations_query() -> tuple[tuple[str, ...], Select]:
    """One row for one dossier, one boolean column per relation (was one query each: six).

    Built once, with bind parameters: SQLAlchemy keys its compiled-statement cache on the
    statement, and working out that key for a statement this size costs more than the query
    (it runs for every dossier access check: each upload piece, each sync batch)."""
    person = bindparam("person_id", type_=Uuid)
    managed = bindparam("managed", expanding=True, type_=Uuid)
    conditions = _conditions(person, managed)
    flags = [case((condition, True), else_=False) for condition in conditions.values()]
    return tuple(conditions), select(*flags).where(
        Dossier.id == bindparam("dossier_id", type_=Uuid)
    )


def visible_dossier_ids(principal: Principal) -> Select:
    """Ids of every dossier the principal may read."""
    return select(Dossier.id).where(or_(*relation_conditions(principal).values()))


def relations(principal: Principal, dossier_id: uuid.UUID) -> frozenset[str]:
    """The principal's relations to one dossier (cached for the request)."""
    known: dict = g.setdefault("dossier_relations", {})
    key = (principal.person_id, dossier_id)
    if key not in known:
        names, query = _relations_query()
        parameters = {
            "person_id": principal.person_id,
            "managed": _managed_structures(principal),
            "dossier_id": dossier_id,
        }
        row = db.session.execute(query, parameters).first()
        known[key] = frozenset(name for name, hit in zip(names, row or (), strict=False) if hit)
    return known[key]
