"""The rules only the server can check, one test each, through marshmallow on a real database."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

import pytest
from marshmallow import ValidationError

from factories import (
    add_jury_member,
    add_membership,
    create_dossier,
    create_evidence,
    create_framework,
    create_jury_session,
    create_person,
    create_structure,
    create_workshop,
)
from preuves.config import REPO_ROOT
from preuves.core.ids import uuid7
from preuves.core.vocab import SCHEME_STEPS
from preuves.extensions import db
from preuves.frameworks.models import Competency, Criterion
from preuves.records.catalogue import RECORD_TYPES

NOW = "2026-11-23T10:00:00+00:00"
SHA = "a" * 64
MINIMAL_FRAMEWORK = REPO_ROOT / "shared_schemas/examples/framework/valid/minimal.json"


@dataclass
class World:
    """One ESAT with a candidate's RAE dossier on a published framework, and a jury."""

    structure: Any
    other_structure: Any
    candidate: Any
    worker: Any
    framework: Any
    dossier: Any
    evidence: Any
    session: Any

    @property
    def competencies(self) -> list[str]:
        rows = db.session.query(Competency).filter_by(version_id=self.framework.id)
        return [str(c.id) for c in rows.order_by(Competency.position)]


@pytest.fixture
def w(app) -> World:
    structure, other = create_structure("ESAT du Val"), create_structure("IME Les Tilleuls")
    candidate = create_person("Léa", "Moreau", roles={structure: ["candidate"]})
    worker = create_person("Karim", "Benali", roles={structure: ["support_worker"]})
    framework = create_framework(structure, slug="aide-de-cuisine")
    dossier = create_dossier(structure, candidate, framework, worker)
    evidence = create_evidence(dossier, candidate)
    session = create_jury_session(structure, [worker], [dossier], status="open")
    return World(structure, other, candidate, worker, framework, dossier, evidence, session)


def s(value: Any) -> str:
    return str(value)


def load(type_name: str, record: dict[str, Any]) -> dict[str, Any]:
    return RECORD_TYPES[type_name].schema().load(record)


def refused(type_name: str, record: dict[str, Any], field: str) -> str:
    """Assert the record is refused on that field; return the message."""
    with pytest.raises(ValidationError) as error:
        load(type_name, record)
    assert field in error.value.messages_dict, error.value.messages_dict
    return " ".join(error.value.messages_dict[field])


def second_dossier(w: World) -> Any:
    other = create_person("Enzo", "Petit", roles={w.structure: ["candidate"]})
    return create_dossier(w.structure, other, w.framework, scheme="vae")


# Valid records of each type in world w; a test changes one field to break one rule.
def dossier_record(w: World, **changes: Any) -> dict[str, Any]:
    return {
        "id": s(uuid7()),
        "structure_id": s(w.structure.id),
        "candidate_id": s(w.candidate.id),
        "scheme": "rae",
        "framework_version_id": s(w.framework.id),
        "modality": "poste_de_travail",
        "status": "ouvert",
    } | changes


def evidence_record(w: World, **changes: Any) -> dict[str, Any]:
    return {
        "id": s(uuid7()),
        "dossier_id": s(w.dossier.id),
        "kind": "photo",
        "media_sha256": SHA,
        "people_in_picture": "nobody",
        "captured_at": NOW,
    } | changes


def annotation_record(w: World, **changes: Any) -> dict[str, Any]:
    return {
        "id": s(uuid7()),
        "dossier_id": s(w.dossier.id),
        "evidence_id": s(w.evidence.id),
        "kind": "comment",
        "body_text": "Tu peux refaire la photo ?",
    } | changes


def positioning_record(w: World, items: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": s(uuid7()),
        "dossier_id": s(w.dossier.id),
        "kind": "self",
        "taken_at": NOW,
        "items": items,
    }


def decision_record(w: World, **changes: Any) -> dict[str, Any]:
    return {
        "id": s(uuid7()),
        "session_id": s(w.session.id),
        "dossier_id": s(w.dossier.id),
        "competency_id": w.competencies[0],
        "outcome": "acquis",
        "decided_at": NOW,
    } | changes


def framework_record(w: World, status: str = "draft", **changes: Any) -> dict[str, Any]:
    document = json.loads(MINIMAL_FRAMEWORK.read_text())
    return {
        "id": s(uuid7()),
        "structure_id": s(w.structure.id),
        "status": status,
        "document": document,
    } | changes


