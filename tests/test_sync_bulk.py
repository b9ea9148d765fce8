"""The fast paths of sync: bulk creations, the compiled validator, the record dumper.

Each must give exactly what the plain path gives; these tests compare them side by side.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select

from preuves.audit.models import AuditEvent
from preuves.config import REPO_ROOT
from preuves.core import jsonschemas
from preuves.core.ids import uuid7
from preuves.extensions import db
from preuves.records.catalogue import RECORD_TYPES
from preuves.records.fields import schema_of, to_json
from preuves.sync import bulk
from preuves.sync.models import SyncMutation
from sync_helpers import delete, push, put, results, snapshot
from worlds import build_world, fresh_record

APPEND_ONLY = sorted(name for name, kind in RECORD_TYPES.items() if kind.append_only)
# Filled by the server or the clock, so never equal between two writes of the same record.
MOVING = {"id", "seq", "changed_at"}


@pytest.fixture
def world(app):
    return build_world("A")


def _copies(kind: str, world, count: int) -> tuple[str, list[dict]]:
    writer, record = fresh_record(kind, world)
    return writer, [record | {"id": str(uuid7())} for _ in range(count)]


def _row(kind: str, record_id: str) -> dict:
    table = RECORD_TYPES[kind].model.__table__
    row = db.session.execute(select(table).where(table.c.id == uuid.UUID(record_id))).mappings()
    return {k: v for k, v in dict(row.one()).items() if k not in MOVING}


def _result_shape(result: dict) -> dict:
    shape = {k: v for k, v in result.items() if k != "mutation_id"}
    for part in ("record", "served"):
        if part in shape:
            shape[part] = {k: v for k, v in shape[part].items() if k not in MOVING}
    return shape


@pytest.mark.parametrize("kind", APPEND_ONLY)
def test_a_run_of_creations_stores_what_one_by_one_would(client, world, kind, monkeypatch):
    writer, records = _copies(kind, world, 4)
    token = world.tokens[writer]
    calls = []
    monkeypatch.setattr(bulk, "write_all", _spy(bulk.write_all, calls))
    together = results(client, token, [put(kind, r) for r in records[:2]])
    assert calls == [2]  # the run went the bulk way
    one_by_one = [results(client, token, [put(kind, r)])[0] for r in records[2:]]
    assert calls == [2]  # single mutations never do
    assert [_result_shape(r) for r in together] == [_result_shape(r) for r in one_by_one]
    rows = [_row(kind, r["id"]) for r in records]
    assert rows[0] == rows[1] == rows[2] == rows[3]
    for record in records:
        events = select(func.count()).where(
            AuditEvent.record_id == uuid.UUID(record["id"]), AuditEvent.action == "create"
        )
        assert db.session.scalar(events) == 1
    assert db.session.scalar(select(func.count()).select_from(SyncMutation)) == 4


def _spy(function, calls):
    def spied(principal, made):
        calls.append(len(made))
        return function(principal, made)

    return spied


def test_numbers_follow_the_batch_order_around_a_run(client, world):
    writer, dossier = fresh_record("dossier", world)
    by_the_worker = {"dossier_id": dossier["id"], "author_role": "trainer"}
    entries = [fresh_record("journal_entry", world)[1] | by_the_worker for _ in range(3)]
    _, workshop = fresh_record("workshop", world)
    batch = [put("dossier", dossier)] + [put("journal_entry", e) for e in entries]
    lead_results = results(client, world.tokens[writer], batch)
    assert all(r["status"] == "applied" for r in lead_results), lead_results
    results(client, world.tokens["lead"], [put("workshop", workshop)])
    db.session.expire_all()
    order = [("dossier", dossier)] + [("journal_entry", e) for e in entries]
    order.append(("workshop", workshop))
    seqs = [db.session.get(RECORD_TYPES[k].model, uuid.UUID(r["id"])).seq for k, r in order]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs) and seqs[0] > 0


@pytest.mark.parametrize("bad", [0, 1, 2, 4, 5])
def test_one_bad_record_in_a_run_is_rejected_alone(client, world, bad, monkeypatch):
    writer, records = _copies("journal_entry", world, 6)
    records[bad]["dossier_id"] = str(uuid7())  # no such dossier
    calls = []
    monkeypatch.setattr(bulk, "write_all", _spy(bulk.write_all, calls))
    answers = results(client, world.tokens[writer], [put("journal_entry", r) for r in records])
    assert [a["status"] == "applied" for a in answers] == [n != bad for n in range(6)]
    assert answers[bad]["problem"]["code"] == "unknown_reference"
    assert sum(calls) == 6 - 1 - (bad in (1, 4))  # a run of one left before or after goes alone


def test_a_record_named_by_a_later_one_of_the_run_is_there_in_time(client, world):
    token = world.tokens["support_worker"]
    _, evidence = fresh_record("evidence", world)
    evidence |= {"kind": "text", "media_sha256": None, "media_type": None}
    _, annotation = fresh_record("annotation", world)
    annotation["evidence_id"] = evidence["id"]
    answers = results(client, token, [put("evidence", evidence), put("annotation", annotation)])
    assert [a["status"] for a in answers] == ["applied", "applied"]


def test_a_bulk_batch_sent_again_changes_nothing(client, world):
    writer, records = _copies("journal_entry", world, 3)
    batch = [put("journal_entry", r) for r in records]
    first = results(client, world.tokens[writer], batch)
    before = snapshot()
    assert results(client, world.tokens[writer], batch) == first
    assert snapshot() == before


def test_the_same_record_twice_in_a_run_is_created_once(client, world):
    writer, records = _copies("journal_entry", world, 2)
    batch = [put("journal_entry", records[0]), put("journal_entry", records[0])]
    batch.append(put("journal_entry", records[1]))
    answers = push(client, world.tokens[writer], batch)["results"]
    assert [a["status"] for a in answers] == ["applied"] * 3
    assert "record" not in answers[0]  # new: stored as sent, only what the server set
    assert answers[1]["rev"] == answers[0]["rev"] == 1  # there already: the server's copy
    assert answers[1]["record"]["id"] == records[0]["id"]


def test_a_record_the_caller_may_not_write_sends_the_run_one_by_one(client, world):
    _, records = _copies("journal_entry", world, 2)
    answers = results(client, world.tokens["jury"], [put("journal_entry", r) for r in records])
    assert {a["status"] for a in answers} == {"rejected"}


def test_the_fast_dumper_equals_marshmallow_for_every_record(world):
    dumped = 0
    for kind in RECORD_TYPES.values():
        for row in db.session.scalars(select(kind.model)):
            assert to_json(kind, row) == schema_of(kind).dump(row), kind.name
            assert list(to_json(kind, row)) == list(schema_of(kind).dump(row))
            dumped += 1
    assert dumped > len(RECORD_TYPES)


def _examples() -> list[tuple[str, Path, bool]]:
    root = REPO_ROOT / "shared_schemas"
    found = []
    for path in sorted((root / "examples").rglob("*.json")):
        parts = path.relative_to(root / "examples").parts
        if "valid" not in parts and "invalid" not in parts:
            continue  # not a record example: the jury minutes' golden vectors (docs/jury.md)
        name = "/".join(parts[:2]) if parts[0] == "sync" else parts[0]
        schema = name if (root / f"{name}.schema.json").exists() else f"records/{name}"
        found.append((schema, path, "invalid" not in parts))
    return found


@pytest.mark.parametrize(("schema", "path", "valid"), _examples(), ids=lambda v: str(v)[-40:])
def test_the_compiled_validator_agrees_with_jsonschema(schema, path, valid):
    schemas_dir = str(REPO_ROOT / "shared_schemas")
    instance = json.loads(path.read_text())
    fast = jsonschemas.fast_validator_for(schemas_dir, schema).is_valid(instance)
    slow = not list(jsonschemas.validator_for(schemas_dir, schema).iter_errors(instance))
    assert fast == slow == valid


def test_a_record_written_in_bulk_can_be_deleted_later_in_the_batch(client, world):
    writer, records = _copies("evidence", world, 2)
    batch = [put("evidence", r) for r in records] + [delete("evidence", records[0]["id"], 1)]
    answers = results(client, world.tokens[writer], batch)
    assert [a["status"] for a in answers] == ["applied"] * 3
    assert answers[2]["rev"] == 2 and answers[2]["record"]["deleted"] is True
    db.session.expire_all()
    gone = db.session.get(RECORD_TYPES["evidence"].model, uuid.UUID(records[0]["id"]))
    kept = db.session.get(RECORD_TYPES["evidence"].model, uuid.UUID(records[1]["id"]))
    assert gone.deleted and gone.rev == 2 and gone.seq > kept.seq > 0


def test_a_record_that_exists_pushed_again_under_new_mutation_ids(client, world, monkeypatch):
    """Puts of append-only records are not looked up first: the one that exists makes the
    bulk write clash, and the run is applied one by one, with the answers it would get."""
    writer, records = _copies("journal_entry", world, 3)
    token = world.tokens[writer]
    first = results(client, token, [put("journal_entry", records[0])])
    written = []
    write_all = bulk.write_all
    monkeypatch.setattr(
        bulk, "write_all", lambda *args: written.append(write_all(*args)) or written[-1]
    )
    again = results(client, token, [put("journal_entry", r) for r in records])
    assert written == [False]  # the clash: nothing of the run was written in bulk
    assert [a["status"] for a in again] == ["applied"] * 3
    assert "record" not in first[0]
    assert again[0]["record"]["body_text"] == records[0]["body_text"]  # there, unchanged
    assert again[0]["rev"] == first[0]["rev"] == 1
    db.session.expire_all()
    model = RECORD_TYPES["journal_entry"].model
    assert all(db.session.get(model, uuid.UUID(r["id"])) is not None for r in records)


@pytest.mark.parametrize("count", [0, 1, 2])
def test_among_finds_the_rows_in_finds(world, count):
    """`rows.among` (one array parameter on PostgreSQL) selects what `IN (...)` selects."""
    from preuves.dossiers.models import Dossier
    from preuves.sync.rows import among

    every = list(db.session.scalars(select(Dossier.id)))
    wanted = [*every[:count], uuid7()]  # an id of no row is simply not found
    dialect = db.session.get_bind().dialect.name
    found = set(db.session.scalars(select(Dossier.id).where(among(Dossier.id, wanted, dialect))))
    assert found == set(db.session.scalars(select(Dossier.id).where(Dossier.id.in_(wanted))))
    assert len(every) >= 2 and len(found) == count
