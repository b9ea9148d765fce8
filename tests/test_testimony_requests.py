"""Testimonies by one-time link: staff of the dossier ask, a witness with no account answers
once, by text or voice; the testimony is a synced, audited record of the dossier."""

from __future__ import annotations

import base64
import io
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from factories import (
    add_membership,
    auth,
    competency_ids,
    create_dossier,
    create_framework,
    create_person,
    create_structure,
    token_for,
)
from media_samples import ogg_opus
from preuves.audit.models import AuditEvent
from preuves.core.models import utcnow
from preuves.dossiers.models import DossierMember
from preuves.extensions import db
from preuves.media.models import Blob, MediaLink
from preuves.records.hooks import forget_cached_relations
from preuves.testimonies import models as testimonies


@pytest.fixture(scope="module")
def voice(tmp_path_factory) -> bytes:
    return ogg_opus(tmp_path_factory.mktemp("voice") / "voice.ogg").read_bytes()


@pytest.fixture
def world(client):
    structure = create_structure()
    worker = create_person("Sam", "Moniteur", roles={structure: ["support_worker"]})
    candidate = create_person("Léa", "Martin", roles={structure: ["candidate"]})
    framework = create_framework(structure)
    dossier = create_dossier(structure, candidate, framework, worker)
    db.session.commit()
    return {
        "structure": structure,
        "worker": worker,
        "candidate": candidate,
        "dossier": dossier,
        "competencies": [str(c) for c in competency_ids(framework)],
    }


def _ask(client, world, person=None, **body):
    body = {"competency_ids": world["competencies"][:1], **body}
    url = f"/api/v1/dossiers/{world['dossier'].id}/testimony-requests"
    return client.post(url, json=body, headers=auth(token_for(person or world["worker"])))


def _token(client, world, **body) -> str:
    answer = _ask(client, world, witness_name="Paul Durand", **body)
    assert answer.status_code == 201, answer.json
    return answer.json["token"]


ANSWER = {
    "text": "Léa dresse les tables seule, vite et bien.",
    "witness_name": "Paul Durand",
    "witness_role": "tuteur de stage",
    "consent_to_share": True,
}


def _give(client, token, **changes):
    return client.post(f"/api/v1/testimony-requests/{token}", json=ANSWER | changes)


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_support_worker_asks_and_the_witness_answers_once(client, world):
    asked = _ask(client, world, witness_name="Paul Durand", witness_role="tuteur de stage")
    assert asked.status_code == 201
    token = asked.json["token"]
    assert asked.json["url"].endswith(f"/#/testimony/{token}")
    assert asked.json["qr_svg"].startswith("<svg")
    stored = db.session.get(testimonies.TestimonyRequest, uuid.UUID(asked.json["id"]))
    assert token not in stored.token_hash  # hashed at rest

    shown = client.get(f"/api/v1/testimony-requests/{token}")
    assert shown.status_code == 200
    assert shown.json["candidate_given_name"] == "Léa"
    assert "Martin" not in str(shown.json)  # the least data: a first name only
    assert shown.json["competencies"][0]["id"] == world["competencies"][0]
    assert shown.json["competencies"][0]["easy_wording"]

    given = _give(client, token)
    assert given.status_code == 201
    testimony = db.session.get(testimonies.Testimony, uuid.UUID(given.json["id"]))
    assert (testimony.kind, testimony.author_name) == ("endorsement", "Paul Durand")
    assert testimony.competency_ids == world["competencies"][:1]
    assert testimony.rev == 1 and testimony.seq > 0  # a synced record
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.record_id == testimony.id))
    assert [(e.action, e.actor_kind) for e in events] == [("create", "testimony_link")]

    again = _give(client, token)
    assert (again.status_code, again.json["code"]) == (410, "testimony_link_used")
    assert again.json["title"].startswith("Ce lien a déjà servi")
    assert client.get(f"/api/v1/testimony-requests/{token}").status_code == 410
    assert _count(testimonies.Testimony) == 1


