"""records/loader.py gives what marshmallow's own load gives: the same data, the same errors."""

from __future__ import annotations

import json
from typing import Any

import pytest
from marshmallow import Schema, ValidationError, fields, pre_load, validates_schema

from factories import create_dossier, create_framework, create_person, create_structure
from preuves.config import REPO_ROOT
from preuves.core import jsonschemas
from preuves.records import loader
from preuves.records.catalogue import RECORD_TYPES
from preuves.records.fields import schema_of, writable_payload

SCHEMAS = str(REPO_ROOT / "shared_schemas")
EXAMPLES = REPO_ROOT / "shared_schemas" / "examples"


def outcome(load: Any, schema: Schema, payload: Any) -> Any:
    try:
        return "loaded", load(schema, payload)
    except ValidationError as error:
        return "refused", error.messages


def marshmallow_load(schema: Schema, payload: Any) -> Any:
    return schema.load(payload)


@pytest.mark.parametrize("name", sorted(RECORD_TYPES))
def test_every_example_has_the_outcome_marshmallow_gives(app, name):
    """Every example the JSON Schema lets through, as records.operations.load does; their
    references name nothing here, so the server's rules refuse most of them."""
    kind = RECORD_TYPES[name]
    schema = schema_of(kind)
    for path in sorted((EXAMPLES / name).glob("*/*.json")):
        document = json.loads(path.read_text())
        if jsonschemas.validation_errors(SCHEMAS, kind.schema_name, document):
            continue
        payload = writable_payload(kind, document)
        expected = outcome(marshmallow_load, schema, payload)
        assert outcome(loader.load, schema, payload) == expected, path.name


@pytest.fixture
def dossier(app):
    structure = create_structure()
    candidate = create_person(roles={structure: ["candidate"]})
    return create_dossier(structure, candidate, create_framework(structure))


def journal_payload(dossier: Any, **changes: Any) -> dict[str, Any]:
    path = EXAMPLES / "journal_entry/valid/candidate-during-the-situation.json"
    return json.loads(path.read_text()) | {"dossier_id": str(dossier.id)} | changes


def test_a_valid_record_takes_the_quick_path_and_loads_the_same(dossier):
    schema = schema_of(RECORD_TYPES["journal_entry"])
    payload = journal_payload(dossier, client_changed_at="2026-11-20T10:00:00+01:00")
    quick = loader._quick_load(schema, payload)
    assert quick is not None  # the quick path ran: it is what this test compares
    assert quick == schema.load(payload)
    assert list(quick) == list(schema.load(payload))  # same keys, same order


@pytest.mark.parametrize(
    "changes",
    [
        {"phase": "never"},  # a field validator
        {"written_at": "2026-11-20T10:14:52"},  # a naive time
        {"body_text": None},  # a schema validator: neither text nor voice
        {"unexpected": 1},  # an unknown field
        {"dossier_id": "not-an-id"},
        {"dossier_id": 12},  # a UUID field given a number
        {"id": None},  # a required id, null
        {"body_text": 3},  # a String field given a number
        {"author_role": "jury"},  # a OneOf validator on a String
        {"dossier_id": "0193a0e3-2222-7b3c-9d4e-5f6071829304"},  # names no dossier
    ],
)
def test_a_refused_record_gets_marshmallow_s_own_messages(dossier, changes):
    schema = schema_of(RECORD_TYPES["journal_entry"])
    payload = journal_payload(dossier, **changes)
    assert loader._quick_load(schema, payload) is None
    with pytest.raises(ValidationError) as marshmallow_says:
        schema.load(payload)
    with pytest.raises(ValidationError) as loader_says:
        loader.load(schema, payload)
    assert loader_says.value.messages == marshmallow_says.value.messages


class Hooked(Schema):
    name = fields.String(required=True)

    @pre_load
    def _trimmed(self, data: dict[str, Any], **_kwargs: Any) -> dict[str, Any]:
        return {"name": data["name"].strip()}


class Checked(Schema):
    name = fields.String(required=True)
    count = fields.Integer(load_default=0)

    @validates_schema
    def _not_empty(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if not data["name"]:
            raise ValidationError("empty", "name")


def test_what_the_quick_path_does_not_do_goes_to_marshmallow():
    assert loader._plan_of(Hooked()) is None
    assert loader.load(Hooked(), {"name": "  Léa "}) == {"name": "Léa"}
    assert loader._plan_of(Checked(many=True)) is None


def test_defaults_and_schema_validators_as_marshmallow_applies_them():
    schema = Checked()
    assert loader._quick_load(schema, {"name": "Léa"}) == {"name": "Léa", "count": 0}
    assert outcome(loader.load, schema, {"name": ""}) == ("refused", {"name": ["empty"]})
    assert outcome(loader.load, schema, {}) == outcome(marshmallow_load, schema, {})


class Pipeline(Schema):
    code = fields.String(required=True, validate=lambda value: value != "no", post_load=[str.upper])
    ref = fields.UUID(allow_none=True, load_default=None)


def test_field_functions_nulls_and_validators_returning_false_as_marshmallow_has_them():
    """Post-load functions and missing values keep Field.deserialize; a validator that only
    returns False is an error; a null UUID is allowed where the field allows it."""
    schema = Pipeline()
    for payload in ({"code": "ok"}, {"code": "no"}, {"code": "ok", "ref": None}, {"ref": "x"}):
        assert outcome(loader.load, schema, payload) == outcome(marshmallow_load, schema, payload)
    assert loader.load(schema, {"code": "ok"}) == {"code": "OK", "ref": None}
