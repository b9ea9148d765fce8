"""Forged ceremonies: each is refused with its own problem code, and the refusal is audited."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from factories import create_person, create_structure
from identity_flows import invite, login, refusals, register
from preuves.core.models import utcnow
from preuves.extensions import db
from preuves.identity.models import Ceremony
from webauthn_soft import SoftAuthenticator


@pytest.fixture
def member(client):
    """A support worker with one passkey on a soft authenticator, then signed out."""
    structure = create_structure()
    lead = create_person("Lea", "Lead", roles={structure: ["lead"]})
    phone = SoftAuthenticator()
    response = register(client, phone, invite(client, lead, structure)["token"])
    assert response.status_code == 201
    client.delete_cookie("preuves_session", domain="localhost")
    return {"structure": structure, "lead": lead, "phone": phone}


def refused(response, status: int, code: str) -> None:
    assert (response.status_code, response.json["code"]) == (status, code), response.json
    assert refusals()[-1] == code


def test_wrong_origin(client, member):
    refused(login(client, member["phone"], origin="https://evil.example"), 400, "webauthn_origin")


def test_wrong_rp_id(client, member):
    refused(login(client, member["phone"], rp_id="evil.example"), 400, "webauthn_rp_id")


def test_replayed_challenge_same_ceremony(client, member):
    options = client.post("/api/v1/auth/passkeys/login/options", json={}).json
    body = {
        "ceremony_id": options["ceremony_id"],
        "credential": member["phone"].get(options["publicKey"]),
    }
    assert client.post("/api/v1/auth/passkeys/login/verify", json=body).status_code == 200
    client.delete_cookie("preuves_session", domain="localhost")
    refused(client.post("/api/v1/auth/passkeys/login/verify", json=body), 400, "challenge_replayed")


def test_replayed_answer_in_a_new_ceremony(client, member):
    options = client.post("/api/v1/auth/passkeys/login/options", json={}).json
    captured = member["phone"].get(options["publicKey"])
    first = {"ceremony_id": options["ceremony_id"], "credential": captured}
    assert client.post("/api/v1/auth/passkeys/login/verify", json=first).status_code == 200
    client.delete_cookie("preuves_session", domain="localhost")
    fresh = client.post("/api/v1/auth/passkeys/login/options", json={}).json
    replay = {"ceremony_id": fresh["ceremony_id"], "credential": captured}
    refused(
        client.post("/api/v1/auth/passkeys/login/verify", json=replay), 400, "challenge_replayed"
    )


def test_expired_challenge(client, member):
    options = client.post("/api/v1/auth/passkeys/login/options", json={}).json
    ceremony = db.session.get(Ceremony, uuid.UUID(options["ceremony_id"]))
    ceremony.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    body = {
        "ceremony_id": options["ceremony_id"],
        "credential": member["phone"].get(options["publicKey"]),
    }
    refused(client.post("/api/v1/auth/passkeys/login/verify", json=body), 400, "challenge_expired")


def test_signature_counter_going_back(client, member):
    assert login(client, member["phone"]).status_code == 200
    assert login(client, member["phone"]).status_code == 200  # the counter is now 2
    client.delete_cookie("preuves_session", domain="localhost")
    refused(login(client, member["phone"], sign_count=1), 400, "webauthn_counter")


def test_user_verification_missing_at_sign_in(client, member):
    refused(login(client, member["phone"], uv=False), 400, "webauthn_user_verification")


def test_user_verification_missing_at_registration(client, member):
    token = invite(client, member["lead"], member["structure"])["token"]
    refused(
        register(client, SoftAuthenticator(), token, uv=False), 400, "webauthn_user_verification"
    )


def test_another_persons_credential_at_sign_in(client, member):
    """A's key answers with B's user handle: the credential speaks for someone else."""
    other = create_person("Bob", "Autre", roles={member["structure"]: ["support_worker"]})
    refused(
        login(client, member["phone"], user_handle=other.id.bytes), 403, "webauthn_wrong_person"
    )


def test_another_persons_credential_added_as_mine(client, member):
    """B, signed in, tries to register A's credential as one of their own passkeys."""
    someone = client.application.test_client()
    token = invite(client, member["lead"], member["structure"])["token"]
    assert register(someone, SoftAuthenticator(), token).status_code == 201
    csrf = someone.get("/api/v1/me").json["csrf_token"]
    stolen = member["phone"].credentials[0]
    response = register(
        someone, member["phone"], None, credential=stolen, headers={"X-CSRF-Token": csrf}
    )
    refused(response, 403, "webauthn_wrong_person")


def test_unknown_credential(client, member):
    stranger = SoftAuthenticator()
    options = client.post("/api/v1/auth/passkeys/register/options", json={}).json
    assert options["code"] == "unauthenticated"
    stranger.create({"rp": {"id": "localhost"}, "user": {"id": "AAAA"}, "challenge": "AAAA"})
    refused(login(client, stranger), 401, "webauthn_unknown_credential")


def test_a_signature_by_another_key_is_invalid(client, member):
    thief = SoftAuthenticator()
    thief.create({"rp": {"id": "localhost"}, "user": {"id": "AAAA"}, "challenge": "AAAA"})
    claimed = member["phone"].credentials[0].id
    response = login(
        client, thief, credential_id=claimed, user_handle=member["phone"].credentials[0].user_handle
    )
    refused(response, 400, "webauthn_invalid")


def test_refusals_hold_no_secret(client, member):
    login(client, member["phone"], origin="https://evil.example")
    from sqlalchemy import select

    from preuves.audit.models import AuditEvent

    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "auth_refused")).one()
    assert set(event.detail) == {"code", "endpoint", "method"}