def test_the_candidate_receives_the_testimony_by_sync(client, world):
    given = _give(client, _token(client, world))
    pulled = client.get("/api/v1/sync/pull", headers=auth(token_for(world["candidate"])))
    ids = [c["record"]["id"] for c in pulled.json["changes"] if c["type"] == "testimony"]
    assert ids == [given.json["id"]]


def test_another_structure_cannot_ask_nor_list(client, world):
    elsewhere = create_structure("Autre ESAT")
    stranger = create_person("Zoé", "Ailleurs", roles={elsewhere: ["support_worker", "lead"]})
    assert _ask(client, world, stranger).status_code == 404
    listed = client.get(
        f"/api/v1/dossiers/{world['dossier'].id}/testimony-requests",
        headers=auth(token_for(stranger)),
    )
    assert listed.status_code == 404
    assert _ask(client, world, world["candidate"]).status_code == 403
    assert _count(testimonies.TestimonyRequest) == 0


def test_a_lead_of_the_structure_may_ask(client, world):
    lead = create_person("Lou", "Directrice")
    add_membership(lead, world["structure"], "lead")
    assert _ask(client, world, lead).status_code == 201


def test_competencies_must_be_of_the_dossier_framework(client, world):
    other = create_framework(slug="autre")
    db.session.commit()
    refused = _ask(client, world, competency_ids=[str(competency_ids(other)[0])])
    assert refused.status_code == 422
    assert _ask(client, world, competency_ids=[]).status_code == 400


def test_an_expired_link_is_refused(client, world):
    token = _token(client, world)
    asked = db.session.scalar(select(testimonies.TestimonyRequest))
    asked.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    refused = _give(client, token)
    assert (refused.status_code, refused.json["code"]) == (410, "testimony_link_expired")
    assert _count(testimonies.Testimony) == 0


def test_a_withdrawn_link_is_refused_and_listed_so(client, world):
    token = _token(client, world)
    base = f"/api/v1/dossiers/{world['dossier'].id}/testimony-requests"
    headers = auth(token_for(world["worker"]))
    request_id = client.get(base, headers=headers).json["requests"][0]["id"]
    assert client.delete(f"{base}/{request_id}", headers=headers).status_code == 204
    refused = _give(client, token)
    assert (refused.status_code, refused.json["code"]) == (410, "testimony_link_withdrawn")
    assert client.get(base, headers=headers).json["requests"][0]["status"] == "withdrawn"


def test_a_used_link_cannot_be_withdrawn(client, world):
    token = _token(client, world)
    _give(client, token)
    base = f"/api/v1/dossiers/{world['dossier'].id}/testimony-requests"
    headers = auth(token_for(world["worker"]))
    listed = client.get(base, headers=headers).json["requests"][0]
    assert listed["status"] == "used" and listed["testimony_id"]
    assert client.delete(f"{base}/{listed['id']}", headers=headers).status_code == 410


def test_an_unknown_token_is_not_found(client, world):
    assert client.get("/api/v1/testimony-requests/nope").status_code == 404


def test_a_voice_testimony_by_multipart(client, world, voice):
    token = _token(client, world)
    form = {
        "witness_name": "Paul Durand",
        "witness_role": "employeur",
        "consent_to_share": "true",
        "audio": (io.BytesIO(voice), "voice.ogg", "audio/ogg"),
    }
    given = client.post(
        f"/api/v1/testimony-requests/{token}", data=form, content_type="multipart/form-data"
    )
    assert given.status_code == 201, given.json
    testimony = db.session.get(testimonies.Testimony, uuid.UUID(given.json["id"]))
    assert testimony.body_text is None and testimony.body_audio_sha256
    blob = db.session.get(Blob, testimony.body_audio_sha256)
    assert (blob.kind, blob.media_type) == ("audio", "audio/ogg")
    assert db.session.get(MediaLink, (blob.sha256, world["dossier"].id)) is not None
    heard = client.get(f"/api/v1/media/{blob.sha256}", headers=auth(token_for(world["candidate"])))
    assert heard.status_code == 200 and heard.get_data() == voice
    heard.close()


