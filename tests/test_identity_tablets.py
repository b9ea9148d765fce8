"""Enrolled tablets: enrolment by a staff passkey, picture sign-in (with and without the
sequence), switching candidate, revocation (device_revoked everywhere) and the wipe report."""

from __future__ import annotations

import uuid

import pytest

from factories import (
    auth,
    create_dossier,
    create_framework,
    create_person,
    create_session,
    create_structure,
    create_workshop,
    device_cookie,
    enrol_device,
    revoke_device,
    token_for,
)
from identity_flows import invite, refusals, register
from preuves.extensions import db
from preuves.identity.models import Device
from preuves.media import blobs
from webauthn_soft import SoftAuthenticator

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def esat(client):
    structure = create_structure()
    lead = create_person("Lea", "Lead", roles={structure: ["lead"]})
    worker = create_person("Sam", "Moniteur", roles={structure: ["support_worker"]})
    alice = create_person("Alice", "Candidate", roles={structure: ["candidate"]})
    alice.portrait_sha256 = blobs.put_bytes(PNG)
    bruno = create_person("Bruno", "Candidat", roles={structure: ["candidate"]})
    outsider = create_person("Zoé", "Ailleurs", roles={create_structure("Autre"): ["candidate"]})
    db.session.commit()
    return {
        "structure": structure,
        "lead": lead,
        "worker": worker,
        "alice": alice,
        "bruno": bruno,
        "outsider": outsider,
    }


def test_enrol_a_tablet_with_a_staff_passkey(client, esat):
    phone = SoftAuthenticator()
    token = invite(client, esat["lead"], esat["structure"], role="support_worker")["token"]
    assert register(client, phone, token).status_code == 201
    tablet = client.application.test_client()
    options = tablet.post("/api/v1/devices/enrol/options", json={}).json
    body = {
        "ceremony_id": options["ceremony_id"],
        "credential": phone.get(options["publicKey"]),
        "structure_id": str(esat["structure"].id),
        "label": "Tablette cuisine",
    }
    enrolled = tablet.post("/api/v1/devices/enrol", json=body)
    assert enrolled.status_code == 201, enrolled.json
    assert "preuves_device=" in enrolled.headers["Set-Cookie"]
    assert "HttpOnly" in enrolled.headers["Set-Cookie"]
    assert enrolled.json["device"]["label"] == "Tablette cuisine"
    device = db.session.get(Device, uuid.UUID(enrolled.json["device"]["id"]))
    cookie = tablet.get_cookie("preuves_device").value
    assert device.credential_hash != cookie and len(device.credential_hash) == 64
    assert tablet.get("/api/v1/devices/me").json["device"]["id"] == str(device.id)
    assert tablet.get("/api/v1/me").status_code == 401  # the tablet alone is nobody


def test_a_candidate_cannot_enrol_a_tablet(client, esat):
    phone = SoftAuthenticator()
    alice = esat["alice"]
    token = invite(
        client, esat["lead"], esat["structure"], person_id=str(alice.id), role="candidate"
    )["token"]
    assert register(client, phone, token).status_code == 201
    tablet = client.application.test_client()
    options = tablet.post("/api/v1/devices/enrol/options", json={}).json
    body = {
        "ceremony_id": options["ceremony_id"],
        "credential": phone.get(options["publicKey"]),
        "structure_id": str(esat["structure"].id),
        "label": "T",
    }
    response = tablet.post("/api/v1/devices/enrol", json=body)
    assert (response.status_code, response.json["code"]) == (403, "forbidden")
    assert refusals()[-1] == "forbidden"


def test_picture_sign_in_without_sequence(client, esat):
    device, credential = enrol_device(esat["structure"], esat["worker"])
    device_cookie(client, credential)
    listed = client.get("/api/v1/devices/me/candidates").json
    assert [c["given_name"] for c in listed] == ["Alice", "Bruno"]
    alice = listed[0]
    assert alice["portrait_url"] == f"/api/v1/devices/me/portraits/{esat['alice'].id}"
    photo = client.get(alice["portrait_url"])
    assert (photo.status_code, photo.mimetype, photo.data) == (200, "image/png", PNG)
    assert client.get(f"/api/v1/devices/me/portraits/{esat['outsider'].id}").status_code == 404

    signed_in = client.post("/api/v1/devices/me/sign-in", json={"person_id": alice["id"]})
    assert signed_in.status_code == 200, signed_in.json
    me = client.get("/api/v1/me").json
    assert me["session"] == {"kind": "picture", "device_id": str(device.id)}
    assert me["roles"] == {str(esat["structure"].id): ["candidate"]}
    outsider = client.post(
        "/api/v1/devices/me/sign-in",
        json={"person_id": str(esat["outsider"].id)},
        headers={"X-CSRF-Token": me["csrf_token"]},
    )
    assert outsider.status_code == 404


