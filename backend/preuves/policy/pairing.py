"""RSFP: who may be named evaluator of a dossier.

A support worker of the dossier's own structure, or of a structure paired with it on the
dossier's trade (the framework's slug), the pairing accepted by both leads. Anyone else
is refused: a pairing is what lets another structure's staff see one of our dossiers.
"""

from __future__ import annotations

from typing import Any

from preuves.dossiers.models import Dossier
from preuves.extensions import db
from preuves.frameworks.models import FrameworkVersion
from preuves.pairings import queries


def may_name_evaluator(member: Any) -> bool:
    """Whether `member` (a dossier_member with role evaluator) may join its dossier."""
    dossier = db.session.get(Dossier, member.dossier_id)
    if dossier is None:
        return False
    theirs = queries.staff_structures(member.person_id)
    if dossier.structure_id in theirs:
        return True
    version = db.session.get(FrameworkVersion, dossier.framework_version_id)
    return version is not None and queries.accepted_between(
        dossier.structure_id, theirs, version.slug
    )
