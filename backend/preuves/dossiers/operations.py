"""Changes to dossiers that go beyond writing one record."""

from __future__ import annotations

from sqlalchemy import select

from preuves.core.models import utcnow
from preuves.dossiers.models import Dossier, DossierMember
from preuves.extensions import db
from preuves.identity.principal import Principal


def add_opener_as_support_worker(principal: Principal, dossier: Dossier) -> None:
    """The support worker who opens a dossier accompanies it (and so may see it)."""
    if "support_worker" not in principal.roles_in(dossier.structure_id):
        return
    already = db.session.scalar(
        select(DossierMember.id).where(
            DossierMember.dossier_id == dossier.id,
            DossierMember.person_id == principal.person_id,
        )
    )
    if already is None:
        db.session.add(
            DossierMember(
                dossier_id=dossier.id,
                person_id=principal.person_id,
                role="support_worker",
                rev=1,
                changed_at=utcnow(),
                changed_by_id=principal.person_id,
            )
        )
        db.session.flush()
