"""The tus 1.0 protocol's headers: parsing what clients send, writing what they expect.

https://tus.io/protocols/resumable-upload: core, creation, creation-with-upload, checksum,
termination, expiration. `Upload-Sha256` is our own addition (docs/media.md).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from flask import Response, request
from werkzeug.http import http_date

from preuves.core.errors import Problem
from preuves.media import settings
from preuves.media.models import Upload

VERSION = "1.0.0"
EXTENSIONS = "creation,creation-with-upload,checksum,termination,expiration"
CHECKSUMS: dict[str, Callable[[], Any]] = {"sha256": hashlib.sha256, "sha1": hashlib.sha1}
OFFSET_TYPE = "application/offset+octet-stream"
EXPOSED = (
    "Location, Upload-Offset, Upload-Length, Upload-Expires, Upload-Sha256, Tus-Version, "
    "Tus-Resumable, Tus-Max-Size, Tus-Extension, Tus-Checksum-Algorithm, X-Request-Id"
)
REQUEST_HEADERS = (
    "Authorization, Content-Type, Tus-Resumable, Upload-Length, Upload-Metadata, "
    "Upload-Offset, Upload-Checksum, Upload-Defer-Length, Upload-Concat, X-Request-Id, "
    "X-HTTP-Method-Override"
)
_DIGITS = re.compile(r"^[0-9]{1,19}$")
_KEY = re.compile(r"^[!-+\--~]+$")  # printable ASCII, no space, no comma


def require_version() -> None:
    """Every request but OPTIONS names the protocol version it speaks."""
    if request.headers.get("Tus-Resumable") != VERSION:
        raise Problem(
            "tus_version_unsupported", f"Send 'Tus-Resumable: {VERSION}'.", tus_version=VERSION
        )


def number(name: str, required: bool = True) -> int | None:
    """A non-negative decimal header, or a 400."""
    value = request.headers.get(name)
    if value is None and not required:
        return None
    if value is None or not _DIGITS.match(value):
        raise Problem("bad_request", f"{name} must be a non-negative integer.")
    return int(value)


def metadata() -> dict[str, str]:
    """Upload-Metadata: comma-separated `key base64(value)` pairs, values as UTF-8 text."""
    pairs: dict[str, str] = {}
    for item in filter(
        None, (p.strip() for p in request.headers.get("Upload-Metadata", "").split(","))
    ):
        key, _, encoded = item.partition(" ")
        if not _KEY.match(key) or key in pairs:
            raise Problem("bad_request", f"Bad Upload-Metadata key {key[:40]!r}.")
        try:
            value = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            raise Problem("bad_request", f"Upload-Metadata {key}: not base64 of UTF-8.") from None
        if "\x00" in value or len(value) > 1000:
            raise Problem("bad_request", f"Upload-Metadata {key}: NUL or longer than 1000.")
        pairs[key] = value
    return pairs


def checksum() -> tuple[str, bytes] | None:
    """Upload-Checksum: `<algorithm> <base64 digest>` of this request's body."""
    header = request.headers.get("Upload-Checksum")
    if header is None:
        return None
    name, _, encoded = header.strip().partition(" ")
    if name not in CHECKSUMS:
        raise Problem("bad_request", f"Unsupported checksum algorithm {name[:20]!r}.")
    try:
        return name, base64.b64decode(encoded.strip(), validate=True)
    except binascii.Error:
        raise Problem("bad_request", "Upload-Checksum: the digest is not base64.") from None


def expires(moment: datetime) -> str:
    """An HTTP date, as Upload-Expires wants it."""
    return http_date(moment)


def decorate(response: Response, upload: Upload | None = None) -> Response:
    """The headers every tus answer carries, and the upload's state when there is one."""
    response.headers["Tus-Resumable"] = VERSION
    response.headers["Cache-Control"] = "no-store"
    if upload is not None:
        response.headers["Upload-Offset"] = str(upload.offset)
        response.headers["Upload-Length"] = str(upload.length)
        if upload.completed_at is None:
            response.headers["Upload-Expires"] = expires(upload.expires_at)
        if upload.sha256:
            response.headers["Upload-Sha256"] = upload.sha256
    return response


def discovery(response: Response) -> Response:
    """OPTIONS: what this server speaks."""
    response.headers["Tus-Version"] = VERSION
    response.headers["Tus-Extension"] = EXTENSIONS
    response.headers["Tus-Checksum-Algorithm"] = ",".join(CHECKSUMS)
    response.headers["Tus-Max-Size"] = str(settings.max_upload_size())
    return decorate(response)
