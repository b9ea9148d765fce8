"""GET /api/v1/media: policy, Range, ETag, safe headers, derivatives and their status."""

from __future__ import annotations

import hashlib
import os

import pytest

from factories import auth, link_blob, upload_blob
from media_helpers import build_ground, create, jpeg
from preuves.audit.models import AuditEvent
from preuves.extensions import db


@pytest.fixture
def ground(app):
    return build_ground()


@pytest.fixture
def photo(app, client, ground) -> tuple[str, bytes]:
    data = jpeg(1, (320, 240)) + os.urandom(50_000)
    return upload_blob(client, ground.token, ground.dossier, data), data


def test_the_original_with_safe_headers(client, ground, photo):
    sha256, data = photo
    response = client.get(f"/api/v1/media/{sha256}", headers=auth(ground.candidate_token))
    assert response.status_code == 200
    assert response.data == data
    assert response.mimetype == "image/jpeg"
    assert response.headers["ETag"] == f'"{sha256}"'
    assert response.headers["Cache-Control"] == "private, max-age=3600"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Disposition"].startswith("inline;")
    assert response.headers["Accept-Ranges"] == "bytes"
    response.close()


def test_a_range_an_impossible_range_and_a_revalidation(client, ground, photo):
    sha256, data = photo
    url, headers = f"/api/v1/media/{sha256}", auth(ground.token)
    part = client.get(url, headers=headers | {"Range": "bytes=100-199"})
    assert (part.status_code, part.data) == (206, data[100:200])
    assert part.headers["Content-Range"] == f"bytes 100-199/{len(data)}"
    part.close()
    tail = client.get(url, headers=headers | {"Range": "bytes=-10"})
    assert (tail.status_code, tail.data) == (206, data[-10:])
    tail.close()
    beyond = client.get(url, headers=headers | {"Range": f"bytes={len(data) + 5}-"})
    assert (beyond.status_code, beyond.json["code"]) == (416, "range_not_satisfiable")
    assert beyond.headers["Content-Range"] == f"bytes */{len(data)}"
    cached = client.get(url, headers=headers | {"If-None-Match": f'"{sha256}"'})
    assert cached.status_code == 304
    cached.close()


def test_a_pdf_is_an_attachment(client, ground):
    data = b"%PDF-1.7\n" + os.urandom(3000)
    sha256 = upload_blob(client, ground.token, ground.dossier, data)
    response = client.get(f"/api/v1/media/{sha256}", headers=auth(ground.token))
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    response.close()


def test_reads_are_audited_once_per_viewing(client, ground, photo):
    sha256, _data = photo
    url, headers = f"/api/v1/media/{sha256}", auth(ground.token)
    for wanted in ("bytes=0-99", "bytes=100-199", "bytes=200-299"):
        client.get(url, headers=headers | {"Range": wanted}).close()
    events = db.session.query(AuditEvent).filter_by(record_type="media", action="read").all()
    assert [(e.dossier_id, e.detail["sha256"]) for e in events] == [(ground.dossier.id, sha256)]


def test_another_structure_sees_nothing(client, ground, photo):
    sha256, data = photo
    for url in (
        f"/api/v1/media/{sha256}",
        f"/api/v1/media/{sha256}/status",
        f"/api/v1/media/{sha256}/thumbnail",
    ):
        response = client.get(url, headers=auth(ground.outsider_token))
        assert (response.status_code, response.json["code"]) == (404, "not_found")
    created = create(client, ground.outsider_token, len(data), dossier_id=str(ground.dossier.id))
    assert (created.status_code, created.json["code"]) == (404, "not_found")


def test_the_same_bytes_in_an_outsiders_own_dossier_do_not_open_ours(client, ground, photo):
    from factories import (
        create_dossier,
        create_framework,
        create_person,
        create_structure,
        token_for,
    )

    sha256, data = photo
    other = create_structure("IME Autre")
    lead = create_person("Lead", "Autre", roles={other: ["lead", "admin", "support_worker"]})
    dossier = create_dossier(
        other, create_person("Tom", "Autre"), create_framework(other, "autre"), lead
    )
    db.session.commit()
    token = token_for(lead)
    assert upload_blob(client, token, dossier, data) == sha256  # stored once, linked twice
    response = client.get(f"/api/v1/media/{sha256}", headers=auth(token))
    assert response.status_code == 200
    response.close()
    events = db.session.query(AuditEvent).filter_by(record_type="media").all()
    assert {e.dossier_id for e in events} == {dossier.id}


def test_unauthenticated_and_malformed(client, photo):
    sha256, _data = photo
    assert client.get(f"/api/v1/media/{sha256}").status_code == 401
    assert client.get("/api/v1/media/..%2F..%2Fetc%2Fpasswd").status_code in (401, 404)


def test_a_jury_member_of_the_dossier_may_read_its_media(client, ground, photo):
    from factories import create_jury_session, create_person, token_for
    from preuves.structures.models import Structure

    sha256, _data = photo
    jury = create_person("Paul", "Jury")
    structure = db.session.get(Structure, ground.dossier.structure_id)
    create_jury_session(structure, [jury], [ground.dossier])
    db.session.commit()
    token = token_for(jury)
    response = client.get(f"/api/v1/media/{sha256}", headers=auth(token))
    assert response.status_code == 200
    response.close()


def test_derivatives_and_their_status(client, ground, photo):
    from preuves.media.derivatives.models import Derivative

    sha256, _data = photo
    thumb = jpeg(2, (32, 24))
    thumb_sha = link_blob(thumb, ground.dossier)
    row = db.session.query(Derivative).filter_by(sha256=sha256, name="thumbnail").one_or_none()
    if row is None:
        row = Derivative(sha256=sha256, name="thumbnail", source_media_type="image/jpeg")
        db.session.add(row)
    row.status, row.blob_sha256, row.media_type, row.size = (
        "ready",
        thumb_sha,
        "text/html",
        len(thumb),
    )
    db.session.commit()
    status = client.get(f"/api/v1/media/{sha256}/status", headers=auth(ground.token))
    assert status.status_code == 200
    assert status.json["media_type"] == "image/jpeg"
    assert {"name": "thumbnail", "status": "ready"}.items() <= status.json["derivatives"][0].items()
    got = client.get(f"/api/v1/media/{sha256}/thumbnail", headers=auth(ground.token))
    assert got.data == thumb
    # A derivative's recorded type is never trusted to be safe: unknown ones are downloads.
    assert got.mimetype == "application/octet-stream"
    got.close()
    missing = client.get(f"/api/v1/media/{sha256}/web", headers=auth(ground.token))
    assert missing.status_code == 404


def test_the_etag_is_the_hash(client, ground, photo):
    sha256, data = photo
    assert sha256 == hashlib.sha256(data).hexdigest()
