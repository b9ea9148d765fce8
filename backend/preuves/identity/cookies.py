"""The two cookies: `preuves_session` (a person signed in) and `preuves_device` (a tablet).

HttpOnly, SameSite=Strict by default (the PWA calls its own origin with fetch, so an
invitation link opened from a mail still works), Secure whenever the request came over HTTPS
(behind a proxy: PREUVES_PROXY_FIX=1), Path=/.
"""

from __future__ import annotations

from datetime import timedelta

from flask import Response, request

from preuves.identity.settings import setting

SESSION_COOKIE = "preuves_session"
DEVICE_COOKIE = "preuves_device"


def _set(response: Response, name: str, value: str, max_age: timedelta) -> None:
    response.set_cookie(
        name,
        value,
        max_age=int(max_age.total_seconds()),
        httponly=True,
        secure=request.is_secure,
        samesite=setting("IDENTITY_COOKIE_SAMESITE"),
        path="/",
    )


def _clear(response: Response, name: str) -> None:
    response.delete_cookie(
        name,
        path="/",
        httponly=True,
        secure=request.is_secure,
        samesite=setting("IDENTITY_COOKIE_SAMESITE"),
    )


def set_session_cookie(response: Response, token: str, lifetime: timedelta) -> None:
    _set(response, SESSION_COOKIE, token, lifetime)


def clear_session_cookie(response: Response) -> None:
    _clear(response, SESSION_COOKIE)


def set_device_cookie(response: Response, credential: str) -> None:
    _set(response, DEVICE_COOKIE, credential, timedelta(days=setting("DEVICE_COOKIE_DAYS")))


def clear_device_cookie(response: Response) -> None:
    _clear(response, DEVICE_COOKIE)
