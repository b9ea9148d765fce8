"""schemathesis against the app in-process (WSGI), authenticated as a structure's lead:
no 5xx, and every answer matches the OpenAPI document (status, content type, body, headers).

Bounded and repeatable: a fixed seed, derandomized Hypothesis, a few examples per operation.
Half of the generated ids are swapped for seeded records, and a PUT's record carries the id
of its URL with references to seeded records, so that reads, creates and edits really run.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from conftest import app_config
from factories import (
    competency_ids,
    create_dossier,
    create_evidence,
    create_framework,
    create_jury_session,
    create_person,
    create_structure,
    create_workshop,
    token_for,
)
from preuves import create_app
from preuves.config import REPO_ROOT
from preuves.core.ids import uuid7
from preuves.extensions import db

# PREUVES_FUZZ_EXAMPLES=200 digs deeper locally; CI keeps the run near one minute.
MAX_EXAMPLES = int(os.environ.get("PREUVES_FUZZ_EXAMPLES", "15"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]
PERSON_FIELDS = (
    "person_id",
    "candidate_id",
    "author_id",
    "author_person_id",
    "guardian_id",
    "ward_id",
    "signer_id",
    "given_by_id",
    "decided_by_id",
)
REFERENCES = {
    "structure_id": "structure",
    "dossier_id": "dossier",
    "workshop_id": "workshop",
    "framework_version_id": "framework_version",
    "session_id": "jury_session",
    "evidence_id": "evidence",
    "competency_id": "competency",
} | dict.fromkeys(PERSON_FIELDS, "person")


def _framework_document(framework: Any) -> dict[str, Any]:
    """A document the framework schema accepts (the factory's is a stub), agreeing with the row."""
    example = REPO_ROOT / "shared_schemas/examples/framework/valid/minimal.json"
    document = json.loads(example.read_text(encoding="utf-8"))
    keys = ("slug", "title", "kind", "version")
    return document | {key: getattr(framework, key) for key in keys}


def _seed() -> tuple[dict[str, str], str]:
    structure = create_structure("ESAT Schemathesis")
    lead = create_person("Lead", "Fuzz", roles={structure: ["lead", "admin", "support_worker"]})
    candidate = create_person("Candidat", "Fuzz", roles={structure: ["candidate"]})
    framework = create_framework(structure, slug="fuzz")
    framework.document = _framework_document(framework)
    dossier = create_dossier(structure, candidate, framework, lead)
    session = create_jury_session(structure, [lead], [dossier])
    ids = {
        "structure": structure.id,
        "workshop": create_workshop(structure).id,
        "person": candidate.id,
        "framework_version": framework.id,
        "dossier": dossier.id,
        "jury_session": session.id,
        "evidence": create_evidence(dossier, candidate).id,
        "competency": competency_ids(framework)[0],
    }
    db.session.commit()
    return {name: str(value) for name, value in ids.items()}, token_for(lead)


def _config() -> schemathesis.Config:
    return schemathesis.Config.from_dict(
        {
            "seed": 20261123,
            "generation": {
                "max-examples": MAX_EXAMPLES,
                "deterministic": True,
                "database": "none",
                "mode": "all",
            },
            "phases": {"stateful": {"enabled": False}},
        }
    )


def _seeded_half(generated: Any) -> bool:
    """A stable coin toss on a generated value: half the ids point at seeded records."""
    return hashlib.sha256(str(generated).encode()).digest()[0] < 128


def _aim(case: Any, seeded: dict[str, str]) -> Any:
    params = case.path_parameters or {}
    parts = case.path.split("/")  # /api/v1/records/<type>/{record_id}
    target = parts[4] if parts[3] == "records" else "dossier"
    for name in ("record_id", "dossier_id"):
        if name in params and target in seeded and _seeded_half(params[name]):
            params[name] = seeded[target]
    body = case.body if isinstance(case.body, dict) else {}
    record = body.get("record")
    if isinstance(record, dict) and "record_id" in params:
        record["id"] = str(params["record_id"])
        for field, kind in REFERENCES.items():
            if field in record and _seeded_half(record[field]):
                record[field] = seeded[kind]
    return case


@pytest.fixture(scope="module")
def seeded_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Flask, dict, str]]:
    app = create_app(app_config(tmp_path_factory.mktemp("schemathesis")))
    with app.app_context():
        db.drop_all()
        db.create_all()
        seeded, token = _seed()
        yield app, seeded, token
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


# The document needs no database: load it once, at collection, through its own route.
_DOCUMENT_APP = create_app(
    {"TESTING": True, "SECRET_KEY": "openapi", "SQLALCHEMY_DATABASE_URI": "sqlite://"}
)
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", _DOCUMENT_APP, config=_config())


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_keeps_its_own_contract(case: Any, seeded_app: tuple[Flask, dict, str]) -> None:
    app, seeded, token = seeded_app
    _aim(case, seeded)
    # identity: the in-process WSGI call does not undo gzip, which sync answers use when
    # asked (requests asks by default); tests/test_sync_pull.py checks the gzip itself.
    headers = {"Authorization": f"Bearer {token}", "Accept-Encoding": "identity"}
    case.call_and_validate(app=app, headers=headers, checks=CHECKS)


# Found by fuzzing and probing around it: each once answered a client's mistake with a 500.
def _put(client: Any, token: str, type_name: str, record: dict, **body: Any) -> Any:
    return client.put(
        f"/api/v1/records/{type_name}/{record['id']}",
        json={"record": record} | body,
        headers={"Authorization": f"Bearer {token}"},
    )


def test_a_nul_character_is_refused_on_every_database(seeded_app: tuple) -> None:
    app, seeded, token = seeded_app
    record = {"id": str(uuid7()), "structure_id": seeded["structure"], "name": "a\x00b"}
    response = _put(app.test_client(), token, "workshop", record)
    assert (response.status_code, response.json["errors"][0]["pointer"]) == (422, "/name")


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"])
def test_a_time_that_does_not_exist_in_utc_is_refused(seeded_app: tuple, moment: str) -> None:
    app, seeded, token = seeded_app
    record = {
        "id": str(uuid7()),
        "structure_id": seeded["structure"],
        "name": "Plonge",
        "client_changed_at": moment,
    }
    response = _put(app.test_client(), token, "workshop", record)
    assert (response.status_code, response.json["code"]) == (422, "invalid_record")


@pytest.mark.parametrize("base_rev", ["²", "١"])
def test_a_base_rev_of_unicode_digits_is_a_bad_request(seeded_app: tuple, base_rev: str) -> None:
    app, seeded, token = seeded_app
    response = app.test_client().delete(
        f"/api/v1/records/workshop/{seeded['workshop']}",
        query_string={"base_rev": base_rev},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert (response.status_code, response.json["code"]) == (400, "bad_request")


@pytest.mark.parametrize("depth", [40, 5000])
def test_deeply_nested_json_is_a_bad_request(seeded_app: tuple, depth: int) -> None:
    app, seeded, token = seeded_app
    body = '{"record": {"settings": ' + "[" * depth + "]" * depth + "}}"
    response = app.test_client().put(
        f"/api/v1/records/structure/{seeded['structure']}",
        data=body,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    assert (response.status_code, response.json["code"]) == (400, "invalid_json")
