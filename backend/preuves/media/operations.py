"""Stored media and the dossiers that received them. These flush; the caller commits."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from preuves.extensions import db
from preuves.media.models import Blob, MediaLink
from preuves.media.sniff import Sniffed


def is_linked(sha256: str, dossier_id: uuid.UUID) -> bool:
    """Whether that dossier received those bytes, hash verified by the server.

    The sync engine asks this before an evidence record may point to a blob.
    """
    query = select(MediaLink.sha256).where(
        MediaLink.sha256 == sha256, MediaLink.dossier_id == dossier_id
    )
    return db.session.scalar(query) is not None


def record_blob(sha256: str, size: int, sniffed: Sniffed) -> Blob:
    """The Blob row of stored bytes (kept if it exists: the same bytes are one blob)."""
    blob = db.session.get(Blob, sha256)
    if blob is not None:
        return blob
    try:
        # A savepoint: another upload of the same bytes may finish at the same moment.
        with db.session.begin_nested():
            blob = Blob(sha256=sha256, size=size, media_type=sniffed.media_type, kind=sniffed.kind)
            db.session.add(blob)
    except IntegrityError:
        blob = db.session.get(Blob, sha256)
    return blob


def link(sha256: str, dossier_id: uuid.UUID, person_id: uuid.UUID | None) -> MediaLink:
    """Say that the dossier received the bytes; idempotent."""
    found = db.session.get(MediaLink, (sha256, dossier_id))
    if found is not None:
        return found
    try:
        with db.session.begin_nested():
            found = MediaLink(sha256=sha256, dossier_id=dossier_id, created_by_id=person_id)
            db.session.add(found)
    except IntegrityError:
        found = db.session.get(MediaLink, (sha256, dossier_id))
    return found


def adopt(data: bytes, dossier_id: uuid.UUID) -> str:
    """Bytes made on the server (the demo's media) handled as an upload would be: sniffed,
    stored once, linked to the dossier, derivatives asked for. Returns their SHA-256."""
    from preuves.media import blobs
    from preuves.media.derivatives.jobs import enqueue_for_blob
    from preuves.media.sniff import HEAD_BYTES, sniff

    found = sniff(data[:HEAD_BYTES])
    if found is None:
        raise ValueError("Not a photo, video, sound or PDF.")
    sha256 = blobs.put_bytes(data)
    record_blob(sha256, len(data), found)
    link(sha256, dossier_id, None)
    enqueue_for_blob(sha256, found.media_type)
    return sha256
