"""GDPR: `preuves export-person` holds everything about a person; after `preuves
erase-person` nothing personal about them remains in the database or the blob store."""

from __future__ import annotations

import hashlib
import io
import json
import uuid
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from factories import auth, token_for
from preuves.audit.models import AuditEvent
from preuves.cli import cli
from preuves.consents.models import Consent, Signature
from preuves.core.models import utcnow
from preuves.demo.seed import demo_id, seed_demo
from preuves.dossiers.models import Dossier, DossierMember
from preuves.evidence.models import Annotation, Evidence
from preuves.extensions import db
from preuves.identity.models import Device
from preuves.journal.models import JournalEntry
from preuves.juries.models import Decision
from preuves.media import blobs
from preuves.people.erasure import ERASED_NAME, VOICE_ERASED
from preuves.people.gdpr import blobs_of, footprint
from preuves.people.models import Guardianship, Person
from preuves.positionings.models import Positioning
from preuves.records.catalogue import RECORD_TYPES
from preuves.testimonies import models as testimonies

LEA, KARIM, PAUL = (demo_id("person", k) for k in ("lea-durand", "karim-benali", "paul-girard"))
LEA_DOSSIER = demo_id("dossier", "lea-rae-aide-de-cuisine")
MEHDI_DOSSIER = demo_id("dossier", "mehdi-rae-rectec")
SYNC = {"rev": 1, "deleted": False}


def _add(row):
    row.changed_at = utcnow()
    db.session.add(row)
    db.session.flush()
    return row


def _voice(text: str) -> str:
    """A stand-in recording, stored like an uploaded one."""
    return blobs.put_bytes(f"RIFF voice: {text}".encode())


@pytest.fixture
def world(app, client):
    """The demo, plus every kind of record in Léa's dossier and some audit trail."""
    seed_demo()
    now = utcnow()
    photo = demo_id("evidence", "lea-photo-table-12")
    _add(
        Evidence(
            id=uuid.uuid4(),
            dossier_id=LEA_DOSSIER,
            author_id=LEA,
            kind="text",
            caption_text="Je range les couverts.",
            people_in_picture="nobody",
            caption_audio_sha256=_voice("léa légende"),
            competency_ids=[],
            captured_at=now,
            **SYNC,
        )
    )
    _add(
        Annotation(
            id=uuid.uuid4(),
            dossier_id=LEA_DOSSIER,
            evidence_id=photo,
            author_id=KARIM,
            kind="comment",
            body_audio_sha256=_voice("karim note"),
            competency_ids=[],
            criterion_ids=[],
            **SYNC,
        )
    )
    _add(
        testimonies.Testimony(
            id=uuid.uuid4(),
            dossier_id=LEA_DOSSIER,
            kind="testimony",
            author_person_id=PAUL,
            author_name="Paul Girard",
            author_role="Chef de cuisine",
            body_text="Léa a bien dressé la salle.",
            body_audio_sha256=_voice("paul témoignage"),
            competency_ids=[],
            given_at=now,
            **SYNC,
        )
    )
    _add(
        JournalEntry(
            id=uuid.uuid4(),
            dossier_id=LEA_DOSSIER,
            author_id=LEA,
            author_role="candidate",
            phase="after",
            body_text="J'ai servi 40 repas.",
            body_audio_sha256=_voice("léa journal"),
            written_at=now,
            **SYNC,
        )
    )
    _add(
        Decision(
            id=uuid.uuid4(),
            session_id=demo_id("jury_session", "jury-esat-2027-02-15"),
            dossier_id=LEA_DOSSIER,
            overall_outcome="validation_totale",
            validated_block_keys=[],
            decided_by_id=PAUL,
            decided_at=now,
            **SYNC,
        )
    )
    _karim_elsewhere()
    for person, dossier in ((KARIM, LEA_DOSSIER), (LEA, LEA_DOSSIER), (KARIM, MEHDI_DOSSIER)):
        token = token_for(db.session.get(Person, person))
        response = client.get(f"/api/v1/records/dossier/{dossier}", headers=auth(token))
        assert response.status_code == 200, response.get_json()
    db.session.commit()


