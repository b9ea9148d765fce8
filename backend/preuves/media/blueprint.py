"""The media routes: tus uploads in, stored media out (docs/media.md)."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request

from preuves.media import media_views, tus, upload_views

bp = Blueprint("media", __name__, url_prefix="/api/v1")

ROUTES = (
    ("/uploads", upload_views.options_uploads, ["OPTIONS"]),
    ("/uploads", upload_views.create_upload, ["POST"]),
    ("/uploads/<uuid:upload_id>", upload_views.options_uploads, ["OPTIONS"]),
    ("/uploads/<uuid:upload_id>", upload_views.head_upload, ["HEAD"]),
    ("/uploads/<uuid:upload_id>", upload_views.patch_upload, ["PATCH"]),
    ("/uploads/<uuid:upload_id>", upload_views.delete_upload, ["DELETE"]),
    ("/media/<sha256>", media_views.get_media, ["GET"]),
    ("/media/<sha256>/status", media_views.get_media_status, ["GET"]),
    ("/media/<sha256>/<name>", media_views.get_derivative, ["GET"]),
)

for _rule, _view, _methods in ROUTES:
    # Upload routes answer OPTIONS themselves (tus discovery), not through Flask's default.
    bp.add_url_rule(_rule, view_func=_view, methods=_methods, provide_automatic_options=False)


@bp.after_request
def tus_and_cors(response: Response) -> Response:
    """Tus-Resumable on every upload answer; CORS as tus clients need it, for allowed origins.

    The app-wide CORS (extensions.py) stays closed by default; this opens the upload and
    media routes to exactly the same PREUVES_CORS_ORIGINS, with the tus headers exposed.
    """
    if request.path.startswith("/api/v1/uploads"):
        response.headers["Tus-Resumable"] = tus.VERSION
    origin = request.headers.get("Origin")
    allowed = current_app.config.get("CORS_ORIGINS") or []
    if origin and (origin in allowed or "*" in allowed):
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Access-Control-Expose-Headers"] = tus.EXPOSED
        response.headers.add("Vary", "Origin")
        if request.method == "OPTIONS":
            response.headers["Access-Control-Allow-Methods"] = (
                "POST, HEAD, PATCH, DELETE, GET, OPTIONS"
            )
            response.headers["Access-Control-Allow-Headers"] = tus.REQUEST_HEADERS
            response.headers["Access-Control-Max-Age"] = "86400"
    return response
