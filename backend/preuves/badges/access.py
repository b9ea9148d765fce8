"""Who may see and revoke a dossier's badges, asked of preuves.policy's dossier relations."""

from __future__ import annotations

import uuid

from preuves.core.errors import Problem
from preuves.dossiers.models import Dossier
from preuves.extensions import db
from preuves.identity.principal import Principal
from preuves.policy.dossier_access import relations

# The candidate, their guardians and the dossier's staff. Not the jury: its access ends
# when the session closes, which is when the badges appear.
READERS = frozenset({"candidate", "guardian", "manager", "support_worker", "evaluator"})


def _relations(principal: Principal, dossier_id: uuid.UUID) -> frozenset[str]:
    dossier = db.session.get(Dossier, dossier_id)
    mine = relations(principal, dossier_id) if dossier and not dossier.deleted else frozenset()
    if not mine:
        raise Problem("not_found", f"No dossier {dossier_id}.")
    return mine


def reader_dossier(principal: Principal, dossier_id: uuid.UUID) -> None:
    """404 when the dossier is not theirs to see; 403 when they see it but not its badges."""
    if not _relations(principal, dossier_id) & READERS:
        raise Problem("forbidden", "Only the candidate, a guardian or the staff see badges.")


def manager_dossier(principal: Principal, dossier_id: uuid.UUID) -> None:
    if "manager" not in _relations(principal, dossier_id):
        raise Problem("forbidden", "Only a manager of the structure revokes a badge.")
