"""Jury rules (docs/jury.md), each checked through the record API and through a sync push:
the make-up per scheme and modality, the session's lifecycle, decisions and signatures."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

import pytest

from factories import (
    add_jury_member,
    auth,
    competency_ids,
    create_dossier,
    create_framework,
    create_jury_session,
    create_person,
    create_structure,
    token_for,
)
from preuves.config import REPO_ROOT
from preuves.core.ids import uuid7
from preuves.dossiers.models import Dossier
from preuves.extensions import db
from preuves.juries.minutes import current_sha256
from preuves.juries.models import JurySession
from sync_helpers import put, results

RULES = json.loads((REPO_ROOT / "shared_schemas/rules/jury-composition.json").read_text())
NOW = "2027-02-15T10:00:00+00:00"
SHA = "a" * 64
RAE_WORKSTATION = ("professionnel_metier", "encadrant_autre_structure", "directeur_structure")


@dataclass
class Outcome:
    """A write's answer, the same whichever way it went: applied, or the problem's code."""

    applied: bool
    code: str | None
    problem: dict[str, Any]


class Writer:
    """Writes records as one person, by the record API or by a sync push."""

    def __init__(self, client: Any, token: str, via: str) -> None:
        self.client, self.token, self.via = client, token, via

    def put(self, type_name: str, record: dict[str, Any], base_rev: int | None = None) -> Outcome:
        if self.via == "sync":
            [result] = results(self.client, self.token, [put(type_name, record, base_rev)])
            problem = result.get("problem", {})
            return Outcome(result["status"] == "applied", problem.get("code"), problem)
        response = self.client.put(
            f"/api/v1/records/{type_name}/{record['id']}",
            json={"record": record, "base_rev": base_rev},
            headers=auth(self.token),
        )
        body = response.json
        if response.status_code in (200, 201):
            return Outcome(True, None, {})
        return Outcome(False, body.get("code"), body)


@pytest.fixture(params=["api", "sync"])
def via(request) -> str:
    return request.param


class World:
    def __init__(self, client: Any, via: str) -> None:
        self.client, self.via = client, via
        self.structure = create_structure("ESAT du Val")
        self.elsewhere = create_structure("IME Les Tilleuls")
        self.lead = create_person("Claire", "Martin", roles={self.structure: ["lead"]})
        self.worker = create_person("Karim", "Benali", roles={self.structure: ["support_worker"]})
        self.candidate = create_person("Léa", "Durand", roles={self.structure: ["candidate"]})
        self.pro = create_person("Paul", "Girard")
        self.supervisor = create_person("Aïcha", "Diallo", roles={self.elsewhere: ["lead"]})
        self.framework = create_framework(self.structure)
        self.dossier = create_dossier(self.structure, self.candidate, self.framework, self.worker)
        self.competencies = competency_ids(self.framework)
        db.session.commit()
        self.tokens = {
            name: token_for(getattr(self, name)) for name in ("lead", "pro", "supervisor")
        }
        self.records: dict[str, dict[str, Any]] = {}

    def as_(self, name: str) -> Writer:
        return Writer(self.client, self.tokens[name], self.via)

    def session(self, scheme: str = "rae", modality: str | None = "poste_de_travail") -> str:
        record = {
            "id": str(uuid7()),
            "structure_id": str(self.structure.id),
            "scheme": scheme,
            "modality": modality,
            "held_on": "2027-02-15",
            "place": "Cuisine",
            "status": "planned",
        }
        assert self.as_("lead").put("jury_session", record).applied
        self.records[record["id"]] = record
        return record["id"]

    def member(self, session_id: str, person: Any, role: str) -> Outcome:
        record = {"id": str(uuid7()), "session_id": session_id, "person_id": str(person.id)}
        return self.as_("lead").put("jury_member", record | {"jury_role": role})

    def assign(self, session_id: str, dossier: Any = None) -> Outcome:
        dossier_id = str((dossier or self.dossier).id)
        record = {"id": str(uuid7()), "session_id": session_id, "dossier_id": dossier_id}
        return self.as_("lead").put("jury_assignment", record)

    def set_status(self, session_id: str, status: str, **changes: Any) -> Outcome:
        record = self.records[session_id] | {"status": status} | changes
        rev = db.session.get(JurySession, uuid.UUID(session_id)).rev
        outcome = self.as_("lead").put("jury_session", record, base_rev=rev)
        if outcome.applied:
            self.records[session_id] = record
        db.session.expire_all()
        return outcome

    def ready(self) -> str:
        """An RAE session at the workstation with its full make-up and the dossier."""
        session_id = self.session()
        for person, role in zip(
            (self.pro, self.supervisor, self.lead), RAE_WORKSTATION, strict=True
        ):
            assert self.member(session_id, person, role).applied
        assert self.assign(session_id).applied
        return session_id

    def decide(self, session_id: str, by: str = "pro", **fields: Any) -> Outcome:
        record = {
            "id": str(uuid7()),
            "session_id": session_id,
            "dossier_id": str(self.dossier.id),
            "decided_at": NOW,
        }
        if "overall_outcome" not in fields:
            record |= {"competency_id": str(self.competencies[0]), "outcome": "acquis"}
        return self.as_(by).put("decision", record | fields)

    def sign(self, session_id: str, by: str = "pro", signer: Any = None, **fields: Any) -> Outcome:
        signer = signer or getattr(self, by)
        record = {
            "id": str(uuid7()),
            "dossier_id": str(self.dossier.id),
            "document_kind": "jury_minutes",
            "document_sha256": current_sha256(uuid.UUID(session_id), self.dossier.id),
            "signer_id": str(signer.id),
            "signer_name": signer.given_name,
            "signer_role": "jury_member",
            "signed_at": NOW,
        }
        return self.as_(by).put("signature", record | fields)


@pytest.fixture
def w(client, via) -> World:
    return World(client, via)


# Make-up --------------------------------------------------------------------------------


def _made_up_sessions() -> list[tuple[str, str | None, list[str]]]:
    cases = []
    for scheme, by_modality in RULES["schemes"].items():
        for modality, rule in by_modality.items():
            cases.append((scheme, None if modality == "*" else modality, rule["required"]))
    return cases


@pytest.mark.parametrize(("scheme", "modality", "required"), _made_up_sessions())
def test_each_scheme_takes_its_roles_only(w, scheme, modality, required):
    session_id = w.session(scheme, modality)
    for role in required:
        person = w.lead if RULES["roles"][role].get("lead_of_structure") else create_person()
        db.session.commit()
        assert w.member(session_id, person, role).applied, role
    stranger = sorted(set(RULES["roles"]) - set(required))[0]
    refused = w.member(session_id, create_person("Autre"), stranger)
    assert refused.code == "jury_role_not_allowed"
    assert sorted(refused.problem["allowed_roles"]) == sorted(required)


def test_a_scheme_with_no_rule_takes_any_role_and_needs_one_member(w):
    session_id = w.session("afest", None)
    assert w.assign(
        session_id, create_dossier(w.structure, w.candidate, w.framework, scheme="afest")
    ).applied
    assert w.set_status(session_id, "open").code == "jury_incomplete"
    assert w.member(session_id, w.pro, "tuteur_stage").applied
    assert w.set_status(session_id, "open").applied


def test_a_scheme_with_modalities_needs_one(w):
    record = {
        "id": str(uuid7()),
        "structure_id": str(w.structure.id),
        "scheme": "rae",
        "modality": None,
        "held_on": "2027-02-15",
        "place": "Cuisine",
        "status": "planned",
    }
    outcome = w.as_("lead").put("jury_session", record)
    assert not outcome.applied and outcome.code == "invalid_record"


def test_an_outside_role_goes_to_someone_outside_the_structure(w):
    session_id = w.session()
    assert w.member(session_id, w.worker, "professionnel_metier").code == "jury_member_not_outside"
    # A lead of another structure is from outside this one.
    assert w.member(session_id, w.supervisor, "encadrant_autre_structure").applied


def test_the_director_role_goes_to_a_lead_of_the_structure(w):
    session_id = w.session()
    assert w.member(session_id, w.worker, "directeur_structure").code == "jury_member_not_lead"
    assert w.member(session_id, w.supervisor, "directeur_structure").code == "jury_member_not_lead"
    assert w.member(session_id, w.lead, "directeur_structure").applied


# Lifecycle ------------------------------------------------------------------------------


def test_opening_needs_the_full_make_up_and_a_dossier(w):
    session_id = w.session()
    assert w.member(session_id, w.pro, "professionnel_metier").applied
    refused = w.set_status(session_id, "open")
    assert refused.code == "jury_incomplete"
    assert refused.problem["missing_roles"] == ["encadrant_autre_structure", "directeur_structure"]
    assert w.member(session_id, w.supervisor, "encadrant_autre_structure").applied
    assert w.member(session_id, w.lead, "directeur_structure").applied
    assert w.set_status(session_id, "open").code == "jury_no_dossier"
    assert w.assign(session_id).applied
    assert w.set_status(session_id, "open").applied


def test_a_session_starts_planned_and_moves_forward_only(w):
    record = {
        "id": str(uuid7()),
        "structure_id": str(w.structure.id),
        "scheme": "rae",
        "modality": "poste_de_travail",
        "held_on": "2027-02-15",
        "place": "Cuisine",
        "status": "open",
    }
    assert w.as_("lead").put("jury_session", record).code == "jury_status_change"
    session_id = w.ready()
    assert w.set_status(session_id, "closed").code == "jury_status_change"
    assert w.set_status(session_id, "open").applied
    assert w.set_status(session_id, "planned").code == "jury_status_change"
    fixed = w.set_status(session_id, "open", modality="entretien_externe")
    assert fixed.code == "jury_session_fixed"
    assert w.set_status(session_id, "open", place="Salle 2").applied
    assert w.set_status(session_id, "cancelled").applied
    assert w.set_status(session_id, "open").code == "jury_status_change"


def test_decisions_and_signatures_only_while_open(w):
    session_id = w.ready()
    planned = w.decide(session_id)
    assert planned.code == "jury_session_not_open"
    assert planned.problem["status"] == 409
    assert w.sign(session_id).code == "jury_session_not_open"
    assert w.set_status(session_id, "open").applied
    assert w.decide(session_id).applied
    assert w.sign(session_id).applied


def test_closing_needs_an_overall_decision_then_presents_the_dossier_and_issues_badges(w):
    from preuves.badges.models import BadgeCredential

    session_id = w.ready()
    assert w.set_status(session_id, "open").applied
    assert w.decide(session_id).applied  # the first competency: acquis
    refused = w.set_status(session_id, "closed")
    assert refused.code == "jury_not_finished"
    assert refused.problem["dossiers"] == [str(w.dossier.id)]
    assert w.decide(session_id, overall_outcome="validation_totale").applied
    assert w.set_status(session_id, "closed").applied
    assert db.session.get(Dossier, w.dossier.id).status == "presente"
    badges = db.session.query(BadgeCredential).filter_by(dossier_id=w.dossier.id).all()
    assert [b.competency_id for b in badges] == [w.competencies[0]]
    assert w.decide(session_id).code == "jury_session_not_open"  # closed: no more decisions


# Decisions and signatures ------------------------------------------------------------------


def test_the_decider_sits_on_the_session(w):
    session_id = w.ready()
    assert w.set_status(session_id, "open").applied
    # Someone of another session the dossier is assigned to reads it but does not decide here.
    other = create_jury_session(w.structure, [create_person("Nora")], [w.dossier], status="open")
    intruder = create_person("Zoé", "Autre")
    add_jury_member(other, intruder, "professionnel_metier")
    db.session.commit()
    w.tokens["intruder"] = token_for(intruder)
    assert w.decide(session_id, by="intruder").code == "jury_not_member"
    assert w.decide(session_id, by="supervisor").applied


def test_a_decision_names_the_framework_s_keys_on_an_assigned_dossier(w):
    session_id = w.ready()
    assert w.set_status(session_id, "open").applied
    foreign = competency_ids(create_framework(w.structure, slug="autre"))[0]
    db.session.commit()
    assert w.decide(session_id, competency_id=str(foreign)).code == "invalid_record"
    assert w.decide(session_id, level_key="cercle-9").code == "invalid_record"
    assert w.decide(session_id, level_key="seul").applied
    partial = {"overall_outcome": "validation_partielle"}
    assert (
        w.decide(session_id, **partial, validated_block_keys=["cuisine"]).code == "invalid_record"
    )
    assert w.decide(session_id, **partial, validated_block_keys=["bloc"]).applied
    unassigned = create_dossier(w.structure, w.candidate, w.framework)
    db.session.commit()
    refused = w.decide(session_id, dossier_id=str(unassigned.id))
    assert not refused.applied  # the pro may not even see that dossier


def test_the_minutes_are_signed_by_a_member_as_a_jury_member(w):
    session_id = w.ready()
    assert w.set_status(session_id, "open").applied
    outsider = create_person("Marc", "Dubois")
    db.session.commit()
    assert w.sign(session_id, signer=outsider).code == "jury_not_member"
    assert w.sign(session_id, signer_role="lead").code == "invalid_record"
    assert w.sign(session_id, by="pro", signer=w.supervisor).applied  # one tablet, two members
    # Other documents are not the jury's business.
    letter = {"document_kind": "commitment_letter", "document_sha256": SHA}
    assert w.sign(
        session_id, by="lead", signer=w.worker, **letter, signer_role="support_worker"
    ).applied


# The demo ----------------------------------------------------------------------------------


def test_the_demo_session_is_open_with_a_valid_make_up(app):
    from preuves.demo.seed import demo_id, seed_demo
    from preuves.juries import composition
    from preuves.juries.lifecycle import assigned_dossier_ids

    seed_demo()
    session = db.session.get(JurySession, demo_id("jury_session", "jury-esat-2027-02-15"))
    assert session.status == "open"
    composition.check_make_up(session)  # raises a problem if a role is missing or misheld
    assert assigned_dossier_ids(session.id) == [demo_id("dossier", "lea-rae-aide-de-cuisine")]


def test_a_batch_of_decisions_meets_the_same_rules(w):
    """Several new decisions in one push take the bulk path (sync/bulk.py): same answers."""
    session_id = w.ready()
    decision = {
        "session_id": session_id,
        "dossier_id": str(w.dossier.id),
        "outcome": "acquis",
        "decided_at": NOW,
    }
    batch = [
        put("decision", decision | {"id": str(uuid7()), "competency_id": str(c)})
        for c in w.competencies
    ]
    planned = results(w.client, w.tokens["pro"], batch)
    assert [r["problem"]["code"] for r in planned] == ["jury_session_not_open"] * 2
    assert w.set_status(session_id, "open").applied
    retried = results(w.client, w.tokens["pro"], batch)
    assert [r["status"] for r in retried] == ["applied", "applied"]
