"""The marshmallow side of every record: sync fields here, domain fields in each feature.

marshmallow maps a record to its model and holds the rules only the server can check
(does that dossier exist?). The shape itself comes from shared_schemas/, validated first;
tests/test_contract.py keeps both sides equal.
"""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from marshmallow import RAISE, Schema, ValidationError, fields, validates_schema
from sqlalchemy import inspect

from preuves.extensions import db


class RecordSchema(Schema):
    """Fields every synced record carries (ARCHITECTURE.md, "Records and sync")."""

    class Meta:
        unknown = RAISE

    id = fields.UUID(required=True)
    rev = fields.Integer(dump_only=True)
    deleted = fields.Boolean(load_default=False)
    changed_at = fields.AwareDateTime(dump_only=True)
    changed_by = fields.UUID(dump_only=True, attribute="changed_by_id", allow_none=True)
    client_changed_at = fields.AwareDateTime(allow_none=True, load_default=None)

    # field name -> model: each reference must name a live record ("does that dossier exist").
    references: ClassVar[dict[str, type]] = {}

    @validates_schema
    def _declared_references_exist(self, data: dict[str, Any], **_kwargs: Any) -> None:
        for field_name, model in self.references.items():
            require_existing(model, data.get(field_name), field_name)


def require_existing(model: type, record_id: uuid.UUID | None, field_name: str) -> None:
    """Refuse a reference to a record that does not exist or was deleted."""
    if record_id is None:
        return
    target = _held(model, record_id)
    if target is None:
        target = db.session.get(model, record_id)
    if target is None or getattr(target, "deleted", False):
        raise ValidationError(f"No such record: {record_id}.", field_name)


def _held(model: type, record_id: uuid.UUID) -> Any:
    """The session's own copy of the record, if it holds one: what `Session.get` would give
    without its overhead (a sync batch checks its dossier 500 times)."""
    key = inspect(model).identity_key_from_primary_key((record_id,))
    return db.session().identity_map.get(key)


def require_all_existing(model: type, ids: list[Any], field_name: str) -> None:
    """Refuse a list that names any record that does not exist."""
    for record_id in ids:
        require_existing(model, uuid.UUID(str(record_id)), field_name)
