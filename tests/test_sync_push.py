"""Push: every type, one result per mutation, idempotent, append-only rules, order."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from factories import create_session, device_cookie, enrol_device, link_blob, revoke_device
from preuves.core.ids import uuid7
from preuves.dossiers.models import Dossier
from preuves.evidence.models import Annotation, Evidence
from preuves.extensions import db
from preuves.people.models import Person
from preuves.records.catalogue import RECORD_TYPES
from preuves.records.fields import to_json
from preuves.structures.models import Structure
from preuves.sync.models import SyncMutation
from sync_helpers import delete, push, put, results, snapshot
from worlds import build_world, fresh_record


@pytest.fixture
def world(app):
    return build_world("A")


@pytest.mark.parametrize("kind", sorted(set(RECORD_TYPES) - {"structure"}))
def test_every_record_type_can_be_created_by_push(client, world, kind):
    writer, record = fresh_record(kind, world)
    [result] = results(client, world.tokens[writer], [put(kind, record)])
    assert result["status"] == "applied", result
    assert result["rev"] == 1
    stored = db.session.get(RECORD_TYPES[kind].model, uuid.UUID(record["id"]))
    server_copy = to_json(RECORD_TYPES[kind], stored)
    if RECORD_TYPES[kind].append_only:
        # Stored as sent: only the fields the server set come back, for the device's copy.
        assert "record" not in result
        author = {RECORD_TYPES[kind].author_field} - {None}
        assert set(result["served"]) == {"rev", "changed_at", "changed_by"} | author
        assert result["served"] == {key: server_copy[key] for key in result["served"]}
    else:
        assert result["record"] == server_copy and "served" not in result


def test_one_result_per_mutation_in_order(client, world):
    _, first = fresh_record("workshop", world)
    _, second = fresh_record("workshop", world)
    mutations = [put("workshop", first), put("workshop", second)]
    answer = push(client, world.tokens["lead"], mutations)
    assert [r["mutation_id"] for r in answer["results"]] == [m["mutation_id"] for m in mutations]
    assert answer["server_time"].startswith("20")


def test_the_same_batch_twice_changes_nothing_the_second_time(client, world):
    writer, evidence = fresh_record("journal_entry", world)
    _, workshop = fresh_record("workshop", world)
    batch = [put("journal_entry", evidence)]
    first = results(client, world.tokens[writer], batch)
    before = snapshot()
    assert results(client, world.tokens[writer], batch) == first
    assert snapshot() == before
    lead_batch = [put("workshop", workshop), put("workshop", workshop | {"name": "Salle"}, 1)]
    assert [r["rev"] for r in results(client, world.tokens["lead"], lead_batch)] == [1, 2]
    before = snapshot()
    again = results(client, world.tokens["lead"], lead_batch)
    assert [r["rev"] for r in again] == [1, 2]
    assert snapshot() == before


def test_a_mutation_id_twice_in_one_batch_applies_once(client, world):
    _, workshop = fresh_record("workshop", world)
    mutation = put("workshop", workshop)
    first, second = results(client, world.tokens["lead"], [mutation, mutation])
    assert first == second
    assert db.session.scalar(select(func.count()).select_from(SyncMutation)) == 1


def test_a_mutation_id_used_by_someone_else_is_rejected(client, world):
    _, workshop = fresh_record("workshop", world)
    mutation = put("workshop", workshop)
    results(client, world.tokens["lead"], [mutation])
    _, entry = fresh_record("journal_entry", world)
    stolen = put("journal_entry", entry) | {"mutation_id": mutation["mutation_id"]}
    [result] = results(client, world.tokens["candidate"], [stolen])
    assert result["status"] == "rejected"
    assert result["problem"]["code"] == "mutation_id_reused"


def test_append_only_replay_is_applied_and_an_edit_rejected(client, world):
    writer, evidence = fresh_record("journal_entry", world)
    results(client, world.tokens[writer], [put("journal_entry", evidence)])
    [replay] = results(client, world.tokens[writer], [put("journal_entry", evidence)])
    assert replay["status"] == "applied" and replay["rev"] == 1
    edited = evidence | {"body_text": "J'ai changé d'avis."}
    [edit] = results(client, world.tokens[writer], [put("journal_entry", edited, 1)])
    assert edit["status"] == "rejected" and edit["problem"]["code"] == "append_only"


def test_a_reordered_batch_rejects_what_comes_too_early_then_accepts_it(client, world):
    """An annotation before its evidence: refused (kept by the client), applied once resent."""
    token = world.tokens["support_worker"]
    _, evidence = fresh_record("evidence", world)
    evidence |= {"kind": "text", "media_sha256": None, "media_type": None}
    _, annotation = fresh_record("annotation", world)
    annotation["evidence_id"] = evidence["id"]
    late = put("annotation", annotation)
    too_early, created = results(client, token, [late, put("evidence", evidence)])
    assert too_early["status"] == "rejected" and created["status"] == "applied"
    assert db.session.get(Annotation, uuid.UUID(annotation["id"])) is None
    [retried] = results(client, token, [late])
    assert retried["status"] == "applied"


def test_delete_tombstones_and_a_second_delete_changes_nothing(client, world):
    token = world.tokens["candidate"]
    evidence_id = world.ids["evidence"]
    [gone] = results(client, token, [delete("evidence", evidence_id)])
    assert gone["status"] == "applied" and gone["record"]["deleted"] is True
    assert gone["rev"] == 2
    [again] = results(client, token, [delete("evidence", evidence_id)])
    assert again["status"] == "applied" and again["rev"] == 2
    assert db.session.get(Evidence, evidence_id).deleted is True


def test_delete_of_an_unknown_record_is_rejected(client, world):
    [result] = results(client, world.tokens["lead"], [delete("workshop", uuid7(), 1)])
    assert result["problem"]["code"] == "not_found"


def test_every_write_gets_a_sequence_number_in_order(client, world):
    _, first = fresh_record("workshop", world)
    _, second = fresh_record("workshop", world)
    results(client, world.tokens["lead"], [put("workshop", first), put("workshop", second)])
    model = RECORD_TYPES["workshop"].model
    db.session.expire_all()
    seqs = [db.session.get(model, uuid.UUID(r["id"])).seq for r in (first, second)]
    assert 0 < seqs[0] < seqs[1]
    for kind in RECORD_TYPES.values():  # factories, the record API and push alike
        assert db.session.scalar(select(func.min(kind.model.seq))) != 0, kind.name


def test_media_must_reach_the_dossier_before_the_evidence(client, world):
    writer, evidence = fresh_record("evidence", world)
    evidence["media_sha256"] = "b" * 64  # never uploaded
    mutation = put("evidence", evidence)
    [refused] = results(client, world.tokens[writer], [mutation])
    assert refused["status"] == "rejected"
    assert refused["problem"]["code"] == "media_not_uploaded"
    assert refused["problem"]["errors"][0]["pointer"] == "/media_sha256"
    spare = db.session.get(Dossier, world.ids["spare_dossier"])
    link_blob("b" * 64, spare)  # uploaded, but for another dossier: still refused
    db.session.commit()
    [again] = results(client, world.tokens[writer], [mutation])
    assert again["problem"]["code"] == "media_not_uploaded"
    link_blob("b" * 64, db.session.get(Dossier, world.ids["dossier"]))
    db.session.commit()
    [applied] = results(client, world.tokens[writer], [mutation])  # the same mutation, retried
    assert applied["status"] == "applied"


def test_a_voice_comment_in_a_positioning_must_be_uploaded_too(client, world):
    writer, positioning = fresh_record("positioning", world)
    positioning["items"][0]["comment_audio_sha256"] = "c" * 64
    [refused] = results(client, world.tokens[writer], [put("positioning", positioning)])
    assert refused["problem"]["code"] == "media_not_uploaded"
    assert refused["problem"]["errors"][0]["pointer"] == "/items/0/comment_audio_sha256"


def test_a_push_from_a_revoked_tablet_is_refused_whole(client, world):
    structure = db.session.get(Structure, world.ids["structure"])
    lead = db.session.get(Person, world.ids["lead_person"])
    device, credential = enrol_device(structure, lead)
    candidate = db.session.get(Person, world.ids["candidate_person"])
    csrf = create_session(client, candidate, kind="picture", device=device)
    device_cookie(client, credential)
    _, entry = fresh_record("journal_entry", world)
    headers = {"X-CSRF-Token": csrf}
    batch = {"mutations": [put("journal_entry", entry)]}
    accepted = client.post("/api/v1/sync/push", json=batch, headers=headers)
    assert accepted.status_code == 200, accepted.json
    revoke_device(device)
    before = snapshot()
    _, other = fresh_record("journal_entry", world)
    refused = client.post(
        "/api/v1/sync/push", json={"mutations": [put("journal_entry", other)]}, headers=headers
    )
    assert refused.status_code in (401, 403), refused.json
    assert refused.json["code"] in ("device_revoked", "unauthenticated")
    assert snapshot() == before
