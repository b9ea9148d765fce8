"""The dossier PDF and the jury's minutes PDF: tagged, in French, with every competency and
every decision in their text."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
from datetime import UTC, date, datetime

import pytest
from pypdf import PdfReader

from exports_world import AT, World, build_world, decide
from factories import (
    _add,
    add_dossier_member,
    auth,
    create_jury_session,
    create_person,
    create_structure,
    token_for,
)
from preuves.config import REPO_ROOT
from preuves.consents.models import Signature
from preuves.core.ids import uuid7
from preuves.exports.commitment import letter_input, letter_text
from preuves.extensions import db
from preuves.people.models import Person


@pytest.fixture
def world(app) -> World:
    return build_world()


def get_pdf(client, url: str, token: str) -> PdfReader:
    response = client.get(url, headers=auth(token))
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "private, no-store"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="')
    return PdfReader(io.BytesIO(response.get_data()))


def text_of(reader: PdfReader) -> str:
    """The words of every page, with line breaks and spacing made single spaces."""
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


HOLDS = "Cette signature correspond au procès-verbal actuel."
SIGNED = "Sophie Lambert, Professionnel du métier, a signé le 10 janvier 2027"


def image_names(reader: PdfReader) -> set[str]:
    """The distinct pictures of the document (pages share their resources)."""
    return {image.name for page in reader.pages for image in page.images}


def assert_tagged_french(reader: PdfReader, title: str) -> None:
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert str(root["/Lang"]).startswith("fr")
    assert reader.metadata.title.startswith(title)


def dossier_url(world: World) -> str:
    return f"/api/v1/dossiers/{world.dossier.id}/exports/dossier.pdf"


def minutes_url(world: World, session=None) -> str:
    session_id = (session or world.session).id
    return f"/api/v1/jury-sessions/{session_id}/dossiers/{world.dossier.id}/minutes.pdf"


def test_the_dossier_pdf_holds_every_competency_and_decision(client, world) -> None:
    reader = get_pdf(client, dossier_url(world), world.tokens["candidate"])
    assert_tagged_french(reader, "Dossier de Léa Martin")
    text = text_of(reader)
    for competency in world.competencies:
        assert competency.easy_wording in text
        assert competency.official_wording in text
    for words in ("Acquis", "En cours d'acquisition", "Non acquis",
                  "Décision finale : Validation partielle", "Blocs validés : Servir et laver",
                  "Bravo pour le service.", "Vu en non_acquis.", "Je sais le faire.",
                  "Vidéo : à voir ou à écouter dans le portfolio numérique",
                  "Message vocal : à voir ou à écouter", "Marc Dupuis"):  # fmt: skip
        assert words in text, words
    assert len(image_names(reader)) == 1  # the photo's thumbnail


def test_the_minutes_say_session_members_decisions_outcome_and_signatures(client, world):
    reader = get_pdf(client, minutes_url(world), world.tokens["worker"])
    assert_tagged_french(reader, "Procès-verbal du jury : Léa Martin")
    text = text_of(reader)
    for words in ("15 février 2027", "Salle du conseil, Lyon", "Au poste de travail",
                  "Reconnaissance des acquis de l'expérience (RAE)", "Sophie Lambert",
                  "Professionnel du métier", "Validation partielle", "Service en salle et plonge",
                  "Bravo pour le service.", SIGNED, HOLDS):  # fmt: skip
        assert words in text, words
    for competency in world.competencies:
        assert competency.official_wording in text
    for outcome in ("Acquis", "En cours d'acquisition", "Non acquis"):
        assert outcome in text
    assert len(image_names(reader)) == 1  # the drawn mark


def test_a_decision_changed_after_signing_shows_the_signature_no_longer_matches(client, world):
    world.session.status = "open"
    decide(world.session, world.dossier, world.competencies[2].id, "acquis",
           changed_at=datetime(2027, 2, 16, tzinfo=UTC))  # fmt: skip
    db.session.commit()
    text = text_of(get_pdf(client, minutes_url(world), world.tokens["juror"]))
    assert "Cette signature ne correspond plus au procès-verbal actuel" in text
    assert "Non acquis" not in text


def test_who_may_read_the_minutes(client, world) -> None:
    other = create_structure("IME Ailleurs")
    outsider = create_person("Yann", "Autre", roles={other: ["lead", "admin", "support_worker"]})
    stranger = create_person("Iris", "Juré")
    elsewhere = create_jury_session(world.structure, [stranger], [])
    db.session.commit()
    for who in ("candidate", "guardian", "lead"):
        get_pdf(client, minutes_url(world), world.tokens[who])
    for token in (token_for(outsider), token_for(stranger)):
        assert client.get(minutes_url(world), headers=auth(token)).status_code == 404
    # The dossier is not assigned to the other session: nobody gets minutes from it.
    refused = client.get(minutes_url(world, elsewhere), headers=auth(world.tokens["lead"]))
    assert refused.status_code == 404
    # The session is closed: its member's access to the dossier has ended.
    closed = client.get(minutes_url(world), headers=auth(world.tokens["juror"]))
    assert closed.status_code == 404


def test_a_member_reads_the_minutes_while_the_session_is_open_not_the_dossier_pdf(client, world):
    world.session.status = "open"
    db.session.commit()
    get_pdf(client, minutes_url(world), world.tokens["juror"])
    assert client.get(dossier_url(world), headers=auth(world.tokens["juror"])).status_code == 403


def test_other_structures_and_other_juries_get_no_dossier_pdf(client, world) -> None:
    other = create_structure("IME Ailleurs")
    outsider = create_person("Yann", "Autre", roles={other: ["lead", "admin", "support_worker"]})
    stranger = create_person("Iris", "Juré")
    create_jury_session(other, [stranger], [])
    db.session.commit()
    for token in (token_for(outsider), token_for(stranger)):
        assert client.get(dossier_url(world), headers=auth(token)).status_code == 404


# --- The commitment letter: the server's text is the device's, byte for byte ---

COMMITMENT_JS = REPO_ROOT / "pwa" / "src" / "lib" / "letters" / "commitment.js"
NODE_LETTER = (
    f"import {{commitmentLetter}} from '{COMMITMENT_JS.as_uri()}';"
    "process.stdout.write(commitmentLetter(JSON.parse(process.argv[1])).text);"
)


def device_text(data: dict) -> str:
    """commitment.js's letter for the same input, run by node."""
    done = subprocess.run(
        ["node", "--input-type=module", "-e", NODE_LETTER, json.dumps(data)],
        capture_output=True, check=True, timeout=60,
    )  # fmt: skip
    return done.stdout.decode("utf-8")