def _karim_elsewhere() -> None:
    """Karim's voice and drawn mark in others' dossiers, his tablet, his last change."""
    co = db.session.get(Positioning, demo_id("positioning", "lea-rae-aide-de-cuisine", "1"))
    co.items = [co.items[0] | {"comment_audio_sha256": _voice("karim co")}, *co.items[1:]]
    signature = db.session.get(
        Signature, demo_id("signature", "mehdi-rae-rectec", "commitment_letter", "karim-benali")
    )
    signature.mark_sha256 = blobs.put_bytes(b"\x89PNG karim's drawn mark")
    db.session.get(Dossier, MEHDI_DOSSIER).changed_by_id = KARIM
    _add(
        Device(
            structure_id=demo_id("structure", "esat-ateliers-du-val"),
            label="Tablette cuisine",
            credential_hash="0" * 64,
            enrolled_by_id=KARIM,
        )
    )


def export(app, tmp_path: Path, email: str) -> zipfile.ZipFile:
    output = tmp_path / "export.zip"
    result = app.test_cli_runner().invoke(
        cli, ["export-person", "--email", email, "--output", str(output)]
    )
    assert result.exit_code == 0, result.output
    return zipfile.ZipFile(io.BytesIO(output.read_bytes()))


def erase(app, *args: str) -> None:
    result = app.test_cli_runner().invoke(cli, ["erase-person", *args, "--yes"])
    assert result.exit_code == 0, result.output


def records_in(archive: zipfile.ZipFile, type_name: str) -> set[str]:
    return {r["id"] for r in json.loads(archive.read(f"records/{type_name}.json"))}


def ids_of(model, *conditions) -> set[str]:
    return {str(i) for i in db.session.scalars(select(model.id).where(*conditions))}


def leftovers(person_id: uuid.UUID, texts: list[str]) -> list[str]:
    """Every cell of every table that holds the person's id, name or e-mail."""
    needles = [str(person_id), person_id.hex, *(t.lower() for t in texts if t)]
    hits = []
    for table in db.metadata.sorted_tables:
        for row in db.session.execute(table.select()).mappings():
            for column, value in row.items():
                is_json = isinstance(value, dict | list)
                text = json.dumps(value, default=str, ensure_ascii=False) if is_json else str(value)
                hits += [f"{table.name}.{column}" for n in needles if n in text.lower()]
    return hits


def blob_store(app) -> dict[str, bytes]:
    root = Path(app.config["BLOB_DIR"])
    return {path.name: path.read_bytes() for path in root.rglob("*") if path.is_file()}


def personal_strings(person: Person) -> list[str]:
    return [f"{person.given_name} {person.family_name}", person.email or ""]


def test_export_holds_every_record_and_file_of_a_candidate(app, world, tmp_path):
    lea = db.session.get(Person, LEA)
    expected_blobs = blobs_of("person", lea)
    archive = export(app, tmp_path, lea.email)
    assert json.loads(archive.read("person.json"))["id"] == str(LEA)
    assert "Vos données" in archive.read("README.txt").decode()
    assert records_in(archive, "membership") == ids_of(
        RECORD_TYPES["membership"].model, RECORD_TYPES["membership"].model.person_id == LEA
    )
    for name in (
        "dossier_member",
        "evidence",
        "annotation",
        "positioning",
        "testimony",
        "journal_entry",
        "consent",
        "signature",
        "decision",
        "jury_assignment",
    ):
        model = RECORD_TYPES[name].model
        rows = db.session.scalars(select(model).where(model.dossier_id == LEA_DOSSIER)).all()
        assert rows, name
        assert records_in(archive, name) == {str(r.id) for r in rows}, name
        expected_blobs |= {sha for row in rows for sha in blobs_of(name, row)}
    assert str(LEA_DOSSIER) in records_in(archive, "dossier")
    names = set(archive.namelist())
    assert len(expected_blobs) >= 9
    for sha in expected_blobs:
        assert hashlib.sha256(archive.read(f"blobs/{sha}")).hexdigest() == sha
    tokens = json.loads(archive.read("api_tokens.json"))
    assert len(tokens) == 1 and "token_hash" not in tokens[0]
    events = json.loads(archive.read("audit_events.json"))
    assert {e["action"] for e in events} >= {"read"}
    assert any(e["actor_id"] == str(KARIM) for e in events)  # who read her dossier
    assert {"context/framework_version.json", "context/structure.json"} <= names


