"""Passkeys end to end with a software authenticator: invite, register, sign out, sign in,
several passkeys, rename and remove."""

from __future__ import annotations

from factories import create_person, create_structure
from identity_flows import invite, login, register
from webauthn_soft import SoftAuthenticator


def _lead():
    structure = create_structure()
    return structure, create_person("Lea", "Lead", roles={structure: ["lead"]})


def test_invite_register_logout_login(client):
    structure, lead = _lead()
    invitation = invite(client, lead, structure)
    assert invitation["url"].endswith("/#/invitation/" + invitation["token"])
    assert invitation["qr_svg"].startswith("<svg")
    shown = client.get(f"/api/v1/invitations/{invitation['token']}")
    assert shown.json["given_name"] == "Inès" and shown.json["structure_name"] == "ESAT Test"

    phone = SoftAuthenticator()
    registered = register(client, phone, invitation["token"])
    assert registered.status_code == 201, registered.json
    assert registered.json["person"]["given_name"] == "Inès"
    assert "HttpOnly" in registered.headers["Set-Cookie"]
    me = client.get("/api/v1/me")
    assert me.status_code == 200, me.json
    assert me.json["session"] == {"kind": "passkey", "device_id": None}
    assert me.json["roles"] == {str(structure.id): ["support_worker"]}
    csrf = me.json["csrf_token"]

    assert client.post("/api/v1/auth/logout", headers={"X-CSRF-Token": csrf}).status_code == 204
    assert client.get("/api/v1/me").status_code == 401

    signed_in = login(client, phone)
    assert signed_in.status_code == 200, signed_in.json
    assert signed_in.json["person"]["id"] == registered.json["person"]["id"]
    assert client.get("/api/v1/me").json["person"]["given_name"] == "Inès"


def test_an_invitation_is_used_once(client):
    structure, lead = _lead()
    invitation = invite(client, lead, structure)
    assert register(client, SoftAuthenticator(), invitation["token"]).status_code == 201
    stranger = client.application.test_client()
    again = stranger.post(
        "/api/v1/auth/passkeys/register/options", json={"invitation_token": invitation["token"]}
    )
    assert (again.status_code, again.json["code"]) == (410, "invitation_used")
    shown = client.get(f"/api/v1/invitations/{invitation['token']}")
    assert (shown.status_code, shown.json["code"]) == (410, "invitation_used")


def test_several_passkeys_rename_and_remove(client):
    structure, lead = _lead()
    phone, laptop = SoftAuthenticator(), SoftAuthenticator()
    assert register(client, phone, invite(client, lead, structure)["token"]).status_code == 201
    csrf = client.get("/api/v1/me").json["csrf_token"]
    headers = {"X-CSRF-Token": csrf}
    added = register(client, laptop, None, headers=headers)
    assert added.status_code == 201, added.json
    listed = client.get("/api/v1/auth/passkeys").json["passkeys"]
    assert len(listed) == 2
    first, second = listed
    renamed = client.patch(
        f"/api/v1/auth/passkeys/{first['id']}", json={"label": "Mon téléphone"}, headers=headers
    )
    assert renamed.json["label"] == "Mon téléphone"

    removed = client.delete(f"/api/v1/auth/passkeys/{first['id']}", headers=headers)
    assert removed.status_code == 204
    # The session was opened with the first passkey: it ended with it.
    assert client.get("/api/v1/me").status_code == 401
    assert login(client, phone).json["code"] == "webauthn_unknown_credential"
    assert login(client, laptop).status_code == 200
    headers = {"X-CSRF-Token": client.get("/api/v1/me").json["csrf_token"]}
    last = client.delete(f"/api/v1/auth/passkeys/{second['id']}", headers=headers)
    assert (last.status_code, last.json["code"]) == (409, "last_passkey")


def test_someone_elses_passkey_does_not_exist_for_me(client):
    structure, lead = _lead()
    register(client, SoftAuthenticator(), invite(client, lead, structure)["token"])
    theirs = client.get("/api/v1/auth/passkeys").json["passkeys"][0]["id"]
    other = client.application.test_client()
    register(other, SoftAuthenticator(), invite(client, lead, structure)["token"])
    csrf = other.get("/api/v1/me").json["csrf_token"]
    response = other.patch(
        f"/api/v1/auth/passkeys/{theirs}", json={"label": "x"}, headers={"X-CSRF-Token": csrf}
    )
    assert response.status_code == 404
