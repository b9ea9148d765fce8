"""New append-only records in bulk: a tablet back online pushes hundreds of them at once.

Most of a big push is a run of creations of append-only records (evidence, journal
entries...) that the server has never seen. Each one is still loaded, validated,
authorised and checked for its media on its own, exactly as records.operations does,
but built as plain rows (sync.rows.Draft), not mapped instances: the session never holds
them. Only the writing is shared: the records, numbered beforehand, then their audit
events, go in with one COPY or INSERT per table (sync.rows), instead of a savepoint and
its flushes per mutation. A record refused ends the run before it; a
clash on writing rolls the run back. Either way push.py applies those mutations one by
one, each with its own result: the fast path never decides an answer alone.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.exc import IntegrityError

from preuves.core.errors import Problem
from preuves.core.ids import parse_uuid
from preuves.extensions import db
from preuves.identity.principal import Principal
from preuves.records import hooks, operations
from preuves.records.catalogue import RECORD_TYPES
from preuves.records.fields import served, to_json
from preuves.records.registry import RecordType
from preuves.sync import rows, seq

MIN_RUN = 2  # a single creation gains nothing from the bulk path


def run_from(
    mutations: list[dict[str, Any]], start: int, remembered: dict[uuid.UUID, Any], known: Any
) -> list[dict[str, Any]]:
    """The longest run of bulk creations from `start` (empty if that mutation is not one)."""
    run: list[dict[str, Any]] = []
    seen: set[Any] = set()  # a record or mutation twice in the run: the slow path decides
    for mutation in mutations[start:]:
        keys = _creation_keys(mutation, remembered, known)
        if keys is None or keys[0] in seen or keys[1] in seen:
            break
        seen.update(keys)
        run.append(mutation)
    return run


def _creation_keys(
    mutation: dict[str, Any], remembered: dict[uuid.UUID, Any], known: Any
) -> tuple[uuid.UUID, tuple[str, uuid.UUID]] | None:
    """(mutation id, record key) of an append-only record not known to exist, pushed for the
    first time, else None. push.py does not look such records up: a clash on writing says
    that one existed after all."""
    kind = RECORD_TYPES.get(mutation["type"])
    if kind is None or not kind.append_only or mutation["op"] != "put":
        return None
    if not rows.can_insert(kind.model):
        return None
    mutation_id = parse_uuid(mutation["mutation_id"])
    key = (kind.name, parse_uuid(mutation["record"]["id"]))
    if mutation_id in remembered or known.get(key) is not None:
        return None  # a replay, or a record that exists: merge and replay rules apply
    return mutation_id, key


def prepare(principal: Principal, run: list[dict[str, Any]]) -> list[tuple[RecordType, Any]]:
    """The run's records built and checked, up to the first one refused (left out).

    Nothing is written yet; the refused one and what follows go back to push.py."""
    made = []
    for mutation in run:
        kind = RECORD_TYPES[mutation["type"]]
        try:
            values = operations.load(kind, mutation["record"])
            made.append((kind, operations.new_record(principal, kind, values, plain=True)))
        except Problem:
            break
    return made


def write_all(principal: Principal, made: list[tuple[RecordType, Any]]) -> bool:
    """Insert prepared records and their audit events; False (nothing written) on a clash."""
    # Numbered now, outside the savepoint: a rollback below only leaves a gap in numbers.
    seq.number_new(db.session(), [draft for _kind, draft in made])
    by_table: dict[Any, list[dict[str, Any]]] = {}
    for kind, draft in made:
        by_table.setdefault(kind.model.__table__, []).append(rows.row_of(kind.model, draft))
    try:
        with db.session.begin_nested():
            for table, table_rows in by_table.items():
                rows.insert_rows(db.session.connection(), table, table_rows)
            for kind, instance in made:
                hooks.after_create(principal, kind.name, instance)
            operations.audit_creations(principal, made)
    except IntegrityError:  # a record of the run was just created by another request
        hooks.forget_cached_relations()
        return False
    return True


def result_of(
    kind: RecordType, record: Any, *, created: bool, status: str = "applied"
) -> dict[str, Any]:
    """A mutation's result, in bulk or not: the record's new rev, with the server's copy of it;
    for a new append-only record, only the fields the server set. That record is stored as
    the device sent it and never edited, so the device adds them to its own copy, instead of
    the whole record crossing a workshop's slow network twice (the pull brings it anyway)."""
    result: dict[str, Any] = {"status": status, "rev": record.rev}
    if created and kind.append_only:
        result["served"] = served(kind, record)
    else:
        result["record"] = to_json(kind, record)
    return result
