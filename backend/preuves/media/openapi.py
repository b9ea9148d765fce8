"""The media routes in the OpenAPI document (api/openapi_operations.py imports these)."""

from __future__ import annotations

from typing import Any

from preuves.api.openapi_responses import REQUEST_ID, ok, operation, problems

TAG = "media"


def _header(name: str, description: str, schema: dict[str, Any], required: bool = False) -> dict:
    return {
        "name": name,
        "in": "header",
        "required": required,
        "schema": schema,
        "description": description,
    }


TUS_RESUMABLE = _header("Tus-Resumable", "The tus version spoken.", {"const": "1.0.0"}, True)
COUNT = {"type": "integer", "minimum": 0}
SHA256_PATH = {
    "name": "sha256",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
}


def _tus_headers(*names: str) -> dict[str, Any]:
    known = {
        "Location": "The upload's URL (an absolute path).",
        "Upload-Offset": "Bytes the server holds.",
        "Upload-Length": "The upload's announced length.",
        "Upload-Expires": "When the unfinished upload expires (HTTP date).",
        "Upload-Sha256": "Once complete: the SHA-256 of the stored bytes (a Preuves addition).",
    }
    headers = {"Tus-Resumable": {"schema": {"const": "1.0.0"}, "required": True}} | REQUEST_ID
    return headers | {n: {"description": known[n], "schema": {"type": "string"}} for n in names}


def _empty(status: int, description: str, *headers: str) -> dict[str, Any]:
    return {str(status): {"description": description, "headers": _tus_headers(*headers)}}


BODY = {
    "required": False,
    "content": {
        "application/offset+octet-stream": {"schema": {"type": "string", "format": "binary"}}
    },
}


def create_upload(_bound: dict[str, str]) -> dict[str, Any]:
    """POST /api/v1/uploads."""
    params = [
        TUS_RESUMABLE,
        _header("Upload-Length", "The file's size in bytes.", COUNT, True),
        _header(
            "Upload-Metadata",
            "Comma-separated `key base64(value)`: `dossier_id` (required), `record_id`, "
            "`filename`, `filetype`, `sha256` (optional, checked at the end).",
            {"type": "string"},
            True,
        ),
        _header(
            "Upload-Checksum", "`sha256|sha1 base64(digest)` of this body.", {"type": "string"}
        ),
    ]
    responses = _empty(
        201, "Created.", "Location", "Upload-Offset", "Upload-Expires", "Upload-Sha256"
    )
    responses |= problems(400, 401, 403, 404, 409, 410, 412, 413, 415, 423, 460)
    return operation(
        "createUpload",
        "Start a resumable upload (tus creation, creation-with-upload)",
        TAG,
        responses,
        parameters=params,
        requestBody=BODY,
        description="tus 1.0 (https://tus.io). A body sent with the POST is the upload's "
        "first bytes. `OPTIONS` tells the protocol's version, extensions and `Tus-Max-Size`.",
    )


def patch_upload(_bound: dict[str, str]) -> dict[str, Any]:
    """PATCH /api/v1/uploads/{upload_id}."""
    params = [
        TUS_RESUMABLE,
        _header("Upload-Offset", "Where these bytes go: the upload's current offset.", COUNT, True),
        _header(
            "Upload-Checksum", "`sha256|sha1 base64(digest)` of this body.", {"type": "string"}
        ),
    ]
    responses = _empty(204, "Appended.", "Upload-Offset", "Upload-Expires", "Upload-Sha256")
    responses |= problems(400, 401, 403, 404, 409, 410, 412, 413, 415, 423, 460)
    return operation(
        "patchUpload",
        "Send bytes of an upload (tus PATCH)",
        TAG,
        responses,
        parameters=params,
        requestBody=BODY | {"required": True},
        description="`HEAD` on the same URL answers `Upload-Offset` to resume from. The last "
        "PATCH answers `Upload-Sha256`, the hash of what the server stored.",
    )


def delete_upload(_bound: dict[str, str]) -> dict[str, Any]:
    """DELETE /api/v1/uploads/{upload_id}."""
    responses = _empty(204, "Terminated.") | problems(400, 401, 403, 404, 410, 412, 423)
    return operation(
        "deleteUpload",
        "End an upload and drop its bytes (tus termination)",
        TAG,
        responses,
        parameters=[TUS_RESUMABLE],
    )


def _bytes(description: str) -> dict[str, Any]:
    content = {"*/*": {"schema": {"type": "string", "format": "binary"}}}
    return {"description": description, "headers": REQUEST_ID, "content": content}


def _media_responses() -> dict[str, Any]:
    return {
        "200": _bytes("The bytes."),
        "206": _bytes("The range asked for."),
        "304": {"description": "Not modified (If-None-Match)."},
    } | problems(401, 404, 416)


def get_media(_bound: dict[str, str]) -> dict[str, Any]:
    """GET /api/v1/media/{sha256}."""
    return operation(
        "getMedia",
        "Read stored media (the original)",
        TAG,
        _media_responses(),
        parameters=[SHA256_PATH],
        description="Readable by whoever may read a dossier that received these bytes. Range "
        "requests, a strong ETag (the SHA-256), `Cache-Control: private`, `nosniff`.",
    )


def get_derivative(_bound: dict[str, str]) -> dict[str, Any]:
    """GET /api/v1/media/{sha256}/{name}."""
    name = {"name": "name", "in": "path", "required": True, "schema": {"type": "string"}}
    return operation(
        "getMediaDerivative",
        "Read a derivative (thumbnail, poster, web copy...)",
        TAG,
        _media_responses(),
        parameters=[SHA256_PATH, name],
    )


STATUS = {
    "type": "object",
    "required": ["sha256", "media_type", "kind", "size", "derivatives"],
    "properties": {
        "sha256": {"type": "string"},
        "media_type": {"type": "string"},
        "kind": {"type": "string"},
        "size": {"type": "integer"},
        "derivatives": {"type": "array", "items": {"type": "object"}},
    },
}


def get_status(_bound: dict[str, str]) -> dict[str, Any]:
    """GET /api/v1/media/{sha256}/status."""
    return operation(
        "getMediaStatus",
        "What is stored, and each derivative's status",
        TAG,
        ok(STATUS) | problems(401, 404),
        parameters=[SHA256_PATH],
    )


OPERATIONS = {
    ("media.create_upload", "post"): create_upload,
    ("media.patch_upload", "patch"): patch_upload,
    ("media.delete_upload", "delete"): delete_upload,
    ("media.get_media", "get"): get_media,
    ("media.get_derivative", "get"): get_derivative,
    ("media.get_media_status", "get"): get_status,
}
