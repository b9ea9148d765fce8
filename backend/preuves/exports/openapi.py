"""The export routes in the OpenAPI document (api/openapi_operations.py imports these)."""

from __future__ import annotations

from typing import Any

from preuves.api.openapi_responses import REQUEST_ID, ok, operation, problems

TAG = "exports"
HEADERS = REQUEST_ID | {
    "Content-Disposition": {
        "description": "`attachment` with a safe file name.",
        "required": True,
        "schema": {"type": "string"},
    },
    "Cache-Control": {"required": True, "schema": {"const": "private, no-store"}},
}


def _file(media_type: str, description: str) -> dict[str, Any]:
    content = {media_type: {"schema": {"type": "string", "format": "binary"}}}
    return {"200": {"description": description, "headers": HEADERS, "content": content}}


WHO = (
    "For the candidate, their guardian and the dossier's staff (support workers, evaluators, "
    "the structure's leads); a jury member gets a 403. An audited read of the dossier."
)


def _portfolio(_bound: dict[str, str]) -> dict[str, Any]:
    return operation("exportPortfolio", "The dossier as an accessible HTML portfolio (zip)", TAG,
                     _file("application/zip", "`index.html` and `media/`: opens with no "
                           "server and no network.") | problems(401, 403, 404, 503),
                     description=WHO)  # fmt: skip


def _dossier(_bound: dict[str, str]) -> dict[str, Any]:
    return operation("exportDossierPdf", "The dossier as a tagged PDF (PDF/UA-1)", TAG,
                     _file("application/pdf", "The PDF.") | problems(401, 403, 404, 503),
                     description=WHO)  # fmt: skip


LETTER = "The PDF: the letter as the dossier gives it now, each signature and whether it holds."


def _letter(_bound: dict[str, str]) -> dict[str, Any]:
    return operation("exportCommitmentLetterPdf", "The commitment letter and its signatures, PDF",
                     TAG, _file("application/pdf", LETTER) | problems(401, 403, 404, 503),
                     description=WHO)  # fmt: skip


MINUTES_WHO = (
    "For the session's members while they have access to the dossier (it ends when the "
    "session closes), the candidate, their guardian and the dossier's staff. Audited."
)
MINUTES = "The PDF: session, members, decisions, outcome, each signature and whether it holds."


def _minutes(_bound: dict[str, str]) -> dict[str, Any]:
    return operation("exportJuryMinutesPdf", "A dossier's jury minutes (procès-verbal), PDF", TAG,
                     _file("application/pdf", MINUTES) | problems(401, 403, 404, 503),
                     description=MINUTES_WHO)  # fmt: skip


READINESS = {
    "type": "object",
    "required": ["ready", "waiting", "retry_after"],
    "properties": {
        "ready": {"type": "boolean"},
        "waiting": {"type": "integer", "minimum": 0, "description": "Files still to be made."},
        "retry_after": {"type": "integer", "description": "Seconds before asking again."},
    },
}


def _readiness(_bound: dict[str, str]) -> dict[str, Any]:
    return operation("getExportReadiness", "Whether the dossier's exports can be made now", TAG,
                     ok(READINESS) | problems(401, 403, 404),
                     description="The media worker makes every file an export carries; until "
                                 "it has, an export answers 503 export_not_ready. Not a read "
                                 "of the dossier's content.")  # fmt: skip


OPERATIONS = {
    ("exports.readiness", "get"): _readiness,
    ("exports.portfolio", "get"): _portfolio,
    ("exports.dossier", "get"): _dossier,
    ("exports.letter", "get"): _letter,
    ("exports.minutes", "get"): _minutes,
}