def test_switching_candidate_keeps_the_tablet_and_ends_the_session(client, esat):
    _device, credential = enrol_device(esat["structure"], esat["worker"])
    device_cookie(client, credential)
    csrf = client.post(
        "/api/v1/devices/me/sign-in", json={"person_id": str(esat["alice"].id)}
    ).json["csrf_token"]
    assert client.post("/api/v1/auth/logout", headers={"X-CSRF-Token": csrf}).status_code == 204
    assert client.get("/api/v1/me").status_code == 401
    assert client.get("/api/v1/devices/me/candidates").status_code == 200
    bruno = client.post("/api/v1/devices/me/sign-in", json={"person_id": str(esat["bruno"].id)})
    assert bruno.json["person"]["given_name"] == "Bruno"
    assert client.get("/api/v1/me").json["person_id"] == str(esat["bruno"].id)


def test_a_picture_session_stays_on_its_tablet(client, esat):
    _device, credential = enrol_device(esat["structure"], esat["worker"])
    device_cookie(client, credential)
    client.post("/api/v1/devices/me/sign-in", json={"person_id": str(esat["alice"].id)})
    session = client.get_cookie("preuves_session").value
    elsewhere = client.application.test_client()
    elsewhere.set_cookie("preuves_session", session, domain="localhost")
    assert elsewhere.get("/api/v1/me").status_code == 401


def _sequence_on(client, esat):
    lead_token = token_for(esat["lead"])
    turned = client.put(
        f"/api/v1/structures/{esat['structure'].id}/identity-settings",
        json={"picture_sequence": True},
        headers=auth(lead_token),
    )
    assert turned.json == {"structure_id": str(esat["structure"].id), "picture_sequence": True}
    worker = token_for(esat["worker"])
    put = client.put(
        f"/api/v1/people/{esat['alice'].id}/picture-secret",
        json={"sequence": ["cat", "sun", "cup"]},
        headers=auth(worker),
    )
    assert put.status_code == 204, put.json
    return worker


def test_picture_sign_in_with_sequence(client, esat):
    _sequence_on(client, esat)
    _device, credential = enrol_device(esat["structure"], esat["worker"])
    device_cookie(client, credential)
    alice = str(esat["alice"].id)
    first = client.post("/api/v1/devices/me/sign-in", json={"person_id": alice})
    assert first.json["sequence_required"] is True
    assert sorted(first.json["choices"]) == sorted(
        client.get("/api/v1/auth/pictures").json["pictures"]
    )
    assert client.get("/api/v1/me").status_code == 401
    wrong = client.post(
        "/api/v1/devices/me/sign-in", json={"person_id": alice, "sequence": ["cat", "sun", "car"]}
    )
    assert (wrong.status_code, wrong.json["code"], wrong.json["tries_left"]) == (
        401,
        "picture_wrong",
        2,
    )
    right = client.post(
        "/api/v1/devices/me/sign-in", json={"person_id": alice, "sequence": ["cat", "sun", "cup"]}
    )
    assert right.status_code == 200, right.json
    assert client.get("/api/v1/me").json["session"]["kind"] == "picture"
    bruno = client.post(
        "/api/v1/devices/me/sign-in",
        json={"person_id": str(esat["bruno"].id)},
        headers={"X-CSRF-Token": right.json["csrf_token"]},
    )
    assert (bruno.status_code, bruno.json["code"]) == (409, "picture_secret_missing")