def store(type_name: str, data: dict[str, Any]) -> Any:
    """Write loaded data as a row, the way the record API would."""
    from preuves.records.fields import to_column_values

    kind = RECORD_TYPES[type_name]
    row = kind.model(**to_column_values(kind, data), rev=1)
    db.session.add(row)
    db.session.flush()
    return row


# References ----------------------------------------------------------------------------

REFERENCES = [
    ("membership", "person_id"),
    ("guardianship", "ward_id"),
    ("dossier", "candidate_id"),
    ("dossier", "framework_version_id"),
    ("evidence", "dossier_id"),
    ("annotation", "evidence_id"),
    ("testimony", "author_person_id"),
    ("consent", "given_by_id"),
    ("signature", "signer_id"),
    ("jury_member", "session_id"),
    ("decision", "session_id"),
]


def valid_record(type_name: str, w: World) -> dict[str, Any]:
    base = {"id": s(uuid7())}
    on_dossier = {"dossier_id": s(w.dossier.id)}
    return (
        base
        | {
            "membership": {
                "person_id": s(w.worker.id),
                "structure_id": s(w.structure.id),
                "role": "lead",
            },
            "guardianship": {
                "guardian_id": s(w.worker.id),
                "ward_id": s(w.candidate.id),
                "kind": "tuteur",
            },
            "dossier": dossier_record(w),
            "evidence": evidence_record(w),
            "annotation": annotation_record(w),
            "testimony": on_dossier
            | {
                "kind": "testimony",
                "author_name": "Marc Dubois",
                "author_role": "Tuteur",
                "body_text": "Ponctuelle.",
                "given_at": NOW,
            },
            "consent": on_dossier
            | {
                "subject_id": s(w.candidate.id),
                "kind": "image_rights",
                "granted": True,
                "given_at": NOW,
            },
            "signature": on_dossier
            | {
                "document_kind": "commitment_letter",
                "document_sha256": SHA,
                "signer_name": "Léa Moreau",
                "signer_role": "candidate",
                "signed_at": NOW,
            },
            "jury_member": {
                "session_id": s(w.session.id),
                "person_id": s(create_person("Marc", "Dubois").id),  # from outside
                "jury_role": "professionnel_metier",
            },
            "decision": decision_record(w),
        }[type_name]
        | base
    )


@pytest.mark.parametrize(("type_name", "field"), REFERENCES)
def test_a_reference_must_name_an_existing_record(w, type_name, field):
    record = valid_record(type_name, w)
    load(type_name, record)
    message = refused(type_name, record | {field: s(uuid7())}, field)
    assert "No such record" in message


# People ----------------------------------------------------------------------------------


def test_an_email_belongs_to_one_person(w):
    create_person("Claire", "Martin", email="claire@example.org")
    record = {"id": s(uuid7()), "given_name": "Claire", "family_name": "Autre"}
    refused("person", record | {"email": "claire@example.org"}, "email")
    load("person", record | {"email": "claire.autre@example.org"})


def test_a_membership_workshop_belongs_to_the_same_structure(w):
    record = {
        "id": s(uuid7()),
        "person_id": s(w.worker.id),
        "structure_id": s(w.structure.id),
        "role": "lead",
    }
    elsewhere = create_workshop(w.other_structure, "Lingerie")
    refused("membership", record | {"workshop_id": s(elsewhere.id)}, "workshop_id")
    load("membership", record | {"workshop_id": s(create_workshop(w.structure).id)})


def test_a_person_holds_a_role_once_per_structure(w):
    record = {"id": s(uuid7()), "person_id": s(w.worker.id), "structure_id": s(w.structure.id)}
    refused("membership", record | {"role": "support_worker"}, "role")
    load("membership", record | {"role": "lead"})


def test_a_person_is_not_their_own_guardian(w):
    record = {"id": s(uuid7()), "guardian_id": s(w.worker.id), "kind": "tuteur"}
    refused("guardianship", record | {"ward_id": s(w.worker.id)}, "ward_id")
    load("guardianship", record | {"ward_id": s(w.candidate.id)})


def test_a_guardianship_is_recorded_once(w):
    record = {
        "id": s(uuid7()),
        "guardian_id": s(w.worker.id),
        "ward_id": s(w.candidate.id),
        "kind": "tuteur",
    }
    store("guardianship", load("guardianship", record))
    refused("guardianship", record | {"id": s(uuid7())}, "ward_id")
    load("guardianship", record)  # the same record again: a replayed write


# Frameworks ------------------------------------------------------------------------------


