"""RSFP pairings: the leads' requests and answers, and the partner's support workers."""

from __future__ import annotations

import re
import uuid
from typing import Any

from flask import Blueprint, Response, jsonify, request
from sqlalchemy import select

from preuves.core.errors import Problem
from preuves.extensions import db
from preuves.identity.principal import Principal, current_principal
from preuves.pairings import operations, queries
from preuves.pairings.models import StructurePairing
from preuves.policy.guard import checked
from preuves.structures.models import Structure

bp = Blueprint("pairings", __name__, url_prefix="/api/v1/pairings")

TRADE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@bp.get("")
@checked("pairings of the structures where the caller is staff")
def list_pairings() -> Response:
    """The pairings of the caller's structures, with what the caller may do to each."""
    principal = current_principal()
    mine = queries.staff_structures(principal.person_id)
    return jsonify({"pairings": [_public(p, principal) for p in queries.of_structures(mine)]})


@bp.get("/structures")
@checked("operations.require_lead: any lead, to choose a partner")
def list_structures() -> Response:
    """Other structures a lead may ask to pair with: their names only."""
    principal = current_principal()
    led = [s for s in queries.staff_structures(principal.person_id) if _leads(principal, s)]
    if not led:
        raise Problem("forbidden", "Only a lead may look for a partner structure.")
    query = select(Structure).where(Structure.deleted.is_(False), Structure.id.not_in(led))
    found = db.session.scalars(query.order_by(Structure.name))
    return jsonify(
        {"structures": [{"id": str(s.id), "name": s.name, "city": s.city} for s in found]}
    )


@bp.post("")
@checked("operations.require_lead on the asking structure")
def ask_pairing() -> Response:
    """The lead of a structure asks another structure to pair on a trade."""
    body = _body()
    trade = str(body.get("trade") or "")
    if not TRADE.match(trade) or len(trade) > 64:
        raise Problem("bad_request", "trade is a framework slug, such as aide-de-cuisine.")
    principal = current_principal()
    pairing = operations.ask(
        principal, _uuid(body, "structure_id"), _uuid(body, "partner_id"), trade
    )
    db.session.commit()
    return jsonify(_public(pairing, principal)), 201


@bp.post("/<uuid:pairing_id>/<any(accept, refuse, end):action>")
@checked("operations.answer / end: the lead of the partner, or of either side to end")
def change_pairing(pairing_id: uuid.UUID, action: str) -> Response:
    """Accept, refuse or end a pairing."""
    principal = current_principal()
    pairing = _visible(principal, pairing_id)
    if action == "end":
        operations.end(principal, pairing)
    else:
        operations.answer(principal, pairing, accept=action == "accept")
    db.session.commit()
    return jsonify(_public(pairing, principal))


@bp.get("/<uuid:pairing_id>/staff")
@checked("staff of either side of an accepted pairing")
def partner_staff(pairing_id: uuid.UUID) -> Response:
    """The other structure's support workers: who may be named evaluator of our dossiers."""
    principal = current_principal()
    pairing = _visible(principal, pairing_id)
    if pairing.status != "accepted":
        raise Problem("forbidden", "The pairing is not accepted.")
    mine = queries.staff_structures(principal.person_id)
    other = pairing.partner_id if pairing.structure_id in mine else pairing.structure_id
    people = queries.support_workers(other)
    return jsonify(
        {
            "staff": [
                {"id": str(p.id), "given_name": p.given_name, "family_name": p.family_name}
                for p in people
            ]
        }
    )


def _leads(principal: Principal, structure_id: uuid.UUID) -> bool:
    from preuves.core.vocab import MANAGER_ROLES

    return principal.has_any_role(structure_id, MANAGER_ROLES)


def _visible(principal: Principal, pairing_id: uuid.UUID) -> StructurePairing:
    pairing = db.session.get(StructurePairing, pairing_id)
    mine = set(queries.staff_structures(principal.person_id))
    if pairing is None or not mine & set(pairing.sides()):
        raise Problem("not_found", f"No pairing {pairing_id}.")
    return pairing


def _body() -> dict[str, Any]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise Problem("bad_request", "Send a JSON object.")
    return body


def _uuid(body: dict[str, Any], name: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(body.get(name)))
    except ValueError:
        raise Problem("bad_request", f"{name} is not a UUID.") from None


def _public(pairing: StructurePairing, principal: Principal) -> dict[str, Any]:
    names = {s.id: s.name for s in (db.session.get(Structure, i) for i in pairing.sides()) if s}
    return {
        "id": str(pairing.id),
        "structure": {"id": str(pairing.structure_id), "name": names.get(pairing.structure_id)},
        "partner": {"id": str(pairing.partner_id), "name": names.get(pairing.partner_id)},
        "trade": pairing.trade,
        "status": pairing.status,
        "asked_at": pairing.asked_at.isoformat(),
        "answered_at": pairing.answered_at.isoformat() if pairing.answered_at else None,
        "may_answer": pairing.status == "pending" and _leads(principal, pairing.partner_id),
        "may_end": pairing.status in ("pending", "accepted")
        and any(_leads(principal, side) for side in pairing.sides()),
    }