def test_export_of_a_support_worker_holds_what_they_wrote_but_not_others_media(
    app, world, tmp_path
):
    archive = export(app, tmp_path, "karim.benali@ateliers-du-val.example")
    video = demo_id("evidence", "lea-video-carottes")
    assert str(video) in records_in(archive, "evidence")
    assert records_in(archive, "annotation")
    mark = db.session.get(
        Signature, demo_id("signature", "mehdi-rae-rectec", "commitment_letter", "karim-benali")
    ).mark_sha256
    blob_names = {n.removeprefix("blobs/") for n in archive.namelist() if n.startswith("blobs/")}
    assert mark in blob_names
    assert db.session.get(Evidence, video).media_sha256 not in blob_names
    assert json.loads(archive.read("devices_enrolled.json"))[0]["label"] == "Tablette cuisine"


def test_export_of_a_guardian_holds_the_consent_they_gave(app, world, tmp_path):
    archive = export(app, tmp_path, "nadia.moreau@famille.example")
    assert len(records_in(archive, "guardianship")) == 1
    assert records_in(archive, "consent") == ids_of(
        Consent, Consent.given_by_id == demo_id("person", "nadia-moreau")
    )


def test_after_erasure_nothing_personal_about_a_candidate_remains(app, world, tmp_path):
    lea = db.session.get(Person, LEA)
    strings = personal_strings(lea)
    owned = {
        n.removeprefix("blobs/")
        for n in export(app, tmp_path, lea.email).namelist()
        if n.startswith("blobs/")
    }
    assert len(leftovers(LEA, strings)) > 10 and owned <= set(blob_store(app))  # the scan bites
    events_before = db.session.query(AuditEvent).count()
    mehdi_media = set(
        db.session.scalars(
            select(Evidence.media_sha256).where(Evidence.dossier_id == MEHDI_DOSSIER)
        )
    )
    erase(app, "--email", lea.email)
    db.session.expire_all()

    assert leftovers(LEA, strings) == []
    store = blob_store(app)
    assert owned and not owned & set(store)
    assert not [sha for sha, data in store.items() if any(s.encode() in data for s in strings if s)]
    assert mehdi_media <= set(store)  # other candidates keep their files
    assert db.session.get(Dossier, MEHDI_DOSSIER) is not None
    assert db.session.get(Person, KARIM) is not None
    # The trail keeps the facts, one more for the erasure itself, with nothing personal.
    assert db.session.query(AuditEvent).count() == events_before + 1
    erasure = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "erase"))
    assert (erasure.actor_id, erasure.subject_id, erasure.record_id) == (None, None, None)


def test_erasing_a_support_worker_keeps_what_they_wrote_de_identified(app, world):
    karim = db.session.get(Person, KARIM)
    strings = personal_strings(karim)
    voice = footprint(karim)
    assert leftovers(KARIM, strings)
    video = db.session.get(Evidence, demo_id("evidence", "lea-video-carottes"))
    video_media, video_rev = video.media_sha256, video.rev
    erase(app, "--person-id", str(KARIM))
    db.session.expire_all()

    assert leftovers(KARIM, strings) == []
    video = db.session.get(Evidence, video.id)
    assert (video.author_id, video.rev) == (None, video_rev + 1)
    assert blobs.exists(video_media)  # Léa's evidence, filmed by him, stays hers
    annotation = db.session.scalar(select(Annotation))
    assert (annotation.author_id, annotation.body_audio_sha256) == (None, None)
    assert annotation.body_text == VOICE_ERASED
    co = db.session.get(Positioning, demo_id("positioning", "lea-rae-aide-de-cuisine", "1"))
    assert co.author_id is None and "comment_audio_sha256" not in co.items[0]
    assert "Léa est plus à l'aise" in json.dumps(co.items, ensure_ascii=False)
    signatures = db.session.scalars(select(Signature).where(Signature.signer_name == ERASED_NAME))
    assert {(s.signer_id, s.mark_sha256) for s in signatures} == {(None, None)}
    assert not set(blob_store(app)) & {
        sha for rows in voice.naming.values() for row in rows for sha in _voice_blobs(row)
    }
    assert db.session.scalar(select(Device)).enrolled_by_id is None
    assert db.session.get(Dossier, MEHDI_DOSSIER).changed_by_id is None
    assert not ids_of(DossierMember, DossierMember.person_id == KARIM)


