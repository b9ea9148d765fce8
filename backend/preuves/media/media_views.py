"""Stored media at /api/v1/media/<sha256>: the original, its derivatives and their status."""

from __future__ import annotations

import re
import uuid

from flask import Response, jsonify, request

from preuves.audit.operations import audit_read
from preuves.core.errors import Problem
from preuves.extensions import db
from preuves.identity.principal import Principal, current_principal
from preuves.media import serving
from preuves.media.derivatives import jobs
from preuves.media.models import Blob
from preuves.policy import media as media_policy
from preuves.policy.guard import checked

_HEX64 = re.compile(r"^[0-9a-f]{64}$")


def _readable(sha256: str) -> tuple[Principal, uuid.UUID, Blob]:
    """The caller, a dossier of theirs that received the bytes, and the blob; else 404."""
    principal = current_principal()
    blob = db.session.get(Blob, sha256) if _HEX64.match(sha256) else None
    dossier_id = media_policy.readable_dossier(principal, sha256) if blob else None
    if blob is None or dossier_id is None:
        raise Problem("not_found", f"No media {sha256[:64]}.")
    return principal, dossier_id, blob


def _audit(principal: Principal, dossier_id: uuid.UUID, sha256: str, name: str) -> None:
    # A video player asks for many ranges per viewing: the one from byte 0 stands for them.
    wanted = request.range
    if wanted is not None and wanted.ranges and wanted.ranges[0][0] != 0:
        return
    audit_read(principal, "media", dossier_id, detail={"sha256": sha256, "name": name})
    db.session.commit()


@checked("policy.media.readable_dossier: may read a dossier that received these bytes")
def get_media(sha256: str) -> Response:
    """The original bytes, as received and verified."""
    principal, dossier_id, blob = _readable(sha256)
    _audit(principal, dossier_id, sha256, "original")
    return serving.serve(blob.sha256, blob.media_type, blob.size)


@checked("policy.media.readable_dossier on the original's bytes")
def get_derivative(sha256: str, name: str) -> Response:
    """One derivative (thumbnail, poster, web copy...), once the worker has made it."""
    principal, dossier_id, _blob = _readable(sha256)
    row = jobs.find(sha256, name)
    if row is None or row.status != "ready" or not row.blob_sha256:
        status = row.status if row is not None else None
        raise Problem("not_found", f"No ready derivative {name[:40]!r}.", derivative_status=status)
    _audit(principal, dossier_id, sha256, name)
    size = row.size if row.size is not None else _stored_size(row.blob_sha256)
    return serving.serve(row.blob_sha256, row.media_type, size)


def _stored_size(sha256: str) -> int:
    from preuves.media import blobs

    found = blobs.size(sha256)
    if found is None:
        raise Problem("not_found", "The derivative's bytes are not in the store.")
    return found


@checked("policy.media.readable_dossier on the original's bytes")
def get_media_status(sha256: str) -> Response:
    """The original's type and size, and each derivative's status."""
    _principal, _dossier_id, blob = _readable(sha256)
    body = {
        "sha256": blob.sha256,
        "media_type": blob.media_type,
        "kind": blob.kind,
        "size": blob.size,
        "derivatives": jobs.statuses(sha256),
    }
    db.session.commit()
    return jsonify(body)
