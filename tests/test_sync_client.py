"""The reference sync client against scripted answers shaped as docs/sync-protocol.md says.

The stateful test (test_sync_stateful.py) runs it against the real server; these pin the
client's own rules: what stays in the outbox, what reaches the store, resync, gzip.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from preuves.sync.client import SyncClient, SyncError

DOSSIER = "0193a000-0000-7000-8000-000000000001"


class Scripted:
    """A transport that answers from a script and remembers what it was sent."""

    def __init__(self) -> None:
        self.answers: list[Any] = []
        self.sent: list[tuple[str, str, dict[str, Any] | None]] = []

    def __call__(
        self, method: str, path: str, headers: Mapping[str, str], body: bytes | None
    ) -> tuple[int, Mapping[str, str], bytes]:
        assert headers["Authorization"] == "Bearer t"
        self.sent.append((method, path, json.loads(body) if body else None))
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        status, payload, *encoding = answer
        raw = json.dumps(payload).encode()
        if encoding:
            return status, {"Content-Encoding": "gzip"}, gzip.compress(raw)
        return status, {"Content-Type": "application/json"}, raw

    def pushed(self, index: int = -1) -> list[dict[str, Any]]:
        return self.sent[index][2]["mutations"]

    def cursor(self, index: int = -1) -> str | None:
        return parse_qs(urlsplit(self.sent[index][1]).query).get("cursor", [None])[0]


def record(rid: str, rev: int = 1, **fields: Any) -> dict[str, Any]:
    return {"id": rid, "rev": rev, "deleted": False, "dossier_id": DOSSIER} | fields


def result(mutation: dict[str, Any], status: str = "applied", **extra: Any) -> dict[str, Any]:
    return {"mutation_id": mutation["mutation_id"], "status": status} | extra


def page(*changes: tuple[str, dict], evict=(), cursor="c1", more=False) -> dict[str, Any]:
    listed = [{"type": t, "record": r} for t, r in changes]
    return {"changes": listed, "evict": list(evict), "cursor": cursor, "more": more}


@pytest.fixture
def wire():
    return Scripted()


@pytest.fixture
def device(wire):
    return SyncClient(wire, "t")


def answer_push(wire: Scripted, device: SyncClient, *statuses: str, **extra: Any) -> None:
    """Script one push answer with one result per mutation the client is about to send."""
    batch = device._next_batch(set())
    wire.answers.append(
        (
            200,
            {
                "results": [
                    result(m.wire(), s, **extra) for m, s in zip(batch, statuses, strict=True)
                ]
            },
        )
    )


def test_a_push_then_a_pull_fills_the_store_and_empties_the_outbox(wire, device):
    mutation = device.put("evidence", record("e1", caption_text="Je coupe."))
    assert device.view()[("evidence", "e1")]["caption_text"] == "Je coupe."
    answer_push(wire, device, "applied", rev=1, record=record("e1"))
    wire.answers.append((200, page(("evidence", record("e1", caption_text="Je coupe."))), "gz"))
    device.sync()
    sent = wire.pushed(0)[0]
    assert sent["mutation_id"] == mutation.mutation_id and sent["base_rev"] is None
    assert device.outbox == [] and device.results[mutation.mutation_id]["status"] == "applied"
    assert device.store[("evidence", "e1")]["caption_text"] == "Je coupe."
    assert device.cursor == "c1" and wire.cursor(1) is None


def test_a_refused_mutation_stays_with_its_reason_and_only_retryable_ones_go_again(wire, device):
    bad = device.put("evidence", record("e1"))
    later = device.put("evidence", record("e2"))
    problem = {"code": "invalid_record", "title": "…", "status": 422}
    wire.answers.append(
        (200, {"results": [result(bad.wire(), "rejected", problem=problem),
                           result(later.wire(), "rejected", problem={"code": "unavailable"})]})
    )  # fmt: skip
    device.push_all()
    assert [m.mutation_id for m in device.outbox] == [bad.mutation_id, later.mutation_id]
    assert bad.stuck and bad.problem["code"] == "invalid_record" and not later.stuck
    answer_push(wire, device, "applied", rev=1)
    device.push_all()
    assert [m["mutation_id"] for m in wire.pushed()] == [later.mutation_id]
    assert device.outbox == [bad]
    device.discard(bad.mutation_id)
    assert device.outbox == []


def test_a_lost_answer_keeps_the_mutation_and_resends_the_same_id(wire, device):
    mutation = device.put("journal_entry", record("j1"))
    wire.answers.append(ConnectionError("lost"))
    with pytest.raises(ConnectionError):
        device.push()
    answer_push(wire, device, "applied", rev=1)
    device.push()
    assert [m["mutation_id"] for m in wire.pushed(0)] == [mutation.mutation_id]
    assert [m["mutation_id"] for m in wire.pushed(1)] == [mutation.mutation_id]
    assert device.outbox == []


def test_edits_of_one_record_go_one_per_batch_each_rebased_on_the_last_result(wire, device):
    device.store[("dossier", DOSSIER)] = record(DOSSIER, rev=3, status="ouvert")
    device.put("dossier", record(DOSSIER, rev=3, status="pret_pour_jury"))
    second = device.put("dossier", record(DOSSIER, rev=3, status="presente"))
    assert second.base_rev == 3
    assert json.loads(second.wire_json())["base_rev"] == 3  # encoded on its old base...
    answer_push(wire, device, "merged", rev=5, record=record(DOSSIER, 5, status="pret_pour_jury"))
    device.put("dossier", record(DOSSIER, rev=3, status="clos"))
    answer_push(wire, device, "applied", rev=6, record=record(DOSSIER, 6, status="presente"))
    answer_push(wire, device, "applied", rev=7, record=record(DOSSIER, 7, status="clos"))
    device.push_all()
    assert [len(wire.pushed(i)) for i in (0, 1, 2)] == [1, 1, 1]
    assert wire.pushed(1)[0]["base_rev"] == 5  # ...and sent on the new one
    assert wire.pushed(2)[0]["base_rev"] == 6
    assert device.store[("dossier", DOSSIER)]["rev"] == 7 and device.outbox == []


def test_a_conflict_takes_the_servers_version_and_is_listed_to_resolve(wire, device):
    device.store[("dossier", DOSSIER)] = record(DOSSIER, rev=3, status="ouvert")
    device.put("dossier", record(DOSSIER, rev=3, status="clos"))
    server = record(DOSSIER, rev=4, status="abandonne")
    answer_push(wire, device, "conflict", rev=4, record=server, conflict_id="k1")
    device.push_all()
    assert device.store[("dossier", DOSSIER)] == server and device.outbox == []
    assert [c["conflict_id"] for c in device.conflicts] == ["k1"]


def test_a_replayed_older_answer_never_takes_a_newer_copy_back(wire, device):
    device.store[("dossier", DOSSIER)] = record(DOSSIER, rev=7, status="clos")
    device.put("dossier", record(DOSSIER, rev=7, status="ouvert"))
    answer_push(wire, device, "applied", rev=5, record=record(DOSSIER, 5, status="ouvert"))
    device.push_all()
    assert device.store[("dossier", DOSSIER)]["rev"] == 7


def test_a_delete_is_sent_with_its_base_and_a_tombstone_empties_the_store(wire, device):
    device.store[("annotation", "a1")] = record("a1", rev=2)
    device.delete("annotation", "a1")
    assert ("annotation", "a1") not in device.view()
    answer_push(wire, device, "applied", rev=3, record=record("a1", rev=3, deleted=True))
    device.push_all()
    assert wire.pushed()[0] | {"mutation_id": None} == {
        "mutation_id": None, "type": "annotation", "op": "delete", "id": "a1", "base_rev": 2
    }  # fmt: skip
    assert device.store == {}


def test_pages_follow_the_cursor_and_an_evicted_dossier_takes_its_records(wire, device):
    device.store[("dossier", DOSSIER)] = record(DOSSIER)
    device.store[("evidence", "e1")] = record("e1")
    device.store[("evidence", "e9")] = record("e9", dossier_id="other")
    device.cursor = "c0"
    wire.answers.append((200, page(("evidence", record("e2")), cursor="c1", more=True)))
    wire.answers.append(
        (200, page(("evidence", record("e9", 2, deleted=True)), cursor="c2",
                   evict=[{"type": "dossier", "id": DOSSIER}]))
    )  # fmt: skip
    device.pull()
    assert [wire.cursor(0), wire.cursor(1)] == ["c0", "c1"]
    assert device.store == {} and device.cursor == "c2"


def test_resync_required_pulls_from_scratch_and_drops_what_did_not_come_back(wire, device):
    device.store[("evidence", "e1")] = record("e1")
    device.store[("evidence", "gone")] = record("gone")
    device.cursor = "old"
    queued = device.put("evidence", record("e3"))
    wire.answers.append((410, {"code": "resync_required", "status": 410}))
    wire.answers.append((200, page(("evidence", record("e1")), cursor="n1", more=True)))
    wire.answers.append(ConnectionError("lost mid-resync"))
    with pytest.raises(ConnectionError):
        device.pull()
    wire.answers.append((200, page(("evidence", record("e2")), cursor="n2")))
    device.pull()
    assert [wire.cursor(i) for i in range(4)] == ["old", None, "n1", "n1"]
    assert set(device.store) == {("evidence", "e1"), ("evidence", "e2")}
    assert device.outbox == [queued] and device.cursor == "n2"


def test_an_oversize_batch_is_split_and_a_refused_batch_raises(wire, device):
    for n in range(4):
        device.put("evidence", record(f"e{n}"))
    wire.answers.append((413, {"code": "batch_too_large", "status": 413}))
    wire.answers.append((200, {"results": [result(m.wire(), rev=1) for m in device.outbox[:2]]}))
    wire.answers.append((200, {"results": [result(m.wire(), rev=1) for m in device.outbox[2:]]}))
    device.push_all()
    assert [len(wire.pushed(i)) for i in range(3)] == [4, 2, 2] and device.outbox == []
    device.put("evidence", record("e9"))
    wire.answers.append((403, {"code": "device_revoked", "status": 403}))
    with pytest.raises(SyncError) as refused:
        device.push_all()
    assert refused.value.code == "device_revoked" and len(device.outbox) == 1


def test_a_refusal_lets_the_next_edit_of_that_record_go_in_the_same_sync(wire, device):
    device.store[("dossier", DOSSIER)] = record(DOSSIER, rev=3, status="ouvert")
    first = device.put("dossier", record(DOSSIER, rev=3, status="pas-un-statut"))
    second = device.put("dossier", record(DOSSIER, rev=3, status="clos"))
    problem = {"code": "invalid_record"}
    wire.answers.append((200, {"results": [result(first.wire(), "rejected", problem=problem)]}))
    wire.answers.append((200, {"results": [result(second.wire(), rev=4)]}))
    device.push_all()
    assert [m["mutation_id"] for m in wire.pushed()] == [second.mutation_id]
    assert device.outbox == [first]


def test_a_retryable_refusal_holds_back_later_edits_of_that_record_until_next_sync(wire, device):
    first = device.put("dossier", record(DOSSIER, status="ouvert"))
    device.put("dossier", record(DOSSIER, status="clos"))
    other = device.put("evidence", record("e1"))
    busy = {"code": "unavailable"}
    wire.answers.append(
        (200, {"results": [result(first.wire(), "rejected", problem=busy),
                           result(other.wire(), rev=1)]})
    )  # fmt: skip
    device.push_all()
    assert len(wire.sent) == 1 and len(device.outbox) == 2
