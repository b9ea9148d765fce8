"""Picture secrets of candidates and the structure's sign-in switches, set by staff."""

from __future__ import annotations

import uuid

from flask import Response, jsonify
from sqlalchemy import select

from preuves.audit.operations import record_event
from preuves.core.errors import Problem
from preuves.core.models import utcnow
from preuves.core.vocab import MANAGER_ROLES, STAFF_ROLES
from preuves.extensions import db
from preuves.identity import pictures
from preuves.identity.models import IdentitySettings
from preuves.identity.principal import Principal, current_principal
from preuves.identity.requests import body
from preuves.people.models import Membership
from preuves.policy.guard import checked
from preuves.structures.models import Structure


def _require_staff_of_candidate(principal: Principal, person_id: uuid.UUID) -> None:
    """Staff of a structure where the person is a candidate; anyone else: not found."""
    structures = db.session.scalars(
        select(Membership.structure_id).where(
            Membership.person_id == person_id,
            Membership.role == "candidate",
            Membership.deleted.is_(False),
        )
    )
    if not any(principal.has_any_role(s, STAFF_ROLES) for s in structures):
        raise Problem("not_found", f"No candidate {person_id} in your structures.")


def _audited_done(action: str, principal: Principal, person_id: uuid.UUID) -> Response:
    """Audit a change to a candidate's picture secret, commit it, answer 204."""
    record_event(
        action, principal.person_id, principal.kind, record_type="person", subject_id=person_id
    )
    db.session.commit()
    return Response(status=204)


@checked("staff of a structure where the person is a candidate")
def set_picture_secret(person_id: uuid.UUID) -> Response:
    """Choose a candidate's picture sequence (3 to 5 of the 12 pictures)."""
    principal = current_principal()
    _require_staff_of_candidate(principal, person_id)
    pictures.set_secret(person_id, body().get("sequence"), principal.person_id)
    return _audited_done("set_picture_secret", principal, person_id)


@checked("staff of a structure where the person is a candidate")
def unlock_picture_secret(person_id: uuid.UUID) -> Response:
    """Let a candidate try their pictures again on every tablet."""
    principal = current_principal()
    _require_staff_of_candidate(principal, person_id)
    pictures.unlock(person_id)
    return _audited_done("unlock_picture_secret", principal, person_id)


@checked("anyone with a role in the structure reads; its lead or admin changes")
def identity_settings(structure_id: uuid.UUID) -> Response:
    """Whether candidates of the structure add a picture sequence to their photo."""
    principal = current_principal()
    if not principal.roles_in(structure_id):
        raise Problem("not_found", f"No structure {structure_id}.")
    return jsonify(_settings_json(structure_id))


@checked("a lead or admin of the structure")
def change_identity_settings(structure_id: uuid.UUID) -> Response:
    """Turn the picture sequence on or off for the structure's tablets."""
    principal = current_principal()
    if not principal.has_any_role(structure_id, MANAGER_ROLES):
        raise Problem("forbidden", "Only a lead of the structure changes this.")
    value = body().get("picture_sequence")
    if not isinstance(value, bool) or db.session.get(Structure, structure_id) is None:
        raise Problem("bad_request", "Send {picture_sequence: true|false}.")
    row = db.session.get(IdentitySettings, structure_id) or IdentitySettings(
        structure_id=structure_id
    )
    row.picture_sequence, row.changed_by_id, row.changed_at = value, principal.person_id, utcnow()
    db.session.add(row)
    db.session.commit()
    return jsonify(_settings_json(structure_id))


def _settings_json(structure_id: uuid.UUID) -> dict[str, object]:
    row = db.session.get(IdentitySettings, structure_id)
    return {
        "structure_id": str(structure_id),
        "picture_sequence": bool(row and row.picture_sequence),
    }
