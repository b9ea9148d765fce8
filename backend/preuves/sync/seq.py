"""Sequence numbers: one counter for the whole database, taken just before commit.

Every change to a synced record, whatever wrote it (the record API, a sync push, the CLI,
the demo seed), is collected after each flush. Just before the transaction commits, ONE
`UPDATE sync_clock SET value = value + n RETURNING value` reserves n numbers and gives them
to the changed rows in change order. That row lock is held until commit, so transactions
get their numbers in commit order: a pull can never see seq n + 1 while n is yet to come.
The same hooks keep a revision of every mutable record (the base of later merges).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import bindparam, event, insert, inspect, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from preuves.core.models import SyncedRecord
from preuves.sync.models import RecordRevision, SyncClock

CHANGED = "sync_changed"  # session.info key: changed records, in change order


@cache
def _types_by_model() -> dict[type, Any]:
    from preuves.records.catalogue import RECORD_TYPES

    return {kind.model: kind for kind in RECORD_TYPES.values()}


def _type_of(instance: Any) -> Any:
    return _types_by_model().get(type(instance))


def _rev_changed(instance: Any) -> bool:
    return bool(inspect(instance).attrs.rev.history.added)


def _after_flush(session: Session, _context: Any) -> None:
    """Remember what this flush changed; keep a revision of each new mutable rev."""
    new = [o for o in session.new if isinstance(o, SyncedRecord)]  # `new` is rebuilt per use
    dirty = [o for o in session.dirty if isinstance(o, SyncedRecord) and session.is_modified(o)]
    if not new and not dirty:
        return
    session.info.setdefault(CHANGED, []).extend(new + dirty)
    revisions = [_revision(o) for o in new] + [_revision(o) for o in dirty if _rev_changed(o)]
    if rows := [r for r in revisions if r is not None]:
        session.connection().execute(insert(RecordRevision.__table__), rows)


def _revision(instance: Any) -> dict[str, Any] | None:
    from preuves.records.fields import to_json

    kind = _type_of(instance)
    if kind is None or kind.append_only:
        return None  # append-only records never merge: their one version is the record
    return {
        "type": kind.name,
        "record_id": instance.id,
        "rev": instance.rev,
        "data": to_json(kind, instance),
        "changed_by_id": instance.changed_by_id,
        "changed_at": instance.changed_at,
    }


def number_new(session: Session, instances: list[Any]) -> None:
    """Number new records before they are inserted by hand, without a flush (sync.bulk).

    What this transaction changed before is numbered first, so numbers keep change order;
    the clock's row is then locked from now to commit, so they keep commit order too.
    """
    stamp_pending(session)
    first = reserve(session, len(instances)) - len(instances) + 1
    for offset, instance in enumerate(instances):
        instance.seq = first + offset


def stamp_pending(session: Session) -> None:
    """Give every record changed in this transaction so far its sequence number: at
    commit, or before new records are numbered by hand (`number_new`)."""
    session.flush()
    pending = session.info.pop(CHANGED, [])
    seen: dict[int, Any] = {}
    for instance in pending:
        if inspect(instance).persistent and id(instance) not in seen:
            seen[id(instance)] = instance
    if not seen:
        return
    first = reserve(session, len(seen)) - len(seen) + 1
    by_table: dict[Any, list[dict[str, Any]]] = {}
    for offset, instance in enumerate(seen.values()):
        by_table.setdefault(type(instance).__table__, []).append(
            {"b_id": instance.id, "b_seq": first + offset}
        )
        set_committed_value(instance, "seq", first + offset)  # written below, not flushed
    for table, rows in by_table.items():
        statement = update(table).where(table.c.id == bindparam("b_id"))
        session.connection().execute(statement.values(seq=bindparam("b_seq")), rows)


def reserve(session: Session, count: int) -> int:
    """Add `count` to the clock and return its new value; the row stays locked to commit."""
    table = SyncClock.__table__
    statement = update(table).where(table.c.id == 1).values(value=table.c.value + count)
    value = session.connection().execute(statement.returning(table.c.value)).scalar()
    if value is None:  # a database made without the clock's first row
        session.connection().execute(insert(table).values(id=1, value=count, horizon=0))
        value = count
    return value


def open_write_transaction(session: Session) -> None:
    """Make sure a real transaction is open before savepoints are taken.

    pysqlite opens a transaction only at the first INSERT, UPDATE or DELETE: a SAVEPOINT
    taken before that would open one of its own, and its RELEASE would commit it, batch
    atomicity lost (and one disk sync per mutation). So on SQLite, BEGIN IMMEDIATE first:
    it also takes the write lock now, waiting its turn (busy_timeout) like any writer.
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return
    if not connection.connection.dbapi_connection.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _before_commit(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint released: numbers are taken by the real commit only
    stamp_pending(session)


def _forget(session: Session, transaction: Any) -> None:
    # Only the outermost transaction: a savepoint rolled back keeps the batch's other changes.
    if transaction.parent is None and not transaction.nested:
        session.info.pop(CHANGED, None)


def _first_row(target: Any, connection: Any, **_kw: Any) -> None:
    connection.execute(insert(target).values(id=1, value=0, horizon=0))


def init_app() -> None:
    """Install the hooks once per process (every Session: views, CLI, seed, tests)."""
    if event.contains(Session, "before_commit", _before_commit):
        return
    event.listen(Session, "after_flush", _after_flush)
    event.listen(Session, "before_commit", _before_commit)
    event.listen(Session, "after_transaction_end", _forget)
    event.listen(SyncClock.__table__, "after_create", _first_row)
