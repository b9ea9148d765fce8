"""Serve the built PWA (pwa/dist): the shell, its service worker, manifest and static files.

Registered last, and its catch-all refuses /api/..., so the API's own 404s and 405s stay API
problems and an API path is never answered with the app shell.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from flask import Blueprint, Response, current_app, send_from_directory
from flask.blueprints import BlueprintSetupState
from werkzeug.routing import PathConverter
from werkzeug.security import safe_join

from preuves.core.errors import Problem
from preuves.policy.guard import public

bp = Blueprint("web", __name__)

PUBLIC_REASON = "the PWA shell is public; it holds no data"
SHELL = "index.html"
WORKBOX_PREFIX = "workbox-v"
# A year, the most browsers honour; only for folders whose name changes with their content.
IMMUTABLE = "public, max-age=31536000, immutable"
# Everything else is revalidated (cheap: ETag and 304), so a release is seen on the next visit;
# offline, the service worker answers from its precache anyway.
REVALIDATE = "no-cache"


class AppPathConverter(PathConverter):
    """A path that is not under api/: those belong to the API blueprint or to its 404."""

    regex = r"(?!api(?:/|$))[^/].*?"


@bp.record_once
def _register_converter(state: BlueprintSetupState) -> None:
    """Teach the app's URL map the converter before the blueprint's rules are added."""
    state.app.url_map.converters["app_path"] = AppPathConverter


def _dist() -> Path:
    """The built PWA folder, or a 503 problem when it has not been built."""
    dist = Path(current_app.config["PWA_DIR"])
    if not (dist / SHELL).is_file():
        raise Problem("pwa_not_built", f"No built PWA in {dist}; run `make pwa`.")
    return dist


def _send(path: str, cache_control: str = REVALIDATE, mimetype: str | None = None) -> Response:
    """Send one file of the build with the caching it can bear."""
    response = send_from_directory(_dist(), path, mimetype=mimetype, max_age=None, etag=True)
    response.headers["Cache-Control"] = cache_control
    return response


@bp.get("/")
@public(PUBLIC_REASON)
def shell() -> Response:
    """The app shell, always revalidated so that a release is picked up."""
    return _send(SHELL)


@bp.get("/sw.js")
@public(PUBLIC_REASON)
def service_worker() -> Response:
    """The service worker, never cached by HTTP, allowed to control the whole origin."""
    response = _send("sw.js", mimetype="text/javascript")
    response.headers["Service-Worker-Allowed"] = "/"
    return response


@bp.get("/manifest.webmanifest")
@public(PUBLIC_REASON)
def manifest() -> Response:
    """The web app manifest, with the media type browsers expect for it."""
    return _send("manifest.webmanifest", mimetype="application/manifest+json")


@bp.get("/<app_path:path>")
@public(PUBLIC_REASON)
def static_or_route(path: str) -> Response:
    """A file of the build, or the shell for an app route such as /dossier/42."""
    dist = _dist()
    parts = PurePosixPath(path).parts
    file = safe_join(str(dist), path)
    if file is None or any(part.startswith(".") for part in parts):
        # Outside the build, or a dot file (the build's .stamp): not the browser's business.
        raise Problem("not_found", f"No file /{path}.")
    if Path(file).is_file():
        versioned = parts[0].startswith(WORKBOX_PREFIX)
        return _send(path, IMMUTABLE if versioned else REVALIDATE)
    if "." not in parts[-1]:
        # The app routes on the client; a reload or a shared link must still find the shell.
        return _send(SHELL)
    raise Problem("not_found", f"No file /{path} in the app.")
