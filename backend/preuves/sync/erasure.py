"""What the sync engine forgets when a person is erased (people.erasure calls this).

Erasure deletes rows outright, leaving no tombstone to pull, so every device must start
again from scratch: the horizon moves past every sequence number given so far, and every
older cursor gets 410 `resync_required`. Kept revisions, remembered mutations, conflicts
and scopes that mention the person go too.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import String, cast, delete, or_, update

from preuves.extensions import db
from preuves.sync.models import RecordRevision, SyncClock, SyncConflict, SyncMutation, SyncScope


def _mentions(column: object, person_id: uuid.UUID) -> object:
    return cast(column, String).contains(str(person_id))


def forget_person(person_id: uuid.UUID, record_ids: Iterable[uuid.UUID]) -> None:
    """Delete the sync state about the person and their erased or de-identified records."""
    ids = sorted(set(record_ids))
    chunks = [ids[i : i + 500] for i in range(0, len(ids), 500)]
    revisions = [RecordRevision.changed_by_id == person_id]
    revisions += [_mentions(RecordRevision.data, person_id)]
    revisions += [RecordRevision.record_id.in_(chunk) for chunk in chunks]
    db.session.execute(delete(RecordRevision).where(or_(*revisions)))
    mutations = [SyncMutation.person_id == person_id, _mentions(SyncMutation.result, person_id)]
    mutations += [SyncMutation.record_id.in_(chunk) for chunk in chunks]
    db.session.execute(delete(SyncMutation).where(or_(*mutations)))
    conflicts = [SyncConflict.raised_by_id == person_id, SyncConflict.resolved_by_id == person_id]
    conflicts += [_mentions(c, person_id) for c in (SyncConflict.mine, SyncConflict.theirs)]
    conflicts += [_mentions(c, person_id) for c in (SyncConflict.base, SyncConflict.resolution)]
    conflicts += [SyncConflict.record_id.in_(chunk) for chunk in chunks]
    db.session.execute(delete(SyncConflict).where(or_(*conflicts)))
    db.session.execute(delete(SyncScope))
    raise_horizon_past_everything()


def raise_horizon_past_everything() -> None:
    """Every cursor made so far becomes too old: its holder resyncs from scratch."""
    table = SyncClock.__table__
    db.session.execute(update(table).where(table.c.id == 1).values(horizon=table.c.value + 1))