def _voice_blobs(row) -> set[str]:
    found = {getattr(row, c, None) for c in ("body_audio_sha256", "mark_sha256")}
    found |= {
        i.get("comment_audio_sha256")
        for i in getattr(row, "items", None) or []
        if isinstance(i, dict)
    }
    return {sha for sha in found if sha}


def test_erasing_a_guardian_keeps_the_consent_they_gave(app, world):
    nadia = db.session.get(Person, demo_id("person", "nadia-moreau"))
    consent = db.session.scalar(select(Consent).where(Consent.given_by_id == nadia.id))
    erase(app, "--email", nadia.email)
    db.session.expire_all()
    assert leftovers(nadia.id, personal_strings(nadia)) == []
    assert db.session.get(Consent, consent.id).given_by_id is None
    assert db.session.scalar(select(Guardianship)) is None
    assert db.session.get(Person, demo_id("person", "jade-moreau")) is not None


def test_erasing_a_jury_member_keeps_their_decision_and_testimony_nameless(app, world):
    paul = db.session.get(Person, PAUL)
    erase(app, "--email", paul.email)
    db.session.expire_all()
    assert leftovers(PAUL, personal_strings(paul)) == []
    testimony = db.session.scalar(select(testimonies.Testimony))
    assert (testimony.author_person_id, testimony.author_name) == (None, ERASED_NAME)
    assert (testimony.body_text, testimony.body_audio_sha256) == (
        "Léa a bien dressé la salle.",
        None,
    )
    assert db.session.scalar(select(Decision)).decided_by_id is None


def test_a_candidate_without_email_is_erased_by_id(app, world):
    tom = db.session.get(Person, demo_id("person", "tom-petit"))
    strings = personal_strings(tom)
    erase(app, "--person-id", str(tom.id))
    db.session.expire_all()
    assert leftovers(demo_id("person", "tom-petit"), strings) == []


def test_erase_person_asks_for_confirmation_and_one_person(app, world):
    runner = app.test_cli_runner()
    unconfirmed = runner.invoke(
        cli, ["erase-person", "--email", "lea.durand@ateliers-du-val.example"]
    )
    assert unconfirmed.exit_code == 1 and "--yes" in unconfirmed.output
    assert runner.invoke(cli, ["erase-person", "--yes"]).exit_code == 2
    both = runner.invoke(
        cli, ["erase-person", "--email", "x@example.org", "--person-id", str(LEA), "--yes"]
    )
    assert both.exit_code == 2
    unknown = runner.invoke(cli, ["erase-person", "--email", "x@example.org", "--yes"])
    assert unknown.exit_code == 1
    assert db.session.get(Person, LEA) is not None


def test_export_of_a_candidate_holds_their_signed_badges(app, tmp_path):
    from badges_world import build_world
    from preuves.badges.operations import issue_for_session

    built = build_world()
    (badge,) = issue_for_session(built.session)
    db.session.commit()
    archive = export(app, tmp_path, built.candidate.email)
    (exported,) = json.loads(archive.read("badges.json"))
    assert exported["id"] == str(badge.id) and exported["jwt"] == badge.jwt
    assert exported["credential"]["id"] == badge.credential["id"]
    assert "badges.json" in archive.read("README.txt").decode()
