"""The tus 1.0 endpoints at /api/v1/uploads (docs/media.md)."""

from __future__ import annotations

import uuid
from typing import BinaryIO

from flask import Response, request

from preuves.core.errors import Problem
from preuves.extensions import db
from preuves.identity.principal import current_principal
from preuves.media import settings, transfer, tus, uploads
from preuves.media.body import Body
from preuves.media.leases import Lease
from preuves.media.models import Upload
from preuves.policy.guard import checked, public


def _body_stream() -> BinaryIO:
    """The raw body, streamed; never request.data, which would hold it all in memory."""
    if request.headers.get("Content-Type", "").split(";")[0].strip() != tus.OFFSET_TYPE:
        raise Problem("unsupported_media_type", f"Send the body as {tus.OFFSET_TYPE}.")
    length = request.content_length
    if length is not None and length > settings.max_upload_size():
        raise Problem("too_large", f"The body is over {settings.max_upload_size()} bytes.")
    if length is not None:
        # Straight from the server, bounded by Content-Length: werkzeug's wrapper costs a copy.
        return Body(request.environ["wsgi.input"], length)
    # Chunked: werkzeug bounds it. Not the app's 8 MiB for JSON: Upload-Length is the limit.
    request.max_content_length = settings.max_upload_size()
    return request.stream


def _answer(upload: Upload, status: int, **headers: str) -> Response:
    return tus.decorate(Response(status=status, headers=headers), upload)


@public("tus discovery: what the server speaks; no data, and CORS preflights carry no token")
def options_uploads(upload_id: uuid.UUID | None = None) -> Response:
    """tus discovery (and CORS preflight)."""
    return tus.discovery(Response(status=204))


@checked("policy.media.authorize_upload: may add media to the dossier named in the metadata")
def create_upload() -> Response:
    """tus creation (and creation-with-upload): a new upload into a dossier."""
    tus.require_version()
    principal = current_principal()
    length = tus.number("Upload-Length")
    if request.headers.get("Upload-Defer-Length"):
        raise Problem("bad_request", "Upload-Defer-Length is not supported: send Upload-Length.")
    if length == 0:
        raise Problem("media_type_refused", "An empty file is not a photo, video, sound or PDF.")
    body = _body_stream() if request.content_length else None
    checksum = tus.checksum()
    upload = uploads.create(principal, length, tus.metadata())
    db.session.commit()
    location = f"/api/v1/uploads/{upload.id}"
    if body is not None:
        try:
            transfer.patch(upload, 0, request.content_length, body, checksum)
        except Problem as problem:
            problem.extra["location"] = location  # the upload exists: the client may resume
            raise
    return _answer(upload, 201, Location=location)


@checked("policy.media.authorize_upload on the upload's dossier")
def head_upload(upload_id: uuid.UUID) -> Response:
    """tus HEAD: how far the upload is."""
    tus.require_version()
    upload = uploads.find(current_principal(), upload_id)
    db.session.commit()
    return _answer(upload, 200)


@checked("policy.media.authorize_upload on the upload's dossier")
def patch_upload(upload_id: uuid.UUID) -> Response:
    """tus PATCH: append the body at Upload-Offset."""
    tus.require_version()
    upload = uploads.find(current_principal(), upload_id)
    offset, checksum = tus.number("Upload-Offset"), tus.checksum()
    stream = _body_stream()
    if upload.completed_at is not None and offset == upload.length and not request.content_length:
        return _answer(upload, 204)  # a replay of the last PATCH: nothing to add
    transfer.patch(upload, offset, request.content_length, stream, checksum)
    return _answer(upload, 204)


@checked("policy.media.authorize_upload on the upload's dossier")
def delete_upload(upload_id: uuid.UUID) -> Response:
    """tus termination: end the upload and drop its bytes."""
    tus.require_version()
    upload = uploads.find(current_principal(), upload_id)
    lease = Lease(upload.id)
    lease.acquire()
    uploads.terminate(upload)
    lease.release(terminated_at=upload.terminated_at)
    return tus.decorate(Response(status=204))
