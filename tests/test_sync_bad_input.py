"""Bad input: a problem per batch or per mutation, and nothing half applied."""

from __future__ import annotations

import gzip
import json

import pytest

from factories import auth
from preuves.core.ids import uuid7
from preuves.sync.push import MAX_BATCH_BYTES, MAX_MUTATIONS
from sync_helpers import PUSH, push, put, results, snapshot
from worlds import build_world, fresh_record


@pytest.fixture
def worlds(app):
    return build_world("A"), build_world("B")


def post(client, token, data: bytes, **headers) -> object:
    headers = auth(token) | {"Content-Type": "application/json"} | headers
    return client.post(PUSH, data=data, headers=headers)


def workshops(world, count: int) -> list[dict]:
    return [put("workshop", fresh_record("workshop", world)[1]) for _ in range(count)]


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        (b"{not json", None),
        (b"[]", "/"),
        (json.dumps({"mutations": "x"}).encode(), "/mutations"),
        (json.dumps({"mutations": [{"op": "put"}]}).encode(), "/mutations/0"),
        (json.dumps({"mutations": [], "extra": 1}).encode(), "/"),
        (b"\xff\xfe", None),
        (b'{"mutations": ' + b"[" * 40 + b"]" * 40 + b"}", None),
    ],
    ids=["not-json", "array", "not-a-list", "incomplete", "extra-key", "not-utf8", "deep"],
)
def test_a_malformed_batch_is_refused_whole(client, worlds, body, pointer):
    a, _b = worlds
    before = snapshot()
    good = json.dumps({"mutations": workshops(a, 1)})[:-1]  # a good start, then the fault
    for data in (body, good.encode() + b', "oops"}'):
        response = post(client, a.tokens["lead"], data)
        assert response.status_code == 400, response.json
        assert response.json["code"] == "invalid_batch"
    if pointer:
        assert pointer in [e["pointer"] for e in response_for(client, a, body).json["errors"]]
    assert snapshot() == before


def response_for(client, world, body):
    return post(client, world.tokens["lead"], body)


def test_too_many_mutations_is_a_413_and_nothing_applies(client, worlds):
    a, _b = worlds
    before = snapshot()
    response = client.post(
        PUSH, json={"mutations": workshops(a, MAX_MUTATIONS + 1)}, headers=auth(a.tokens["lead"])
    )
    assert response.status_code == 413 and response.json["code"] == "batch_too_large"
    assert snapshot() == before


def test_too_many_bytes_is_a_413_and_nothing_applies(client, worlds):
    a, _b = worlds
    batch = workshops(a, 3)
    batch[0]["record"]["name"] = "x" * (MAX_BATCH_BYTES + 1)
    before = snapshot()
    response = post(client, a.tokens["lead"], json.dumps({"mutations": batch}).encode())
    assert response.status_code == 413 and response.json["code"] == "batch_too_large"
    assert snapshot() == before


def test_a_gzip_body_is_accepted(client, worlds):
    a, _b = worlds
    data = gzip.compress(json.dumps({"mutations": workshops(a, 2)}).encode())
    response = post(client, a.tokens["lead"], data, **{"Content-Encoding": "gzip"})
    assert response.status_code == 200
    assert [r["status"] for r in response.json["results"]] == ["applied", "applied"]


def test_a_gzip_bomb_stops_at_the_bound(client, worlds):
    a, _b = worlds
    bomb = gzip.compress(b'{"mutations": [' + b" " * (64 * 1024 * 1024) + b"]}")
    assert len(bomb) < 1024 * 1024
    before = snapshot()
    response = post(client, a.tokens["lead"], bomb, **{"Content-Encoding": "gzip"})
    assert response.status_code == 413 and response.json["code"] == "batch_too_large"
    damaged = post(client, a.tokens["lead"], bomb[:200], **{"Content-Encoding": "gzip"})
    assert damaged.status_code == 400 and damaged.json["code"] == "invalid_batch"
    assert snapshot() == before


def test_a_body_that_is_not_json_is_a_415(client, worlds):
    a, _b = worlds
    response = client.post(PUSH, data="x", headers=auth(a.tokens["lead"]))
    assert response.status_code == 415


def test_pushes_need_a_token(client, worlds):
    assert client.post(PUSH, json={"mutations": []}).status_code == 401


def test_an_unknown_type_rejects_that_mutation_only(client, worlds):
    a, _b = worlds
    _, workshop = fresh_record("workshop", a)
    unknown = put("spaceship", {"id": workshop["id"]})
    rejected, applied = results(client, a.tokens["lead"], [unknown, put("workshop", workshop)])
    assert rejected["status"] == "rejected" and rejected["problem"]["code"] == "unknown_type"
    assert rejected["problem"]["title"]  # French, for the screen
    assert applied["status"] == "applied"


def test_a_reference_to_a_record_one_may_not_see_is_rejected(client, worlds):
    a, b = worlds
    _, evidence = fresh_record("journal_entry", a)
    evidence["dossier_id"] = str(b.ids["dossier"])  # the other structure's dossier
    before = snapshot()
    [result] = results(client, a.tokens["candidate"], [put("journal_entry", evidence)])
    assert result["status"] == "rejected"
    assert result["problem"]["code"] == "unknown_reference"
    missing = dict(evidence, dossier_id=str(uuid7()))  # no such dossier: the very same answer
    [same] = results(client, a.tokens["candidate"], [put("journal_entry", missing)])
    assert same["problem"]["code"] == "unknown_reference"
    assert same["problem"]["errors"].keys() == result["problem"]["errors"].keys()
    assert snapshot() == before


def test_an_invalid_record_rejects_that_mutation_and_keeps_the_others(client, worlds):
    a, _b = worlds
    token = a.tokens["lead"]
    good, bad, nul = workshops(a, 3)
    bad["record"]["name"] = ""
    nul["record"]["name"] = "a\x00b"
    answer = results(client, token, [good, bad, nul])
    assert [r["status"] for r in answer] == ["applied", "rejected", "rejected"]
    assert answer[1]["problem"]["errors"][0]["pointer"] == "/name"
    assert answer[2]["problem"]["code"] == "invalid_record"


def test_a_rejected_mutation_leaves_no_trace_even_after_a_flush(client, worlds):
    """A dossier created then refused further on: its savepoint undoes the hook's rows too."""
    a, _b = worlds
    before = snapshot()
    writer, dossier = fresh_record("dossier", a)
    dossier["framework_version_id"] = str(a.ids["structure"])  # no such framework
    [result] = results(client, a.tokens[writer], [put("dossier", dossier)])
    assert result["status"] == "rejected"
    assert snapshot() == before


def test_an_empty_batch_is_fine(client, worlds):
    a, _b = worlds
    assert push(client, a.tokens["lead"], [])["results"] == []
