"""The procès-verbal as a PDF: the session, its members, each competency's decision, the
overall outcome, and each signature with its drawn mark and whether it still holds (its
hash against the current minutes, preuves.juries.minutes)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from preuves.core import labels
from preuves.dossiers.models import Dossier
from preuves.exports.media import FOR_PAGE, prepare
from preuves.exports.render import data_uri, pdf, render
from preuves.extensions import db
from preuves.frameworks.models import Block, Competency, FrameworkVersion
from preuves.juries.minutes import minutes_content, minutes_sha256, minutes_signatures
from preuves.juries.models import JuryMember, JurySession
from preuves.juries.results import CompetencyDecision, dossier_result
from preuves.people.models import Person
from preuves.structures.models import Structure


@dataclass(frozen=True)
class Member:
    name: str
    jury_role: str


@dataclass(frozen=True)
class Row:
    block: Block
    competency: Competency
    decision: CompetencyDecision | None


@dataclass(frozen=True)
class SignatureLine:
    name: str
    role: str
    signed_at: datetime
    mark: str | None  # the drawn mark, as a data: URI
    matches: bool


def minutes_pdf(session: JurySession, dossier: Dossier) -> bytes:
    """The tagged PDF of one dossier's minutes in one session."""
    result = dossier_result(session.id, dossier.id)
    framework = db.session.get(FrameworkVersion, dossier.framework_version_id)
    candidate = db.session.get(Person, dossier.candidate_id)
    levels = {level.key: level.easy_label for level in framework.levels}
    members = _members(session.id)
    html = render(
        "minutes.html",
        session=session,
        structure=db.session.get(Structure, session.structure_id),
        framework=framework,
        full_name=f"{candidate.given_name} {candidate.family_name}",
        members=members,
        rows=[
            Row(block, competency, result.competencies.get(competency.id))
            for block in framework.blocks
            for competency in block.competencies
        ],
        result=result,
        block_titles={block.key: block.title for block in framework.blocks},
        level_label=lambda key: levels.get(key, key),
        signatures=_signatures(session.id, dossier.id),
        sha256=minutes_sha256(minutes_content(result)),
    )
    return pdf(html)


def _members(session_id: uuid.UUID) -> list[Member]:
    rows = db.session.execute(
        select(Person.given_name, Person.family_name, JuryMember.jury_role)
        .join(JuryMember, JuryMember.person_id == Person.id)
        .where(JuryMember.session_id == session_id, JuryMember.deleted.is_(False))
        .order_by(JuryMember.jury_role, Person.family_name)
    )
    return [Member(f"{given} {family}", role) for given, family, role in rows]


def _signatures(session_id: uuid.UUID, dossier_id: uuid.UUID) -> list[SignatureLine]:
    roles = dict(
        db.session.execute(
            select(JuryMember.person_id, JuryMember.jury_role).where(
                JuryMember.session_id == session_id, JuryMember.deleted.is_(False)
            )
        ).all()
    )
    lines = []
    for check in minutes_signatures(session_id, dossier_id):
        signature = check.signature
        mark = prepare(signature.mark_sha256, FOR_PAGE) if signature.mark_sha256 else None
        role = roles.get(signature.signer_id)
        lines.append(
            SignatureLine(
                name=signature.signer_name,
                role=labels.label(labels.JURY_ROLES, role) if role else "membre du jury",
                signed_at=signature.signed_at,
                mark=data_uri(mark) if mark else None,
                matches=check.matches,
            )
        )
    return lines
