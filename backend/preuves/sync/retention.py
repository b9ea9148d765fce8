"""What the sync engine may forget, and when: old tombstones, old remembered mutations and
superseded revisions. Forgetting tombstones raises the horizon (older cursors resync)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased

from preuves.extensions import db
from preuves.records.catalogue import CHILDREN_FIRST, RECORD_TYPES
from preuves.sync import seq
from preuves.sync.models import RecordRevision, SyncClock, SyncMutation

DEFAULT_DAYS = 180  # longer than the 90 days a tablet may stay offline
# Children before parents: a tombstone something still points to stays.
PURGE_ORDER = CHILDREN_FIRST


def retention_days() -> int:
    """SYNC_MUTATION_RETENTION_DAYS, the one retention of the sync engine."""
    return int(current_app.config.get("SYNC_MUTATION_RETENTION_DAYS", DEFAULT_DAYS))


def purge(now: datetime, days: int) -> dict[str, int]:
    """Forget what is older than `days`; flushes, the caller commits."""
    cutoff = now - timedelta(days=days)
    seq.open_write_transaction(db.session())
    counts = {"tombstones": 0}
    highest = 0
    for name in PURGE_ORDER:
        purged, top = _purge_tombstones(RECORD_TYPES[name].model, cutoff)
        counts["tombstones"] += purged
        highest = max(highest, top)
    if highest:  # cursors that may not have seen these tombstones must resync
        table = SyncClock.__table__
        statement = update(table).where(table.c.id == 1, table.c.horizon < highest)
        db.session.execute(statement.values(horizon=highest))
    counts["mutations"] = db.session.execute(
        delete(SyncMutation).where(SyncMutation.created_at < cutoff)
    ).rowcount
    counts["revisions"] = _purge_revisions(cutoff)
    return counts


def _purge_tombstones(model: Any, cutoff: datetime) -> tuple[int, int]:
    """Delete old tombstones one by one; one still referenced stays. (count, highest seq)"""
    rows = db.session.execute(
        select(model.id, model.seq).where(model.deleted.is_(True), model.changed_at < cutoff)
    ).all()
    purged, highest = 0, 0
    for record_id, number in rows:
        try:
            with db.session.begin_nested():
                db.session.execute(delete(model).where(model.id == record_id))
        except IntegrityError:
            continue
        purged, highest = purged + 1, max(highest, number)
    return purged, highest


def _purge_revisions(cutoff: datetime) -> int:
    """Old revisions that are not the latest of their record (merges need a base)."""
    newer = aliased(RecordRevision)
    superseded = (
        select(newer.id)
        .where(
            newer.type == RecordRevision.type,
            newer.record_id == RecordRevision.record_id,
            newer.rev > RecordRevision.rev,
        )
        .exists()
    )
    statement = delete(RecordRevision).where(RecordRevision.changed_at < cutoff, superseded)
    return db.session.execute(statement).rowcount
