"""The frameworks routes in the OpenAPI document (api/openapi_operations.py imports these)."""

from __future__ import annotations

from typing import Any

from preuves.api.openapi_responses import ok, operation, problems
from preuves.api.openapi_schemas import ref

IMPORTED = {
    "type": "object",
    "required": ["id", "slug", "version", "status", "title"],
    "properties": {
        "id": {"type": "string", "format": "uuid"},
        "slug": {"type": "string"},
        "version": {"type": "string"},
        "status": {"enum": ["draft", "published"]},
        "title": {"type": "string"},
    },
}
QUERY = [
    {
        "name": "structure_id",
        "in": "query",
        "required": False,
        "schema": {"type": "string", "format": "uuid"},
        "description": "The structure that imports; needed when the caller is staff of several.",
    },
    {
        "name": "status",
        "in": "query",
        "required": False,
        "schema": {"enum": ["draft", "published"]},
        "description": "published unless told.",
    },
]
FILE_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": ref("framework")},
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}},
            }
        },
    },
}


def import_file(_bound: dict[str, str]) -> dict[str, Any]:
    """POST /api/v1/frameworks/import."""
    return operation(
        "importFramework",
        "Import a framework file (preuves-framework/1) into a structure",
        "frameworks",
        ok(IMPORTED, "Imported, with every level, block, competency and criterion.", 201)
        | problems(400, 401, 403, 413, 422),
        parameters=QUERY,
        requestBody=FILE_BODY,
        description=(
            "All or nothing. Errors list each fault with its JSON `pointer`, its `line` and "
            "`column` in the file when known, `message` (English) and `message_fr`."
        ),
    )


SHA256_PATH = {
    "name": "sha256",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
}
STORED = {
    "type": "object",
    "required": ["sha256", "media_type"],
    "properties": {"sha256": {"type": "string"}, "media_type": {"type": "string"}},
}


def send_media(_bound: dict[str, str]) -> dict[str, Any]:
    """POST /api/v1/frameworks/media."""
    return operation(
        "sendFrameworkMedia",
        "Keep a workstation photo or a recorded wording for the structure's frameworks",
        "frameworks",
        ok(STORED, "Stored; name it as photo:<sha256> or audio_sha256.", 201)
        | problems(400, 401, 403, 413, 415),
        parameters=QUERY[:1],
        requestBody={
            "required": True,
            "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
            },
        },
    )


def get_media(_bound: dict[str, str]) -> dict[str, Any]:
    """GET /api/v1/frameworks/media/{sha256}."""
    return operation(
        "getFrameworkMedia",
        "A framework's photo or recorded wording",
        "frameworks",
        {
            "200": {
                "description": "The bytes.",
                "content": {
                    "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
                },
            }
        }
        | problems(401, 404),
        parameters=[SHA256_PATH],
    )


OPERATIONS = {
    ("frameworks.import_framework_file", "post"): import_file,
    ("frameworks.send_media", "post"): send_media,
    ("frameworks.get_media", "get"): get_media,
}
