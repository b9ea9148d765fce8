"""The blob stores: one suite, run against the filesystem and an S3 server (moto)."""

from __future__ import annotations

import hashlib
import os
import socket
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from moto.server import ThreadedMotoServer

from factories import auth, upload_blob
from media_helpers import build_ground, jpeg
from preuves.media import blobs
from preuves.media.s3store import S3Store

BUCKET = "preuves-test"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    """A local S3 (moto's server) on a free port, with fake credentials."""
    saved = {
        k: os.environ.get(k)
        for k in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION")
    }
    os.environ |= {
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_DEFAULT_REGION": "eu-west-3",
    }
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(params=["file", "s3"])
def store_app(request, app, tmp_path):
    """The test app on one store or the other."""
    if request.param == "s3":
        endpoint = request.getfixturevalue("s3_endpoint")
        bucket = f"{BUCKET}-{tmp_path.name.lower().replace('_', '-')[:30]}"
        boto3.client("s3", endpoint_url=endpoint).create_bucket(
            Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "eu-west-3"}
        )
        app.config |= {
            "BLOB_STORE": "s3",
            "S3_BUCKET": bucket,
            "S3_ENDPOINT_URL": endpoint,
            "S3_PREFIX": "blobs/",
        }
    return app


def test_put_open_size_exists_delete(store_app, tmp_path):
    data = os.urandom(300_000)
    sha256 = blobs.put_bytes(data)
    assert sha256 == hashlib.sha256(data).hexdigest()
    assert blobs.exists(sha256) and blobs.size(sha256) == len(data)
    with blobs.open_blob(sha256) as handle:
        assert handle.read() == data
    assert blobs.delete_blob(sha256) and not blobs.delete_blob(sha256)
    assert not blobs.exists(sha256) and blobs.size(sha256) is None
    with pytest.raises(FileNotFoundError):
        blobs.open_blob(sha256)


def test_the_same_bytes_are_stored_once(store_app, tmp_path):
    data = os.urandom(10_000)
    source = tmp_path / "source.bin"
    source.write_bytes(data)
    first = blobs.put_file(source)
    assert source.exists()  # put_file copies unless asked to move
    second = blobs.put_file(source, first, move=True)
    assert first == second == blobs.put_bytes(data)
    assert not source.exists()
    store = blobs.store()
    if isinstance(store, S3Store):
        listed = store.client.list_objects_v2(Bucket=store.bucket)["Contents"]
        assert [o["Key"] for o in listed] == [f"blobs/{first[:2]}/{first[2:4]}/{first}"]
    else:
        assert len(list(Path(store_app.config["BLOB_DIR"]).rglob("*/*/*"))) == 1


def test_ranges_are_streamed_from_the_store(store_app):
    data = os.urandom(3 * 1024 * 1024 + 17)
    sha256 = blobs.put_bytes(data)
    pieces = list(blobs.store().read_range(sha256, 1024 * 1024 - 5, 2 * 1024 * 1024))
    assert b"".join(pieces) == data[1024 * 1024 - 5 : 3 * 1024 * 1024 - 5]
    assert len(pieces) >= 2  # read in pieces, never whole


def test_nothing_but_a_sha256_names_a_blob(store_app):
    for bad in ("../../etc/passwd", "A" * 64, "a" * 63, ""):
        with pytest.raises(ValueError):
            blobs.exists(bad)


def test_an_upload_lands_in_the_store_and_is_served_from_it(store_app, client):
    ground = build_ground()
    data = jpeg(3, (300, 200)) + os.urandom(2 * 1024 * 1024)
    sha256 = upload_blob(client, ground.token, ground.dossier, data)
    assert blobs.size(sha256) == len(data)
    url, headers = f"/api/v1/media/{sha256}", auth(ground.token)
    whole = client.get(url, headers=headers)
    assert (whole.status_code, whole.mimetype, whole.data) == (200, "image/jpeg", data)
    whole.close()
    part = client.get(url, headers=headers | {"Range": "bytes=1000000-1000099"})
    assert (part.status_code, part.data) == (206, data[1_000_000:1_000_100])
    assert part.headers["Content-Range"] == f"bytes 1000000-1000099/{len(data)}"
    part.close()
    for extra, status in (
        ({"If-None-Match": f'"{sha256}"'}, 304),
        ({"Range": f"bytes={len(data)}-"}, 416),
    ):
        response = client.get(url, headers=headers | extra)
        assert response.status_code == status
        response.close()
    assert upload_blob(client, ground.token, ground.dossier, data) == sha256
