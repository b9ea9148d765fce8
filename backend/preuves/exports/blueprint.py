"""The export routes: a dossier's portfolio, its PDF and its commitment letter; a jury
session's minutes."""

from __future__ import annotations

from flask import Blueprint

from preuves.exports import views

bp = Blueprint("exports", __name__, url_prefix="/api/v1")

ROUTES = (
    ("/dossiers/<uuid:dossier_id>/exports/portfolio.zip", views.portfolio),
    ("/dossiers/<uuid:dossier_id>/exports/dossier.pdf", views.dossier),
    ("/dossiers/<uuid:dossier_id>/exports/letter.pdf", views.letter),
    ("/dossiers/<uuid:dossier_id>/exports/readiness", views.readiness),
    ("/jury-sessions/<uuid:session_id>/dossiers/<uuid:dossier_id>/minutes.pdf", views.minutes),
)

for rule, view in ROUTES:
    bp.add_url_rule(rule, view_func=view, methods=["GET"])
