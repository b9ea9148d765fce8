"""Who may send media to a dossier, and who may read stored media.

Bytes belong to the dossiers that received them (MediaLink): a blob is readable by whoever
may read one of those dossiers, and does not exist for anyone else.
"""

from __future__ import annotations

import uuid
from types import SimpleNamespace

from sqlalchemy import select

from preuves.core.errors import Problem
from preuves.dossiers.models import Dossier
from preuves.extensions import db
from preuves.identity.principal import Principal
from preuves.media.models import MediaLink
from preuves.policy import may
from preuves.policy.dossier_access import relations, visible_dossier_ids

# Records that carry media: a voice note, a photo, a scanned letter, a drawn signature.
MEDIA_RECORDS = ("evidence", "annotation", "testimony", "consent", "signature")


def may_upload(principal: Principal, dossier_id: uuid.UUID) -> bool:
    """Whether the principal may create a record carrying media in that dossier."""
    probe = SimpleNamespace(id=None, dossier_id=dossier_id)
    return any(may(principal, "create", name, probe) for name in MEDIA_RECORDS)


def authorize_upload(principal: Principal, dossier_id: uuid.UUID) -> Dossier:
    """The live dossier, or 404 if the caller may not read it, 403 if they may not write."""
    dossier = db.session.get(Dossier, dossier_id)
    if dossier is None or dossier.deleted or not relations(principal, dossier_id):
        raise Problem("not_found", f"No dossier {dossier_id}.")
    if not may_upload(principal, dossier_id):
        raise Problem("forbidden", "You may not add media to this dossier.")
    return dossier


def readable_dossier(principal: Principal, sha256: str) -> uuid.UUID | None:
    """A dossier the principal may read that received these bytes, or None."""
    query = (
        select(MediaLink.dossier_id)
        .where(MediaLink.sha256 == sha256, MediaLink.dossier_id.in_(visible_dossier_ids(principal)))
        .order_by(MediaLink.created_at)
        .limit(1)
    )
    return db.session.scalar(query)
