"""The testimony routes in the OpenAPI document (api/openapi_operations.py imports these)."""

from __future__ import annotations

from typing import Any

from preuves.api.openapi_responses import ok, operation, problems

TAG = "testimonies"
UUID = {"type": "string", "format": "uuid"}
TEXT = {"type": ["string", "null"]}
REQUEST = {
    "type": "object",
    "required": ["id", "dossier_id", "competency_ids", "status", "created_at", "expires_at"],
    "properties": {
        "id": UUID,
        "dossier_id": UUID,
        "competency_ids": {"type": "array", "items": UUID},
        "witness_name": TEXT,
        "witness_role": TEXT,
        "message": TEXT,
        "requested_by_id": UUID,
        "status": {"enum": ["live", "used", "withdrawn", "expired"]},
        "created_at": {"type": "string"},
        "expires_at": {"type": "string"},
        "used_at": TEXT,
        "revoked_at": TEXT,
        "testimony_id": {"type": ["string", "null"], "format": "uuid"},
    },
}
CREATED = REQUEST | {
    "required": [*REQUEST["required"], "url", "token", "qr_svg"],
    "properties": REQUEST["properties"]
    | {"url": {"type": "string"}, "token": {"type": "string"}, "qr_svg": {"type": "string"}},
}
ASK = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["competency_ids"],
                "properties": {
                    "competency_ids": {"type": "array", "items": UUID, "minItems": 1},
                    "witness_name": {"type": "string", "maxLength": 200},
                    "witness_role": {"type": "string", "maxLength": 200},
                    "message": {"type": "string", "maxLength": 2000},
                },
            }
        }
    },
}
WORDING = {
    "type": "object",
    "properties": {
        "id": UUID,
        "easy_wording": {"type": "string"},
        "official_wording": {"type": "string"},
    },
}
LINK = {
    "type": "object",
    "required": ["candidate_given_name", "competencies", "expires_at"],
    "properties": {
        "candidate_given_name": {"type": "string"},
        "structure_name": {"type": "string"},
        "asked_by": {"type": "string"},
        "witness_name": TEXT,
        "witness_role": TEXT,
        "message": TEXT,
        "competencies": {"type": "array", "items": WORDING},
        "expires_at": {"type": "string"},
    },
}
ANSWER_FIELDS = {
    "text": {"type": "string"},
    "witness_name": {"type": "string", "maxLength": 200},
    "witness_role": {"type": "string", "maxLength": 200},
}
ANSWER = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["witness_name", "witness_role", "consent_to_share"],
                "properties": ANSWER_FIELDS
                | {
                    "consent_to_share": {"enum": ["true"]},
                    "audio": {"type": "string", "format": "binary"},
                },
            }
        },
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["witness_name", "witness_role", "consent_to_share"],
                "properties": ANSWER_FIELDS
                | {
                    "consent_to_share": {"const": True},
                    "audio_base64": {"type": "string", "contentEncoding": "base64"},
                    "audio_media_type": {"type": "string"},
                },
            }
        },
    },
}
GIVEN = {
    "type": "object",
    "required": ["id", "given_at"],
    "properties": {"id": UUID, "given_at": {"type": "string"}},
}


def _ask(_bound: dict[str, str]) -> dict[str, Any]:
    return operation("askTestimony", "Ask a witness for a testimony: a one-time link (staff)", TAG,
                     ok(CREATED, "Asked; the token is shown once.", 201)
                     | problems(400, 401, 403, 404, 422), requestBody=ASK)  # fmt: skip


def _list(_bound: dict[str, str]) -> dict[str, Any]:
    listed = {"type": "object", "required": ["requests"],
              "properties": {"requests": {"type": "array", "items": REQUEST}}}  # fmt: skip
    return operation("listTestimonyRequests", "The dossier's testimony requests (staff)", TAG,
                     ok(listed) | problems(401, 403, 404))  # fmt: skip


def _withdraw(_bound: dict[str, str]) -> dict[str, Any]:
    withdrawn = {"204": {"description": "Withdrawn."}}
    return operation("withdrawTestimonyRequest", "Withdraw a link not used yet (staff)", TAG,
                     withdrawn | problems(401, 403, 404, 410))  # fmt: skip


def _show(_bound: dict[str, str]) -> dict[str, Any]:
    return operation("showTestimonyLink", "What a one-time testimony link asks (no account)", TAG,
                     ok(LINK) | problems(404, 410, 429), security=[])  # fmt: skip


def _give(_bound: dict[str, str]) -> dict[str, Any]:
    return operation("giveTestimony", "Give the testimony through its link, once (no account)", TAG,
                     ok(GIVEN, "Given.", 201) | problems(400, 403, 404, 410, 413, 415, 422, 429),
                     requestBody=ANSWER, security=[])  # fmt: skip


OPERATIONS = {
    ("testimonies.ask_testimony", "post"): _ask,
    ("testimonies.list_testimony_requests", "get"): _list,
    ("testimonies.withdraw_testimony_request", "delete"): _withdraw,
    ("testimonies.show_testimony_link", "get"): _show,
    ("testimonies.give_testimony", "post"): _give,
}
