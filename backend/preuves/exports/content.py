"""What a dossier export shows, gathered once for the portfolio and the PDF.

Per competency, by block: its wordings, the latest self- and co-positioning, the chosen
evidence (the dossier's `selection`, or all its evidence when nothing is chosen yet) with
their annotations, the testimonies, and the jury's decision once a session has closed.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from preuves.dossiers.models import Dossier
from preuves.evidence.models import Annotation, Evidence
from preuves.exports import queries
from preuves.exports.queries import Position
from preuves.extensions import db
from preuves.frameworks.models import Block, Competency, FrameworkVersion, Level
from preuves.juries.results import CompetencyDecision, DossierResult, final_result
from preuves.people.models import Person
from preuves.structures.models import Structure
from preuves.testimonies.models import Testimony


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
    evidence = queries.live_evidence(dossier.id)
    chosen = queries.chosen(dossier, evidence)
    positions = queries.latest_positions(dossier.id, levels)
    testimonies = queries.live(Testimony, dossier.id, Testimony.given_at)
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
        annotations=queries.annotations(dossier.id),
        other_evidence=chosen.get(None, []),
        other_testimonies=[t for t in testimonies if not known & set(map(str, t.competency_ids))],
        result=result,
    )


def media_of(view: DossierView) -> list[str]:
    """Every original the export shows (evidence, spoken captions and comments, testimonies),
    once each, in order."""
    hashes = [h for e in view.all_evidence for h in (e.media_sha256, e.caption_audio_sha256)]
    hashes += [
        a.body_audio_sha256 for e in view.all_evidence for a in view.annotations.get(e.id, [])
    ]
    testimonies = [t for b in view.blocks for c in b.competencies for t in c.testimonies]
    hashes += [t.body_audio_sha256 for t in testimonies + view.other_testimonies]
    positions = [p for b in view.blocks for c in b.competencies for p in (c.self_position,)]
    hashes += [p.comment_audio_sha256 for p in positions if p is not None]
    return list(dict.fromkeys(h for h in hashes if h))
