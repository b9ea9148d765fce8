"""A caller's scope: the dossiers they may read and the other records visible to them.

Pull cursors point to a scope (content-addressed, so identical scopes share one row). On
each pull the scope now is compared with the cursor's: what became visible is sent whole,
what stopped being visible is evicted.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property

from sqlalchemy.exc import IntegrityError

from preuves.extensions import db
from preuves.identity.principal import Principal
from preuves.policy.visibility import OUTSIDE_DOSSIER_TYPES
from preuves.sync import statements
from preuves.sync.models import SyncScope


@dataclass(frozen=True)
class Scope:
    dossier_ids: frozenset[str]
    other_ids: dict[str, frozenset[str]]

    @cached_property
    def key(self) -> str:
        """The SHA-256 of the content: the scope's id."""
        return hashlib.sha256(json.dumps(self.content(), sort_keys=True).encode()).hexdigest()

    def content(self) -> dict:
        """Sorted, so that the same scope always hashes the same."""
        others = {t: sorted(ids) for t, ids in sorted(self.other_ids.items())}
        return {"dossier_ids": sorted(self.dossier_ids), "other_ids": others}


@dataclass
class Difference:
    gained_dossiers: list[str] = field(default_factory=list)
    gained_others: dict[str, list[str]] = field(default_factory=dict)
    evict: list[dict[str, str]] = field(default_factory=list)


def current(principal: Principal) -> Scope:
    """What the principal may see now (one query: sync.statements.scope)."""
    found: dict[str, set[str]] = {name: set() for name in ("dossier", *OUTSIDE_DOSSIER_TYPES)}
    for name, record_id in db.session.execute(statements.scope(principal)):
        found[name].add(str(record_id))
    others = {name: frozenset(found[name]) for name in OUTSIDE_DOSSIER_TYPES}
    return Scope(frozenset(found["dossier"]), others)


def remember(scope: Scope) -> str:
    """Store the scope once (two pulls may race to insert it: both end with one row)."""
    key = scope.key
    if db.session.get(SyncScope, key) is None:
        content = scope.content()
        try:
            with db.session.begin_nested():
                db.session.add(SyncScope(id=key, **content))
        except IntegrityError:
            pass  # another pull stored the same scope a moment ago
    return key


def recall(key: str) -> Scope | None:
    """A stored scope, or None when it was purged."""
    row = db.session.get(SyncScope, key)
    if row is None:
        return None
    others = {t: frozenset(ids) for t, ids in row.other_ids.items()}
    return Scope(frozenset(row.dossier_ids), others)


def difference(before: Scope, now: Scope) -> Difference:
    """What became visible and what stopped being visible between two scopes."""
    diff = Difference(gained_dossiers=sorted(now.dossier_ids - before.dossier_ids))
    diff.evict = [
        {"type": "dossier", "id": i} for i in sorted(before.dossier_ids - now.dossier_ids)
    ]
    for name, ids in now.other_ids.items():
        earlier = before.other_ids.get(name, frozenset())
        if gained := sorted(ids - earlier):
            diff.gained_others[name] = gained
        diff.evict += [{"type": name, "id": i} for i in sorted(earlier - ids)]
    return diff
