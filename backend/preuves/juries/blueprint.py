"""The jury routes: the offline copy's manifest (sessions themselves are records)."""

from __future__ import annotations

from flask import Blueprint

from preuves.juries import views

bp = Blueprint("juries", __name__, url_prefix="/api/v1")

ROUTES = (("/jury-sessions/<uuid:session_id>/offline", "GET", views.offline_manifest),)

for rule, method, view in ROUTES:
    bp.add_url_rule(rule, view_func=view, methods=[method])