def test_slug_version_title_and_kind_come_from_the_document(w):
    data = load("framework_version", framework_record(w))
    assert (data["slug"], data["version"], data["kind"]) == ("accueil-atelier", "1", "transversal")
    assert data["title"] == "Accueil à l'atelier"


def test_a_published_version_is_never_edited(w):
    record = framework_record(w, status="published")
    store("framework_version", load("framework_version", record))
    edited = json.loads(json.dumps(record["document"]))
    edited["title"] = "Accueil modifié"
    refused("framework_version", record | {"document": edited}, "document")
    refused("framework_version", record | {"status": "draft"}, "status")
    load("framework_version", record | {"status": "retired"})


def test_a_draft_may_change(w):
    record = framework_record(w)
    store("framework_version", load("framework_version", record))
    record["document"]["title"] = "Accueil à l'atelier, deuxième essai"
    load("framework_version", record | {"status": "published"})


def test_a_slug_and_version_are_imported_once_per_structure(w):
    store("framework_version", load("framework_version", framework_record(w)))
    refused("framework_version", framework_record(w), "document")
    load("framework_version", framework_record(w, structure_id=s(w.other_structure.id)))


# Dossiers --------------------------------------------------------------------------------


def test_a_dossier_needs_a_published_framework_version(w):
    draft = create_framework(w.structure, slug="brouillon")
    draft.status = "draft"
    refused("dossier", dossier_record(w, framework_version_id=s(draft.id)), "framework_version_id")
    load("dossier", dossier_record(w))


def test_a_dossier_uses_a_framework_of_its_structure_or_of_the_product(w):
    theirs = create_framework(w.other_structure, slug="lingerie")
    refused("dossier", dossier_record(w, framework_version_id=s(theirs.id)), "framework_version_id")
    shipped = create_framework(None, slug="rectec")
    load("dossier", dossier_record(w, framework_version_id=s(shipped.id)))


def test_a_dossier_keeps_its_version_once_retired(w):
    w.framework.status = "retired"
    record = dossier_record(w, id=s(w.dossier.id))
    load("dossier", record)
    refused("dossier", dossier_record(w), "framework_version_id")


def test_modality_is_given_for_rae_and_only_for_rae(w):
    refused("dossier", dossier_record(w, modality=None), "modality")
    refused("dossier", dossier_record(w, scheme="vae"), "modality")
    load("dossier", dossier_record(w, scheme="vae", modality=None))


def test_the_candidate_is_a_candidate_of_the_structure(w):
    refused("dossier", dossier_record(w, candidate_id=s(w.worker.id)), "candidate_id")
    add_membership(w.worker, w.other_structure, "candidate")
    refused("dossier", dossier_record(w, candidate_id=s(w.worker.id)), "candidate_id")
    add_membership(w.worker, w.structure, "candidate")
    load("dossier", dossier_record(w, candidate_id=s(w.worker.id)))


def test_steps_are_steps_of_the_scheme_each_once(w):
    refused("dossier", dossier_record(w, steps=[{"key": "recevabilite"}]), "steps")
    twice = [{"key": "engagement"}, {"key": "engagement", "done_on": "2026-10-03"}]
    refused("dossier", dossier_record(w, steps=twice), "steps")
    steps = [{"key": key, "planned_on": None, "done_on": None} for key in SCHEME_STEPS["rae"]]
    load("dossier", dossier_record(w, steps=steps))


def test_the_json_schema_lists_the_same_steps_per_scheme_as_the_vocabulary():
    schema = json.loads((REPO_ROOT / "shared_schemas/records/dossier.schema.json").read_text())
    listed = {
        rule["if"]["properties"]["scheme"]["const"]: tuple(
            rule["then"]["properties"]["steps"]["items"]["properties"]["key"]["enum"]
        )
        for rule in schema["allOf"]
        if "steps" in rule["then"].get("properties", {})
    }
    assert listed == SCHEME_STEPS


def test_the_selection_names_competencies_of_the_framework_and_evidence_of_the_dossier(w):
    other_evidence = create_evidence(second_dossier(w), w.candidate)
    mine = dossier_record(w, id=s(w.dossier.id))
    refused("dossier", mine | {"selection": {s(uuid7()): []}}, "selection")
    refused(
        "dossier", mine | {"selection": {w.competencies[0]: [s(other_evidence.id)]}}, "selection"
    )
    load("dossier", mine | {"selection": {w.competencies[0]: [s(w.evidence.id)]}})


