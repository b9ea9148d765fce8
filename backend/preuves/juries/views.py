"""The jury routes beyond the generic record API (the routes are in blueprint.py)."""

from __future__ import annotations

import uuid

from flask import Response, jsonify

from preuves.extensions import db
from preuves.identity.principal import current_principal
from preuves.juries import offline
from preuves.policy.guard import checked


@checked("offline.readable_session: a member while planned or open, or a manager; audited")
def offline_manifest(session_id: uuid.UUID) -> Response:
    """The media a jury member's tablet downloads for the session, with their sizes."""
    principal = current_principal()
    found = offline.manifest(principal, offline.readable_session(principal, session_id))
    db.session.commit()  # the audited reads
    response = jsonify(found)
    response.headers["Cache-Control"] = "private, no-store"
    return response
