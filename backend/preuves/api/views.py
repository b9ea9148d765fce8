"""Health and the OpenAPI document."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify
from sqlalchemy import text

from preuves.api.openapi import openapi_document
from preuves.extensions import db
from preuves.policy.guard import public

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.get("/health")
@public("load balancers and tablets check that the server is up")
def health() -> Response:
    """Say whether the server and its database answer."""
    db.session.execute(text("SELECT 1"))
    return jsonify({"status": "ok"})


@bp.get("/openapi.json")
@public("the API description holds no data")
def openapi_json() -> Response:
    """The OpenAPI 3.1 document of this API, built from its routes and shared_schemas/."""
    return jsonify(openapi_document(current_app))
