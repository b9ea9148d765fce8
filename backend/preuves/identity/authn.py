"""Who sent this request: the chain that runs before every view.

Order: the bearer token (identity.tokens, registered by the app factory), then the tablet's
`preuves_device` cookie (a revoked tablet is stopped here, before any view), then the
`preuves_session` cookie, then the CSRF defence for cookie-authenticated changes.
"""

from __future__ import annotations

import hmac

from flask import Response, g, request

from preuves.core.errors import Problem
from preuves.extensions import db
from preuves.identity import sessions
from preuves.identity.cookies import (
    DEVICE_COOKIE,
    SESSION_COOKIE,
    clear_device_cookie,
    clear_session_cookie,
)
from preuves.identity.devices import device_for_credential, touch_device
from preuves.identity.models import WebSession
from preuves.identity.principal import Principal, principal_for
from preuves.identity.refusals import record_refusal
from preuves.identity.settings import origins
from preuves.people.models import Person

CHANGING = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# The one call a revoked tablet may still make: telling what it erased.
REVOKED_DEVICE_MAY = frozenset({"identity.wipe_report"})


def authenticate_cookies() -> None:
    """Resolve the device and session cookies into g.device, g.web_session, g.principal."""
    try:
        _device()
        if g.get("principal") is None:
            _session()
        _check_csrf()
    except Problem as problem:
        record_refusal(problem)
        raise


def _device() -> None:
    credential = request.cookies.get(DEVICE_COOKIE)
    if not credential:
        return
    device = device_for_credential(credential)
    if device is None:
        g.clear_device_cookie = True
        return
    g.device = device
    if device.revoked_at is not None:
        if request.path.startswith("/api/") and request.endpoint not in REVOKED_DEVICE_MAY:
            raise Problem(
                "device_revoked",
                "This tablet was revoked: erase its local data.",
                erase_local_data=True,
            )
        return
    if touch_device(device):
        db.session.commit()


def _session() -> None:
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return
    row = sessions.live_session(token)
    device = g.get("device")
    # A picture session lives only on the tablet it was opened on, while it is enrolled.
    if row is not None and row.device_id is not None and not _on_its_tablet(row, device):
        row = None
    if row is not None and not _person_is_live(row):
        row = None
    if row is None:
        g.clear_session_cookie = True
        return
    if sessions.touch(row):
        db.session.commit()
    g.web_session = row
    g.principal = session_principal(row, device.id if device else None)


def _person_is_live(row: WebSession) -> bool:
    person = db.session.get(Person, row.person_id)
    return person is not None and not person.deleted


def _on_its_tablet(row: WebSession, device: object) -> bool:
    return (
        device is not None
        and getattr(device, "id", None) == row.device_id
        and getattr(device, "revoked_at", None) is None
    )


def session_principal(row: WebSession, device_id: object) -> Principal:
    """A passkey session carries every role; a picture session only the candidate's."""
    principal = principal_for(row.person_id, "session", device_id)  # type: ignore[arg-type]
    if row.kind != "picture":
        return principal
    device = g.get("device")
    roles = principal.roles_in(device.structure_id if device else None) & {"candidate"}
    return Principal(principal.person_id, "session", {device.structure_id: roles}, device.id)


def _check_csrf() -> None:
    """Cookie requests that change something: same-site origin, and the session's token."""
    if request.method not in CHANGING:
        return
    principal = g.get("principal")
    if principal is not None and principal.kind == "token":
        return  # a bearer token is never sent by a browser on its own
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        raise Problem("csrf_failed", "Cross-site request refused.")
    origin = request.headers.get("Origin")
    if origin and origin not in origins():
        raise Problem("csrf_failed", f"Origin {origin} is not allowed.")
    session = g.get("web_session")
    if session is None:
        return  # nothing to ride on; sign-in calls run here, views refuse the rest
    sent = request.headers.get("X-CSRF-Token", "")
    if not hmac.compare_digest(sent.encode(), session.csrf_token.encode()):
        raise Problem("csrf_failed", "Send the session's X-CSRF-Token header (from /me).")


def clear_stale_cookies(response: Response) -> Response:
    """Remove cookies that no longer open anything."""
    if g.get("clear_session_cookie"):
        clear_session_cookie(response)
    if g.get("clear_device_cookie"):
        clear_device_cookie(response)
    return response
