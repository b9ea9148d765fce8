"""tus 1.0 through the test client: discovery, creation, resume, checksum, termination."""

from __future__ import annotations

import hashlib
import os
import uuid

import pytest

from factories import auth
from media_helpers import TUS, build_ground, checksum, create, jpeg, metadata, patch
from preuves.extensions import db
from preuves.media import blobs
from preuves.media.models import Blob, MediaLink, Upload


@pytest.fixture
def ground(app):
    return build_ground()


def test_discovery_names_the_protocol_and_its_limits(client):
    response = client.options("/api/v1/uploads")
    assert response.status_code == 204
    assert response.headers["Tus-Version"] == "1.0.0"
    assert response.headers["Tus-Extension"] == (
        "creation,creation-with-upload,checksum,termination,expiration"
    )
    assert response.headers["Tus-Checksum-Algorithm"] == "sha256,sha1"
    assert int(response.headers["Tus-Max-Size"]) == 2 * 1024**3


def test_an_upload_in_two_patches_is_stored_once_and_linked(client, ground):
    data = jpeg(1, (400, 300)) + os.urandom(200_000)
    created = create(client, ground.token, len(data), dossier_id=str(ground.dossier.id))
    assert created.status_code == 201
    url = created.headers["Location"]
    assert url.startswith("/api/v1/uploads/")
    assert created.headers["Upload-Offset"] == "0" and "Upload-Expires" in created.headers
    first = patch(client, ground.token, url, 0, data[:100_000])
    assert (first.status_code, first.headers["Upload-Offset"]) == (204, "100000")
    assert "Upload-Sha256" not in first.headers
    head = client.head(url, headers=auth(ground.token) | TUS)
    assert (head.status_code, head.headers["Upload-Offset"]) == (200, "100000")
    assert head.headers["Upload-Length"] == str(len(data))
    last = patch(client, ground.token, url, 100_000, data[100_000:])
    sha256 = hashlib.sha256(data).hexdigest()
    assert (last.status_code, last.headers["Upload-Sha256"]) == (204, sha256)
    assert client.head(url, headers=auth(ground.token) | TUS).headers["Upload-Sha256"] == sha256
    with blobs.open_blob(sha256) as stored:
        assert stored.read() == data
    blob = db.session.get(Blob, sha256)
    assert (blob.size, blob.media_type, blob.kind) == (len(data), "image/jpeg", "photo")
    assert db.session.get(MediaLink, (sha256, ground.dossier.id)) is not None


def test_creation_with_upload_and_the_same_bytes_twice(client, ground):
    data = jpeg(2)
    for _ in range(2):
        created = client.post(
            "/api/v1/uploads",
            data=data,
            headers=auth(ground.token)
            | TUS
            | {
                "Upload-Length": str(len(data)),
                "Upload-Metadata": metadata(dossier_id=str(ground.dossier.id)),
                "Content-Type": "application/offset+octet-stream",
                "Upload-Checksum": checksum(data, "sha1"),
            },
        )
        assert created.status_code == 201, created.json
        assert created.headers["Upload-Offset"] == str(len(data))
    sha256 = hashlib.sha256(data).hexdigest()
    assert created.headers["Upload-Sha256"] == sha256
    stored = list((blobs.blob_path(sha256).parent).iterdir())
    assert stored == [blobs.blob_path(sha256)]
    assert db.session.query(Blob).count() == 1
    assert db.session.query(Upload).filter(Upload.sha256 == sha256).count() == 2


def test_a_matching_checksum_is_accepted_per_request(client, ground):
    data = jpeg(3)
    url = create(client, ground.token, len(data), dossier_id=str(ground.dossier.id)).headers[
        "Location"
    ]
    half = len(data) // 2
    ok = patch(
        client, ground.token, url, 0, data[:half], **{"Upload-Checksum": checksum(data[:half])}
    )
    assert ok.status_code == 204
    done = patch(
        client, ground.token, url, half, data[half:], **{"Upload-Checksum": checksum(data[half:])}
    )
    assert done.headers["Upload-Sha256"] == hashlib.sha256(data).hexdigest()


