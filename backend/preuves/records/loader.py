"""A record schema's load, without marshmallow's bookkeeping around the fields' own work.

`Schema.load` spends about half of its time on error stores, getters and partial-loading
options that a record never uses; a sync batch loads up to 500 records. `load` runs the
same steps, in marshmallow's order, with the schema's own parts: each field's `deserialize`
(its type, default, `allow_none` and validators), the unknown-field check (records RAISE),
then the `@validates_schema` methods. The rules stay in the schema and nowhere else.

A present value skips `Field.deserialize` itself: the field's own `_deserialize`, then its
validators called one by one (marshmallow builds an `And` of them on every value). Missing
and null values, and fields with pre- or post-load functions, keep `deserialize` whole.
UUID strings are parsed once per batch (core.ids.parse_uuid): a batch names its dossier 500
times.

Only valid records take this path. At the first error of any kind, `Schema.load` runs
again from the start and raises its own ValidationError, with every message marshmallow
would give. Schemas that use what this path does not do (pre- or post-load hooks,
`@validates` on a field, collection validators, dotted attributes) always go to marshmallow.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from marshmallow import RAISE, Schema, ValidationError
from marshmallow import fields as mm
from marshmallow.fields import Field
from marshmallow.utils import missing

from preuves.core.ids import parse_uuid


@dataclass(frozen=True)
class Plan:
    """What a load of one schema does: (JSON key, result key, field), then the validators."""

    fields: tuple[tuple[str, str, Callable[[Any, str, Any], Any]], ...]
    keys: frozenset[str]
    validators: tuple[Callable[..., None], ...]


_plans: weakref.WeakKeyDictionary[Schema, Plan | None] = weakref.WeakKeyDictionary()


def load(schema: Schema, payload: Any) -> dict[str, Any]:
    """`schema.load(payload)`: the same result, or the same ValidationError."""
    quick = _quick_load(schema, payload)
    return quick if quick is not None else schema.load(payload)


def _quick_load(schema: Schema, payload: Any) -> dict[str, Any] | None:
    plan = _plan_of(schema)
    if plan is None or not isinstance(payload, dict) or not plan.keys.issuperset(payload):
        return None
    data: dict[str, Any] = {}
    try:
        for key, attribute, deserialize in plan.fields:
            value = deserialize(payload.get(key, missing), key, payload)
            if value is not missing:
                data[attribute] = value
        for validator in plan.validators:
            validator(data, partial=None, many=False, unknown=RAISE)
    except (ValidationError, ValueError):
        return None  # marshmallow runs again and words every error
    return data


def _deserializer(field: Field) -> Callable[[Any, str, Any], Any]:
    """`field.deserialize`, or the same steps for a present value without its overhead."""
    if field.pre_load or field.post_load:
        return field.deserialize
    whole, validators = field.deserialize, tuple(field.validators)
    inner = _uuid_text if type(field) is mm.UUID else field._deserialize

    def deserialize(value: Any, key: str, payload: Any) -> Any:
        if value is missing or value is None:
            return whole(value, key, payload)  # required, null and default: marshmallow's
        output = inner(value, key, payload)
        for validator in validators:
            if validator(output) is False:
                raise ValidationError("invalid")  # words: marshmallow, on the second run
        return output

    return deserialize


def _uuid_text(value: Any, _key: str, _payload: Any) -> Any:
    if type(value) is not str:
        raise ValidationError("invalid")
    return parse_uuid(value)  # ValueError when it is not a UUID


def prepare(schema: Schema) -> None:
    """Build the schema's load plan now (a worker's start), not at its first load."""
    _plan_of(schema)


def _plan_of(schema: Schema) -> Plan | None:
    if schema not in _plans:
        _plans[schema] = _plan(schema)
    return _plans[schema]


def _plan(schema: Schema) -> Plan | None:
    hooks = schema._hooks
    if schema.many or schema.partial or schema.unknown != RAISE:
        return None
    if any(hooks[name] for name in ("pre_load", "post_load", "validates")):
        return None
    if any(many or kwargs.get("pass_original") for _, many, kwargs in hooks["validates_schema"]):
        return None
    named = [
        (field.data_key or name, field.attribute or name, field)
        for name, field in schema.load_fields.items()
    ]
    if any("." in attribute for _key, attribute, _field in named):
        return None
    fields = tuple((key, attribute, _deserializer(field)) for key, attribute, field in named)
    validators = tuple(getattr(schema, name) for name, _many, _kwargs in hooks["validates_schema"])
    return Plan(fields, frozenset(key for key, _a, _f in fields), validators)
