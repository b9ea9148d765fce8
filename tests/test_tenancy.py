"""Cross-structure reads and writes are refused, for every record type.

World B's people write one record of each type; world A's people (lead, support worker,
candidate, guardian, jury member) then try to read, change, delete it, and to create
records in B. B's own writer succeeding is the control that keeps the test honest.
"""

from __future__ import annotations

import pytest

from factories import auth
from preuves.records.catalogue import RECORD_TYPES
from worlds import build_world, fresh_record

CREATABLE = sorted(set(RECORD_TYPES) - {"structure"})


@pytest.fixture
def worlds(app):
    return build_world("A"), build_world("B")


def url(kind, record_id):
    return f"/api/v1/records/{kind}/{record_id}"


def put(client, token, kind, record, base_rev=None):
    body = {"record": record, "base_rev": base_rev}
    return client.put(url(kind, record["id"]), json=body, headers=auth(token))


@pytest.mark.parametrize("kind", CREATABLE)
def test_records_of_another_structure_cannot_be_created_read_changed_or_deleted(
    client, worlds, kind
):
    a, b = worlds
    writer, record = fresh_record(kind, b)
    if kind != "person":  # a person belongs to no structure until given a membership
        for actor, token in a.tokens.items():
            refused = put(client, token, kind, record)
            # A dossier one may not read does not exist for them: 422 unknown_reference, the
            # same answer as for a dossier that does not exist (nothing leaks).
            code = refused.json["code"]
            assert refused.status_code in (403, 404, 422), (actor, refused.json)
            assert refused.status_code != 422 or code == "unknown_reference", refused.json
    created = put(client, b.tokens[writer], kind, record)
    assert created.status_code == 201, created.json
    for actor, token in a.tokens.items():
        assert client.get(url(kind, record["id"]), headers=auth(token)).status_code == 404, actor
        changed = put(client, token, kind, record, base_rev=1)
        assert changed.status_code == 404, (actor, changed.json)
        deleted = client.delete(url(kind, record["id"]) + "?base_rev=1", headers=auth(token))
        assert deleted.status_code == 404, actor
    assert client.get(url(kind, record["id"]), headers=auth(b.tokens[writer])).status_code == 200


def test_a_structure_is_invisible_to_other_structures(client, worlds):
    a, b = worlds
    target = b.ids["structure"]
    for actor, token in a.tokens.items():
        assert client.get(url("structure", target), headers=auth(token)).status_code == 404, actor
    assert client.get(url("structure", target), headers=auth(b.tokens["lead"])).status_code == 200


def test_dossier_lists_stay_within_their_structure(client, worlds):
    a, _b = worlds
    for actor in ("lead", "support_worker", "candidate", "guardian", "jury"):
        listed = client.get("/api/v1/dossiers", headers=auth(a.tokens[actor])).json["dossiers"]
        own = {str(a.ids["dossier"]), str(a.ids["spare_dossier"])}
        assert str(a.ids["dossier"]) in {d["id"] for d in listed}, actor
        assert {d["id"] for d in listed} <= own, actor


def test_dossier_content_of_another_structure_is_refused_and_own_read_is_audited(client, worlds):
    from preuves.audit.models import AuditEvent
    from preuves.extensions import db

    a, b = worlds
    content = "/api/v1/dossiers/{}/records"
    other = client.get(content.format(b.ids["dossier"]), headers=auth(a.tokens["lead"]))
    assert other.status_code == 404
    own = client.get(content.format(a.ids["dossier"]), headers=auth(a.tokens["jury"]))
    assert own.status_code == 200 and own.json["evidence"]
    reads = db.session.query(AuditEvent).filter_by(action="read", dossier_id=a.ids["dossier"])
    assert reads.count() == 1
