"""Turn loaded record data into model attributes, and models into record JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from typing import Any

from marshmallow import fields as mm
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
    json_columns = _json_columns(record_type)
    return {
        key: json.loads(json.dumps(value, default=str)) if key in json_columns else value
        for key, value in data.items()
    }


@cache
def _json_columns(record_type: RecordType) -> frozenset[str]:
    columns = record_type.model.__table__.columns
    return frozenset(column.key for column in columns if isinstance(column.type, JSON))


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
    """The record as clients see it (its JSON Schema describes this).

    The same dict as `schema_of(record_type).dump(instance)`, made by converters chosen
    once per field: a page of 500 records costs a few milliseconds, not 60. `instance`
    may be a model or a row of its columns (anything with the attributes).
    """
    dumpers = _dumpers(record_type)
    if dumpers is None:
        return schema_of(record_type).dump(instance)
    return {key: convert(getattr(instance, attribute)) for key, attribute, convert in dumpers}


def served(record_type: RecordType, instance: Any) -> dict[str, Any]:
    """The fields only the server sets (`rev`, `changed_at`, `changed_by`, an author), as
    `to_json` shows them: what a device adds to its own copy of a record it created."""
    dumpers = _served_dumpers(record_type)
    if dumpers is None:
        record = to_json(record_type, instance)
        return {key: record[key] for key in _served_keys(record_type)}
    return {key: convert(getattr(instance, attribute)) for key, attribute, convert in dumpers}


@cache
def _served_keys(record_type: RecordType) -> frozenset[str]:
    fields = schema_of(record_type).fields
    return frozenset(spec.data_key or name for name, spec in fields.items() if spec.dump_only)


@cache
def _served_dumpers(record_type: RecordType) -> tuple[Dumper, ...] | None:
    keys = _served_keys(record_type)
    dumpers = _dumpers(record_type)
    return None if dumpers is None else tuple(d for d in dumpers if d[0] in keys)


def prepare(record_type: RecordType) -> None:
    """Build the type's dump plans now (a worker's start), not at its first answer."""
    _dumpers(record_type)
    _served_dumpers(record_type)


Dumper = tuple[str, str, Callable[[Any], Any]]


@cache
def _dumpers(record_type: RecordType) -> tuple[Dumper, ...] | None:
    """(JSON key, model attribute, converter) for every field a dump shows, in its order;
    None when a field needs the whole object or the schema has dump hooks (marshmallow)."""
    schema = schema_of(record_type)
    whole_object = (mm.Method, mm.Function, mm.Nested)
    if any(schema._hooks[h] for h in ("pre_dump", "post_dump")) or any(
        isinstance(spec, whole_object) for spec in schema.dump_fields.values()
    ):
        return None
    return tuple(
        (spec.data_key or name, spec.attribute or name, _converter(spec, name))
        for name, spec in schema.dump_fields.items()
    )


def _text(value: Any) -> Any:
    return None if value is None else value.decode() if isinstance(value, bytes) else str(value)


def _iso(value: Any) -> Any:
    return None if value is None else value.isoformat()


def _same(value: Any) -> Any:
    return value


def _converter(spec: mm.Field, name: str) -> Callable[[Any], Any]:
    """What marshmallow's own `_serialize` does for this field, without its overhead.

    Exact types only: a subclass may serialize its own way, so it keeps marshmallow's.
    """
    kind = type(spec)
    if kind in (mm.UUID, mm.String, mm.Email):
        return _text
    if kind in (mm.AwareDateTime, mm.DateTime, mm.Date) and spec.format in (None, "iso"):
        return _iso
    if kind is mm.Integer and not spec.as_string:
        return lambda value: None if value is None else int(value)
    if kind is mm.Boolean:
        return _same  # marshmallow dumps a boolean as it is
    return lambda value: spec._serialize(value, name, None)
