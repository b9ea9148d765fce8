"""Who am I: the caller's person and roles."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from preuves.identity.principal import current_principal
from preuves.policy.guard import checked

bp = Blueprint("identity", __name__, url_prefix="/api/v1")


@bp.get("/me")
@checked("any authenticated principal, about themselves only")
def me() -> Response:
    """The caller's person id and roles per structure."""
    principal = current_principal()
    roles = {str(s): sorted(r) for s, r in principal.roles.items()}
    return jsonify({"person_id": str(principal.person_id), "kind": principal.kind, "roles": roles})
