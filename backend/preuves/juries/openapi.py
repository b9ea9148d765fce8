"""The jury routes in the OpenAPI document (api/openapi_operations.py imports these)."""

from __future__ import annotations

from typing import Any

from preuves.api.openapi_responses import ok, operation, problems

TAG = "juries"
UUID = {"type": "string", "format": "uuid"}
MEDIUM = {
    "type": "object",
    "required": ["sha256", "evidence_id", "use", "media_type", "bytes", "url"],
    "properties": {
        "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
        "evidence_id": {"type": ["string", "null"], "format": "uuid"},
        "use": {"enum": ["evidence", "caption_audio", "testimony_audio", "mark"]},
        "media_type": {"type": "string"},
        "bytes": {"type": "integer", "minimum": 0},
        "url": {
            "type": "string",
            "description": "The playable derivative once ready, else the original.",
        },
    },
}
DOSSIER = {
    "type": "object",
    "required": ["dossier_id", "candidate_name", "bytes", "media"],
    "properties": {
        "dossier_id": UUID,
        "candidate_name": {"type": "string"},
        "bytes": {"type": "integer", "minimum": 0},
        "media": {"type": "array", "items": MEDIUM},
    },
}
MEMBER = {
    "type": "object",
    "required": ["person_id", "name", "jury_role"],
    "properties": {
        "person_id": UUID,
        "name": {"type": "string", "description": "Given and family name, for the minutes."},
        "jury_role": {"type": "string"},
    },
}
MANIFEST = {
    "type": "object",
    "required": ["session_id", "keep_until", "bytes", "members", "dossiers"],
    "properties": {
        "session_id": UUID,
        "keep_until": {"type": "string", "format": "date"},
        "bytes": {"type": "integer", "minimum": 0},
        "members": {"type": "array", "items": MEMBER},
        "dossiers": {"type": "array", "items": DOSSIER},
    },
}


WHO = (
    "For a member of the session while it is planned or open, or a manager of its "
    "structure. Each dossier listed is an audited read."
)


def _offline(_bound: dict[str, str]) -> dict[str, Any]:
    return operation(
        "getJuryOfflineManifest",
        "The media to download for a jury session offline",
        TAG,
        ok(MANIFEST) | problems(401, 403, 404),
        description=WHO,
    )


OPERATIONS = {("juries.offline_manifest", "get"): _offline}
