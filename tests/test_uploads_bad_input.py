"""Bad uploads: each answers the tus status with a problem, stores nothing, serves nothing."""

from __future__ import annotations

import hashlib
import os
import uuid
from datetime import timedelta

import pytest

from factories import auth
from media_helpers import TUS, build_ground, checksum, create, jpeg, patch
from preuves.core.models import utcnow
from preuves.extensions import db
from preuves.media import blobs
from preuves.media.models import Blob, MediaLink, Upload
from preuves.media.uploads import partial_path

HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
)
ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(8) + b"\x02\x00\x3e\x00" + os.urandom(2000)
ZIP = b"PK\x03\x04" + os.urandom(500)
POLYGLOT = b"\x00\x00\x00\x18ftypmp4" + os.urandom(40)  # an ftyp box with no brand we know


@pytest.fixture
def ground(app):
    return build_ground()


def nothing_stored(client, token: str, data: bytes) -> None:
    sha256 = hashlib.sha256(data).hexdigest()
    assert not blobs.exists(sha256)
    assert db.session.get(Blob, sha256) is None
    assert db.session.query(MediaLink).filter_by(sha256=sha256).count() == 0
    assert client.get(f"/api/v1/media/{sha256}", headers=auth(token)).status_code == 404


def is_problem(response, status: int, code: str) -> None:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    assert (response.json["status"], response.json["code"]) == (status, code)
    assert response.json["title"] and response.json["detail"]


def start(client, ground, data: bytes, **meta: str) -> str:
    meta.setdefault("dossier_id", str(ground.dossier.id))
    response = create(client, ground.token, len(data), **meta)
    assert response.status_code == 201, response.json
    return response.headers["Location"]


def test_a_wrong_checksum_is_460_and_nothing_is_appended(client, ground):
    data = jpeg(1)
    url = start(client, ground, data)
    wrong = checksum(b"something else")
    is_problem(
        patch(client, ground.token, url, 0, data, **{"Upload-Checksum": wrong}),
        460,
        "checksum_mismatch",
    )
    head = client.head(url, headers=auth(ground.token) | TUS)
    assert head.headers["Upload-Offset"] == "0"
    assert partial_path(uuid.UUID(url.rsplit("/", 1)[1])).stat().st_size == 0
    nothing_stored(client, ground.token, data)


def test_an_unknown_checksum_algorithm_is_400(client, ground):
    url = start(client, ground, jpeg(2))
    response = patch(client, ground.token, url, 0, jpeg(2), **{"Upload-Checksum": "md5 AAAA"})
    is_problem(response, 400, "bad_request")


def test_an_offset_mismatch_is_409(client, ground):
    data = jpeg(3)
    url = start(client, ground, data)
    response = patch(client, ground.token, url, 10, data[10:])
    is_problem(response, 409, "upload_offset_mismatch")
    assert response.json["upload_offset"] == 0
    nothing_stored(client, ground.token, data)


def test_bytes_beyond_the_length_are_413_and_none_are_kept(client, ground):
    data = jpeg(4)
    url = start(client, ground, data)
    response = patch(client, ground.token, url, 0, data + b"extra")
    is_problem(response, 413, "beyond_upload_length")
    assert client.head(url, headers=auth(ground.token) | TUS).headers["Upload-Offset"] == "0"
    nothing_stored(client, ground.token, data + b"extra")
    nothing_stored(client, ground.token, data)


@pytest.mark.parametrize(
    "body", [HTML, SVG, ELF, ZIP, POLYGLOT], ids=["html", "svg", "elf", "zip", "ftyp"]
)
def test_content_is_judged_by_its_bytes_not_its_name(client, ground, body):
    url = start(client, ground, body, filename="photo.jpg", filetype="image/jpeg")
    response = patch(client, ground.token, url, 0, body)
    is_problem(response, 415, "media_type_refused")
    upload_id = uuid.UUID(url.rsplit("/", 1)[1])
    assert not partial_path(upload_id).exists()
    assert db.session.get(Upload, upload_id).failure == "media_type_refused"
    assert client.head(url, headers=auth(ground.token) | TUS).status_code == 410
    nothing_stored(client, ground.token, body)


def test_refused_content_fails_at_the_first_bytes_not_the_last(client, ground):
    body = HTML + b" " * 70_000
    url = start(client, ground, body + b" " * 10_000_000, filetype="image/jpeg")
    response = patch(client, ground.token, url, 0, body)
    is_problem(response, 415, "media_type_refused")


def test_path_tricks_in_metadata_are_only_words(client, ground, tmp_path):
    data = jpeg(5)
    url = start(client, ground, data, filename="../../etc/passwd", filetype="image/jpeg\u2028")
    assert patch(client, ground.token, url, 0, data).status_code == 204
    upload = db.session.get(Upload, uuid.UUID(url.rsplit("/", 1)[1]))
    assert upload.upload_metadata["filename"] == "../../etc/passwd"
    assert blobs.exists(upload.sha256)
    assert not (tmp_path / "etc").exists()
    assert partial_path(upload.id).parent == tmp_path / "uploads"