def test_a_declared_sha256_is_checked_at_the_end(client, ground):
    data = jpeg(4)
    wrong = "0" * 64
    url = create(
        client, ground.token, len(data), dossier_id=str(ground.dossier.id), sha256=wrong
    ).headers["Location"]
    response = patch(client, ground.token, url, 0, data)
    assert (response.status_code, response.json["code"]) == (460, "checksum_mismatch")
    assert not blobs.exists(hashlib.sha256(data).hexdigest())
    assert client.head(url, headers=auth(ground.token) | TUS).status_code == 410


def test_the_last_patch_replayed_changes_nothing(client, ground):
    data = jpeg(5)
    url = create(client, ground.token, len(data), dossier_id=str(ground.dossier.id)).headers[
        "Location"
    ]
    assert patch(client, ground.token, url, 0, data).status_code == 204
    again = patch(client, ground.token, url, len(data), b"")
    assert (again.status_code, again.headers["Upload-Offset"]) == (204, str(len(data)))


def test_every_answer_says_the_protocol_version(client, ground):
    response = client.post("/api/v1/uploads", headers=auth(ground.token))
    assert (response.status_code, response.json["code"]) == (412, "tus_version_unsupported")
    assert response.headers["Tus-Resumable"] == "1.0.0"


def test_expiry_is_pushed_back_by_each_patch(client, ground):
    data = jpeg(6) + b"\0" * 70_000
    url = create(client, ground.token, len(data), dossier_id=str(ground.dossier.id)).headers[
        "Location"
    ]
    upload = db.session.get(Upload, uuid.UUID(url.rsplit("/", 1)[1]))
    first_expiry = upload.expires_at
    patch(client, ground.token, url, 0, data[:66_000])
    db.session.expire_all()
    assert db.session.get(Upload, upload.id).expires_at >= first_expiry


def test_a_patch_may_be_larger_than_the_json_body_limit(client, ground):
    data = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + os.urandom(9 * 1024 * 1024)
    url = create(client, ground.token, len(data), dossier_id=str(ground.dossier.id)).headers[
        "Location"
    ]
    done = patch(client, ground.token, url, 0, data)
    assert (done.status_code, done.headers["Upload-Sha256"]) == (
        204,
        hashlib.sha256(data).hexdigest(),
    )


class _Dropping:
    """A request body whose client goes away after `keep` bytes."""

    def __init__(self, data: bytes, keep: int) -> None:
        self.data, self.keep, self.pos = data, keep, 0

    def read(self, size: int) -> bytes:
        from werkzeug.exceptions import ClientDisconnected

        if self.pos >= self.keep:
            raise ClientDisconnected()
        piece = self.data[self.pos : min(self.pos + size, self.keep)]
        self.pos += len(piece)
        return piece


@pytest.mark.parametrize("with_checksum", [False, True])
def test_a_dropped_body_is_kept_unless_it_carried_a_checksum(app, ground, tmp_path, with_checksum):
    from preuves.media.leases import Lease
    from preuves.media.streaming import receive

    data = os.urandom(3 * 1024 * 1024)
    url_upload = db.session.get(Upload, _created(app, ground, len(data)))
    path = tmp_path / "part"
    path.write_bytes(b"")
    lease = Lease(url_upload.id)
    lease.acquire()
    state = hashlib.sha256()
    digest = ("sha256", hashlib.sha256(data).digest()) if with_checksum else None
    got = receive(lease, path, 0, len(data), _Dropping(data, 1_500_000), state, digest)
    assert got.interrupted and got.received == 1_500_000
    kept = 0 if with_checksum else 1_500_000
    assert got.offset == kept and path.stat().st_size == kept
    assert got.state.hexdigest() == hashlib.sha256(data[:kept]).hexdigest()


def _created(app, ground, length: int) -> uuid.UUID:
    response = create(app.test_client(), ground.token, length, dossier_id=str(ground.dossier.id))
    return uuid.UUID(response.headers["Location"].rsplit("/", 1)[1])
