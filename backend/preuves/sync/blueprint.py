"""Routes of the sync API (docs/sync-protocol.md)."""

from __future__ import annotations

from flask import Blueprint

from preuves.sync import views

bp = Blueprint("sync", __name__, url_prefix="/api/v1/sync")

bp.add_url_rule("/push", view_func=views.push_batch, methods=["POST"])
bp.add_url_rule("/pull", view_func=views.pull_changes, methods=["GET"])
bp.add_url_rule("/conflicts", view_func=views.list_conflicts, methods=["GET"])
bp.add_url_rule(
    "/conflicts/<uuid:conflict_id>/resolve", view_func=views.resolve_conflict, methods=["POST"]
)