def test_a_nul_in_metadata_is_400(client, ground):
    import base64

    nul = base64.b64encode(b"photo\x00.jpg").decode()
    dossier = base64.b64encode(str(ground.dossier.id).encode()).decode()
    response = client.post(
        "/api/v1/uploads",
        headers=auth(ground.token)
        | TUS
        | {
            "Upload-Length": "10",
            "Upload-Metadata": f"filename {nul},dossier_id {dossier}",
        },
    )
    is_problem(response, 400, "bad_request")


@pytest.mark.parametrize(
    "meta",
    [{}, {"dossier_id": "../../etc"}, {"dossier_id": str(uuid.uuid4())}],
    ids=["missing", "not-a-uuid", "unknown"],
)
def test_the_dossier_must_be_named_and_exist(client, ground, meta):
    response = create(client, ground.token, 100, **meta)
    assert response.status_code in (400, 404)
    assert response.mimetype == "application/problem+json"


def test_an_expired_upload_is_410(client, ground):
    data = jpeg(6)
    url = start(client, ground, data)
    upload = db.session.get(Upload, uuid.UUID(url.rsplit("/", 1)[1]))
    upload.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    is_problem(patch(client, ground.token, url, 0, data), 410, "upload_gone")
    assert client.head(url, headers=auth(ground.token) | TUS).status_code == 410
    nothing_stored(client, ground.token, data)


def test_a_terminated_upload_is_gone_with_its_bytes(client, ground):
    data = jpeg(7) + os.urandom(100_000)
    url = start(client, ground, data)
    assert patch(client, ground.token, url, 0, data[:80_000]).status_code == 204
    upload_id = uuid.UUID(url.rsplit("/", 1)[1])
    assert partial_path(upload_id).stat().st_size == 80_000
    deleted = client.delete(url, headers=auth(ground.token) | TUS)
    assert deleted.status_code == 204
    assert not partial_path(upload_id).exists()
    is_problem(patch(client, ground.token, url, 80_000, data[80_000:]), 410, "upload_gone")
    nothing_stored(client, ground.token, data)


def test_an_unknown_upload_is_404(client, ground):
    response = client.head(f"/api/v1/uploads/{uuid.uuid4()}", headers=auth(ground.token) | TUS)
    assert response.status_code == 404


def test_a_body_of_another_type_is_415(client, ground):
    url = start(client, ground, jpeg(8))
    response = client.patch(
        url,
        data=jpeg(8),
        headers=auth(ground.token) | TUS | {"Upload-Offset": "0", "Content-Type": "image/jpeg"},
    )
    is_problem(response, 415, "unsupported_media_type")


def test_over_the_kind_cap_is_413(app, client, ground):
    app.config["MAX_PHOTO_BYTES"] = 50_000
    data = jpeg(9) + os.urandom(70_000)
    url = start(client, ground, data)
    response = patch(client, ground.token, url, 0, data)
    is_problem(response, 413, "too_large")
    nothing_stored(client, ground.token, data)


def test_over_tus_max_size_is_413(app, client, ground):
    response = create(client, ground.token, 3 * 1024**3, dossier_id=str(ground.dossier.id))
    is_problem(response, 413, "too_large")


def test_the_structure_quota_is_charged(app, client, ground):
    app.config["STRUCTURE_QUOTA_BYTES"] = 100_000
    first = create(client, ground.token, 60_000, dossier_id=str(ground.dossier.id))
    assert first.status_code == 201
    second = create(client, ground.token, 60_000, dossier_id=str(ground.dossier.id))
    is_problem(second, 413, "quota_exceeded")
    assert second.json["used_bytes"] == 60_000


def test_two_patches_on_one_upload_never_interleave(client, ground):
    from preuves.media.leases import Lease

    data = jpeg(10)
    url = start(client, ground, data)
    Lease(uuid.UUID(url.rsplit("/", 1)[1])).acquire()  # someone is streaming this upload
    is_problem(patch(client, ground.token, url, 0, data), 423, "upload_locked")
    nothing_stored(client, ground.token, data)


def test_a_patch_that_lost_its_lease_confirms_no_offset(client, ground, monkeypatch):
    from preuves.media.leases import Lease

    data = jpeg(11) + os.urandom(5000)
    url = start(client, ground, data)
    # The lease ran out while the body streamed and another request took the upload: giving
    # it back finds another holder. The answer must not confirm this request's offset.
    monkeypatch.setattr(Lease, "release", lambda lease, **values: False)
    is_problem(patch(client, ground.token, url, 0, data[:3000]), 423, "upload_locked")
    monkeypatch.undo()
    db.session.expire_all()
    assert db.session.get(Upload, uuid.UUID(url.rsplit("/", 1)[1])).offset == 0
