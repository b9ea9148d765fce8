"""RSFP pairing: two leads agree; then a support worker of one structure may evaluate one
dossier of the other, and sees nothing else of that structure."""

from __future__ import annotations

import pytest

from factories import auth, create_dossier, create_evidence, create_framework, link_blob
from preuves.core.ids import uuid7
from preuves.dossiers.models import Dossier
from preuves.extensions import db
from preuves.people.models import Person
from preuves.structures.models import Structure
from sync_helpers import Replica, put, results
from test_sync_pull import readable
from worlds import build_world, fresh_record, s

PAIRINGS = "/api/v1/pairings"


@pytest.fixture
def two(app):
    return build_world("A"), build_world("B")


def ask(client, a, b, trade="cuisine-a", token=None):
    body = {
        "structure_id": s(a.ids["structure"]),
        "partner_id": s(b.ids["structure"]),
        "trade": trade,
    }
    return client.post(PAIRINGS, json=body, headers=auth(token or a.tokens["lead"]))


def paired(client, a, b, trade="cuisine-a") -> str:
    pairing = ask(client, a, b, trade).json["id"]
    response = client.post(f"{PAIRINGS}/{pairing}/accept", headers=auth(b.tokens["lead"]))
    assert response.status_code == 200, response.json
    return pairing


def evaluator(a, b, dossier_key="dossier") -> dict:
    """B's support worker named evaluator of A's dossier, by A's support worker."""
    return {
        "id": s(uuid7()),
        "dossier_id": s(a.ids[dossier_key]),
        "person_id": s(b.ids["support_worker_person"]),
        "role": "evaluator",
    }


def name(client, a, record) -> dict:
    [result] = results(client, a.tokens["support_worker"], [put("dossier_member", record)])
    return result


def test_both_leads_must_agree(client, two):
    a, b = two
    assert ask(client, a, b, token=a.tokens["support_worker"]).status_code == 403
    asked = ask(client, a, b)
    assert asked.status_code == 201 and asked.json["status"] == "pending"
    assert ask(client, a, b).json["code"] == "pairing_exists"
    pairing = asked.json["id"]
    assert (
        client.post(f"{PAIRINGS}/{pairing}/accept", headers=auth(a.tokens["lead"])).status_code
        == 403
    )
    seen = client.get(PAIRINGS, headers=auth(b.tokens["lead"])).json["pairings"]
    assert [(p["id"], p["may_answer"]) for p in seen] == [(pairing, True)]
    assert client.get(PAIRINGS, headers=auth(a.tokens["candidate"])).json["pairings"] == []
    accepted = client.post(f"{PAIRINGS}/{pairing}/accept", headers=auth(b.tokens["lead"]))
    assert accepted.json["status"] == "accepted"
    again = client.post(f"{PAIRINGS}/{pairing}/refuse", headers=auth(b.tokens["lead"]))
    assert again.json["code"] == "pairing_not_pending"


def test_without_an_accepted_pairing_naming_an_outside_evaluator_is_refused(client, two):
    a, b = two
    assert name(client, a, evaluator(a, b))["status"] == "rejected"
    ask(client, a, b)  # asked, not yet accepted
    assert name(client, a, evaluator(a, b))["status"] == "rejected"
    paired(client, a, b, trade="cuisine-b")  # a pairing on another trade does not count
    assert name(client, a, evaluator(a, b))["status"] == "rejected"
    url = f"/api/v1/records/dossier_member/{uuid7()}"
    record = evaluator(a, b) | {"id": url.rsplit("/", 1)[1]}
    response = client.put(url, json={"record": record}, headers=auth(a.tokens["support_worker"]))
    assert response.status_code == 403


