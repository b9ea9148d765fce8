"""What a jury decided for a dossier: the effective decisions (docs/jury.md, "Results").

Decisions are append-only. For each (session, dossier, competency), and for the overall
outcome, the last one recorded counts: the greatest `changed_at`, then the greatest `id`.
The PWA (lib/decisions/) applies the same rule to what it holds.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from preuves.extensions import db
from preuves.juries.models import Decision, JuryAssignment, JurySession


@dataclass(frozen=True)
class CompetencyDecision:
    competency_id: uuid.UUID
    outcome: str
    level_key: str | None
    comment: str | None
    decided_by_id: uuid.UUID | None
    decided_at: datetime


@dataclass(frozen=True)
class OverallDecision:
    overall_outcome: str
    validated_block_keys: list[str]
    comment: str | None
    decided_at: datetime


@dataclass(frozen=True)
class DossierResult:
    session: JurySession
    dossier_id: uuid.UUID
    competencies: dict[uuid.UUID, CompetencyDecision]
    overall: OverallDecision | None


def effective(decisions: Iterable[Decision]) -> dict[uuid.UUID | None, Decision]:
    """The decision that counts per competency (key None: the overall outcome)."""
    latest: dict[uuid.UUID | None, Decision] = {}
    for decision in sorted(decisions, key=lambda d: (d.changed_at, d.id)):
        latest[decision.competency_id] = decision  # later ones overwrite earlier ones
    return latest


def _competency(decision: Decision) -> CompetencyDecision:
    return CompetencyDecision(
        competency_id=decision.competency_id,
        outcome=decision.outcome,
        level_key=decision.level_key,
        comment=decision.comment,
        decided_by_id=decision.decided_by_id,
        decided_at=decision.decided_at,
    )


def _overall(decision: Decision | None) -> OverallDecision | None:
    if decision is None:
        return None
    return OverallDecision(
        overall_outcome=decision.overall_outcome,
        validated_block_keys=sorted(decision.validated_block_keys or []),
        comment=decision.comment,
        decided_at=decision.decided_at,
    )


def build_result(
    session: JurySession, dossier_id: uuid.UUID, decisions: Iterable[Decision]
) -> DossierResult:
    """The result the given decisions make (tombstoned ones left out)."""
    latest = effective(d for d in decisions if not d.deleted)
    overall = latest.pop(None, None)
    ordered = sorted(latest.items(), key=lambda item: str(item[0]))
    competencies = {key: _competency(decision) for key, decision in ordered}
    return DossierResult(session, dossier_id, competencies, _overall(overall))


def dossier_result(session_id: uuid.UUID, dossier_id: uuid.UUID) -> DossierResult:
    """The effective decisions of one session on one dossier (empty if none yet)."""
    session = db.session.get(JurySession, session_id)
    rows = db.session.scalars(
        select(Decision).where(Decision.session_id == session_id, Decision.dossier_id == dossier_id)
    )
    return build_result(session, dossier_id, rows)


def final_result(dossier_id: uuid.UUID) -> DossierResult | None:
    """The result of the last closed session that judged the dossier, or None."""
    session_id = db.session.scalar(
        select(JurySession.id)
        .join(JuryAssignment, JuryAssignment.session_id == JurySession.id)
        .where(
            JuryAssignment.dossier_id == dossier_id,
            JuryAssignment.deleted.is_(False),
            JurySession.deleted.is_(False),
            JurySession.status == "closed",
        )
        .order_by(JurySession.held_on.desc(), JurySession.id.desc())
        .limit(1)
    )
    return None if session_id is None else dossier_result(session_id, dossier_id)
