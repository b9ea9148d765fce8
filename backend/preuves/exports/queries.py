"""The dossier's records an export shows: live ones only, the chosen evidence, the latest
positionings."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from preuves.dossiers.models import Dossier
from preuves.evidence.models import Annotation, Evidence
from preuves.extensions import db
from preuves.frameworks.models import Level
from preuves.positionings.models import Positioning


@dataclass(frozen=True)
class Position:
    """One competency's item of a positioning snapshot."""

    level: Level | None
    level_key: str | None
    comment: str | None
    comment_audio_sha256: str | None
    taken_at: datetime


def live(model: type, dossier_id: uuid.UUID, order: object) -> list:
    query = select(model).where(model.dossier_id == dossier_id, model.deleted.is_(False))
    return list(db.session.scalars(query.order_by(order, model.id)))


def live_evidence(dossier_id: uuid.UUID) -> list[Evidence]:
    """The dossier's evidence, without the pieces a newer one supersedes."""
    rows = live(Evidence, dossier_id, Evidence.captured_at)
    superseded = {row.supersedes_id for row in rows if row.supersedes_id}
    return [row for row in rows if row.id not in superseded]


def chosen(dossier: Dossier, evidence: list[Evidence]) -> dict[str | None, list[Evidence]]:
    """Evidence by competency id: the selection, or every piece when nothing is chosen."""
    by_id = {str(e.id): e for e in evidence}
    selection = {k: v for k, v in (dossier.selection or {}).items() if v}
    if selection:
        return {k: [by_id[i] for i in ids if i in by_id] for k, ids in selection.items()}
    by_competency: dict[str | None, list[Evidence]] = defaultdict(list)
    for piece in evidence:
        for competency_id in piece.competency_ids or [None]:
            by_competency[competency_id and str(competency_id)].append(piece)
    return by_competency


def latest_positions(dossier_id: uuid.UUID, levels: dict[str, Level]) -> dict[tuple, Position]:
    """Per (kind, competency id): the item of the latest snapshot that names it."""
    latest: dict[tuple, Position] = {}
    for snapshot in live(Positioning, dossier_id, Positioning.taken_at):
        for item in snapshot.items or []:
            key = item.get("level_key")
            latest[(snapshot.kind, str(item.get("competency_id")))] = Position(
                levels.get(key or ""),
                key,
                item.get("comment_text"),
                item.get("comment_audio_sha256"),
                snapshot.taken_at,
            )  # later snapshots overwrite earlier ones
    return latest


def annotations(dossier_id: uuid.UUID) -> dict[uuid.UUID, list[Annotation]]:
    found: dict[uuid.UUID, list[Annotation]] = defaultdict(list)
    for annotation in live(Annotation, dossier_id, Annotation.changed_at):
        found[annotation.evidence_id].append(annotation)
    return found
