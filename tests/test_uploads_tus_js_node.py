"""tus-js-client in Node against Preuves under gunicorn: 1 MB, 50 MB and 500 MB files, cut at
random offsets by a server killed mid-upload and by the client itself dying, then resumed.

The stored SHA-256 must equal the source's, and the server must read at most one chunk more
than the file per interruption (counted on the server side, tests/interop/counting_app.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from factories import auth
from interop.servers import REPO, Gunicorn
from media_helpers import build_ground
from preuves.extensions import db
from preuves.media import blobs
from preuves.media.models import Upload

NODE = shutil.which("node") or "/usr/bin/node"
CLIENT = REPO / "bench" / "tus_upload.mjs"
MB = 1024 * 1024
RETRIES = [0, 1000, 3000, 5000, 10000, 10000, 10000]
RECORD = "0190a6a4-1c2b-7def-8a00-0000000000aa"
# The smallest MP4 header the sniffer accepts, then noise: a "video" the server takes as it is.
MP4_HEAD = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00\x00\x00\x08free"


def make_file(path: Path, size: int) -> str:
    """A file of `size` bytes that sniffs as MP4; returns its SHA-256."""
    digest = hashlib.sha256()
    with path.open("wb") as out:
        block = MP4_HEAD + os.urandom(MB - len(MP4_HEAD))
        written = 0
        while written < size:
            piece = block[: size - written]
            out.write(piece)
            digest.update(piece)
            written += len(piece)
            block = os.urandom(MB)
    return digest.hexdigest()


class NodeClient:
    """bench/tus_upload.mjs with the PWA's tus-js-client, its upload URL kept in a state file
    against the record id (as the PWA keeps it in IndexedDB)."""

    def __init__(self, server: Gunicorn, file: Path, chunk: int, token: str, dossier_id: str):
        self.server = server
        self.options = {
            "file": str(file),
            "chunkSize": chunk,
            "headers": auth(token),
            "metadata": {"dossier_id": dossier_id, "record_id": RECORD,
                         "filename": "atelier.mp4", "filetype": "video/mp4"},
            "recordId": RECORD,
            "stateFile": str(file.with_suffix(".state.json")),
            "retryDelays": [],
        }  # fmt: skip

    def command(self, **extra: object) -> list[str]:
        options = self.options | {"endpoint": self.server.url + "/api/v1/uploads"} | extra
        return [NODE, str(CLIENT), json.dumps(options)]

    def run_until(self, offset: int, patient: bool = False) -> subprocess.Popen[str]:
        """Start, and return once the client has sent `offset` bytes (it is still sending).

        A patient client retries: after a crash the dead server's lease holds the upload
        (423 Locked) until it expires, and tus clients are expected to wait it out."""
        command = self.command(reportAt=offset, retryDelays=RETRIES if patient else [])
        client = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        assert client.stdout is not None
        line = client.stdout.readline()
        if not line.startswith("REACHED"):
            self.ended(client)
            pytest.fail(f"the client stopped before {offset} bytes: {line}")
        return client

    @staticmethod
    def ended(client: subprocess.Popen[str]) -> int:
        """Wait for a client that was cut off; its exit code."""
        code = client.wait(timeout=60)
        assert client.stdout is not None
        client.stdout.close()
        return code

    def finish(self) -> str:
        """Run to the end; the SHA-256 the server confirmed (Upload-Sha256)."""
        # The server may still hold the killed client's request (423 Locked) for a moment.
        retrying = self.command(retryDelays=RETRIES)
        done = subprocess.run(retrying, capture_output=True, text=True, timeout=900, check=False)
        assert done.returncode == 0 and done.stdout.startswith("DONE"), done.stdout + done.stderr
        return done.stdout.split()[1]


@pytest.fixture
def ground(app):
    return build_ground()


@pytest.mark.parametrize(
    ("size", "chunk"), [(1 * MB, 256 * 1024), (50 * MB, 4 * MB), (500 * MB, 16 * MB)],
    ids=["1MB", "50MB", "500MB"],
)  # fmt: skip
def test_node_tus_js_client_resumes_across_a_server_kill_and_a_client_kill(
    app, ground, tmp_path: Path, size: int, chunk: int
) -> None:
    source = tmp_path / "capture.mp4"
    expected = make_file(source, size)
    # Slow enough to be cut in its middle on localhost (about 3 s), as on a workshop's Wi-Fi.
    server = Gunicorn(app, tmp_path, throttle_bps=size // 3).start()
    client = NodeClient(server, source, chunk, ground.token, str(ground.dossier.id))
    rng = random.Random(size)
    try:
        # 1. The server dies (a power cut) while a chunk is on its way.
        sending = client.run_until(rng.randrange(size // 5, size // 2))
        server.kill()
        assert client.ended(sending) == 1
        server.start()
        # 2. The client dies (the app is closed) while a chunk is on its way.
        sending = client.run_until(rng.randrange(size * 3 // 5, size * 9 // 10), patient=True)
        sending.kill()
        client.ended(sending)
        # 3. Resumed to the end.
        confirmed = client.finish()
        read = server.body_bytes_read()
    finally:
        server.kill()

    assert confirmed == expected
    with blobs.open_blob(expected) as stored:
        assert hashlib.sha256(stored.read()).hexdigest() == expected
    db.session.expire_all()
    upload = db.session.query(Upload).filter(Upload.sha256 == expected).one()
    assert upload.offset == size
    resent = read - size
    assert 0 <= resent <= 2 * chunk, f"{resent} bytes read twice for 2 interruptions"
