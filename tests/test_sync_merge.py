"""Merges of mutable records from base_rev, true conflicts kept, listed and resolved."""

from __future__ import annotations

import uuid

import pytest

from factories import auth
from preuves.dossiers.models import Dossier
from preuves.extensions import db
from preuves.records.catalogue import RECORD_TYPES
from preuves.records.fields import to_json
from preuves.sync.models import RecordRevision, SyncConflict
from sync_helpers import delete, put, results
from worlds import build_world, fresh_record

CONFLICTS = "/api/v1/sync/conflicts"


@pytest.fixture
def world(app):
    return build_world("A")


def dossier_json(world) -> dict:
    db.session.expire_all()
    dossier = db.session.get(Dossier, world.ids["dossier"])
    return to_json(RECORD_TYPES["dossier"], dossier)


def writable(record: dict) -> dict:
    return {k: v for k, v in record.items() if k not in ("rev", "changed_at", "changed_by")}


def test_changes_to_different_fields_merge(client, world):
    token = world.tokens["support_worker"]
    base = writable(dossier_json(world))
    [first] = results(client, token, [put("dossier", base | {"title": "Cuisine"}, 1)])
    assert first["status"] == "applied" and first["rev"] == 2
    [second] = results(client, token, [put("dossier", base | {"status": "pret_pour_jury"}, 1)])
    assert second["status"] == "merged", second
    assert second["merged_fields"] == ["status"] and second["rev"] == 3
    assert second["record"]["title"] == "Cuisine" and second["record"]["status"] == "pret_pour_jury"


def test_the_same_change_on_both_sides_is_no_conflict(client, world):
    token = world.tokens["support_worker"]
    base = writable(dossier_json(world))
    results(client, token, [put("dossier", base | {"title": "Cuisine"}, 1)])
    [same] = results(client, token, [put("dossier", base | {"title": "Cuisine"}, 1)])
    assert same["status"] == "applied" and same["rev"] == 2  # nothing left to change


def conflicting(client, world) -> dict:
    token = world.tokens["support_worker"]
    base = writable(dossier_json(world))
    results(client, world.tokens["lead"], [put("dossier", base | {"title": "Plonge"}, 1)])
    [result] = results(client, token, [put("dossier", base | {"title": "Service"}, 1)])
    return result


def test_a_true_conflict_keeps_both_versions(client, world):
    result = conflicting(client, world)
    assert result["status"] == "conflict" and result["fields"] == ["title"]
    assert result["record"]["title"] == "Plonge" and result["rev"] == 2
    conflict = db.session.get(SyncConflict, uuid.UUID(result["conflict_id"]))
    assert conflict.mine["title"] == "Service" and conflict.theirs["title"] == "Plonge"
    assert conflict.base["title"] is None and conflict.base_rev == 1
    assert conflict.dossier_id == world.ids["dossier"]
    assert dossier_json(world)["title"] == "Plonge"


def test_a_conflict_is_listed_to_staff_and_resolved_once(client, world):
    result = conflicting(client, world)
    listed = client.get(
        CONFLICTS,
        query_string={"dossier_id": str(world.ids["dossier"])},
        headers=auth(world.tokens["support_worker"]),
    )
    assert [c["id"] for c in listed.json["conflicts"]] == [result["conflict_id"]]
    for outsider in ("candidate", "jury"):
        hidden = client.get(CONFLICTS, headers=auth(world.tokens[outsider]))
        assert hidden.json["conflicts"] == [], outsider
    chosen = writable(dossier_json(world)) | {"title": "Service"}
    url = f"{CONFLICTS}/{result['conflict_id']}/resolve"
    resolved = client.post(url, json={"record": chosen}, headers=auth(world.tokens["lead"]))
    assert resolved.status_code == 200, resolved.json
    assert resolved.json["record"]["title"] == "Service" and resolved.json["record"]["rev"] == 3
    again = client.post(url, json={"record": chosen}, headers=auth(world.tokens["lead"]))
    assert again.status_code == 409 and again.json["code"] == "conflict_resolved"
    assert client.get(CONFLICTS, headers=auth(world.tokens["lead"])).json["conflicts"] == []


def test_only_someone_who_may_change_the_record_resolves(client, world):
    result = conflicting(client, world)
    url = f"{CONFLICTS}/{result['conflict_id']}/resolve"
    chosen = writable(dossier_json(world))
    refused = client.post(url, json={"record": chosen}, headers=auth(world.tokens["candidate"]))
    assert refused.status_code == 404


def test_a_stale_delete_of_a_mutable_record_is_a_conflict(client, world):
    _, workshop = fresh_record("workshop", world)
    token = world.tokens["lead"]
    results(
        client, token, [put("workshop", workshop), put("workshop", workshop | {"name": "B"}, 1)]
    )
    [result] = results(client, token, [delete("workshop", workshop["id"], 1)])
    assert result["status"] == "conflict" and result["fields"] == ["deleted"]
    assert result["record"]["deleted"] is False


def test_a_base_rev_from_the_future_is_rejected(client, world):
    base = writable(dossier_json(world))
    token = world.tokens["support_worker"]
    [result] = results(client, token, [put("dossier", base | {"title": "X"}, 9)])
    assert result["status"] == "rejected" and result["problem"]["code"] == "invalid_record"


def test_every_revision_of_a_mutable_record_is_kept(client, world):
    base = writable(dossier_json(world))
    token = world.tokens["support_worker"]
    results(client, token, [put("dossier", base | {"title": "A"}, 1)])
    results(client, token, [put("dossier", base | {"title": "B"}, 2)])
    revisions = db.session.query(RecordRevision).filter_by(record_id=world.ids["dossier"]).all()
    assert sorted((r.rev, r.data["title"]) for r in revisions) == [(1, None), (2, "A"), (3, "B")]


def test_the_record_api_merges_too(client, world):
    """PUT /records used to refuse a stale base_rev; it now merges like a push."""
    base = writable(dossier_json(world))
    url = f"/api/v1/records/dossier/{world.ids['dossier']}"
    headers = auth(world.tokens["support_worker"])
    client.put(url, json={"record": base | {"title": "A"}, "base_rev": 1}, headers=headers)
    merged = client.put(
        url, json={"record": base | {"status": "pret_pour_jury"}, "base_rev": 1}, headers=headers
    )
    assert merged.status_code == 200 and merged.json["title"] == "A"
    clash = client.put(url, json={"record": base | {"title": "B"}, "base_rev": 1}, headers=headers)
    assert clash.status_code == 409 and clash.json["code"] == "conflict"
    assert clash.json["current"]["title"] == "A" and clash.json["mine"]["title"] == "B"
    assert db.session.get(SyncConflict, uuid.UUID(clash.json["conflict_id"])) is not None