def test_the_letter_text_is_the_one_the_device_makes(app, world) -> None:
    dossier = world.dossier
    minor = world.dossier.candidate_id
    db.session.get(Person, minor).birth_date = date(2010, 6, 1)
    second = create_person("Zoé", "N’Diaye", roles={world.structure: ["support_worker"]})
    add_dossier_member(dossier, second)
    dossier.opened_on = date(2026, 3, 1)
    db.session.flush()
    for data in (letter_input(dossier), letter_input(dossier) | {"openedOn": None,
                 "modality": "externe_avec_stage", "scheme": "rsfp", "guardians": []}):  # fmt: skip
        text = letter_text(data)
        assert text == device_text(data)
    assert "Le représentant légal : Paul Martin." in letter_text(letter_input(dossier))
    assert "Karim Haddad et Zoé N’Diaye" in letter_text(letter_input(dossier))


def test_the_letter_pdf_says_which_signatures_are_for_this_text(client, world) -> None:
    text = letter_text(letter_input(world.dossier))
    for sha256, name in ((hashlib.sha256(text.encode()).hexdigest(), "Léa Martin"),
                         ("0" * 64, "Nadia Benali")):  # fmt: skip
        add_signature(world.dossier, sha256, name)
    db.session.commit()
    url = f"/api/v1/dossiers/{world.dossier.id}/exports/letter.pdf"
    reader = get_pdf(client, url, world.tokens["guardian"])
    assert_tagged_french(reader, "Lettre d’engagement")
    words = text_of(reader)
    for line in text.splitlines():
        assert line in words, line
    assert "Léa Martin, le candidat ou la candidate, a signé le 10 janvier 2027" in words
    assert "Cette signature est pour la lettre ci-dessus." in words
    assert "Cette signature est pour une version plus ancienne de la lettre." in words
    assert client.get(url, headers=auth(world.tokens["juror"])).status_code == 404


def add_signature(dossier, sha256: str, name: str) -> Signature:
    role = "candidate" if name.startswith("Léa") else "lead"
    return _add(Signature(id=uuid7(), dossier_id=dossier.id, document_kind="commitment_letter",
                          document_sha256=sha256, signer_name=name, signer_role=role,
                          signed_at=AT, rev=1))  # fmt: skip
