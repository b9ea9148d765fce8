"""A jury member reads the dossiers of their own session, and only while it is planned or open:
through the record API, media, the sync pull and the offline manifest (docs/jury.md)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from factories import (
    add_jury_member,
    auth,
    create_dossier,
    create_evidence,
    create_framework,
    create_jury_session,
    create_person,
    create_structure,
    link_blob,
    record_decision,
    token_for,
)
from media_helpers import jpeg
from preuves.audit.models import AuditEvent
from preuves.core.ids import uuid7
from preuves.core.models import utcnow
from preuves.extensions import db
from preuves.juries.models import JuryAssignment, JuryMember, JurySession
from preuves.media.derivatives.models import Derivative
from preuves.testimonies import models as testimonies
from sync_helpers import Replica, delete, put, results


def _testimony(dossier, audio_sha: str) -> testimonies.Testimony:
    row = testimonies.Testimony(
        id=uuid7(),
        dossier_id=dossier.id,
        kind="testimony",
        author_name="Marc Dubois",
        author_role="Chef de cuisine",
        body_audio_sha256=audio_sha,
        competency_ids=[],
        given_at=utcnow(),
        rev=1,
        changed_at=utcnow(),
    )
    db.session.add(row)
    return row


def _ready(sha256: str, name: str, data: bytes, dossier, media_type: str) -> None:
    """Mark a derivative ready, as the worker does once it is made."""
    made = link_blob(data, dossier)
    row = db.session.query(Derivative).filter_by(sha256=sha256, name=name).one_or_none()
    if row is None:
        row = Derivative(sha256=sha256, name=name, source_media_type="image/jpeg")
        db.session.add(row)
    row.status, row.blob_sha256, row.media_type, row.size = "ready", made, media_type, len(data)


@pytest.fixture
def two(app):
    """Two open sessions of one structure, each with its member and its dossier."""
    structure = create_structure()
    lead = create_person("Claire", "Martin", roles={structure: ["lead"]})
    framework = create_framework(structure)
    sessions = []
    for name in ("A", "B"):
        candidate = create_person("Léa", f"Martin{name}", roles={structure: ["candidate"]})
        dossier = create_dossier(structure, candidate, framework)
        member = create_person("Jury", name)
        session = create_jury_session(structure, [member], [dossier], status="open")
        photo = link_blob(jpeg(0 if name == "A" else 128), dossier)
        evidence = create_evidence(dossier, candidate)
        evidence.kind, evidence.media_sha256, evidence.media_type = "photo", photo, "image/jpeg"
        sessions.append(
            SimpleNamespace(session=session, dossier=dossier, member=member, photo=photo)
        )
    db.session.commit()
    for s in sessions:
        s.token = token_for(s.member)
    return SimpleNamespace(a=sessions[0], b=sessions[1], lead=lead, lead_token=token_for(lead))


def _reads(client, reader, owner) -> dict[str, int]:
    """What the record API and media answer `reader`'s member about `owner`'s dossier."""
    headers = auth(reader.token)
    record = client.get(f"/api/v1/records/dossier/{owner.dossier.id}", headers=headers)
    media = client.get(f"/api/v1/media/{owner.photo}", headers=headers)
    media.close()
    return {"record": record.status_code, "media": media.status_code}


def _manifest(client, side, session) -> object:
    return client.get(f"/api/v1/jury-sessions/{session.id}/offline", headers=auth(side.token))


def test_a_member_reads_their_session_s_dossier_and_nothing_of_another(client, two):
    assert _reads(client, two.a, two.a) == {"record": 200, "media": 200}
    assert _reads(client, two.a, two.b) == {"record": 404, "media": 404}
    replica = Replica()
    replica.sync(client, two.a.token)
    assert ("dossier", str(two.a.dossier.id)) in replica.held()
    assert ("dossier", str(two.b.dossier.id)) not in replica.held()
    assert _manifest(client, two.a, two.a.session).status_code == 200
    assert _manifest(client, two.a, two.b.session).status_code == 404


def test_closing_the_session_ends_access_and_the_next_pull_evicts(client, two):
    replica = Replica()
    replica.sync(client, two.a.token)
    assert ("dossier", str(two.a.dossier.id)) in replica.held()
    record_decision(two.a.session, two.a.dossier, overall_outcome="non_validation")
    db.session.commit()
    session = db.session.get(JurySession, two.a.session.id)
    record = {
        "id": str(session.id),
        "structure_id": str(session.structure_id),
        "scheme": session.scheme,
        "modality": session.modality,
        "held_on": session.held_on.isoformat(),
        "place": session.place,
        "status": "closed",
    }
    [closed] = results(client, two.lead_token, [put("jury_session", record, session.rev)])
    assert closed["status"] == "applied", closed
    replica.sync(client, two.a.token)
    assert ("dossier", str(two.a.dossier.id)) not in replica.held()
    assert not [
        k for k, r in replica.records.items() if r.get("dossier_id") == str(two.a.dossier.id)
    ]
    ended = _manifest(client, two.a, two.a.session)
    assert ended.status_code == 403 and ended.json["code"] == "jury_access_ended"
    assert _reads(client, two.a, two.a) == {"record": 404, "media": 404}


@pytest.mark.parametrize("withdrawn", ["jury_member", "jury_assignment"])
def test_withdrawing_the_member_or_the_dossier_evicts_it(client, two, withdrawn):
    replica = Replica()
    replica.sync(client, two.a.token)
    model = JuryMember if withdrawn == "jury_member" else JuryAssignment
    row = db.session.query(model).filter_by(session_id=two.a.session.id).one()
    [gone] = results(client, two.lead_token, [delete(withdrawn, row.id, row.rev)])
    assert gone["status"] == "applied", gone
    replica.sync(client, two.a.token)
    assert ("dossier", str(two.a.dossier.id)) not in replica.held()
    assert _reads(client, two.a, two.a) == {"record": 404, "media": 404}
    manifest = _manifest(client, two.a, two.a.session)
    if withdrawn == "jury_member":
        assert manifest.status_code == 404
    else:
        assert manifest.status_code == 200 and manifest.json["dossiers"] == []


def test_the_manifest_lists_the_media_to_download_with_their_sizes(client, two):
    a = two.a
    selected = create_evidence(a.dossier, create_person("Autre"))
    video = link_blob(b"\x00\x00\x00\x18ftypmp42" + bytes(4000), a.dossier, "video/mp4")
    voice = link_blob(b"voice" * 300, a.dossier, "audio/mp4")
    selected.kind, selected.media_sha256, selected.media_type = "video", video, "video/mp4"
    selected.caption_audio_sha256 = voice
    a.dossier.selection = {"c1": [str(selected.id)]}
    testimony_voice = link_blob(b"testimony" * 100, a.dossier, "audio/mp4")
    _testimony(a.dossier, testimony_voice)
    web = b"\x00\x00\x00\x18ftypisom" + bytes(1000)
    _ready(video, "web", web, a.dossier, "video/mp4")
    db.session.commit()
    response = _manifest(client, a, a.session)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-store"
    body = response.json
    assert body["session_id"] == str(a.session.id)
    assert body["keep_until"] == "2027-03-17"  # held on 2027-02-15, plus 30 days
    [dossier] = body["dossiers"]
    assert dossier["candidate_name"] == "Léa M."
    by_use = {m["use"]: m for m in dossier["media"]}
    # The selection only: the first evidence (the photo) is not chosen.
    assert a.photo not in {m["sha256"] for m in dossier["media"]}
    assert by_use["evidence"]["url"] == f"/api/v1/media/{video}/web"
    assert by_use["evidence"]["bytes"] == len(web)
    assert by_use["evidence"]["evidence_id"] == str(selected.id)
    assert by_use["caption_audio"]["url"] == f"/api/v1/media/{voice}"  # no m4a made yet
    assert by_use["caption_audio"]["bytes"] == len(b"voice" * 300)
    assert by_use["testimony_audio"]["evidence_id"] is None
    assert dossier["bytes"] == sum(m["bytes"] for m in dossier["media"]) == body["bytes"]
    # Who sits, by name, for the minutes signed on the device (no person records of the others).
    [member] = body["members"]
    assert member == {
        "person_id": str(a.member.id),
        "name": f"{a.member.given_name} {a.member.family_name}",
        "jury_role": "professionnel_metier",
    }
    for medium in dossier["media"]:  # every url answers the member, with those bytes
        got = client.get(medium["url"], headers=auth(a.token))
        assert got.status_code == 200 and len(got.data) == medium["bytes"]
        got.close()
    audited = db.session.query(AuditEvent).filter_by(
        actor_id=a.member.id, dossier_id=a.dossier.id, action="read"
    )
    assert audited.count() >= 1


def test_with_nothing_selected_the_manifest_takes_every_evidence(client, two):
    body = _manifest(client, two.a, two.a.session).json
    [dossier] = body["dossiers"]
    assert [m["sha256"] for m in dossier["media"]] == [two.a.photo]
    assert dossier["media"][0]["url"] == f"/api/v1/media/{two.a.photo}"


def test_a_manager_of_the_structure_reads_the_manifest_and_nobody_else(client, two):
    lead = SimpleNamespace(token=two.lead_token)
    assert len(_manifest(client, lead, two.b.session).json["dossiers"]) == 1
    outsider = SimpleNamespace(token=token_for(create_person("Yves")))
    assert _manifest(client, outsider, two.a.session).status_code == 404
    # The manifest is no way around the dossier's visibility: a new member of B reads B only.
    add_jury_member(two.b.session, two.a.member, "professionnel_metier")
    db.session.commit()
    listed = _manifest(client, two.a, two.b.session).json["dossiers"]
    assert [d["dossier_id"] for d in listed] == [str(two.b.dossier.id)]
