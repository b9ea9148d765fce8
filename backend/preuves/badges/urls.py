"""The public addresses baked into credentials: they must not change once a badge exists.

They come from the configured origin (PREUVES_ORIGIN, the first of WEBAUTHN_ORIGINS); with
none configured, from the request's host (development only: docs/badges.md).
"""

from __future__ import annotations

import uuid

from flask import current_app, has_request_context, request

SCHEMA_URL = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)
ENDORSEMENT_SCHEMA_URL = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_endorsementcredential_schema.json"
)
CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]


def base() -> str:
    configured = current_app.config.get("WEBAUTHN_ORIGINS")
    if configured:
        return str(next(iter(configured))).rstrip("/")
    return request.host_url.rstrip("/") if has_request_context() else "http://localhost"


def issuer(structure_id: uuid.UUID) -> str:
    return f"{base()}/api/v1/badge-issuers/{structure_id}"


def key(structure_id: uuid.UUID, key_id: uuid.UUID) -> str:
    return f"{issuer(structure_id)}/keys/{key_id}"


def jwks(structure_id: uuid.UUID) -> str:
    return f"{issuer(structure_id)}/jwks.json"


def verify_page(badge_id: uuid.UUID) -> str:
    return f"{base()}/badges/{badge_id}"


def badge_json(badge_id: uuid.UUID) -> str:
    return f"{base()}/api/v1/badges/{badge_id}"
