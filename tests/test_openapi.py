"""The OpenAPI document: valid 3.1, embeds every shared schema, documents every API route."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from jsonschema import Draft202012Validator, FormatChecker
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from conftest import app_config
from preuves import create_app
from preuves.api.openapi import build_document
from preuves.config import REPO_ROOT
from preuves.core import jsonschemas
from preuves.core.errors import PROBLEMS
from preuves.records.catalogue import RECORD_TYPES

SCHEMAS = REPO_ROOT / "shared_schemas"
DOC_URI = "urn:preuves:openapi"
IGNORED = {"HEAD", "OPTIONS"}
SAMPLE_UUID = "01a208e4-883a-7840-b465-1d3d8a6538e3"


@pytest.fixture
def doc(client) -> dict[str, Any]:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    return response.json


@pytest.fixture(scope="module")
def built_doc(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The document of an app that never touches its database: enough for schema checks."""
    return build_document(create_app(app_config(tmp_path_factory.mktemp("openapi"))))


def schema_names() -> list[str]:
    files = [p for p in SCHEMAS.rglob("*.schema.json") if "examples" not in p.parts]
    return sorted(str(p.relative_to(SCHEMAS)).removesuffix(".schema.json") for p in files)


def refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [r for value in node.values() for r in refs(value)]
    return [r for item in node for r in refs(item)] if isinstance(node, list) else []


def operations(doc: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, op)
        for path, item in doc["paths"].items()
        for method, op in item.items()
        if method != "parameters"
    ]


def concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", SAMPLE_UUID, path)


def undocumented(app: Flask, doc: dict[str, Any]) -> list[str]:
    """Each API rule and method that no documented path reaches."""
    adapter = app.url_map.bind("localhost")
    reached = set()
    for path, method, _op in operations(doc):
        rule, _args = adapter.match(concrete(path), method=method.upper(), return_rule=True)
        reached.add((rule.rule, method.upper()))
    return [
        f"{method} {rule.rule}"
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/")
        for method in sorted((rule.methods or set()) - IGNORED)
        if (rule.rule, method) not in reached
    ]


def test_the_document_is_valid_openapi_3_1(doc):
    assert doc["openapi"] == "3.1.0"
    assert doc["info"]["title"] == "Preuves API"
    validate(doc)


def test_every_api_route_is_documented(app, doc):
    assert undocumented(app, doc) == []


def test_every_record_type_has_its_own_path(doc):
    for name in RECORD_TYPES:
        item = doc["paths"][f"/api/v1/records/{name}/{{record_id}}"]
        assert {"get", "put", "delete"} <= set(item), name
        body = item["put"]["requestBody"]["content"]["application/json"]["schema"]
        assert body["properties"]["record"] == {"$ref": f"#/components/schemas/records.{name}"}
        assert {"200", "201", "409", "415", "422"} <= set(item["put"]["responses"]), name


def test_the_check_can_fail(app):
    """A route nobody documented is noticed (built directly: no request has run yet)."""

    @app.get("/api/v1/undocumented-for-test")
    def undocumented_for_test():
        return "x"

    assert undocumented(app, build_document(app)) == ["GET /api/v1/undocumented-for-test"]


def test_every_operation_is_named_summarised_and_tagged(doc):
    ids = [op["operationId"] for _path, _method, op in operations(doc)]
    assert len(ids) == len(set(ids))
    for path, method, op in operations(doc):
        assert op["summary"] and op["tags"], f"{method} {path}"
        if op.get("security") != []:
            assert "401" in op["responses"], f"{method} {path}"


def test_problems_are_problem_json(doc):
    for name, response in doc["components"]["responses"].items():
        assert set(response["content"]) == {"application/problem+json"}, name
    assert doc["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"


@pytest.mark.parametrize("name", schema_names())
def test_every_shared_schema_is_embedded(built_doc, name):
    original = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    embedded = built_doc["components"]["schemas"][name.replace("/", ".")]
    assert embedded["title"] == original["title"]
    assert set(embedded) == set(original) - {"$id", "$schema"}


def test_every_reference_is_local(doc):
    assert [r for r in refs(doc) if not r.startswith("#/")] == []


def example_files() -> list[tuple[str, Path, bool]]:
    cases = []
    for folder in sorted((SCHEMAS / "examples").iterdir()):
        name = (
            f"records/{folder.name}"
            if (SCHEMAS / "records" / folder.name).with_suffix(".schema.json").exists()
            else folder.name
        )
        for kind in ("valid", "invalid"):
            cases += [(name, path, kind == "valid") for path in sorted((folder / kind).glob("*"))]
    return cases


@pytest.mark.parametrize(
    ("name", "path", "valid"),
    example_files(),
    ids=lambda v: v.name if isinstance(v, Path) else None,
)
def test_embedded_schemas_judge_examples_as_the_originals_do(built_doc, name, path, valid):
    instance = json.loads(path.read_text(encoding="utf-8"))
    resource = Resource.from_contents(built_doc, default_specification=DRAFT202012)
    registry = Registry().with_resource(DOC_URI, resource)
    embedded = Draft202012Validator(
        {"$ref": f"{DOC_URI}#/components/schemas/{name.replace('/', '.')}"},
        registry=registry,
        format_checker=FormatChecker(),
    )
    original = jsonschemas.validation_errors(str(SCHEMAS), name, instance)
    assert embedded.is_valid(instance) is valid is (original == [])


def test_the_api_guide_lists_every_problem_code():
    guide = (REPO_ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    assert [code for code in PROBLEMS if f"| `{code}` |" not in guide] == []
