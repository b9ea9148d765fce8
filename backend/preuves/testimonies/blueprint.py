"""The testimony routes: staff ask for testimonies of a dossier; a witness answers by link."""

from __future__ import annotations

from flask import Blueprint

from preuves.testimonies import views

bp = Blueprint("testimonies", __name__, url_prefix="/api/v1")

ROUTES = (
    ("/dossiers/<uuid:dossier_id>/testimony-requests", "POST", views.ask_testimony),
    ("/dossiers/<uuid:dossier_id>/testimony-requests", "GET", views.list_testimony_requests),
    (
        "/dossiers/<uuid:dossier_id>/testimony-requests/<uuid:request_id>",
        "DELETE",
        views.withdraw_testimony_request,
    ),
    ("/testimony-requests/<string:token>", "GET", views.show_testimony_link),
    ("/testimony-requests/<string:token>", "POST", views.give_testimony),
)

for rule, method, view in ROUTES:
    bp.add_url_rule(rule, view_func=view, methods=[method])
