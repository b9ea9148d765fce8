"""Field-by-field merge of a mutable record changed on an old base (docs/sync-protocol.md).

Three versions of the record, as clients see them: `base` (the revision the client's copy
was made on, from record_revision), `theirs` (the server's current one) and `mine` (what
the client sends). A field the client changed (mine != base) is taken when the server
left it alone since the base, or changed it to the same value. When both changed it to
different values, that field is in conflict, and nothing of the write is applied.
A few dict fields merge key by key instead (`PER_KEY`): a dossier's selection, where two
support workers choosing evidence for two different competencies must both be kept.
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

# (record type, field) of dict fields merged key by key: {competency id: [evidence ids]}.
PER_KEY = frozenset({("dossier", "selection")})


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
        elif base is not None and (record_type.name, key) in PER_KEY:
            _merge_per_key(result, key, attribute, base.get(key))
        else:
            result.conflicts.append(key)
    return result


def merge_keys(base: dict, theirs: dict, mine: dict) -> tuple[dict, list[str]]:
    """Three-way merge of two dicts, key by key: (the merged dict, the keys in conflict).

    A key the client changed (added, removed, or given another value) is taken when the
    server left that key alone since the base; both changing it differently is a conflict.
    An empty value counts as an absent key.
    """
    merged, clashes = dict(theirs), []
    for key in dict.fromkeys([*theirs, *mine, *base]):
        mine_value, their_value = mine.get(key) or None, theirs.get(key) or None
        base_value = base.get(key) or None
        if mine_value in (their_value, base_value):
            continue
        if their_value == base_value:
            if mine_value is None:
                merged.pop(key, None)
            else:
                merged[key] = mine_value
        else:
            clashes.append(key)
    return merged, clashes


def _merge_per_key(result: Merge, key: str, attribute: str, base: dict | None) -> None:
    merged, clashes = merge_keys(
        base or {}, result.theirs.get(key) or {}, result.mine.get(key) or {}
    )
    if clashes:
        result.conflicts.append(key)
    elif merged != result.theirs.get(key):
        result.take[attribute] = merged
        result.merged.append(key)
