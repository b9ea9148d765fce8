"""Every documented operation, keyed by (Flask endpoint, method).

A route with no entry here is left out of the document, and tests/test_openapi.py fails:
add an entry when you add a route.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from preuves.api import openapi_records as records
from preuves.api.openapi_responses import ok, operation, problems
from preuves.api.openapi_schemas import ref
from preuves.badges.openapi import OPERATIONS as BADGE_OPERATIONS
from preuves.exports.openapi import OPERATIONS as EXPORT_OPERATIONS
from preuves.frameworks.openapi import OPERATIONS as FRAMEWORK_OPERATIONS
from preuves.identity.openapi import OPERATIONS as IDENTITY_OPERATIONS
from preuves.juries.openapi import OPERATIONS as JURY_OPERATIONS
from preuves.media.openapi import OPERATIONS as MEDIA_OPERATIONS
from preuves.pairings.openapi import OPERATIONS as PAIRING_OPERATIONS
from preuves.policy.scope import DOSSIER_SCOPED
from preuves.records.catalogue import RECORD_TYPES
from preuves.sync.openapi import OPERATIONS as SYNC_OPERATIONS
from preuves.testimonies.openapi import OPERATIONS as TESTIMONY_OPERATIONS

Builder = Callable[[dict[str, str]], dict[str, Any]]

UUID = {"$ref": "#/components/schemas/common/$defs/uuid"}
ANY_OBJECT: dict[str, Any] = {"type": "object"}


def _records_of(type_name: str) -> dict[str, Any]:
    if type_name not in RECORD_TYPES:
        return {"type": "array", "items": ANY_OBJECT}
    return {"type": "array", "items": records.record_schema(type_name)}


def api_schemas() -> dict[str, Any]:
    """The shapes of the API's own answers (records come from shared_schemas/)."""
    dossier = records.record_schema("dossier") if "dossier" in RECORD_TYPES else ANY_OBJECT
    scoped = sorted(DOSSIER_SCOPED & set(RECORD_TYPES) - {"dossier"})
    roles = {"type": "array", "items": {"type": "string"}}
    return {
        "Health": {
            "type": "object",
            "required": ["status"],
            "properties": {"status": {"const": "ok"}},
        },
        "Me": {
            "type": "object",
            "required": ["person_id", "kind", "roles"],
            "properties": {
                "person_id": UUID,
                "kind": {"type": "string"},
                "roles": {
                    "type": "object",
                    "description": "Roles by structure id.",
                    "additionalProperties": roles,
                },
            },
        },
        "DossierList": {
            "type": "object",
            "required": ["dossiers"],
            "properties": {"dossiers": {"type": "array", "items": dossier}},
        },
        "DossierContent": {
            "type": "object",
            "required": ["dossier", *scoped],
            "description": "A dossier and every record hanging on it, by type.",
            "properties": {"dossier": dossier} | {name: _records_of(name) for name in scoped},
        },
    }


def _health(_bound: dict[str, str]) -> dict[str, Any]:
    return operation(
        "getHealth",
        "Check that the server and its database answer",
        "health",
        ok(ref("Health")),
        security=[],
    )


def _openapi(_bound: dict[str, str]) -> dict[str, Any]:
    return operation(
        "getOpenApiDocument",
        "This document",
        "api",
        ok(ANY_OBJECT, "The OpenAPI 3.1 document."),
        security=[],
    )


def _me(_bound: dict[str, str]) -> dict[str, Any]:
    return operation(
        "getMe",
        "Who am I: the caller's person and roles",
        "identity",
        ok(ref("Me")) | problems(401),
    )


def _dossiers(_bound: dict[str, str]) -> dict[str, Any]:
    return operation(
        "listDossiers",
        "The dossiers the caller may read",
        "dossiers",
        ok(ref("DossierList")) | problems(401),
    )


def _dossier_records(_bound: dict[str, str]) -> dict[str, Any]:
    return operation(
        "getDossierRecords",
        "One dossier with every record in it",
        "dossiers",
        ok(ref("DossierContent")) | problems(401, 403, 404),
        description="Reading a dossier's content is written to the audit trail.",
    )


OPERATIONS: dict[tuple[str, str], Builder] = (
    {
        ("api.health", "get"): _health,
        ("api.openapi_json", "get"): _openapi,
        ("identity.me", "get"): _me,
        ("dossiers.list_dossiers", "get"): _dossiers,
        ("dossiers.dossier_records", "get"): _dossier_records,
        ("records.get_record", "get"): records.get_record,
        ("records.put_record", "put"): records.put_record,
        ("records.delete_record", "delete"): records.delete_record,
    }
    | MEDIA_OPERATIONS
    | SYNC_OPERATIONS
    | IDENTITY_OPERATIONS
    | FRAMEWORK_OPERATIONS
    | PAIRING_OPERATIONS
    | TESTIMONY_OPERATIONS
    | JURY_OPERATIONS
    | EXPORT_OPERATIONS
    | BADGE_OPERATIONS
)
