"""Field-by-field merge of a mutable record changed on an old base (docs/sync-protocol.md).

Three versions of the record, as clients see them: `base` (the revision the client's copy
was made on, from record_revision), `theirs` (the server's current one) and `mine` (what
the client sends). A field the client changed (mine != base) is taken when the server
left it alone since the base, or changed it to the same value. When both changed it to
different values, that field is in conflict, and nothing of the write is applied.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from preuves.extensions import db
from preuves.records.fields import schema_of, to_json
from preuves.records.registry import RecordType
from preuves.sync.models import RecordRevision

IGNORED = frozenset({"id", "client_changed_at"})  # identity, and the device's clock


@dataclass
class Merge:
    base: dict[str, Any] | None
    theirs: dict[str, Any]
    mine: dict[str, Any]
    take: dict[str, Any] = field(default_factory=dict)  # model attribute -> value to write
    merged: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)


def base_of(record_type: RecordType, record_id: uuid.UUID, rev: int | None) -> dict | None:
    """The record as it was at `rev`, or None when that revision is unknown."""
    if rev is None:
        return None
    return db.session.scalar(
        select(RecordRevision.data).where(
            RecordRevision.type == record_type.name,
            RecordRevision.record_id == record_id,
            RecordRevision.rev == rev,
        )
    )


def _mergeable(record_type: RecordType, values: dict[str, Any]) -> dict[str, str]:
    """Record key -> model attribute, for every field the client may write and sent."""
    keys = {}
    for name, spec in schema_of(record_type).fields.items():
        attribute = spec.attribute or name
        if not spec.dump_only and name not in IGNORED and attribute in values:
            keys[spec.data_key or name] = attribute
    return keys


def merge(
    record_type: RecordType, existing: Any, values: dict[str, Any], base_rev: int | None
) -> Merge:
    """Decide, field by field, what of `values` (loaded column values) to apply."""
    base = base_of(record_type, existing.id, base_rev)
    result = Merge(base, to_json(record_type, existing), schema_of(record_type).dump(values))
    for key, attribute in _mergeable(record_type, values).items():
        mine, theirs = result.mine.get(key), result.theirs.get(key)
        if mine == theirs:
            continue
        # An unknown base (a creation replayed on a changed record): every difference counts.
        if base is not None and mine == base.get(key):
            continue  # the client did not change it
        if base is not None and theirs == base.get(key):
            result.take[attribute] = values[attribute]
            result.merged.append(key)
        else:
            result.conflicts.append(key)
    return result
