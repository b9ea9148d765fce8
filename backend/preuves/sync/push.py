"""Apply a pushed batch: in order, one savepoint per mutation, idempotent by mutation id."""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from preuves.core import jsonschemas
from preuves.core.errors import Problem
from preuves.core.ids import parse_uuid
from preuves.core.models import utcnow
from preuves.dossiers.models import Dossier
from preuves.extensions import db
from preuves.identity.principal import Principal
from preuves.records import hooks, operations
from preuves.records.catalogue import RECORD_TYPES
from preuves.sync import bulk, seq
from preuves.sync.models import SyncMutation
from preuves.sync.rows import among, insert_rows

MAX_MUTATIONS = 500
MAX_BATCH_BYTES = 4 * 1024 * 1024  # of JSON, after decompression
REQUEST_SCHEMA = "sync/push-request"


def validate_batch(body: Any) -> list[dict[str, Any]]:
    """The batch's mutations, or a problem for the whole batch (nothing applied)."""
    mutations = body.get("mutations") if isinstance(body, dict) else None
    if isinstance(mutations, list) and len(mutations) > MAX_MUTATIONS:
        raise Problem("batch_too_large", f"At most {MAX_MUTATIONS} mutations per batch.")
    schemas_dir = current_app.config["SCHEMAS_DIR"]
    if errors := jsonschemas.validation_errors(schemas_dir, REQUEST_SCHEMA, body):
        raise Problem("invalid_batch", "The batch does not match push-request.", errors=errors)
    return mutations  # type: ignore[return-value]


def push(
    principal: Principal, mutations: list[dict[str, Any]], device_id: uuid.UUID | None = None
) -> list[dict[str, Any]]:
    """One result per mutation, in order. Flushes; the caller commits once."""
    seq.open_write_transaction(db.session())
    ids = [parse_uuid(m["mutation_id"]) for m in mutations]
    known_ids = among(SyncMutation.mutation_id, ids, _dialect())
    remembered = {
        row.mutation_id: row for row in db.session.scalars(select(SyncMutation).where(known_ids))
    }
    before = set(remembered)
    dossiers = _dossiers_named(mutations)  # held: the session keeps only what is referenced
    known = _rows_named(mutations)
    answers = _apply_all(principal, mutations, remembered, known, device_id)
    del dossiers, known
    # Inserted once at the end, outside every savepoint: one multi-row INSERT.
    if new := [row for key, row in remembered.items() if key not in before]:
        now = utcnow()
        rows = [vars(row) | {"created_at": now} for row in new]
        insert_rows(db.session.connection(), SyncMutation.__table__, rows)
    return answers


def _apply_all(
    principal: Principal,
    mutations: list[dict[str, Any]],
    remembered: dict[uuid.UUID, Any],
    known: operations.Known,
    device_id: uuid.UUID | None,
) -> list[dict[str, Any]]:
    """Runs of new append-only records in bulk (sync.bulk), the rest one by one, in order."""
    answers: list[dict[str, Any]] = []
    while len(answers) < len(mutations):
        start = len(answers)
        run = bulk.run_from(mutations, start, remembered, known)
        made = bulk.prepare(principal, run) if len(run) >= bulk.MIN_RUN else []
        if len(made) >= bulk.MIN_RUN and bulk.write_all(principal, made):
            for mutation, (_kind, instance) in zip(run, made, strict=False):
                answers.append(
                    _created(principal, mutation, instance, remembered, known, device_id)
                )
            continue
        alone = run[: max(len(made), 1)] or mutations[start : start + 1]
        answers += [_one(principal, m, remembered, known, device_id) for m in alone]
    return answers


def _created(
    principal: Principal,
    mutation: dict[str, Any],
    instance: Any,
    remembered: dict[uuid.UUID, Any],
    known: operations.Known,
    device_id: uuid.UUID | None,
) -> dict[str, Any]:
    """The result of a creation written in bulk, remembered as `_one` remembers its own."""
    kind = RECORD_TYPES[mutation["type"]]
    result = bulk.result_of(kind, instance, created=True) | {"mutation_id": mutation["mutation_id"]}
    remembered[parse_uuid(mutation["mutation_id"])] = _remember(
        principal, mutation, result, device_id, instance.id
    )
    # Written by hand, never in the session: a later mutation of it in this batch loads it.
    known.pop((mutation["type"], instance.id), None)
    return result


def _dossiers_named(mutations: list[dict[str, Any]]) -> list[Dossier]:
    """Load at once the dossiers the batch's records hang on (one query, not one each)."""
    named = set()
    for mutation in mutations:
        value = (mutation.get("record") or {}).get("dossier_id")
        try:
            named.add(parse_uuid(str(value)))
        except ValueError:
            continue  # not an id: the record's own validation will say so
    if not named:
        return []
    return list(db.session.scalars(select(Dossier).where(among(Dossier.id, named, _dialect()))))


