"""Identity settings: the WebAuthn relying party, lifetimes and limits, with their defaults.

The relying party comes from `WEBAUTHN_RP_ID` / `WEBAUTHN_ORIGINS` (environment:
PREUVES_RP_ID, PREUVES_ORIGIN). Unset, both are derived from the request's host, which suits
development on localhost but trusts the Host header: set them in production (docs/identity.md).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import current_app, request

DEFAULTS: dict[str, Any] = {
    "WEBAUTHN_RP_NAME": "Preuves",
    "CEREMONY_SECONDS": 300,
    "SESSION_IDLE_MINUTES": 12 * 60,
    "SESSION_MAX_HOURS": 14 * 24,
    "PICTURE_SESSION_IDLE_MINUTES": 30,
    "PICTURE_SESSION_MAX_HOURS": 12,
    "INVITATION_DAYS": 7,
    "PICTURE_MAX_FAILURES": 3,
    "PICTURE_LOCK_MINUTES": 120,
    "IDENTITY_COOKIE_SAMESITE": "Strict",
    "DEVICE_COOKIE_DAYS": 400,
    # name -> (attempts, window in seconds). Keyed by address: behind a reverse proxy set
    # PREUVES_PROXY_FIX=1, or every caller shares the proxy's address and its limits.
    "RATE_LIMITS": {
        "login": (60, 300),
        "register": (30, 300),
        "enrol": (20, 300),
        "invite": (10, 300),
        "invite_ip": (60, 300),
        "picture": (10, 900),
        "picture_device": (120, 300),
    },
}


def setting(name: str) -> Any:
    """A setting from the app's configuration, else its default."""
    return current_app.config.get(name, DEFAULTS[name])


def minutes(name: str) -> timedelta:
    return timedelta(minutes=setting(name))


def rp_id() -> str:
    """The relying party id: configured, else the request's host name (development)."""
    configured = current_app.config.get("WEBAUTHN_RP_ID")
    return configured or request.host.rsplit(":", 1)[0].strip("[]")


def origins() -> list[str]:
    """The origins a ceremony may come from: configured, else the request's own origin."""
    configured = current_app.config.get("WEBAUTHN_ORIGINS")
    return list(configured) if configured else [request.host_url.rstrip("/")]
