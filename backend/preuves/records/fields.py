"""Turn loaded record data into model attributes, and models into record JSON."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from sqlalchemy import JSON

from preuves.records.registry import RecordType

# Set by the server, never taken from the client.
SERVER_FIELDS = frozenset({"rev", "changed_at", "changed_by"})


@cache
def schema_of(record_type: RecordType) -> Any:
    """One marshmallow schema per type, reused: load and dump keep no state on it, and
    making one per record costs more than the load itself."""
    return record_type.schema()


def writable_payload(record_type: RecordType, payload: dict[str, Any]) -> dict[str, Any]:
    """The part of an incoming record that a client may set (drops served-only fields)."""
    fields = schema_of(record_type).fields
    return {k: v for k, v in payload.items() if k in fields and not fields[k].dump_only}


def to_column_values(record_type: RecordType, data: dict[str, Any]) -> dict[str, Any]:
    """Make JSON columns hold plain JSON (UUIDs and dates as strings)."""
    columns = record_type.model.__table__.columns
    values = {}
    for key, value in data.items():
        is_json = key in columns and isinstance(columns[key].type, JSON)
        values[key] = json.loads(json.dumps(value, default=str)) if is_json else value
    return values


def apply(instance: Any, values: dict[str, Any]) -> None:
    """Copy values onto the model; `id` is set once, at creation."""
    for key, value in values.items():
        if key != "id":
            setattr(instance, key, value)


def differs(instance: Any, values: dict[str, Any]) -> list[str]:
    """The names of the fields whose value the instance does not already hold."""
    ignored = {"id", "client_changed_at"}
    return sorted(k for k, v in values.items() if k not in ignored and getattr(instance, k) != v)


def to_json(record_type: RecordType, instance: Any) -> dict[str, Any]:
    """The record as clients see it (its JSON Schema describes this)."""
    return schema_of(record_type).dump(instance)