def test_a_person_is_a_dossier_member_once(w):
    record = {"id": s(uuid7()), "dossier_id": s(w.dossier.id), "role": "evaluator"}
    refused("dossier_member", record | {"person_id": s(w.worker.id)}, "person_id")
    load("dossier_member", record | {"person_id": s(create_person("Paul", "Girard").id)})


# Evidence and annotations ----------------------------------------------------------------


def test_evidence_other_than_text_points_to_its_media(w):
    refused("evidence", evidence_record(w, media_sha256=None), "media_sha256")
    load("evidence", evidence_record(w, kind="text", media_sha256=None, caption_text="J'ai lavé."))


def test_a_text_evidence_holds_its_text(w):
    refused("evidence", evidence_record(w, kind="text", caption_text="  "), "caption_text")
    load("evidence", evidence_record(w, kind="text", caption_text="Je range la vaisselle."))


def test_evidence_competencies_belong_to_the_dossier_framework(w):
    stranger = create_framework(w.structure, slug="autre")
    foreign = db.session.query(Competency).filter_by(version_id=stranger.id).first()
    refused("evidence", evidence_record(w, competency_ids=[s(foreign.id)]), "competency_ids")
    load("evidence", evidence_record(w, competency_ids=w.competencies))


def test_evidence_supersedes_evidence_of_the_same_dossier(w):
    other_evidence = create_evidence(second_dossier(w), w.candidate)
    refused("evidence", evidence_record(w, supersedes_id=s(other_evidence.id)), "supersedes_id")
    load("evidence", evidence_record(w, supersedes_id=s(w.evidence.id)))


def test_author_fields_are_set_by_the_server_only(w):
    for kind in RECORD_TYPES.values():
        if kind.author_field:
            field = kind.schema().fields[kind.author_field]
            assert field.dump_only and not field.required, kind.name
    with pytest.raises(ValidationError):
        load("evidence", evidence_record(w, author_id=s(w.worker.id)))


def test_an_annotation_is_on_evidence_of_its_dossier(w):
    other = second_dossier(w)
    refused("annotation", annotation_record(w, dossier_id=s(other.id)), "evidence_id")
    load("annotation", annotation_record(w))


def test_an_annotation_says_why_unless_it_validates(w):
    refused("annotation", annotation_record(w, kind="a_refaire", body_text=None), "body_text")
    refused("annotation", annotation_record(w, kind="comment", body_text=" "), "body_text")
    load(
        "annotation", annotation_record(w, kind="a_refaire", body_text=None, body_audio_sha256=SHA)
    )
    load("annotation", annotation_record(w, kind="validated", body_text=None))


def test_annotation_competencies_and_criteria_belong_to_the_dossier_framework(w):
    competency = w.competencies[0]
    criterion = Criterion(
        competency_id=uuid.UUID(competency),
        key="couverts",
        position=1,
        official_wording="Place les couverts",
        easy_wording="Je mets les couverts.",
    )
    db.session.add(criterion)
    db.session.flush()
    refused("annotation", annotation_record(w, competency_ids=[s(uuid7())]), "competency_ids")
    refused("annotation", annotation_record(w, criterion_ids=[s(uuid7())]), "criterion_ids")
    load(
        "annotation",
        annotation_record(w, competency_ids=[competency], criterion_ids=[s(criterion.id)]),
    )


# Positionings ----------------------------------------------------------------------------


def test_a_positioning_names_each_competency_once(w):
    first = w.competencies[0]
    twice = [
        {"competency_id": first, "level_key": "seul"},
        {"competency_id": first, "level_key": "avec-aide"},
    ]
    refused("positioning", positioning_record(w, twice), "items")
    load("positioning", positioning_record(w, twice[:1]))


def test_positioning_items_use_competencies_and_levels_of_the_framework(w):
    first = w.competencies[0]
    refused(
        "positioning",
        positioning_record(w, [{"competency_id": s(uuid7()), "level_key": "seul"}]),
        "items",
    )
    refused(
        "positioning",
        positioning_record(w, [{"competency_id": first, "level_key": "cercle-9"}]),
        "items",
    )
    load("positioning", positioning_record(w, [{"competency_id": first, "level_key": "expliquer"}]))


def test_positioning_evidence_belongs_to_the_dossier(w):
    other_evidence = create_evidence(second_dossier(w), w.candidate)
    item = {"competency_id": w.competencies[0], "level_key": "seul"}
    refused(
        "positioning",
        positioning_record(w, [item | {"evidence_ids": [s(other_evidence.id)]}]),
        "items",
    )
    load("positioning", positioning_record(w, [item | {"evidence_ids": [s(w.evidence.id)]}]))


