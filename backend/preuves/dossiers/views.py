"""Dossiers as a whole: the list a person may see, and one dossier with everything in it."""

from __future__ import annotations

import uuid

from flask import Blueprint, Response, jsonify

from preuves.dossiers import queries
from preuves.extensions import db
from preuves.identity.principal import current_principal
from preuves.policy.guard import checked

bp = Blueprint("dossiers", __name__, url_prefix="/api/v1/dossiers")


@bp.get("")
@checked("policy.visible_dossier_ids")
def list_dossiers() -> Response:
    """The dossiers the caller may read."""
    return jsonify({"dossiers": queries.visible_dossiers(current_principal())})


@bp.get("/<uuid:dossier_id>/records")
@checked("policy.authorize(read) on the dossier; the read is audited")
def dossier_records(dossier_id: uuid.UUID) -> Response:
    """Every record of one dossier, grouped by type."""
    content = queries.dossier_content(current_principal(), dossier_id)
    db.session.commit()
    return jsonify(content)
