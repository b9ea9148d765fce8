"""Small helpers the identity views share: the JSON body, the caller's address, the answer
that opens a session."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, request

from preuves.core.errors import Problem
from preuves.identity.cookies import set_session_cookie
from preuves.identity.sessions import NewSession


def body() -> dict[str, Any]:
    """The request's JSON object ({} when empty); anything else is a bad request."""
    if not request.get_data(cache=True):
        return {}
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise Problem("bad_request", "Send a JSON object.")
    return data


def client_ip() -> str:
    """The caller's address (the proxy's X-Forwarded-For with PREUVES_PROXY_FIX=1)."""
    return request.remote_addr or "unknown"


def signed_in(payload: dict[str, Any], session: NewSession, status: int = 200) -> Response:
    """A JSON answer that sets the session cookie and hands over the CSRF token."""
    response = jsonify(payload | {"csrf_token": session.row.csrf_token})
    response.status_code = status
    set_session_cookie(response, session.token, session.lifetime)
    return response
