"""Ask, answer and end a pairing. Each lead speaks for their own structure only."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from preuves.audit.operations import record_event
from preuves.core.errors import Problem
from preuves.core.models import utcnow
from preuves.core.vocab import MANAGER_ROLES
from preuves.dossiers.models import Dossier, DossierMember
from preuves.extensions import db
from preuves.frameworks.models import FrameworkVersion
from preuves.identity.principal import Principal
from preuves.pairings import queries
from preuves.pairings.models import StructurePairing
from preuves.records.hooks import forget_cached_relations
from preuves.structures.models import Structure


def require_lead(principal: Principal, structure_id: uuid.UUID) -> None:
    if not principal.has_any_role(structure_id, MANAGER_ROLES):
        raise Problem("forbidden", "Only the lead of the structure may do this.")


def ask(
    principal: Principal, structure_id: uuid.UUID, partner_id: uuid.UUID, trade: str
) -> StructurePairing:
    """The lead of `structure_id` asks `partner_id` to pair on a trade."""
    require_lead(principal, structure_id)
    partner = db.session.get(Structure, partner_id)
    if partner is None or partner.deleted or partner_id == structure_id:
        raise Problem("unknown_reference", f"No other structure {partner_id}.")
    if queries.open_between(structure_id, partner_id, trade) is not None:
        raise Problem("pairing_exists", f"A pairing on {trade!r} is already asked or accepted.")
    pairing = StructurePairing(
        structure_id=structure_id,
        partner_id=partner_id,
        trade=trade,
        status="pending",
        asked_by_id=principal.person_id,
    )
    db.session.add(pairing)
    db.session.flush()
    _audit(principal, "pairing_asked", pairing)
    return pairing


def answer(principal: Principal, pairing: StructurePairing, accept: bool) -> StructurePairing:
    """The lead of the partner structure accepts or refuses."""
    require_lead(principal, pairing.partner_id)
    if pairing.status != "pending":
        raise Problem("pairing_not_pending", f"The pairing is {pairing.status}.")
    pairing.status = "accepted" if accept else "refused"
    pairing.answered_by_id, pairing.answered_at = principal.person_id, utcnow()
    _audit(principal, f"pairing_{pairing.status}", pairing)
    return pairing


def end(principal: Principal, pairing: StructurePairing) -> StructurePairing:
    """Either lead ends it: the evaluators it allowed lose the dossiers at the next pull."""
    if not any(principal.has_any_role(side, MANAGER_ROLES) for side in pairing.sides()):
        raise Problem("forbidden", "Only the lead of either structure may end the pairing.")
    if pairing.status not in ("pending", "accepted"):
        raise Problem("pairing_not_pending", f"The pairing is {pairing.status}.")
    pairing.status = "ended"
    pairing.answered_by_id, pairing.answered_at = principal.person_id, utcnow()
    db.session.flush()
    for member in _evaluators_it_allowed(pairing):
        member.deleted, member.rev = True, member.rev + 1
        member.changed_at, member.changed_by_id = utcnow(), principal.person_id
    forget_cached_relations()
    _audit(principal, "pairing_ended", pairing)
    return pairing


def _evaluators_it_allowed(pairing: StructurePairing) -> list[DossierMember]:
    """Live evaluators from one side on the other side's dossiers of that trade, no longer
    covered by another accepted pairing."""
    found = []
    for home, away in (pairing.sides(), pairing.sides()[::-1]):
        query = (
            select(DossierMember)
            .join(Dossier, Dossier.id == DossierMember.dossier_id)
            .join(FrameworkVersion, FrameworkVersion.id == Dossier.framework_version_id)
            .where(
                Dossier.structure_id == home,
                FrameworkVersion.slug == pairing.trade,
                DossierMember.role == "evaluator",
                DossierMember.deleted.is_(False),
            )
        )
        for member in db.session.scalars(query):
            theirs = queries.staff_structures(member.person_id)
            outside = away in theirs and home not in theirs
            if outside and not queries.accepted_between(home, theirs, pairing.trade):
                found.append(member)
    return found


def _audit(principal: Principal, action: str, pairing: StructurePairing) -> None:
    record_event(
        action,
        principal.person_id,
        principal.kind,
        record_type="structure_pairing",
        record_id=pairing.id,
        detail={"trade": pairing.trade, "structures": [str(s) for s in pairing.sides()]},
    )