# Testimonies, journal, consents ----------------------------------------------------------


def test_a_testimony_says_something_about_competencies_of_the_framework(w):
    record = valid_record("testimony", w)
    refused("testimony", record | {"body_text": None}, "body_text")
    refused("testimony", record | {"competency_ids": [s(uuid7())]}, "competency_ids")
    load(
        "testimony",
        record | {"body_text": None, "body_audio_sha256": SHA, "competency_ids": w.competencies},
    )


def test_a_journal_entry_says_something(w):
    record = {
        "id": s(uuid7()),
        "dossier_id": s(w.dossier.id),
        "author_role": "candidate",
        "phase": "during",
        "written_at": NOW,
    }
    refused("journal_entry", record | {"body_text": ""}, "body_text")
    load("journal_entry", record | {"body_text": "J'ai plié les serviettes."})


def test_a_consent_is_about_the_dossier_candidate(w):
    record = valid_record("consent", w)
    refused("consent", record | {"subject_id": s(w.worker.id)}, "subject_id")
    load("consent", record)


# Juries ----------------------------------------------------------------------------------


def test_a_jury_member_sits_once_per_session(w):
    role = "professionnel_metier"  # from outside the structure (jury-composition.json)
    record = {"id": s(uuid7()), "session_id": s(w.session.id), "jury_role": role}
    outsider = create_person("Marc", "Dubois")
    add_jury_member(w.session, outsider, role)
    refused("jury_member", record | {"person_id": s(outsider.id)}, "person_id")
    load("jury_member", record | {"person_id": s(create_person("Nora", "Haddad").id)})


def test_a_jury_judges_dossiers_of_its_scheme_each_once(w):
    record = {"id": s(uuid7()), "session_id": s(w.session.id)}
    refused("jury_assignment", record | {"dossier_id": s(second_dossier(w).id)}, "dossier_id")
    refused("jury_assignment", record | {"dossier_id": s(w.dossier.id)}, "dossier_id")
    other = create_person("Enzo", "Petit", roles={w.structure: ["candidate"]})
    load(
        "jury_assignment",
        record | {"dossier_id": s(create_dossier(w.structure, other, w.framework).id)},
    )


def test_a_decision_is_on_one_competency_or_overall(w):
    overall = {"competency_id": None, "outcome": None, "overall_outcome": "validation_totale"}
    refused("decision", decision_record(w, overall_outcome="validation_totale"), "overall_outcome")
    refused("decision", decision_record(w, competency_id=None, outcome=None), "overall_outcome")
    refused("decision", decision_record(w, outcome=None), "outcome")
    load("decision", decision_record(w))
    load("decision", decision_record(w, **overall))


def test_decision_parts_match_its_kind(w):
    overall = {"competency_id": None, "outcome": None}
    refused(
        "decision",
        decision_record(w, **overall, overall_outcome="validation_totale", level_key="seul"),
        "level_key",
    )
    refused(
        "decision",
        decision_record(w, **overall, overall_outcome="validation_partielle"),
        "validated_block_keys",
    )
    refused("decision", decision_record(w, validated_block_keys=["bloc"]), "validated_block_keys")
    load(
        "decision",
        decision_record(
            w, **overall, overall_outcome="validation_partielle", validated_block_keys=["bloc"]
        ),
    )


def test_decision_keys_belong_to_the_dossier_framework(w):
    partial = {"competency_id": None, "outcome": None, "overall_outcome": "validation_partielle"}
    refused("decision", decision_record(w, competency_id=s(uuid7())), "competency_id")
    refused("decision", decision_record(w, level_key="cercle-9"), "level_key")
    refused(
        "decision",
        decision_record(w, **partial, validated_block_keys=["cuisine"]),
        "validated_block_keys",
    )
    load("decision", decision_record(w, level_key="avec-aide"))


def test_a_decision_is_on_a_dossier_assigned_to_the_session(w):
    other = create_person("Enzo", "Petit", roles={w.structure: ["candidate"]})
    unassigned = create_dossier(w.structure, other, w.framework)
    refused("decision", decision_record(w, dossier_id=s(unassigned.id)), "dossier_id")
    create_jury_session(w.structure, [], [unassigned])  # assigned elsewhere: still refused
    refused("decision", decision_record(w, dossier_id=s(unassigned.id)), "dossier_id")
    load("decision", decision_record(w))