def test_three_wrong_sequences_ask_for_a_support_worker(client, esat):
    worker = _sequence_on(client, esat)
    _device, credential = enrol_device(esat["structure"], esat["worker"])
    device_cookie(client, credential)
    alice = str(esat["alice"].id)
    codes = [
        client.post(
            "/api/v1/devices/me/sign-in", json={"person_id": alice, "sequence": ["car"] * 3}
        ).json["code"]
        for _ in range(4)
    ]
    assert codes == ["picture_wrong", "picture_wrong", "ask_support_worker", "ask_support_worker"]
    locked = client.post(
        "/api/v1/devices/me/sign-in", json={"person_id": alice, "sequence": ["cat", "sun", "cup"]}
    )
    assert (locked.status_code, locked.json["code"]) == (429, "ask_support_worker")
    assert int(locked.headers["Retry-After"]) > 0
    assert (
        client.post(
            f"/api/v1/people/{alice}/picture-secret/unlock", headers=auth(worker)
        ).status_code
        == 204
    )
    right = client.post(
        "/api/v1/devices/me/sign-in", json={"person_id": alice, "sequence": ["cat", "sun", "cup"]}
    )
    assert right.status_code == 200


def test_revoked_tablet_is_refused_everywhere_and_reports_what_it_erased(client, esat):
    framework = create_framework(esat["structure"])
    dossier = create_dossier(esat["structure"], esat["alice"], framework, esat["worker"])
    device, credential = enrol_device(esat["structure"], esat["worker"])
    device_cookie(client, credential)
    csrf = client.post(
        "/api/v1/devices/me/sign-in", json={"person_id": str(esat["alice"].id)}
    ).json["csrf_token"]
    assert client.get(f"/api/v1/dossiers/{dossier.id}/records").status_code == 200

    worker_token = token_for(esat["worker"])
    revoked = client.application.test_client().post(
        f"/api/v1/devices/{device.id}/revoke", headers=auth(worker_token)
    )
    assert revoked.status_code == 200 and revoked.json["device"]["revoked_at"]

    headers = {"X-CSRF-Token": csrf}
    evidence = {"record": {"id": str(uuid.uuid4()), "dossier_id": str(dossier.id)}}
    attempts = [
        client.get("/api/v1/me"),
        client.get("/api/v1/devices/me/candidates"),
        client.get(f"/api/v1/dossiers/{dossier.id}/records"),
        client.put(f"/api/v1/records/evidence/{uuid.uuid4()}", json=evidence, headers=headers),
        client.post("/api/v1/sync/push", json={"mutations": []}, headers=headers),
        client.post("/api/v1/devices/me/sign-in", json={"person_id": str(esat["bruno"].id)}),
    ]
    for response in attempts:
        assert (response.status_code, response.json["code"]) == (403, "device_revoked"), (
            response.json
        )
        assert response.json["erase_local_data"] is True
    assert refusals()[-1] == "device_revoked"

    report = {"pending": {"records": 3, "media": 2, "by_kind": {"evidence": 3}}}
    assert client.post("/api/v1/devices/me/wipe-report", json=report).status_code == 204
    staff = client.application.test_client()  # the revoked tablet would be refused
    listed = staff.get(
        f"/api/v1/devices?structure_id={esat['structure'].id}", headers=auth(worker_token)
    )
    assert listed.json["devices"][0]["last_wipe_report"] == report["pending"]


def test_revoke_device_factory_and_other_structures(client, esat):
    device, credential = enrol_device(esat["structure"], esat["worker"])
    stranger = create_person("X", "Y", roles={create_structure("Autre ESAT"): ["lead"]})
    response = client.post(f"/api/v1/devices/{device.id}/revoke", headers=auth(token_for(stranger)))
    assert response.status_code == 404
    revoke_device(device)
    device_cookie(client, credential)
    assert client.get("/api/v1/devices/me").json["code"] == "device_revoked"


def test_a_workshop_tablet_lists_its_workshops_candidates(client, esat):
    kitchen = create_workshop(esat["structure"], "Cuisine")
    from sqlalchemy import select

    from preuves.people.models import Membership

    membership = db.session.scalar(
        select(Membership).where(Membership.person_id == esat["bruno"].id)
    )
    membership.workshop_id = kitchen.id
    db.session.commit()
    _device, credential = enrol_device(esat["structure"], esat["worker"], kitchen)
    device_cookie(client, credential)
    assert [c["given_name"] for c in client.get("/api/v1/devices/me/candidates").json] == ["Bruno"]


def test_create_session_factory(client, esat):
    csrf = create_session(client, esat["worker"])
    assert client.get("/api/v1/me").json["csrf_token"] == csrf
