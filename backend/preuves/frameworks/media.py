"""A structure's own framework media: workstation photos (pictograms) and recorded wordings.

They belong to no dossier, so they do not go through tus uploads (which fill a dossier);
they are small, sent in one request, checked by their content like every upload.
"""

from __future__ import annotations

import uuid

from sqlalchemy import or_, select

from preuves.core.errors import Problem
from preuves.extensions import db
from preuves.frameworks.models import FrameworkMedia, FrameworkVersion
from preuves.identity.principal import Principal
from preuves.media import blobs
from preuves.media.operations import record_blob
from preuves.media.sniff import HEAD_BYTES, sniff
from preuves.policy.visibility import visible

MAX_BYTES = 8 * 1024 * 1024  # a phone photo or a minute of speech


def store(structure_id: uuid.UUID, data: bytes, declared: str | None) -> tuple[str, str]:
    """Keep a photo or a recording for the structure's frameworks: (sha256, media type)."""
    found = sniff(data[:HEAD_BYTES], declared)
    if found is None or found.kind not in ("photo", "audio"):
        raise Problem("media_type_refused", "A framework takes photos and sound only.")
    sha256 = blobs.put_bytes(data)
    record_blob(sha256, len(data), found)
    if db.session.get(FrameworkMedia, (sha256, structure_id)) is None:
        db.session.add(FrameworkMedia(sha256=sha256, structure_id=structure_id))
    db.session.flush()
    return sha256, found.media_type


def readable(principal: Principal, sha256: str) -> bool:
    """Anyone with a role in a structure that sent the bytes, or who may read a framework
    version of that structure (an evaluator, a jury member on one of its dossiers)."""
    owners = select(FrameworkMedia.structure_id).where(FrameworkMedia.sha256 == sha256)
    mine = [s for s, roles in principal.roles.items() if roles]
    query = select(FrameworkVersion.id).where(
        FrameworkVersion.structure_id.in_(owners),
        or_(
            FrameworkVersion.structure_id.in_(mine),
            visible(principal, "framework_version", FrameworkVersion),
        ),
    )
    direct = select(FrameworkMedia.sha256).where(
        FrameworkMedia.sha256 == sha256, FrameworkMedia.structure_id.in_(mine)
    )
    return (
        db.session.scalar(direct.limit(1)) is not None
        or db.session.scalar(query.limit(1)) is not None
    )
