"""The OpenBadgeCredential of one recognised competency, as OB 3.0 (VCDM 2.0) wants it.

The recipient is a salted SHA-256 of the candidate's person id (an IdentityObject): no
e-mail, no name. Evidence is described, never linked: a minor's photos stay private.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from preuves.badges import urls
from preuves.core.labels import EVIDENCE_KINDS, SCHEMES, label
from preuves.dossiers.models import Dossier
from preuves.evidence.models import Evidence
from preuves.frameworks.models import Block, Competency, FrameworkVersion, Level
from preuves.juries.models import JurySession
from preuves.juries.results import CompetencyDecision
from preuves.structures.models import Structure


@dataclass(frozen=True)
class Recognition:
    """Everything one badge says, gathered by operations.py."""

    structure: Structure
    session: JurySession
    dossier: Dossier
    version: FrameworkVersion
    block: Block
    competency: Competency
    decision: CompetencyDecision
    level: Level | None
    evidence: list[Evidence]


def timestamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def salted_hash(candidate_id: uuid.UUID, salt: str) -> str:
    """The IdentityHash of the candidate: `sha256$` + hex of (person id + salt), UTF-8."""
    return "sha256$" + hashlib.sha256(f"{candidate_id}{salt}".encode()).hexdigest()


def issuer_profile(structure: Structure) -> dict[str, Any]:
    return {
        "id": urls.issuer(structure.id),
        "type": ["Profile"],
        "name": structure.name,
        "url": urls.base(),
    }


def build(badge_id: uuid.UUID, issued: datetime, salt: str, facts: Recognition) -> dict[str, Any]:
    """The credential (unsigned); `endorsementJwt` is added once the endorsements are signed."""
    subject: dict[str, Any] = {
        "type": ["AchievementSubject"],
        "identifier": [_identity(facts.dossier.candidate_id, salt)],
        "achievement": _achievement(facts),
    }
    if facts.level is not None:
        subject["result"] = [_result(facts.version, facts.level)]
    credential: dict[str, Any] = {
        "@context": list(urls.CONTEXTS),
        "id": f"urn:uuid:{badge_id}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": issuer_profile(facts.structure),
        "validFrom": timestamp(issued),
        "awardedDate": timestamp(issued),
        "name": facts.competency.official_wording,
        "description": facts.competency.easy_wording,
        "credentialSubject": subject,
        "credentialSchema": [{"id": urls.SCHEMA_URL, "type": "1EdTechJsonSchemaValidator2019"}],
    }
    if facts.evidence:
        credential["evidence"] = [_evidence(e) for e in facts.evidence]
    return credential


def _identity(candidate_id: uuid.UUID, salt: str) -> dict[str, Any]:
    return {
        "type": "IdentityObject",
        "hashed": True,
        "identityHash": salted_hash(candidate_id, salt),
        "identityType": "systemId",
        "salt": salt,
    }


def _achievement(facts: Recognition) -> dict[str, Any]:
    competency = facts.competency
    achievement: dict[str, Any] = {
        "id": f"urn:uuid:{competency.id}",
        "type": ["Achievement"],
        "achievementType": "Competency",
        "name": competency.official_wording,
        "description": competency.easy_wording,
        "criteria": {"narrative": _criteria(facts)},
        "humanCode": competency.key,
        "inLanguage": "fr",
        "tag": [facts.version.title, facts.block.title],
    }
    if facts.level is not None:
        achievement["resultDescription"] = [_scale(facts.version)]
    return achievement


def _criteria(facts: Recognition) -> str:
    scheme = label(SCHEMES, facts.session.scheme)
    held = facts.session.held_on.strftime("%d/%m/%Y")
    lines = [
        f"Compétence reconnue « acquise » par un jury de validation ({scheme}) "
        f"le {held}, au vu du dossier de preuves de la personne.",
        f"Référentiel : {facts.version.title} (version {facts.version.version}), "
        f"{facts.block.title}.",
    ]
    lines += [f"- {criterion.official_wording}" for criterion in facts.competency.criteria]
    return "\n".join(lines)


def _scale(version: FrameworkVersion) -> dict[str, Any]:
    """The levels of the framework (RECTEC: its four cercles) as a rubric."""
    return {
        "id": f"urn:uuid:{version.id}",
        "type": ["ResultDescription"],
        "name": "Niveau atteint",
        "resultType": "RubricCriterionLevel",
        "rubricCriterionLevel": [
            {
                "id": f"urn:uuid:{level.id}",
                "type": ["RubricCriterionLevel"],
                "name": level.label,
                "description": level.easy_label,
                "level": str(level.rank),
            }
            for level in version.levels
        ],
    }


def _result(version: FrameworkVersion, level: Level) -> dict[str, Any]:
    return {
        "type": ["Result"],
        "resultDescription": f"urn:uuid:{version.id}",
        "achievedLevel": f"urn:uuid:{level.id}",
    }


def _evidence(evidence: Evidence) -> dict[str, Any]:
    kind = label(EVIDENCE_KINDS, evidence.kind)
    spoken = "Preuve expliquée par un message vocal." if evidence.caption_audio_sha256 else None
    narrative = evidence.caption_text or spoken or "Preuve sans légende."
    return {
        "type": ["Evidence"],
        "name": evidence.task or kind,
        "narrative": narrative,
        "genre": kind,
        "description": f"{kind} du {evidence.captured_at.strftime('%d/%m/%Y')}",
    }
