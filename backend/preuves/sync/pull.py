"""Pull: pages of changes since a cursor, in commit order, scoped by the policy."""

from __future__ import annotations

import uuid
from collections import Counter
from typing import Any

from sqlalchemy import select

from preuves.audit.operations import record_event
from preuves.core.errors import Problem
from preuves.extensions import db
from preuves.identity.principal import Principal
from preuves.policy.scope import DOSSIER_SCOPED, dossier_of
from preuves.records.catalogue import RECORD_TYPES
from preuves.records.fields import to_json
from preuves.sync import scope, statements
from preuves.sync.cursor import Cursor, decode, encode
from preuves.sync.models import SyncClock

DEFAULT_LIMIT, MAX_LIMIT = 500, 1000

Change = tuple[str, Any]  # (type name, model instance or row of its columns)


def pull(principal: Principal, token: str | None, limit: int) -> dict[str, Any]:
    """One page: backfill of what became visible, then changes after the cursor's seq."""
    prior = decode(token, principal.person_id) if token else None
    clock = db.session.get(SyncClock, 1) or SyncClock(value=0, horizon=0)
    before = _scope_of(prior, clock.horizon)
    now = scope.current(principal)
    after = prior.seq if prior else 0
    # Every seq up to the committed clock belongs to a committed transaction (seq.py), so
    # a page that is not full may move the cursor there: it then outlives purges.
    committed = clock.value
    backfill, evict = [], []
    if before is not None and prior is not None and prior.scope != now.key:
        difference = scope.difference(before, now)
        backfill, evict = _backfill(difference, after), difference.evict
    room = max(limit - len(backfill), 0)
    changes = _changes(principal, after, room) if room else []
    more = room == 0 or len(changes) == room
    last = changes[-1][1].seq if changes else after
    if not more:
        last = max(last, committed)
    _audit(principal, backfill + changes)
    chain_horizon = prior.horizon if prior else clock.horizon
    return {
        "changes": [_as_change(name, row) for name, row in backfill + changes],
        "evict": evict,
        "cursor": encode(Cursor(last, _kept_scope(prior, now), chain_horizon), principal.person_id),
        "more": more,
    }


def _kept_scope(prior: Cursor | None, now: scope.Scope) -> str:
    """The key of the scope now, stored; the cursor's own when it has not changed."""
    return prior.scope if prior is not None and prior.scope == now.key else scope.remember(now)


def _scope_of(prior: Cursor | None, horizon: int) -> scope.Scope | None:
    """The cursor's scope; 410 when tombstones it has not seen may be gone since."""
    if prior is None:
        return None
    before = scope.recall(prior.scope)
    too_old = prior.horizon < horizon and prior.seq < horizon
    if too_old or before is None:
        raise Problem("resync_required", "This cursor is older than the server's horizon.")
    return before


def _changes(principal: Principal, after: int, limit: int) -> list[Change]:
    """The next `limit` visible changes after seq `after`, across every record table."""
    statement = statements.changes(principal)
    # Core execution (the connection, not the session): plain rows, without the ORM's
    # compile step, which cost more than the query on every page.
    rows = db.session.connection().execute(statement, {"after": after, "limit": limit}).all()
    by_type: dict[str, list[Any]] = {}
    for name, record_id, _seq in rows:
        by_type.setdefault(name, []).append(record_id)
    loaded = {name: _load(name, ids) for name, ids in by_type.items()}
    return [(name, loaded[name][record_id]) for name, record_id, _seq in rows]


def _load(name: str, ids: list[Any]) -> dict[Any, Any]:
    """The rows' columns by id, read as plain rows: to_json reads them like models."""
    model = RECORD_TYPES[name].model
    statement = statements.columns_of(model, ids, db.session.get_bind().dialect.name)
    return {row.id: row for row in db.session.connection().execute(statement)}


def _backfill(difference: scope.Difference, after: int) -> list[Change]:
    """Whole records newly visible, up to the cursor's seq (later ones come as changes)."""
    found: list[Change] = []
    gained = [uuid.UUID(i) for i in difference.gained_dossiers]
    for name in sorted(DOSSIER_SCOPED) if gained else ():
        model = RECORD_TYPES[name].model
        column = model.id if name == "dossier" else model.dossier_id
        query = select(model).where(column.in_(gained), model.seq <= after)
        found += [(name, row) for row in db.session.scalars(query)]
    for name, ids in difference.gained_others.items():
        model = RECORD_TYPES[name].model
        query = select(model).where(model.id.in_([uuid.UUID(i) for i in ids]), model.seq <= after)
        found += [(name, row) for row in db.session.scalars(query)]
    return sorted(found, key=lambda change: change[1].seq)


def _as_change(name: str, row: Any) -> dict[str, Any]:
    return {"type": name, "record": to_json(RECORD_TYPES[name], row)}


def _audit(principal: Principal, changes: list[Change]) -> None:
    """Reading a dossier's content is audited: one event per dossier in the page."""
    per_dossier = Counter(dossier_of(name, row) for name, row in changes if name in DOSSIER_SCOPED)
    for dossier_id, count in per_dossier.items():
        record_event(
            "sync_read",
            principal.person_id,
            principal.kind,
            dossier_id=dossier_id,
            detail={"records": count},
        )
