"""The RSFP pairing routes in the OpenAPI document (api/openapi_operations.py imports these)."""

from __future__ import annotations

from typing import Any

from preuves.api.openapi_responses import ok, operation, problems

TAG = "pairings"
SIDE = {
    "type": "object",
    "properties": {
        "id": {"type": "string", "format": "uuid"},
        "name": {"type": ["string", "null"]},
    },
}
PAIRING = {
    "type": "object",
    "required": ["id", "structure", "partner", "trade", "status", "may_answer", "may_end"],
    "properties": {
        "id": {"type": "string", "format": "uuid"},
        "structure": SIDE,
        "partner": SIDE,
        "trade": {"type": "string"},
        "status": {"enum": ["pending", "accepted", "refused", "ended"]},
        "asked_at": {"type": "string"},
        "answered_at": {"type": ["string", "null"]},
        "may_answer": {"type": "boolean"},
        "may_end": {"type": "boolean"},
    },
}
ASK = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["structure_id", "partner_id", "trade"],
                "properties": {
                    "structure_id": {"type": "string", "format": "uuid"},
                    "partner_id": {"type": "string", "format": "uuid"},
                    "trade": {"type": "string", "pattern": "^[a-z0-9]+(?:-[a-z0-9]+)*$"},
                },
            }
        }
    },
}


def _list_of(key: str, item: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "required": [key],
        "properties": {key: {"type": "array", "items": item}},
    }


def _list(_bound: dict[str, str]) -> dict[str, Any]:
    return operation(
        "listPairings",
        "The pairings of the caller's structures",
        TAG,
        ok(_list_of("pairings", PAIRING)) | problems(401),
    )


def _structures(_bound: dict[str, str]) -> dict[str, Any]:
    return operation(
        "listPairingPartners",
        "Other structures a lead may ask to pair with",
        TAG,
        ok(_list_of("structures", {"type": "object"})) | problems(401, 403),
    )


def _ask(_bound: dict[str, str]) -> dict[str, Any]:
    return operation(
        "askPairing",
        "Ask another structure to pair on a trade (a lead)",
        TAG,
        ok(PAIRING, "Asked.", 201) | problems(400, 401, 403, 409, 422),
        requestBody=ASK,
    )


def _change(bound: dict[str, str]) -> dict[str, Any]:
    action = bound.get("action", "accept")
    return operation(
        f"{action}Pairing",
        f"{action.capitalize()} a pairing",
        TAG,
        ok(PAIRING) | problems(401, 403, 404, 409),
    )


def _staff(_bound: dict[str, str]) -> dict[str, Any]:
    return operation(
        "listPairingStaff",
        "The other structure's support workers",
        TAG,
        ok(_list_of("staff", {"type": "object"})) | problems(401, 403, 404),
    )


OPERATIONS = {
    ("pairings.list_pairings", "get"): _list,
    ("pairings.list_structures", "get"): _structures,
    ("pairings.ask_pairing", "post"): _ask,
    ("pairings.change_pairing", "post"): _change,
    ("pairings.partner_staff", "get"): _staff,
}
