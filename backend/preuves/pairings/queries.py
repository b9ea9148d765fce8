"""Which pairings hold, and who is on the other side of one."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import Select, and_, or_, select

from preuves.core.vocab import STAFF_ROLES
from preuves.extensions import db
from preuves.pairings.models import OPEN_STATUSES, StructurePairing
from preuves.people.models import Membership, Person


def between(a: uuid.UUID, b: Iterable[uuid.UUID], trade: str, statuses: Iterable[str]) -> Select:
    """Pairings of structure `a` with any of `b` on that trade, in these statuses."""
    others = list(b)
    pairing = StructurePairing
    return select(pairing).where(
        pairing.trade == trade,
        pairing.status.in_(list(statuses)),
        or_(
            and_(pairing.structure_id == a, pairing.partner_id.in_(others)),
            and_(pairing.partner_id == a, pairing.structure_id.in_(others)),
        ),
    )


def accepted_between(a: uuid.UUID, b: Iterable[uuid.UUID], trade: str) -> bool:
    return db.session.scalar(between(a, b, trade, ["accepted"]).limit(1)) is not None


def open_between(a: uuid.UUID, b: uuid.UUID, trade: str) -> StructurePairing | None:
    return db.session.scalar(between(a, [b], trade, OPEN_STATUSES).limit(1))


def of_structures(structure_ids: list[uuid.UUID]) -> list[StructurePairing]:
    pairing = StructurePairing
    query = select(pairing).where(
        or_(pairing.structure_id.in_(structure_ids), pairing.partner_id.in_(structure_ids))
    )
    return list(db.session.scalars(query.order_by(pairing.asked_at.desc())))


def staff_structures(person_id: uuid.UUID) -> list[uuid.UUID]:
    """The structures where the person is support worker, lead or admin."""
    query = select(Membership.structure_id).where(
        Membership.person_id == person_id,
        Membership.role.in_(sorted(STAFF_ROLES)),
        Membership.deleted.is_(False),
    )
    return list(set(db.session.scalars(query)))


def support_workers(structure_id: uuid.UUID) -> list[Person]:
    """The support workers of a structure, by name: those who may be named evaluators."""
    query = (
        select(Person)
        .join(Membership, Membership.person_id == Person.id)
        .where(
            Membership.structure_id == structure_id,
            Membership.role == "support_worker",
            Membership.deleted.is_(False),
            Person.deleted.is_(False),
        )
        .order_by(Person.family_name, Person.given_name)
    )
    return list(db.session.scalars(query).unique())
