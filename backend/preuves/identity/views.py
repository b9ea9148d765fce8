"""Who am I: the caller's person, roles, session and CSRF token."""

from __future__ import annotations

from flask import Response, g, jsonify

from preuves.extensions import db
from preuves.identity.passkeys import person_json
from preuves.identity.principal import current_principal
from preuves.people.models import Person
from preuves.policy.guard import checked


@checked("any authenticated principal, about themselves only")
def me() -> Response:
    """The caller's person, roles per structure, session and CSRF token."""
    principal = current_principal()
    roles = {str(s): sorted(r) for s, r in principal.roles.items()}
    person = db.session.get(Person, principal.person_id)
    row = g.get("web_session")
    session = (
        {"kind": row.kind, "device_id": str(row.device_id) if row.device_id else None}
        if row is not None
        else None
    )
    return jsonify(
        {
            "person_id": str(principal.person_id),
            "kind": principal.kind,
            "roles": roles,
            "person": person_json(person) if person else None,
            "session": session,
            "device_id": str(principal.device_id) if principal.device_id else None,
            "csrf_token": row.csrf_token if row is not None else None,
        }
    )
