"""The identity ceremonies as a test drives them: through the HTTP API, with a soft passkey."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from factories import auth, token_for
from preuves.audit.models import AuditEvent
from preuves.extensions import db
from webauthn_soft import SoftAuthenticator


def invite(client: Any, lead: Any, structure: Any, role: str = "support_worker", **body: Any):
    """A lead invites someone; returns the 201 answer's JSON."""
    payload = {"structure_id": str(structure.id), "role": role} | body
    if "person_id" not in payload and "person" not in payload:
        payload["person"] = {"given_name": "Inès", "family_name": "Martin"}
    response = client.post("/api/v1/invitations", json=payload, headers=auth(token_for(lead)))
    assert response.status_code == 201, response.json
    return response.json


def register(client: Any, authenticator: SoftAuthenticator, invitation_token: str | None, **forge):
    """Ask for creation options, answer them, send the answer; returns the verify response."""
    body = {"invitation_token": invitation_token} if invitation_token else {}
    headers = forge.pop("headers", {})
    options = client.post("/api/v1/auth/passkeys/register/options", json=body, headers=headers)
    assert options.status_code == 200, options.json
    credential = authenticator.create(options.json["publicKey"], **forge)
    return client.post(
        "/api/v1/auth/passkeys/register/verify",
        json={
            "ceremony_id": options.json["ceremony_id"],
            "credential": credential,
            "label": "Téléphone",
        },
        headers=headers,
    )


def login(client: Any, authenticator: SoftAuthenticator, **forge: Any):
    """Sign in with a discoverable passkey (after dropping any session); the verify response."""
    client.delete_cookie("preuves_session", domain="localhost")
    options = client.post("/api/v1/auth/passkeys/login/options", json={})
    assert options.status_code == 200, options.json
    credential = authenticator.get(options.json["publicKey"], **forge)
    return client.post(
        "/api/v1/auth/passkeys/login/verify",
        json={"ceremony_id": options.json["ceremony_id"], "credential": credential},
    )


def refusals() -> list[str]:
    """The codes of every `auth_refused` audit event, oldest first."""
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "auth_refused").order_by(AuditEvent.id)
    )
    return [e.detail["code"] for e in events]
