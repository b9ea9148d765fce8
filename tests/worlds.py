"""Two structures, each with its people, a dossier and a jury, and a fresh valid record of
every type for either one: the ground for the tenancy tests."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from factories import (
    add_guardian,
    competency_ids,
    create_dossier,
    create_evidence,
    create_framework,
    create_jury_session,
    create_person,
    create_structure,
    create_workshop,
    link_blob,
    token_for,
)
from preuves.config import REPO_ROOT
from preuves.core.ids import uuid7
from preuves.extensions import db

NOW = "2026-11-23T10:00:00+00:00"
SHA = "a" * 64


@dataclass
class World:
    name: str
    ids: dict[str, Any]
    tokens: dict[str, str]


def build_world(name: str) -> World:
    structure = create_structure(f"ESAT {name}")
    people = {
        "lead": create_person("Lead", name, roles={structure: ["lead", "admin"]}),
        "support_worker": create_person("Moniteur", name, roles={structure: ["support_worker"]}),
        "candidate": create_person("Candidat", name, roles={structure: ["candidate"]}),
        "guardian": create_person("Parent", name),
        "jury": create_person("Jury", name),
    }
    add_guardian(people["guardian"], people["candidate"])
    framework = create_framework(structure, slug=f"cuisine-{name.lower()}")
    dossier = create_dossier(structure, people["candidate"], framework, people["support_worker"])
    # open: its jury decides (decisions are taken while a session is open, docs/jury.md)
    session = create_jury_session(structure, [people["jury"]], [dossier], status="open")
    spare = create_dossier(structure, people["candidate"], framework, people["support_worker"])
    link_blob(SHA, dossier)  # fresh_record's evidence names it: the upload came first
    ids = {
        "structure": structure.id,
        "workshop": create_workshop(structure).id,
        "framework_version": framework.id,
        "dossier": dossier.id,
        "jury_session": session.id,
        "spare_dossier": spare.id,
        "competencies": competency_ids(framework),
        "evidence": create_evidence(dossier, people["candidate"]).id,
    } | {f"{role}_person": person.id for role, person in people.items()}
    db.session.commit()
    return World(name, ids, {role: token_for(person) for role, person in people.items()})


def s(value: Any) -> str:
    return str(value)


def fresh_record(kind: str, w: World) -> tuple[str, dict[str, Any]]:
    """A valid new record of that type in world w, and who in w may write it."""
    i = w.ids
    base = {"id": s(uuid7())}
    dossier = {"dossier_id": s(i["dossier"])}
    builders: dict[str, tuple[str, dict[str, Any]]] = {
        "workshop": ("lead", {"structure_id": s(i["structure"]), "name": "Plonge"}),
        "person": ("lead", {"given_name": "Nouvelle", "family_name": "Personne"}),
        "membership": (
            "lead",
            {
                "person_id": s(i["guardian_person"]),
                "structure_id": s(i["structure"]),
                "role": "support_worker",
            },
        ),
        "guardianship": (
            "lead",
            {
                "guardian_id": s(i["lead_person"]),
                "ward_id": s(i["candidate_person"]),
                "kind": "tuteur",
            },
        ),
        "framework_version": (
            "support_worker",
            {"structure_id": s(i["structure"]), "status": "draft", "document": FRAMEWORK_DOC},
        ),
        "dossier": (
            "support_worker",
            {
                "structure_id": s(i["structure"]),
                "candidate_id": s(i["candidate_person"]),
                "scheme": "open_badge",
                "framework_version_id": s(i["framework_version"]),
                "modality": None,
                "status": "ouvert",
                "steps": [],
                "selection": {},
            },
        ),
        "dossier_member": (
            "lead",
            dossier | {"person_id": s(i["lead_person"]), "role": "support_worker"},
        ),
        "evidence": (
            "candidate",
            dossier
            | {
                "kind": "photo",
                "media_sha256": SHA,
                "media_type": "image/jpeg",
                "caption_text": "Je mets la table.",
                "competency_ids": [s(i["competencies"][0])],
                "people_in_picture": "nobody",
                "captured_at": NOW,
            },
        ),
        "annotation": (
            "support_worker",
            dossier
            | {
                "evidence_id": s(i["evidence"]),
                "kind": "a_refaire",
                "body_text": "On voit mal tes mains. Tu peux refaire la photo ?",
                "competency_ids": [],
                "criterion_ids": [],
            },
        ),
        "positioning": (
            "candidate",
            dossier
            | {
                "kind": "self",
                "taken_at": NOW,
                "items": [{"competency_id": s(i["competencies"][0]), "level_key": "seul"}],
                "complete": False,
            },
        ),
        "testimony": (
            "support_worker",
            dossier
            | {
                "kind": "testimony",
                "author_name": "Jean Tuteur",
                "author_role": "tuteur de stage",
                "body_text": "Elle travaille bien.",
                "competency_ids": [],
                "given_at": NOW,
            },
        ),
        "journal_entry": (
            "candidate",
            dossier
            | {
                "author_role": "candidate",
                "phase": "during",
                "body_text": "J'ai appris.",
                "written_at": NOW,
            },
        ),
        "consent": (
            "support_worker",
            dossier
            | {
                "subject_id": s(i["candidate_person"]),
                "kind": "image_rights",
                "granted": True,
                "given_at": NOW,
            },
        ),
        "signature": (
            "support_worker",
            dossier
            | {
                "document_kind": "commitment_letter",
                "document_sha256": SHA,
                "signer_name": "Moniteur",
                "signer_role": "support_worker",
                "signed_at": NOW,
            },
        ),
        "jury_session": (
            "lead",
            {
                "structure_id": s(i["structure"]),
                "scheme": "rae",
                "modality": "poste_de_travail",
                "held_on": "2027-03-01",
                "place": "Salle",
                "status": "planned",
            },
        ),
        "jury_member": (
            "lead",
            {
                "session_id": s(i["jury_session"]),
                "person_id": s(i["lead_person"]),
                "jury_role": "directeur_structure",
            },
        ),
        "jury_assignment": (
            "lead",
            {"session_id": s(i["jury_session"]), "dossier_id": s(i["spare_dossier"])},
        ),
        "decision": (
            "jury",
            dossier
            | {
                "session_id": s(i["jury_session"]),
                "competency_id": s(i["competencies"][0]),
                "outcome": "acquis",
                "decided_at": NOW,
            },
        ),
    }
    writer, fields = builders[kind]
    return writer, base | fields


FRAMEWORK_DOC = json.loads(
    (REPO_ROOT / "shared_schemas/examples/framework/valid/minimal.json").read_text()
)
TODAY = date(2026, 11, 23)
