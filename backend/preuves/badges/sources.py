"""What a badge draws from the dossier: the framework's wording and levels, the evidence
chosen for the competency and the testimonies about it that may be quoted publicly."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from preuves.badges.credentials import Recognition
from preuves.dossiers.models import Dossier
from preuves.evidence.models import Evidence
from preuves.extensions import db
from preuves.frameworks.models import Block, Competency, FrameworkVersion, Level
from preuves.juries.models import JurySession
from preuves.juries.results import CompetencyDecision
from preuves.structures.models import Structure
from preuves.testimonies.models import Testimony, TestimonyRequest

MAX_EVIDENCE = 20


def recognition(
    session: JurySession, dossier: Dossier, decision: CompetencyDecision
) -> Recognition:
    """Everything the credential of one recognised competency says."""
    competency = db.session.get(Competency, decision.competency_id)
    version = db.session.get(FrameworkVersion, competency.version_id)
    level = None
    if decision.level_key:
        level = db.session.scalar(
            select(Level).where(Level.version_id == version.id, Level.key == decision.level_key)
        )
    return Recognition(
        structure=db.session.get(Structure, dossier.structure_id),
        session=session,
        dossier=dossier,
        version=version,
        block=db.session.get(Block, competency.block_id),
        competency=competency,
        decision=decision,
        level=level,
        evidence=chosen_evidence(dossier, decision.competency_id),
    )


def chosen_evidence(dossier: Dossier, competency_id: uuid.UUID) -> list[Evidence]:
    """The selection for the competency, in order; else every live piece tied to it."""
    live = select(Evidence).where(Evidence.dossier_id == dossier.id, Evidence.deleted.is_(False))
    picked = [str(i) for i in (dossier.selection or {}).get(str(competency_id)) or []]
    if picked:
        rows = {str(e.id): e for e in db.session.scalars(live.where(Evidence.id.in_(_ids(picked))))}
        return [rows[i] for i in picked if i in rows][:MAX_EVIDENCE]
    rows = list(db.session.scalars(live.order_by(Evidence.captured_at)))
    superseded = {e.supersedes_id for e in rows if e.supersedes_id}
    tied = [e for e in rows if str(competency_id) in e.competency_ids and e.id not in superseded]
    return tied[:MAX_EVIDENCE]


def quotable_testimonies(dossier: Dossier, competency_id: uuid.UUID) -> list[Testimony]:
    """Testimonies on the competency, leaving out those given by link without consent to share.

    A badge is shown to anyone the candidate hands it to: a witness who answered a link and
    did not agree to share is never quoted.
    """
    query = select(Testimony).where(
        Testimony.dossier_id == dossier.id, Testimony.deleted.is_(False)
    )
    found = [t for t in db.session.scalars(query.order_by(Testimony.given_at))]
    found = [t for t in found if str(competency_id) in (t.competency_ids or [])]
    refused = set(
        db.session.scalars(
            select(TestimonyRequest.testimony_id).where(
                TestimonyRequest.dossier_id == dossier.id,
                TestimonyRequest.testimony_id.is_not(None),
                TestimonyRequest.consent_to_share.is_not(True),
            )
        )
    )
    return [t for t in found if t.id not in refused]


def _ids(values: list[str]) -> list[uuid.UUID]:
    out = []
    for value in values:
        try:
            out.append(uuid.UUID(value))
        except ValueError:
            continue  # a stale or malformed entry in the selection is not evidence
    return out
