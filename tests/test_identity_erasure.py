"""Erasing a person (GDPR) takes their passkeys, sessions, invitations and picture secret
with them (ON DELETE CASCADE), and their sessions stop working at once."""

from __future__ import annotations

from sqlalchemy import func, select

from factories import create_person, create_session, create_structure, enrol_device
from identity_flows import invite, register
from preuves.extensions import db
from preuves.identity.models import Invitation, Passkey, PictureSecret, WebSession
from preuves.identity.pictures import set_secret
from preuves.people.erasure import erase_person
from webauthn_soft import SoftAuthenticator


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_erasure_takes_the_identity_rows_along(client):
    structure = create_structure()
    lead = create_person("Lea", "Lead", roles={structure: ["lead"]})
    worker = create_person("Sam", "Moniteur", roles={structure: ["support_worker"]})
    alice = create_person("Alice", "Candidate", roles={structure: ["candidate"]})
    enrol_device(structure, worker)
    set_secret(alice.id, ["sun", "sun", "cup"], worker.id)
    db.session.commit()
    register(
        client,
        SoftAuthenticator(),
        invite(client, lead, structure, person_id=str(alice.id), role="candidate")["token"],
    )
    assert client.get("/api/v1/me").status_code == 200
    other = client.application.test_client()
    create_session(other, lead)

    erase_person(person_id=alice.id)

    assert client.get("/api/v1/me").status_code == 401
    assert other.get("/api/v1/me").status_code == 200
    for model in (Passkey, Invitation, PictureSecret):
        assert count(model) == 0, model
    assert (
        db.session.scalar(
            select(func.count()).select_from(WebSession).where(WebSession.person_id == alice.id)
        )
        == 0
    )