def test_a_voice_testimony_in_base64(client, world, voice):
    token = _token(client, world)
    given = _give(client, token, text=None, audio_base64=base64.b64encode(voice).decode())
    assert given.status_code == 201
    assert db.session.get(testimonies.Testimony, uuid.UUID(given.json["id"])).body_audio_sha256


@pytest.mark.parametrize(
    "audio",
    [b"<html><script>alert(1)</script></html>", b"\xff\xd8\xff\xe0" + b"\x00" * 64],
    ids=["html", "jpeg"],
)
def test_bad_audio_is_refused_and_nothing_is_half_stored(client, world, audio):
    token = _token(client, world)
    refused = _give(client, token, audio_base64=base64.b64encode(audio).decode())
    assert (refused.status_code, refused.json["code"]) == (415, "testimony_audio_refused")
    assert (_count(testimonies.Testimony), _count(Blob), _count(MediaLink)) == (0, 0, 0)
    assert (
        db.session.scalar(select(testimonies.TestimonyRequest)).used_at is None
    )  # the link still works
    assert _give(client, token).status_code == 201


def test_too_big_a_recording_is_refused(client, world, app):
    app.config["TESTIMONY_AUDIO_MAX_BYTES"] = 1000
    token = _token(client, world)
    big = b"OggS\x00\x02" + b"\x00" * 22 + b"OpusHead\x01\x02" + b"\x00" * 2000
    refused = _give(client, token, audio_base64=base64.b64encode(big).decode())
    assert refused.status_code == 413
    assert _count(testimonies.Testimony) == 0


def test_a_testimony_must_say_something_and_be_consented(client, world):
    token = _token(client, world)
    empty = _give(client, token, text="  ")
    assert empty.status_code == 422
    unconsented = _give(client, token, consent_to_share=False)
    assert (unconsented.status_code, unconsented.json["code"]) == (422, "testimony_consent_missing")
    nameless = _give(client, token, witness_name="")
    assert nameless.status_code == 422
    assert (
        _count(testimonies.Testimony),
        db.session.scalar(select(testimonies.TestimonyRequest)).used_at,
    ) == (0, None)
    assert _give(client, token).status_code == 201


def test_the_link_stops_working_when_the_asker_lost_the_dossier(client, world):
    token = _token(client, world)
    member = db.session.scalar(select(DossierMember))
    member.deleted = True
    db.session.commit()
    forget_cached_relations()  # the test client's requests share one application context
    refused = _give(client, token)
    assert (refused.status_code, refused.json["code"]) == (410, "testimony_link_withdrawn")
    assert _count(testimonies.Testimony) == 0


def test_erasing_the_candidate_erases_the_requests(client, world):
    from preuves.people.erasure import erase_person

    _give(client, _token(client, world))
    _token(client, world)
    erase_person(world["candidate"].id)
    db.session.commit()
    assert (_count(testimonies.TestimonyRequest), _count(testimonies.Testimony)) == (0, 0)


@pytest.mark.parametrize(
    "body",
    [
        {"text": 5, "witness_name": [], "witness_role": {}, "consent_to_share": True},
        {"text": "a\x00b", "witness_name": "P", "witness_role": "R", "consent_to_share": True},
        {"text": "Vu.", "witness_name": "P", "witness_role": "R", "consent_to_share": "yes"},
        {"audio_base64": 12, "audio_media_type": 3, "consent_to_share": True},
        {"audio_base64": "%%%", "witness_name": "P", "witness_role": "R", "consent_to_share": True},
    ],
)
def test_bad_answers_are_client_errors(client, world, body):
    answer = client.post(f"/api/v1/testimony-requests/{_token(client, world)}", json=body)
    assert 400 <= answer.status_code < 500
    assert _count(testimonies.Testimony) == 0


@pytest.mark.parametrize(
    "body",
    [
        {"competency_ids": ["nope"]},
        {"competency_ids": "all"},
        {"competency_ids": [5], "witness_name": 3},
        {"message": "x" * 3000},
    ],
)
def test_bad_requests_are_client_errors(client, world, body):
    answer = _ask(client, world, **body)
    assert 400 <= answer.status_code < 500
    assert _count(testimonies.TestimonyRequest) == 0
