"""The minutes' signed content: golden vectors (shared with the PWA), the effective
decisions from the database, and whether each signature still matches."""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

from factories import (
    competency_ids,
    create_dossier,
    create_framework,
    create_jury_session,
    create_person,
    create_structure,
    record_decision,
)
from preuves.consents.models import Signature
from preuves.core.ids import uuid7
from preuves.extensions import db
from preuves.juries.minutes import (
    current_sha256,
    minutes_content,
    minutes_sha256,
    minutes_signatures,
    minutes_text,
)
from preuves.juries.results import build_result, dossier_result, final_result

VECTORS = sorted(
    (Path(__file__).parents[1] / "shared_schemas" / "examples" / "jury_minutes").glob("*.json")
)


def _decision(record: dict) -> SimpleNamespace:
    values = dict(record)
    values["id"] = uuid.UUID(record["id"])
    values["changed_at"] = datetime.fromisoformat(record["changed_at"])
    values["competency_id"] = record["competency_id"] and uuid.UUID(record["competency_id"])
    return SimpleNamespace(**values)


def test_there_are_vectors_with_and_without_an_overall_decision():
    overalls = [json.loads(p.read_text())["content"]["overall"] for p in VECTORS]
    assert None in overalls
    assert any(o and o["overall_outcome"] == "validation_partielle" for o in overalls)


@pytest.mark.parametrize("path", VECTORS, ids=lambda p: p.stem)
def test_golden_vector(path):
    vector = json.loads(path.read_text(encoding="utf-8"))
    session = SimpleNamespace(id=uuid.UUID(vector["session_id"]))
    decisions = [_decision(r) for r in vector["decisions"]]
    content = minutes_content(build_result(session, uuid.UUID(vector["dossier_id"]), decisions))
    assert content == vector["content"]
    assert minutes_text(content) == vector["text"]
    assert hashlib.sha256(vector["text"].encode()).hexdigest() == vector["sha256"]
    assert minutes_sha256(content) == vector["sha256"]


def test_text_keeps_accents_and_escapes_quotes_and_newlines():
    vector = json.loads((VECTORS[0].parent / "partial-validation.json").read_text())
    assert "Léa" in vector["text"] and "«" in vector["text"]
    assert '\\"comme' in vector["text"] and "\\n" in vector["text"]
    assert " " not in vector["text"].split('"comment"')[0]  # no whitespace between tokens


@pytest.fixture
def judged(app):
    structure = create_structure()
    framework = create_framework(structure)
    candidate = create_person("Léa", "Martin")
    dossier = create_dossier(structure, candidate, framework)
    member = create_person("Jo", "Jury")
    session = create_jury_session(structure, [member], [dossier], status="open")
    return SimpleNamespace(
        structure=structure,
        session=session,
        dossier=dossier,
        member=member,
        competencies=competency_ids(framework),
    )


def test_the_last_recorded_decision_counts(judged):
    first, second = judged.competencies
    at = datetime(2027, 2, 15, 9, tzinfo=UTC)
    s, d = judged.session, judged.dossier
    record_decision(s, d, competency_id=first, outcome="non_acquis", changed_at=at)
    record_decision(
        s, d, competency_id=first, outcome="acquis", changed_at=at + timedelta(minutes=5)
    )
    record_decision(s, d, competency_id=second, outcome="acquis", changed_at=at)
    record_decision(s, d, overall_outcome="validation_totale", changed_at=at)
    result = dossier_result(s.id, d.id)
    assert {k: v.outcome for k, v in result.competencies.items()} == {
        first: "acquis",
        second: "acquis",
    }
    assert result.overall.overall_outcome == "validation_totale"


def test_final_result_is_that_of_the_last_closed_session(judged):
    s, d = judged.session, judged.dossier
    assert final_result(d.id) is None
    record_decision(s, d, overall_outcome="non_validation")
    s.status = "closed"
    db.session.flush()
    assert final_result(d.id).overall.overall_outcome == "non_validation"
    later = create_jury_session(
        judged.structure,
        [],
        [d],
        status="closed",
        held_on=s.held_on + timedelta(days=90),
    )
    record_decision(later, d, overall_outcome="validation_totale")
    assert final_result(d.id).session.id == later.id


def _sign(dossier, person, sha256: str) -> Signature:
    signature = Signature(
        id=uuid7(),
        dossier_id=dossier.id,
        document_kind="jury_minutes",
        document_sha256=sha256,
        signer_id=person.id,
        signer_name="Jo Jury",
        signer_role="jury_member",
        signed_at=datetime.now(UTC),
        rev=1,
        changed_at=datetime.now(UTC),
    )
    db.session.add(signature)
    db.session.flush()
    return signature


def test_a_signature_holds_while_the_decisions_stay_the_same(judged):
    s, d = judged.session, judged.dossier
    record_decision(s, d, competency_id=judged.competencies[0], outcome="acquis")
    _sign(d, judged.member, current_sha256(s.id, d.id))
    assert [c.matches for c in minutes_signatures(s.id, d.id)] == [True]
    record_decision(s, d, overall_outcome="validation_totale", comment="Bravo")
    assert [c.matches for c in minutes_signatures(s.id, d.id)] == [False]
    outsider = create_person("Autre", "Personne")
    _sign(d, outsider, current_sha256(s.id, d.id))  # not a member: not part of the minutes
    assert len(minutes_signatures(s.id, d.id)) == 1
