"""The badge routes: the API under /api/v1, and the public verification page at /badges/."""

from __future__ import annotations

from flask import Blueprint

from preuves.badges import views
from preuves.badges.cli import rotate_key_command

bp = Blueprint("badges", __name__, url_prefix="/api/v1", template_folder="templates")
page_bp = Blueprint("badge_pages", __name__, template_folder="templates")

ROUTES = (
    ("/dossiers/<uuid:dossier_id>/badges", "GET", views.list_badges),
    ("/badges/<uuid:badge_id>", "GET", views.show_badge),
    ("/badges/<uuid:badge_id>", "DELETE", views.revoke_badge),
    ("/badge-issuers/<uuid:structure_id>", "GET", views.issuer_profile),
    ("/badge-issuers/<uuid:structure_id>/jwks.json", "GET", views.issuer_jwks),
    ("/badge-issuers/<uuid:structure_id>/keys/<uuid:key_id>", "GET", views.issuer_key),
)

for rule, method, view in ROUTES:
    bp.add_url_rule(rule, view_func=view, methods=[method])

page_bp.add_url_rule("/badges/<uuid:badge_id>", view_func=views.verification_page)

# `preuves badges rotate-key STRUCTURE_ID`
bp.cli.add_command(rotate_key_command)
