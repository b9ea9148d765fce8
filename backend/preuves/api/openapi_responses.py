"""Building blocks of the OpenAPI operations: responses, problem responses, operations."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from preuves.core.errors import PROBLEM_TYPE, PROBLEMS

REQUEST_ID = {"X-Request-Id": {"$ref": "#/components/headers/RequestId"}}

REQUEST_ID_HEADER = {
    "description": "The request's id, also in every log line (a sane incoming one is kept).",
    "required": True,
    "schema": {"type": "string"},
}

BEARER = {
    "type": "http",
    "scheme": "bearer",
    "description": "An API token, printed by `preuves issue-token --email EMAIL`.",
}


def ok(schema: dict[str, Any], description: str = "OK", status: int = 200) -> dict[str, Any]:
    """A JSON success response."""
    content = {"application/json": {"schema": schema}}
    return {str(status): {"description": description, "headers": REQUEST_ID, "content": content}}


def problems(*statuses: int) -> dict[str, Any]:
    """References to the problem responses of these statuses."""
    return {str(s): {"$ref": f"#/components/responses/Problem{s}"} for s in statuses}


def _phrase(status: int) -> str:
    """The status's reason phrase; tus's own 460 is not in the HTTP registry."""
    return "Checksum Mismatch" if status == 460 else HTTPStatus(status).phrase


def problem_responses() -> dict[str, Any]:
    """One reusable response per problem status, listing the codes it may carry."""
    by_status: dict[int, list[str]] = {}
    for code, (status, _title) in PROBLEMS.items():
        by_status.setdefault(status, []).append(code)
    return {
        f"Problem{status}": {
            "description": f"{_phrase(status)}: `{'`, `'.join(sorted(codes))}`.",
            "headers": REQUEST_ID,
            "content": {PROBLEM_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        for status, codes in sorted(by_status.items())
    }


def operation(
    operation_id: str, summary: str, tag: str, responses: dict[str, Any], **extra: Any
) -> dict[str, Any]:
    """An operation object with the fields every operation carries."""
    return {
        "operationId": operation_id,
        "summary": summary,
        "tags": [tag],
        "responses": responses,
    } | extra


def camel(name: str) -> str:
    """journal_entry -> JournalEntry, for operation ids."""
    return "".join(part.capitalize() for part in name.split("_"))
