"""A closed jury session with badges to issue, shared by the tests/test_badges_*.py files."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft201909Validator, FormatChecker

from factories import (
    _add,
    add_guardian,
    competency_ids,
    create_dossier,
    create_evidence,
    create_framework,
    create_jury_session,
    create_person,
    create_structure,
    record_decision,
)
from preuves.core.ids import uuid7
from preuves.core.models import utcnow
from preuves.extensions import db
from preuves.testimonies.models import Testimony, TestimonyRequest

STANDARDS = Path(__file__).parent / "standards" / "openbadges-3.0"


def validator(name: str) -> Draft201909Validator:
    """1EdTech's OB 3.0 JSON Schema (draft 2019-09), with formats checked."""
    schema = json.loads((STANDARDS / f"{name}.schema.json").read_text())
    return Draft201909Validator(schema, format_checker=FormatChecker())


@dataclass
class World:
    structure: Any
    lead: Any
    worker: Any
    candidate: Any
    guardian: Any
    dossier: Any
    session: Any
    acquired: Any  # competency id decided acquis (cercle "seul")
    refused: Any  # competency id decided non acquis
    evidence: Any
    shared: Any  # testimony the witness agreed to share
    private: Any  # testimony given without consent to share


def build_world(name: str = "ESAT Les Tilleuls") -> World:
    structure = create_structure(name)
    lead = create_person("Louise", "Lead", roles={structure: ["lead"]})
    worker = create_person("Sam", "Worker", roles={structure: ["support_worker"]})
    candidate = create_person(
        "Léa",
        "Martin",
        email=f"lea.martin.{uuid7().hex}@example.org",
        roles={structure: ["candidate"]},
    )
    guardian = create_person("Paul", "Martin")
    add_guardian(guardian, candidate)
    framework = create_framework(structure)
    dossier = create_dossier(structure, candidate, framework, support_worker=worker)
    acquired, refused = competency_ids(framework)
    evidence = create_evidence(dossier, candidate, "Je mets la table pour douze personnes.")
    evidence.competency_ids, evidence.task = [str(acquired)], "Mettre la table"
    dossier.selection = {str(acquired): [str(evidence.id)]}
    shared = _testimony(dossier, acquired, "Léa a dressé la salle seule.", consent=True)
    private = _testimony(dossier, acquired, "Ne pas publier.", consent=False)
    jury = create_person("Jules", "Jury")
    session = create_jury_session(structure, [jury], [dossier], status="closed")
    record_decision(session, dossier, competency_id=acquired, outcome="acquis", level_key="seul")
    record_decision(session, dossier, competency_id=refused, outcome="non_acquis")
    record_decision(session, dossier, overall_outcome="validation_partielle")
    db.session.flush()
    return World(
        structure, lead, worker, candidate, guardian, dossier, session, acquired, refused,
        evidence, shared, private,
    )  # fmt: skip


def _testimony(dossier: Any, competency_id: Any, text: str, *, consent: bool) -> Testimony:
    testimony = _add(
        Testimony(
            id=uuid7(),
            dossier_id=dossier.id,
            kind="testimony",
            author_name="Marc Tuteur",
            author_role="Tuteur de stage",
            body_text=text,
            competency_ids=[str(competency_id)],
            given_at=utcnow(),
            rev=1,
        )
    )
    db.session.add(
        TestimonyRequest(
            token_hash=uuid7().hex + uuid7().hex,
            dossier_id=dossier.id,
            competency_ids=[str(competency_id)],
            requested_by_id=dossier.candidate_id,
            expires_at=utcnow(),
            used_at=utcnow(),
            testimony_id=testimony.id,
            consent_to_share=consent,
        )
    )
    db.session.flush()
    return testimony
