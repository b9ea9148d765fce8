"""What a dossier export shows, gathered once for the portfolio and the PDF.

Per competency, by block: its wordings, the latest self- and co-positioning, the chosen
evidence (the dossier's `selection`, or all its evidence when nothing is chosen yet) with
their annotations, the testimonies, and the jury's decision once a session has closed.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select

from preuves.dossiers.models import Dossier
from preuves.evidence.models import Annotation, Evidence
from preuves.extensions import db
from preuves.frameworks.models import Block, Competency, FrameworkVersion, Level
from preuves.juries.results import CompetencyDecision, DossierResult, final_result
from preuves.people.models import Person
from preuves.positionings.models import Positioning
from preuves.structures.models import Structure
from preuves.testimonies.models import Testimony


@dataclass(frozen=True)
class Position:
    """One competency's item of a positioning snapshot."""

    level: Level | None
    level_key: str | None
    comment: str | None
    comment_audio_sha256: str | None
    taken_at: object


@dataclass
class CompetencyView:
    competency: Competency
    self_position: Position | None = None
    co_position: Position | None = None
    evidence: list[Evidence] = field(default_factory=list)
    testimonies: list[Testimony] = field(default_factory=list)
    decision: CompetencyDecision | None = None


@dataclass
class BlockView:
    block: Block
    competencies: list[CompetencyView]


@dataclass
class DossierView:
    dossier: Dossier
    candidate: Person
    structure: Structure
    framework: FrameworkVersion
    blocks: list[BlockView]
    levels: dict[str, Level]
    annotations: dict[uuid.UUID, list[Annotation]]
    other_evidence: list[Evidence]  # tied to no competency (shown when nothing is chosen)
    other_testimonies: list[Testimony]
    result: DossierResult | None

    @property
    def full_name(self) -> str:
        return f"{self.candidate.given_name} {self.candidate.family_name}"

    @property
    def block_titles(self) -> dict[str, str]:
        return {b.block.key: b.block.easy_title or b.block.title for b in self.blocks}

    def level_label(self, key: str) -> str:
        """A level's easy label (the RECTEC cercle reached, for instance), else its key."""
        level = self.levels.get(key)
        return level.easy_label if level else key

    @property
    def all_evidence(self) -> list[Evidence]:
        """Each piece of evidence shown, once, in the order it first appears."""
        seen: dict[uuid.UUID, Evidence] = {}
        for block in self.blocks:
            for item in block.competencies:
                seen.update((e.id, e) for e in item.evidence if e.id not in seen)
        seen.update((e.id, e) for e in self.other_evidence if e.id not in seen)
        return list(seen.values())


def dossier_view(dossier: Dossier) -> DossierView:
    """Everything the exports show of one dossier."""
    framework = db.session.get(FrameworkVersion, dossier.framework_version_id)
    levels = {level.key: level for level in framework.levels}
    evidence = _live_evidence(dossier.id)
    chosen = _chosen(dossier, evidence)
    positions = _latest_positions(dossier.id, levels)
    testimonies = _live(Testimony, dossier.id, Testimony.given_at)
    result = final_result(dossier.id)
    decisions = result.competencies if result else {}
    blocks = [
        BlockView(block, [
            CompetencyView(
                competency,
                positions.get(("self", str(competency.id))),
                positions.get(("co", str(competency.id))),
                chosen.get(str(competency.id), []),
                [t for t in testimonies if str(competency.id) in map(str, t.competency_ids)],
                decisions.get(competency.id),
            )
            for competency in block.competencies
        ])
        for block in framework.blocks
    ]  # fmt: skip
    known = {str(c.competency.id) for b in blocks for c in b.competencies}
    return DossierView(
        dossier=dossier,
        candidate=db.session.get(Person, dossier.candidate_id),
        structure=db.session.get(Structure, dossier.structure_id),
        framework=framework,
        blocks=blocks,
        levels=levels,
        annotations=_annotations(dossier.id),
        other_evidence=chosen.get(None, []),
        other_testimonies=[t for t in testimonies if not known & set(map(str, t.competency_ids))],
        result=result,
    )


def _live(model: type, dossier_id: uuid.UUID, order: object) -> list:
    query = select(model).where(model.dossier_id == dossier_id, model.deleted.is_(False))
    return list(db.session.scalars(query.order_by(order, model.id)))


def _live_evidence(dossier_id: uuid.UUID) -> list[Evidence]:
    """The dossier's evidence, without the pieces a newer one supersedes."""
    rows = _live(Evidence, dossier_id, Evidence.captured_at)
    superseded = {row.supersedes_id for row in rows if row.supersedes_id}
    return [row for row in rows if row.id not in superseded]


def _chosen(dossier: Dossier, evidence: list[Evidence]) -> dict[str | None, list[Evidence]]:
    """Evidence by competency id: the selection, or every piece when nothing is chosen."""
    by_id = {str(e.id): e for e in evidence}
    selection = {k: v for k, v in (dossier.selection or {}).items() if v}
    if selection:
        return {k: [by_id[i] for i in ids if i in by_id] for k, ids in selection.items()}
    chosen: dict[str | None, list[Evidence]] = defaultdict(list)
    for piece in evidence:
        for competency_id in piece.competency_ids or [None]:
            chosen[competency_id and str(competency_id)].append(piece)
    return chosen


def _latest_positions(dossier_id: uuid.UUID, levels: dict[str, Level]) -> dict[tuple, Position]:
    """Per (kind, competency id): the item of the latest snapshot that names it."""
    latest: dict[tuple, Position] = {}
    for snapshot in _live(Positioning, dossier_id, Positioning.taken_at):
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


def _annotations(dossier_id: uuid.UUID) -> dict[uuid.UUID, list[Annotation]]:
    found: dict[uuid.UUID, list[Annotation]] = defaultdict(list)
    for annotation in _live(Annotation, dossier_id, Annotation.changed_at):
        found[annotation.evidence_id].append(annotation)
    return found


def media_of(view: DossierView) -> list[str]:
    """Every original the export shows (evidence, spoken captions and comments, testimonies),
    once each, in order."""
    hashes = [h for e in view.all_evidence for h in (e.media_sha256, e.caption_audio_sha256)]
    hashes += [a.body_audio_sha256 for e in view.all_evidence for a in view.annotations[e.id]]
    testimonies = [t for b in view.blocks for c in b.competencies for t in c.testimonies]
    hashes += [t.body_audio_sha256 for t in testimonies + view.other_testimonies]
    positions = [p for b in view.blocks for c in b.competencies for p in (c.self_position,)]
    hashes += [p.comment_audio_sha256 for p in positions if p is not None]
    return list(dict.fromkeys(h for h in hashes if h))
