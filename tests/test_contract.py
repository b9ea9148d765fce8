"""The contract between shared_schemas/ (the one source) and the server's marshmallow schemas.

The PWA's half (pwa/test/schemas.test.js) runs the same examples through its own validator.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from marshmallow import ValidationError

from preuves.config import REPO_ROOT
from preuves.core import jsonschemas, vocab
from preuves.records.catalogue import RECORD_TYPES

SCHEMAS = str(REPO_ROOT / "shared_schemas")
EXAMPLES = REPO_ROOT / "shared_schemas" / "examples"


def resolved_properties(schema_name: str) -> dict:
    registry = jsonschemas.load_registry(SCHEMAS)
    return registry.contents(jsonschemas.schema_uri(schema_name))


def examples(name: str, kind: str) -> list[Path]:
    return sorted((EXAMPLES / name / kind).glob("*.json"))


def all_schema_names() -> list[str]:
    root = REPO_ROOT / "shared_schemas"
    return sorted(
        str(p.relative_to(root)).removesuffix(".schema.json")
        for p in root.rglob("*.schema.json")
        if "examples" not in p.parts and p.name != "common.schema.json"
    )


@pytest.mark.parametrize("name", sorted(RECORD_TYPES))
def test_marshmallow_fields_equal_json_schema_properties(name):
    record = RECORD_TYPES[name]
    schema = resolved_properties(record.schema_name)
    fields = record.schema().fields
    assert set(schema["properties"]) == {f.data_key or key for key, f in fields.items()}
    required = {f.data_key or key for key, f in fields.items() if f.required}
    assert set(schema["required"]) == required


@pytest.mark.parametrize("name", sorted(RECORD_TYPES))
def test_enums_agree_with_the_vocabulary(name):
    record = RECORD_TYPES[name]
    properties = resolved_properties(record.schema_name)["properties"]
    model_columns = record.model.__table__.columns
    for prop, spec in properties.items():
        if "enum" not in spec or prop not in model_columns:
            continue
        column_values = set(model_columns[prop].type.enums)
        assert set(spec["enum"]) - {None} == column_values, prop


def test_every_record_type_has_a_schema_and_every_record_schema_a_type():
    on_disk = {n.removeprefix("records/") for n in all_schema_names() if n.startswith("records/")}
    assert on_disk == set(RECORD_TYPES)


@pytest.mark.parametrize("name", all_schema_names())
def test_examples_exist_on_both_sides(name):
    short = name.removeprefix("records/")
    assert examples(short, "valid"), f"{name} has no valid example"
    assert examples(short, "invalid"), f"{name} has no invalid example"


@pytest.mark.parametrize("name", all_schema_names())
def test_valid_examples_pass_and_invalid_ones_fail_the_json_schema(name):
    short = name.removeprefix("records/")
    for path in examples(short, "valid"):
        errors = jsonschemas.validation_errors(SCHEMAS, name, json.loads(path.read_text()))
        assert errors == [], path.name
    for path in examples(short, "invalid"):
        errors = jsonschemas.validation_errors(SCHEMAS, name, json.loads(path.read_text()))
        assert errors, f"{path.name} should be refused"


@pytest.mark.parametrize("name", sorted(RECORD_TYPES))
def test_valid_examples_load_through_marshmallow_shape_rules(name, app):
    """marshmallow accepts every valid example's shape (references aside: the DB is empty)."""
    record = RECORD_TYPES[name]
    for path in examples(name, "valid"):
        payload = json.loads(path.read_text())
        writable = {k: v for k, v in payload.items() if not record.schema().fields[k].dump_only}
        try:
            record.schema().load(writable)
        except ValidationError as error:
            shape_errors = {
                k: v for k, v in error.messages_dict.items() if not _is_reference_error(v)
            }
            assert shape_errors == {}, path.name


def _is_reference_error(messages: object) -> bool:
    if not isinstance(messages, list):
        return False
    return all("No such record" in str(m) for m in messages)


def test_scheme_steps_cover_every_scheme():
    assert set(vocab.SCHEME_STEPS) == set(vocab.SCHEMES)


@pytest.mark.parametrize(
    "path",
    sorted((REPO_ROOT / "backend/preuves/demo/data/frameworks").glob("*.json")),
    ids=lambda p: p.name,
)
def test_shipped_frameworks_follow_the_import_format(path):
    document = json.loads(path.read_text(encoding="utf-8"))
    assert jsonschemas.validation_errors(SCHEMAS, "framework", document) == []
