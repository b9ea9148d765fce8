"""Uploads as the tus views see them: create, find, end. These flush; the view commits."""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from preuves.core.errors import Problem
from preuves.core.models import utcnow
from preuves.dossiers.models import Dossier
from preuves.extensions import db
from preuves.identity.principal import Principal
from preuves.media import hashes, settings
from preuves.media.models import Blob, MediaLink, Upload
from preuves.policy import media as media_policy

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
MAX_METADATA_KEYS = 20


def partial_path(upload_id: uuid.UUID) -> Path:
    """The upload's bytes so far. Named by its id alone: metadata never becomes a path."""
    return settings.upload_dir() / f"{upload_id}.part"


def expiry() -> datetime:
    """When an upload left alone expires; every PATCH pushes it back."""
    return utcnow() + timedelta(days=int(settings.setting("UPLOAD_EXPIRATION_DAYS")))


def _uuid_of(metadata: dict[str, str], key: str) -> uuid.UUID | None:
    if key not in metadata:
        return None
    try:
        return uuid.UUID(metadata[key])
    except ValueError:
        raise Problem("bad_request", f"Upload-Metadata {key} is not a UUID.") from None


def _check_metadata(metadata: dict[str, str]) -> uuid.UUID:
    if len(metadata) > MAX_METADATA_KEYS:
        raise Problem("bad_request", f"At most {MAX_METADATA_KEYS} Upload-Metadata keys.")
    if "sha256" in metadata and not _HEX64.match(metadata["sha256"]):
        raise Problem("bad_request", "Upload-Metadata sha256 must be 64 lowercase hex digits.")
    dossier_id = _uuid_of(metadata, "dossier_id")
    if dossier_id is None:
        raise Problem("bad_request", "Upload-Metadata must name the dossier_id.")
    _uuid_of(metadata, "record_id")
    return dossier_id


def create(principal: Principal, length: int, metadata: dict[str, str]) -> Upload:
    """A new upload into a dossier the caller may add media to, within the quotas."""
    dossier_id = _check_metadata(metadata)
    dossier = media_policy.authorize_upload(principal, dossier_id)
    if length > settings.max_upload_size():
        raise Problem("too_large", f"Upload-Length is over {settings.max_upload_size()} bytes.")
    _check_quota(dossier, length)
    upload = Upload(
        length=length,
        upload_metadata=metadata,
        declared_type=(metadata.get("filetype") or metadata.get("type") or "")[:100] or None,
        record_id=_uuid_of(metadata, "record_id"),
        dossier_id=dossier.id,
        structure_id=dossier.structure_id,
        created_by_id=principal.person_id,
        expires_at=expiry(),
    )
    db.session.add(upload)
    db.session.flush()
    partial_path(upload.id).parent.mkdir(parents=True, exist_ok=True)
    partial_path(upload.id).touch()
    return upload


def used_bytes(structure_id: uuid.UUID) -> int:
    """What a structure's dossiers hold, plus what their unfinished uploads announced."""
    linked = (
        select(MediaLink.sha256)
        .join(Dossier, Dossier.id == MediaLink.dossier_id)
        .where(Dossier.structure_id == structure_id)
    )
    stored = select(func.coalesce(func.sum(Blob.size), 0)).where(Blob.sha256.in_(linked))
    pending = select(func.coalesce(func.sum(Upload.length), 0)).where(
        Upload.structure_id == structure_id,
        Upload.completed_at.is_(None),
        Upload.failed_at.is_(None),
        Upload.terminated_at.is_(None),
        Upload.expires_at > utcnow(),
    )
    return int(db.session.scalar(stored) or 0) + int(db.session.scalar(pending) or 0)


def _check_quota(dossier: Dossier, length: int) -> None:
    quota = int(settings.setting("STRUCTURE_QUOTA_BYTES"))
    used = used_bytes(dossier.structure_id)
    if quota and used + length > quota:
        raise Problem(
            "quota_exceeded",
            f"The structure uses {used} of its {quota} bytes; this upload needs {length}.",
            quota_bytes=quota,
            used_bytes=used,
        )


def find(principal: Principal, upload_id: uuid.UUID) -> Upload:
    """An upload the caller may send to: 404 if they may not see it, 410 once it ended."""
    # The dossier comes in the same query: the policy check below finds it loaded.
    found = db.session.execute(
        select(Upload, Dossier)
        .join(Dossier, Dossier.id == Upload.dossier_id)
        .where(Upload.id == upload_id)
    ).first()
    if found is None:
        raise Problem("not_found", f"No upload {upload_id}.")
    upload = found.Upload
    media_policy.authorize_upload(principal, upload.dossier_id)
    if upload.ended:
        why = upload.failure or ("terminated" if upload.terminated_at else "expired")
        raise Problem("upload_gone", f"This upload is over ({why}); start a new one.", reason=why)
    return upload


def terminate(upload: Upload) -> None:
    """tus termination: the upload ends and its partial bytes go at once."""
    upload.terminated_at = utcnow()
    forget_bytes(upload.id)


def forget_bytes(upload_id: uuid.UUID) -> None:
    """Drop the partial file and the running hash of an upload that ended."""
    partial_path(upload_id).unlink(missing_ok=True)
    hashes.forget(upload_id)
