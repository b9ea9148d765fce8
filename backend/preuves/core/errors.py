"""RFC 9457 problem details for every client error, Flask's own included."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, g, json
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)

PROBLEM_TYPE = "application/problem+json"

# code -> (status, French title written for the people who will read it)
PROBLEMS: dict[str, tuple[int, str]] = {
    "bad_request": (400, "La demande n'est pas correcte."),
    "invalid_record": (422, "Les informations envoyées ne sont pas correctes."),
    "invalid_json": (400, "Le contenu envoyé n'est pas du JSON correct."),
    "unauthenticated": (401, "Vous devez vous connecter."),
    "token_expired": (401, "Votre accès a expiré. Connectez-vous à nouveau."),
    "forbidden": (403, "Vous n'avez pas le droit de faire cela."),
    "not_found": (404, "Cette page ou cette information n'existe pas."),
    "method_not_allowed": (405, "Cette action n'est pas possible ici."),
    "conflict": (409, "Quelqu'un a changé cette information en même temps que vous."),
    "stale_base_rev": (409, "Cette information a changé depuis votre dernière copie."),
    "too_large": (413, "Le contenu envoyé est trop gros."),
    "unsupported_media_type": (415, "Ce type de contenu n'est pas accepté."),
    "append_only": (409, "Cette information ne change pas. Ajoutez-en une nouvelle à la place."),
    "fixed_field": (422, "Cette information ne peut pas changer de place."),
    "record_deleted": (409, "Cette information a été supprimée."),
    "unknown_reference": (422, "Cette information parle d'un élément qui n'existe pas."),
    "too_many_requests": (429, "Trop d'essais. Attendez un peu avant de recommencer."),
    "server_error": (500, "Le serveur a un problème. Réessayez plus tard."),
    "unavailable": (503, "Le service n'est pas disponible. Réessayez plus tard."),
    "pwa_not_built": (503, "L'application n'est pas encore construite."),
}

_BY_STATUS = {status: code for code, (status, _title) in reversed(PROBLEMS.items())}


class Problem(Exception):
    """A client-facing error with a stable code, a French title and an English detail."""

    def __init__(self, code: str, detail: str, status: int | None = None, **extra: Any) -> None:
        super().__init__(detail)
        self.code = code
        self.status = status or PROBLEMS[code][0]
        self.title = PROBLEMS[code][1]
        self.detail = detail
        self.extra = extra

    def to_dict(self) -> dict[str, Any]:
        """The problem document, without transport concerns."""
        body = {"type": f"https://preuves.app/problems/{self.code}", "title": self.title}
        body |= {"status": self.status, "code": self.code, "detail": self.detail}
        return body | self.extra


def problem_response(problem: Problem) -> Response:
    """Serialise a problem with its request id."""
    body = problem.to_dict() | {"request_id": g.get("request_id", "")}
    return Response(json.dumps(body), status=problem.status, mimetype=PROBLEM_TYPE)


def from_http_exception(exc: HTTPException) -> Problem:
    """Map Werkzeug's own errors (404, 405, 413, 415...) onto our codes."""
    status = exc.code or 500
    code = _BY_STATUS.get(status, "bad_request" if status < 500 else "server_error")
    return Problem(code, exc.description or exc.name, status=status)


def init_app(app: Flask) -> None:
    """Route every error through problem details."""

    @app.errorhandler(Problem)
    def _problem(exc: Problem) -> Response:
        return problem_response(exc)

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException) -> Response:
        response = problem_response(from_http_exception(exc))
        if exc.code == 405 and exc.response is None:
            allowed = getattr(exc, "valid_methods", None) or []
            response.headers["Allow"] = ", ".join(allowed)
        return response

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Response:
        log.exception("unexpected error")
        return problem_response(Problem("server_error", "Unexpected server error."))
