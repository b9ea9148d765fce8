"""The media worker's queue: leases in the database, shared by several workers, crash-proof."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask

from media_samples import ogg_opus
from preuves.core.models import utcnow
from preuves.extensions import db
from preuves.media import blobs
from preuves.media.derivatives import jobs, leases, process, worker
from preuves.media.derivatives.making import Made
from preuves.media.derivatives.models import Derivative


def enqueue(count: int) -> list[str]:
    sha256s = [f"{index:064x}" for index in range(1, count + 1)]
    for sha256 in sha256s:
        jobs.enqueue_for_blob(sha256, "audio/ogg")
    db.session.commit()
    return sha256s


def test_two_workers_never_make_the_same_derivative_twice(app: Flask, monkeypatch) -> None:
    sha256s = enqueue(40)
    made: Counter[str] = Counter()
    lock = threading.Lock()

    def fake_make(name: str, source_type: str, source: Path, folder: Path, beat) -> Made:
        with lock:
            made[source.name] += 1
        return Made(None)

    monkeypatch.setattr(worker, "make", fake_make)
    monkeypatch.setattr(worker, "local_copy", lambda sha256, folder: NamedPath(sha256))
    counts: list[int] = []

    def one_worker() -> None:
        with app.app_context():
            counts.append(worker.run(once=True, idle_seconds=0.1))
            db.session.remove()

    threads = [threading.Thread(target=one_worker) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(made) == sorted(sha256s)
    assert set(made.values()) == {1}
    assert sum(counts) == 40
    statuses = {row["status"] for sha in sha256s for row in jobs.statuses(sha)}
    assert statuses == {"not_needed"}


class NamedPath:
    """A stand-in for local_copy: a context manager yielding a path named after the blob."""

    def __init__(self, sha256: str) -> None:
        self.path = Path(sha256)

    def __enter__(self) -> Path:
        return self.path

    def __exit__(self, *exc: object) -> None:
        return None


def test_a_claimed_job_is_not_given_to_another_worker(app: Flask) -> None:
    enqueue(1)
    first = leases.claim("worker-a")
    assert first is not None and first.attempts == 1
    assert leases.claim("worker-b") is None


def test_a_crashed_workers_job_is_taken_again_when_its_lease_expires(app: Flask) -> None:
    enqueue(1)
    crashed = leases.claim("worker-a")
    assert crashed is not None
    expire(crashed.id)

    again = leases.claim("worker-b")
    assert again is not None and again.id == crashed.id and again.attempts == 2
    # The first worker wakes up: its lease is gone, it may not record anything.
    assert not leases.finish(crashed, "ready")
    assert leases.finish(again, "not_needed")
    assert db.session.get(Derivative, again.id).status == "not_needed"


def test_a_job_that_keeps_crashing_its_worker_fails_in_the_end(app: Flask) -> None:
    app.config["MEDIA_MAX_ATTEMPTS"] = 2
    (sha256,) = enqueue(1)
    for name in ("a", "b"):
        held = leases.claim(name)
        assert held is not None
        expire(held.id)
    assert leases.claim("c") is None
    row = jobs.find(sha256, "web")
    assert row.status == "failed" and "2 times" in row.error and row.leased_by is None


def test_an_unexpected_error_is_retried_later_then_fails(app: Flask, monkeypatch) -> None:
    app.config["MEDIA_RETRY_SECONDS"] = 0
    (sha256,) = enqueue(1)

    def broken(*args: object) -> Made:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(worker, "make", broken)
    monkeypatch.setattr(worker, "local_copy", lambda sha256, folder: NamedPath(sha256))

    assert worker.run_one("w")
    row = jobs.find(sha256, "web")
    assert (row.status, row.attempts, row.error) == ("pending", 1, worker.UNEXPECTED)
    assert worker.run(once=True, idle_seconds=0.1) == 2
    db.session.expire_all()
    row = jobs.find(sha256, "web")
    assert (row.status, row.attempts) == ("failed", 3)


def test_a_long_conversion_renews_its_lease(app: Flask) -> None:
    enqueue(1)
    held = leases.claim("worker-a")
    expire(held.id)
    assert leases.renew(held)
    assert leases.claim("worker-b") is None


def expire(row_id: int) -> None:
    """Pretend the lease ran out (the worker died without a word)."""
    row = db.session.get(Derivative, row_id)
    db.session.refresh(row)
    row.lease_until = utcnow() - timedelta(seconds=1)
    db.session.commit()


def test_the_tool_runner_beats_while_a_tool_runs_and_stops_when_the_lease_is_lost(
    monkeypatch,
) -> None:
    monkeypatch.setattr(process, "HEARTBEAT_SECONDS", 0.05)
    beats: list[int] = []
    process.run_tool(["sleep", "0.3"], lambda: beats.append(1) or True)
    assert len(beats) >= 2

    with pytest.raises(process.LeaseLost):
        process.run_tool(["sleep", "30"], lambda: False)
    with pytest.raises(process.ConversionFailed):
        process.run_tool(["false"], lambda: True)


def test_the_media_worker_command_drains_the_queue(app: Flask, tmp_path: Path) -> None:
    """The real console script, in its own process, on this test's database and blob store."""
    sha256 = blobs.put_bytes(ogg_opus(tmp_path / "note.ogg").read_bytes())
    jobs.enqueue_for_blob(sha256, "audio/ogg")
    db.session.commit()
    env = os.environ | {
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "PREUVES_INSTANCE": str(tmp_path / "instance"),
        "PREUVES_BLOB_DIR": app.config["BLOB_DIR"],
        "PREUVES_SECRET_KEY": "test",
    }
    preuves = Path(sys.executable).with_name("preuves")
    done = subprocess.run(
        [str(preuves), "media-worker", "--once"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "1 dérivé(s) traité(s)" in done.stdout
    db.session.expire_all()
    assert jobs.find(sha256, "web").status == "ready"
