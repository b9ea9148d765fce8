"""Interop with the Python tus client (tuspy) against gunicorn, through a proxy that cuts
connections, and across real server crashes and restarts.

Acceptance of issue 4: 1 MB, 50 MB and 500 MB, interrupted at random offsets and resumed;
the stored SHA-256 is the source's; at most one chunk is sent again per interruption. The
figures are printed (pytest -s); speed itself is measured by `make bench-upload`.
"""

from __future__ import annotations

import os
import random
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from tusclient.client import TusClient
from tusclient.exceptions import TusCommunicationError, TusUploadFailed

from media_helpers import build_ground
from preuves.extensions import db
from preuves.media import blobs
from preuves.media.models import Blob, MediaLink, Upload
from uploads_live import CuttingProxy, Gunicorn

MB = 1_000_000
MIB = 1024 * 1024
LEASE_SECONDS = 2
RETRY_DELAY = 1.0
SEED = int(os.environ.get("PREUVES_INTEROP_SEED", "20261123"))


@pytest.fixture
def server(app, tmp_path: Path) -> Iterator[Gunicorn]:
    env = {
        "DATABASE_URL": str(app.config["SQLALCHEMY_DATABASE_URI"]).replace("+psycopg", ""),
        "PREUVES_INSTANCE": str(tmp_path / "instance"),
        "PREUVES_SECRET_KEY": "interop-test",
        "PREUVES_BLOB_DIR": app.config["BLOB_DIR"],
        "PREUVES_UPLOAD_DIR": str(tmp_path / "uploads"),
        "PREUVES_UPLOAD_LEASE_SECONDS": str(LEASE_SECONDS),
    }
    gunicorn = Gunicorn(env, tmp_path / "gunicorn.log")
    gunicorn.start()
    yield gunicorn
    gunicorn.stop()


def random_file(path: Path, size: int, rng: random.Random) -> None:
    with path.open("wb") as out:
        left = size
        while left:
            block = rng.randbytes(min(4 * MIB, left))
            out.write(block)
            left -= len(block)


def upload_with_cuts(
    server: Gunicorn,
    token: str,
    dossier_id: uuid.UUID,
    path: Path,
    chunk: int,
    cuts: list[tuple[int, str]],
    checksum: bool,
) -> tuple[str, str, CuttingProxy]:
    """Upload through the proxy; each cut drops the connection or crashes the server."""
    proxy = CuttingProxy(server.port)
    for at, how in cuts:
        proxy.cut_at(at, server.crash if how == "crash" else (lambda: None))
    client = TusClient(f"{proxy.url}/api/v1/uploads", headers={"Authorization": f"Bearer {token}"})
    metadata = {"dossier_id": str(dossier_id), "filename": path.name, "filetype": "video/mp4"}
    options = {"chunk_size": chunk, "retries": 0, "upload_checksum": checksum}
    with path.open("rb") as stream:  # tuspy leaves files it opens itself unclosed
        uploader = client.uploader(file_stream=stream, metadata=metadata, **options)
        url = uploader.create_url()
        uploader.set_url(url)
        uploader.offset = 0
        for _attempt in range(len(cuts) + 3):
            try:
                uploader.upload()
                break
            except (TusUploadFailed, TusCommunicationError, requests.ConnectionError):
                if server.process is not None and server.process.poll() is not None:
                    server.start()  # a restart after the crash, on the same database and disk
                    time.sleep(LEASE_SECONDS + 0.5)  # the crashed worker's lease runs out
                else:
                    # As tus-js-client's retry delays do: the server is still saving what the
                    # cut request brought; resuming at once would meet its lease (423).
                    time.sleep(RETRY_DELAY)
                # A new uploader asks the server (HEAD) where to resume.
                uploader = client.uploader(file_stream=stream, url=url, **options)
        else:
            pytest.fail("the upload did not finish after its planned interruptions")
    proxy.close()
    return url, uploader.request.response_headers["upload-sha256"], proxy


CASES = [
    pytest.param(1 * MB, 256 * 1024, ["drop"], False, id="1MB"),
    pytest.param(50 * MB, 8 * MIB, ["drop", "crash"], True, id="50MB-checksums"),
    pytest.param(500 * MB, 32 * MIB, ["drop", "crash", "drop"], False, id="500MB"),
]


@pytest.mark.parametrize(("size", "chunk", "interruptions", "checksum"), CASES)
def test_tuspy_resumes_across_cuts_and_restarts(
    app, server, tmp_path, size, chunk, interruptions, checksum
):
    rng = random.Random(f"{SEED}-{size}")
    ground = build_ground()
    source = tmp_path / "capture.mp4"
    random_file(source, size, rng)
    _stamp_mp4(source)
    expected = _sha256(source)
    cuts = sorted((rng.randrange(size // 10, size * 9 // 10), how) for how in interruptions)
    started = time.monotonic()
    url, confirmed, proxy = upload_with_cuts(
        server, ground.token, ground.dossier.id, source, chunk, cuts, checksum
    )
    seconds = time.monotonic() - started
    resent = proxy.body_bytes - size
    db.session.expire_all()
    upload = db.session.get(Upload, uuid.UUID(url.rsplit("/", 1)[1]))
    print(
        f"\nINTEROP size={size} chunk={chunk} checksum={checksum} cuts={[c for c in cuts]} "
        f"body_bytes_sent={proxy.body_bytes} resent={resent} "
        f"server_received={upload.received} seconds={seconds:.1f}"
    )
    assert proxy.cuts == len(interruptions)
    assert confirmed == expected == upload.sha256
    assert blobs.size(expected) == size
    assert blobs.hash_file(blobs.blob_path(expected)) == expected
    assert db.session.get(Blob, expected).media_type == "video/mp4"
    assert db.session.get(MediaLink, (expected, ground.dossier.id)) is not None
    assert 0 <= resent <= len(interruptions) * chunk


def _stamp_mp4(path: Path) -> None:
    """Random bytes after a real MP4 `ftyp` box: the server sniffs content, not names."""
    with path.open("r+b") as handle:
        handle.write(b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom")


def _sha256(path: Path) -> str:
    return blobs.hash_file(path)