def _dialect() -> str:
    return db.session.get_bind().dialect.name


def _rows_named(mutations: list[dict[str, Any]]) -> operations.Known:
    """The rows the batch changes or deletes, one query per type; None for each id not there.

    Puts of append-only records are not looked up: nearly all are new, so the bulk path takes
    them as new, and a clash on writing sends its run one by one (sync.bulk), where each is
    looked up alone."""
    named: dict[str, set[uuid.UUID]] = {}
    for mutation in mutations:
        kind = RECORD_TYPES.get(mutation["type"])
        if kind is None or (kind.append_only and mutation["op"] == "put"):
            continue
        value = mutation.get("id") or (mutation.get("record") or {}).get("id")
        named.setdefault(kind.name, set()).add(parse_uuid(str(value)))
    known: operations.Known = {}
    for type_name, ids in named.items():
        model = RECORD_TYPES[type_name].model
        query = select(model).where(among(model.id, ids, _dialect()))
        found = {row.id: row for row in db.session.scalars(query)}
        known |= {(type_name, record_id): found.get(record_id) for record_id in ids}
    return known


def _one(
    principal: Principal,
    mutation: dict[str, Any],
    remembered: dict[uuid.UUID, Any],
    known: operations.Known,
    device_id: uuid.UUID | None,
) -> dict[str, Any]:
    mutation_id = parse_uuid(mutation["mutation_id"])
    if (prior := remembered.get(mutation_id)) is not None:
        if prior.person_id != principal.person_id:
            problem = Problem("mutation_id_reused", f"Mutation {mutation_id} is someone else's.")
            return _rejected(mutation_id, problem)
        return prior.result  # a replay: the first answer, and no change
    try:
        with db.session.begin_nested():
            result, record = _apply(principal, mutation, known)
            result["mutation_id"] = str(mutation_id)
            remembered[mutation_id] = _remember(principal, mutation, result, device_id, record.id)
        known[mutation["type"], record.id] = record  # its savepoint is released: it exists
    except Problem as problem:
        return _rejected(mutation_id, problem)
    except IntegrityError:
        # The same mutation may have just been applied by a duplicated request in flight.
        done = db.session.get(SyncMutation, mutation_id, populate_existing=True)
        if done is not None and done.person_id == principal.person_id:
            return done.result
        return _rejected(mutation_id, Problem("invalid_record", "It clashes with another record."))
    return result


def _apply(
    principal: Principal, mutation: dict[str, Any], known: operations.Known
) -> tuple[dict[str, Any], Any]:
    kind = RECORD_TYPES.get(mutation["type"])
    if kind is None:
        raise Problem("unknown_type", f"Unknown record type {mutation['type']!r}.")
    base_rev = mutation["base_rev"]
    if mutation["op"] == "delete":
        record_id = parse_uuid(mutation["id"])
        written = operations.delete_record(principal, kind, record_id, base_rev, known)
    else:
        written = operations.write_record(principal, kind, mutation["record"], base_rev, known)
    result = bulk.result_of(kind, written.record, created=written.created, status=written.status)
    if written.status == "merged":
        result["merged_fields"] = written.fields
    if written.conflict is not None:
        result |= {"conflict_id": str(written.conflict.id), "fields": written.fields}
    return result, written.record


@dataclasses.dataclass(frozen=True)
class Applied:
    """A sync_mutation row to insert at the end of the batch (the columns, by name)."""

    mutation_id: uuid.UUID
    person_id: uuid.UUID
    device_id: uuid.UUID | None
    type: str
    record_id: uuid.UUID
    result: dict[str, Any]


def _remember(
    principal: Principal,
    mutation: dict[str, Any],
    result: dict[str, Any],
    device_id: uuid.UUID | None,
    record_id: uuid.UUID,
) -> Applied:
    # Only what changed something (or was kept as a conflict) is remembered: a rejected
    # mutation changed nothing, so trying it again later (media uploaded since) is safe.
    return Applied(
        mutation_id=parse_uuid(mutation["mutation_id"]),
        person_id=principal.person_id,
        device_id=device_id,
        type=mutation["type"],
        record_id=record_id,
        result=result,
    )


def _rejected(mutation_id: uuid.UUID, problem: Problem) -> dict[str, Any]:
    hooks.forget_cached_relations()  # the savepoint rolled back what the cache may hold
    return {"mutation_id": str(mutation_id), "status": "rejected", "problem": problem.to_dict()}
