"""Health and the OpenAPI document."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify
from sqlalchemy import text

from preuves.extensions import db
from preuves.policy.guard import public

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.get("/health")
@public("load balancers and tablets check that the server is up")
def health() -> Response:
    """Say whether the server and its database answer."""
    db.session.execute(text("SELECT 1"))
    return jsonify({"status": "ok"})
