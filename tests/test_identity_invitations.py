"""Invitations: who may invite whom, one-time links, recovery by re-invitation, and an outside
jury member who sees only the dossiers assigned to their session."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select

from factories import (
    auth,
    create_dossier,
    create_framework,
    create_jury_session,
    create_person,
    create_structure,
    token_for,
)
from identity_flows import invite, login, register
from preuves.core.models import utcnow
from preuves.extensions import db
from preuves.identity.models import Invitation
from preuves.juries.models import JuryMember
from webauthn_soft import SoftAuthenticator


@pytest.fixture
def esat(client):
    structure = create_structure()
    lead = create_person("Lea", "Lead", roles={structure: ["lead"]})
    worker = create_person("Sam", "Moniteur", roles={structure: ["support_worker"]})
    db.session.commit()
    return {"structure": structure, "lead": lead, "worker": worker}


def _post(client, inviter, **body):
    return client.post("/api/v1/invitations", json=body, headers=auth(token_for(inviter)))


def test_only_a_lead_invites(client, esat):
    body = {
        "structure_id": str(esat["structure"].id),
        "role": "candidate",
        "person": {"given_name": "A", "family_name": "B"},
    }
    refused = _post(client, esat["worker"], **body)
    assert (refused.status_code, refused.json["code"]) == (403, "forbidden")
    other = create_person("O", "Lead", roles={create_structure("Autre"): ["lead"]})
    assert _post(client, other, **body).status_code == 403


def test_a_lead_cannot_take_over_someone_from_elsewhere(client, esat):
    elsewhere = create_structure("Autre")
    stranger = create_person("Zoé", "Ailleurs", roles={elsewhere: ["support_worker"]})
    body = {
        "structure_id": str(esat["structure"].id),
        "role": "candidate",
        "person_id": str(stranger.id),
    }
    assert _post(client, esat["lead"], **body).json["code"] == "forbidden"
    # Someone in both structures is re-invited only by a lead of both.
    both = create_person(
        "Max", "Deux", roles={esat["structure"]: ["candidate"], elsewhere: ["candidate"]}
    )
    body["person_id"] = str(both.id)
    assert _post(client, esat["lead"], **body).json["code"] == "forbidden"


def test_recovery_revokes_older_invitations_and_can_replace_passkeys(client, esat):
    worker = esat["worker"]
    lost_phone = SoftAuthenticator()
    first = invite(client, esat["lead"], esat["structure"], person_id=str(worker.id))
    assert register(client, lost_phone, first["token"]).status_code == 201
    client.delete_cookie("preuves_session", domain="localhost")
    pending = invite(client, esat["lead"], esat["structure"], person_id=str(worker.id))
    recovery = invite(
        client, esat["lead"], esat["structure"], person_id=str(worker.id), replace_passkeys=True
    )
    assert (
        client.get(f"/api/v1/invitations/{pending['token']}").json["code"] == "invitation_revoked"
    )
    listed = client.get(
        f"/api/v1/invitations?structure_id={esat['structure'].id}",
        headers=auth(token_for(esat["lead"])),
    ).json["invitations"]
    assert [i["status"] for i in listed] == ["live", "revoked", "used"]
    assert "token" not in listed[0]

    new_phone = SoftAuthenticator()
    assert register(client, new_phone, recovery["token"]).status_code == 201
    assert login(client, lost_phone).json["code"] == "webauthn_unknown_credential"
    assert login(client, new_phone).json["person"]["id"] == str(worker.id)


def test_withdraw_and_expiry(client, esat):
    invitation = invite(client, esat["lead"], esat["structure"])
    lead_headers = auth(token_for(esat["lead"]))
    assert (
        client.delete(f"/api/v1/invitations/{invitation['id']}", headers=lead_headers).status_code
        == 204
    )
    gone = client.post(
        "/api/v1/auth/passkeys/register/options", json={"invitation_token": invitation["token"]}
    )
    assert (gone.status_code, gone.json["code"]) == (410, "invitation_revoked")

    late = invite(client, esat["lead"], esat["structure"])
    row = db.session.get(Invitation, uuid.UUID(late["id"]))
    row.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    shown = client.get(f"/api/v1/invitations/{late['token']}")
    assert (shown.status_code, shown.json["code"]) == (410, "invitation_expired")
    assert client.get("/api/v1/invitations/not-a-token").status_code == 404


def test_outside_jury_member_sees_only_assigned_dossiers(client, esat):
    structure = esat["structure"]
    framework = create_framework(structure)
    assigned = create_dossier(
        structure, create_person("A", "Cand", roles={structure: ["candidate"]}), framework
    )
    other = create_dossier(
        structure, create_person("B", "Cand", roles={structure: ["candidate"]}), framework
    )
    session = create_jury_session(structure, [], [assigned])
    db.session.commit()
    invitation = invite(
        client,
        esat["lead"],
        structure,
        role="jury_member",
        jury_session_id=str(session.id),
        person={"given_name": "Juliette", "family_name": "Jury", "email": "juliette@example.org"},
    )
    phone = SoftAuthenticator()
    assert register(client, phone, invitation["token"]).status_code == 201
    me = client.get("/api/v1/me").json
    assert me["roles"] == {}  # no role in the structure: only the jury session
    member = db.session.scalar(select(JuryMember).where(JuryMember.session_id == session.id))
    assert str(member.person_id) == me["person_id"]
    dossiers = client.get("/api/v1/dossiers").json["dossiers"]
    assert [d["id"] for d in dossiers] == [str(assigned.id)]
    assert client.get(f"/api/v1/dossiers/{other.id}/records").status_code == 404
    assert client.get(f"/api/v1/dossiers/{assigned.id}/records").status_code == 200


def test_a_jury_invitation_comes_from_the_structure_running_the_session(client, esat):
    elsewhere = create_structure("Autre")
    session = create_jury_session(elsewhere, [], [])
    body = {
        "structure_id": str(esat["structure"].id),
        "role": "jury_member",
        "jury_session_id": str(session.id),
        "person": {"given_name": "J", "family_name": "K"},
    }
    assert _post(client, esat["lead"], **body).json["code"] == "unknown_reference"


def test_an_email_already_known_is_reinvited_by_id(client, esat):
    create_person(
        "Known", "Person", email="known@example.org", roles={esat["structure"]: ["candidate"]}
    )
    body = {
        "structure_id": str(esat["structure"].id),
        "role": "candidate",
        "person": {"given_name": "K", "family_name": "P", "email": "Known@example.org"},
    }
    assert _post(client, esat["lead"], **body).json["code"] == "conflict"