def test_the_evaluator_evaluates_one_dossier_and_sees_nothing_else(client, two):
    a, b = two
    other_dossier = db.session.get(Dossier, a.ids["spare_dossier"])
    hidden_sha = link_blob(b"other dossier's photo", other_dossier)
    db.session.commit()
    pairing = paired(client, a, b)
    staff = client.get(f"{PAIRINGS}/{pairing}/staff", headers=auth(a.tokens["support_worker"]))
    assert [p["id"] for p in staff.json["staff"]] == [s(b.ids["support_worker_person"])]
    assert name(client, a, evaluator(a, b))["status"] == "applied"

    token = b.tokens["support_worker"]
    for kind in ("positioning", "annotation"):
        _, record = fresh_record(kind, a)
        if kind == "positioning":
            record |= {"kind": "co"}
        [result] = results(client, token, [put(kind, record)])
        assert result["status"] == "applied", (kind, result)
    _, evidence = fresh_record("evidence", a)
    assert results(client, token, [put("evidence", evidence)])[0]["status"] == "rejected"

    def get(path):
        return client.get(path, headers=auth(token)).status_code

    assert get(f"/api/v1/records/dossier/{a.ids['dossier']}") == 200
    assert get(f"/api/v1/records/dossier/{a.ids['spare_dossier']}") == 404
    assert get(f"/api/v1/records/person/{a.ids['candidate_person']}") == 404
    assert get(f"/api/v1/records/person/{a.ids['lead_person']}") == 404
    assert get(f"/api/v1/records/workshop/{a.ids['workshop']}") == 404
    assert get(f"/api/v1/records/structure/{a.ids['structure']}") == 404
    assert get(f"/api/v1/media/{hidden_sha}") == 404
    assert get(f"/api/v1/records/framework_version/{a.ids['framework_version']}") == 200

    replica = Replica()
    replica.sync(client, token)
    db.session.expire_all()
    held = replica.held()
    assert held == readable(b.ids["support_worker_person"])
    of_a = {
        (t, i) for t, i in held if replica.records[(t, i)].get("dossier_id") == s(a.ids["dossier"])
    }
    outside_dossiers = held - of_a - {("dossier", s(a.ids["dossier"]))}
    a_ids = {s(v) for v in a.ids.values() if not isinstance(v, list)}
    assert {i for _t, i in outside_dossiers} & a_ids == {s(a.ids["framework_version"])}
    assert ("dossier", s(a.ids["spare_dossier"])) not in held


def test_ending_the_pairing_takes_the_dossier_back(client, two):
    a, b = two
    pairing = paired(client, a, b)
    assert name(client, a, evaluator(a, b))["status"] == "applied"
    replica = Replica()
    replica.sync(client, b.tokens["support_worker"])
    assert ("dossier", s(a.ids["dossier"])) in replica.held()
    ended = client.post(f"{PAIRINGS}/{pairing}/end", headers=auth(b.tokens["lead"]))
    assert ended.status_code == 200 and ended.json["status"] == "ended"
    replica.sync(client, b.tokens["support_worker"])
    assert ("dossier", s(a.ids["dossier"])) not in replica.held()
    assert name(client, a, evaluator(a, b))["status"] == "rejected"


def test_a_lead_sees_other_structures_names_only(client, two):
    a, b = two
    response = client.get(f"{PAIRINGS}/structures", headers=auth(a.tokens["lead"]))
    assert [x["id"] for x in response.json["structures"]] == [s(b.ids["structure"])]
    assert set(response.json["structures"][0]) == {"id", "name", "city"}
    assert (
        client.get(f"{PAIRINGS}/structures", headers=auth(a.tokens["support_worker"])).status_code
        == 403
    )


def test_an_evaluator_of_the_same_structure_needs_no_pairing(client, two):
    a, _ = two
    structure = db.session.get(Structure, a.ids["structure"])
    second = db.session.get(Person, a.ids["lead_person"])
    framework = create_framework(structure, slug="autre")
    candidate = db.session.get(Person, a.ids["candidate_person"])
    worker = db.session.get(Person, a.ids["support_worker_person"])
    dossier = create_dossier(structure, candidate, framework, worker)
    create_evidence(dossier, db.session.get(Person, a.ids["candidate_person"]))
    db.session.commit()
    record = {
        "id": s(uuid7()),
        "dossier_id": s(dossier.id),
        "person_id": s(second.id),
        "role": "evaluator",
    }
    assert name(client, a, record)["status"] == "applied"
