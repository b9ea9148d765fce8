"""`preuves media-cleanup`, CORS for tus clients, and the lease that keeps PATCHes apart."""

from __future__ import annotations

import os
import time
import uuid
from datetime import timedelta

import pytest

from factories import auth
from media_helpers import TUS, build_ground, create, jpeg, patch
from preuves.core.models import utcnow
from preuves.extensions import db
from preuves.media import blobs
from preuves.media.cleanup import clean
from preuves.media.leases import Lease, LeaseLost
from preuves.media.models import Upload
from preuves.media.uploads import partial_path


@pytest.fixture
def ground(app):
    return build_ground()


def _upload_id(url: str) -> uuid.UUID:
    return uuid.UUID(url.rsplit("/", 1)[1])


def test_cleanup_drops_expired_uploads_and_orphans_only(app, client, ground):
    data = jpeg(1) + os.urandom(80_000)
    old = create(client, ground.token, len(data), dossier_id=str(ground.dossier.id)).headers[
        "Location"
    ]
    patch(client, ground.token, old, 0, data[:70_000])
    live = create(client, ground.token, len(data), dossier_id=str(ground.dossier.id)).headers[
        "Location"
    ]
    done = create(client, ground.token, len(data), dossier_id=str(ground.dossier.id)).headers[
        "Location"
    ]
    sha256 = patch(client, ground.token, done, 0, data).headers["Upload-Sha256"]
    for url in (old, done):
        db.session.get(Upload, _upload_id(url)).expires_at = utcnow() - timedelta(days=1)
    db.session.commit()
    orphan = partial_path(uuid.uuid4())
    orphan.write_bytes(b"left by an erased dossier")
    os.utime(orphan, (time.time() - 2 * 86400,) * 2)
    assert clean(dry_run=True) == {"uploads": 2, "orphan_files": 1}
    assert partial_path(_upload_id(old)).exists()
    assert clean() == {"uploads": 2, "orphan_files": 1}
    assert not partial_path(_upload_id(old)).exists() and not orphan.exists()
    assert db.session.get(Upload, _upload_id(old)) is None
    assert db.session.get(Upload, _upload_id(live)) is not None
    assert partial_path(_upload_id(live)).exists()
    assert blobs.exists(sha256)  # stored media is never touched
    assert client.head(old, headers=auth(ground.token) | TUS).status_code == 404


def test_the_cleanup_command(app):
    from preuves.cli import cli

    result = app.test_cli_runner().invoke(cli, ["media-cleanup", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "0 uploads, 0 orphan partial files" in result.output


def test_cors_is_closed_unless_configured(app, client):
    preflight = {"Origin": "https://other.example", "Access-Control-Request-Method": "PATCH"}
    closed = client.options("/api/v1/uploads", headers=preflight)
    assert "Access-Control-Allow-Origin" not in closed.headers
    app.config["CORS_ORIGINS"] = ["https://other.example"]
    opened = client.options("/api/v1/uploads/" + str(uuid.uuid4()), headers=preflight)
    assert opened.headers["Access-Control-Allow-Origin"] == "https://other.example"
    assert "PATCH" in opened.headers["Access-Control-Allow-Methods"]
    for header in ("Upload-Offset", "Upload-Checksum", "Tus-Resumable", "Upload-Metadata"):
        assert header in opened.headers["Access-Control-Allow-Headers"]
    exposed = opened.headers["Access-Control-Expose-Headers"]
    for header in ("Location", "Upload-Offset", "Upload-Sha256", "Tus-Max-Size", "Upload-Expires"):
        assert header in exposed


def test_a_lease_is_exclusive_renewable_and_runs_out(app, client, ground):
    app.config["UPLOAD_LEASE_SECONDS"] = 1
    url = create(client, ground.token, 100, dossier_id=str(ground.dossier.id)).headers["Location"]
    first, second = Lease(_upload_id(url)), Lease(_upload_id(url))
    first.acquire()
    with pytest.raises(Exception, match="Another request"):
        second.acquire()
    first.renew(offset=0)
    time.sleep(1.2)  # the holder stalls past its lease...
    second.acquire()  # ...so another request may take the upload,
    with pytest.raises(LeaseLost):
        first.renew()  # and the stalled one learns it before writing anything more
    assert not first.release()
    assert second.release()
