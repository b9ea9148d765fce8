"""The record API through the test client: authentication, writes, revs, tombstones, audit."""

from __future__ import annotations

from datetime import timedelta

import pytest

from factories import auth, create_person, create_structure, token_for
from preuves.audit.models import AuditEvent
from preuves.core.ids import uuid7
from preuves.core.models import utcnow
from preuves.extensions import db
from preuves.identity.models import ApiToken


@pytest.fixture
def esat(app):
    structure = create_structure("ESAT du Val")
    lead = create_person("Claire", "Martin", "claire@example.org", roles={structure: ["lead"]})
    db.session.commit()
    return structure, lead, token_for(lead)


def put(client, token, kind, record, base_rev=None):
    url = f"/api/v1/records/{kind}/{record['id']}"
    return client.put(url, json={"record": record, "base_rev": base_rev}, headers=auth(token))


def workshop(structure, name="Cuisine"):
    return {"id": str(uuid7()), "structure_id": str(structure.id), "name": name}


def test_no_token_is_401_problem(client, esat):
    response = client.get(f"/api/v1/records/structure/{esat[0].id}")
    assert response.status_code == 401
    assert response.json["code"] == "unauthenticated"


def test_unknown_revoked_and_expired_tokens_are_refused(client, esat):
    assert client.get("/api/v1/me", headers=auth("pv_nope")).status_code == 401
    token = esat[2]
    row = db.session.query(ApiToken).one()
    row.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert client.get("/api/v1/me", headers=auth(token)).json["code"] == "token_expired"
    row.revoked_at = utcnow()
    db.session.commit()
    assert client.get("/api/v1/me", headers=auth(token)).json["code"] == "unauthenticated"


def test_tokens_are_stored_hashed(esat):
    assert db.session.query(ApiToken).one().token_hash != esat[2]


def test_lead_creates_reads_updates_and_deletes_a_workshop(client, esat):
    structure, lead, token = esat
    record = workshop(structure)
    created = put(client, token, "workshop", record)
    assert created.status_code == 201, created.json
    assert created.json["rev"] == 1 and created.json["changed_by"] == str(lead.id)
    again = put(client, token, "workshop", record)  # a replayed write changes nothing
    assert again.status_code == 200 and again.json["rev"] == 1
    updated = put(client, token, "workshop", record | {"name": "Grande cuisine"}, base_rev=1)
    assert updated.json["rev"] == 2 and updated.json["name"] == "Grande cuisine"
    url = f"/api/v1/records/workshop/{record['id']}"
    deleted = client.delete(f"{url}?base_rev=2", headers=auth(token))
    assert deleted.json["deleted"] is True and deleted.json["rev"] == 3
    assert client.get(url, headers=auth(token)).json["deleted"] is True


def test_a_clash_on_a_stale_base_rev_is_a_conflict_with_the_server_version(client, esat):
    # A stale base_rev used to be refused outright (stale_base_rev). The record API now
    # merges field by field as a sync push does (docs/sync-protocol.md): only the same
    # field changed on both sides is a 409, which keeps the losing write as a conflict.
    structure, _lead, token = esat
    record = workshop(structure)
    put(client, token, "workshop", record)
    put(client, token, "workshop", record | {"name": "Plonge"}, base_rev=1)
    stale = put(client, token, "workshop", record | {"name": "Salle"}, base_rev=1)
    assert stale.status_code == 409
    assert stale.json["code"] == "conflict" and stale.json["conflict_id"]
    assert stale.json["current"]["name"] == "Plonge" and stale.json["mine"]["name"] == "Salle"


def test_fixed_fields_cannot_move_a_record(client, esat):
    structure, _lead, token = esat
    other = create_structure("Autre ESAT")
    db.session.commit()
    record = workshop(structure)
    put(client, token, "workshop", record)
    moved = put(client, token, "workshop", record | {"structure_id": str(other.id)}, base_rev=1)
    assert moved.status_code == 422 and moved.json["code"] == "fixed_field"


def test_invalid_records_get_every_error(client, esat):
    record = {"id": str(uuid7()), "structure_id": "nope", "name": "", "colour": "red"}
    response = put(client, esat[2], "workshop", record)
    assert response.status_code == 422
    assert response.json["code"] == "invalid_record"
    assert response.json["title"].startswith("Les informations")
    assert len(response.json["errors"]) >= 3


def test_reference_to_a_missing_structure_is_refused(client, esat):
    record = workshop(esat[0]) | {"structure_id": str(uuid7())}
    response = put(client, esat[2], "workshop", record)
    assert response.status_code == 422
    assert "structure_id" in response.json["errors"]


def test_body_must_be_json_with_the_url_id(client, esat):
    url = f"/api/v1/records/workshop/{uuid7()}"
    as_text = client.put(url, data="x", headers=auth(esat[2]))
    assert as_text.status_code == 415
    other_id = client.put(url, json={"record": workshop(esat[0])}, headers=auth(esat[2]))
    assert other_id.status_code == 400


def test_structures_are_created_by_operators_only(client, esat):
    record = {"id": str(uuid7()), "name": "Nouvel ESAT", "kind": "esat"}
    assert put(client, esat[2], "structure", record).status_code == 403


def test_lead_updates_their_structure(client, esat):
    structure, _lead, token = esat
    record = {"id": str(structure.id), "name": "ESAT du Val", "kind": "esat", "city": "Albi"}
    response = put(client, token, "structure", record, base_rev=1)
    assert response.status_code == 200 and response.json["city"] == "Albi"


def test_writes_are_audited_with_the_request_id(client, esat):
    response = put(client, esat[2], "workshop", workshop(esat[0]))
    event = db.session.query(AuditEvent).filter_by(action="create").one()
    assert event.request_id == response.headers["X-Request-Id"]
    assert event.actor_id == esat[1].id


def test_me_lists_roles(client, esat):
    structure, lead, token = esat
    me = client.get("/api/v1/me", headers=auth(token)).json
    assert me["person_id"] == str(lead.id)
    assert me["roles"] == {str(structure.id): ["lead"]}
