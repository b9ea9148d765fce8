"""The worker loop behind `preuves media-worker`: claim a job, make it, record the outcome."""

from __future__ import annotations

import logging
import os
import socket
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.exc import OperationalError

from preuves.extensions import db
from preuves.media.derivatives import leases
from preuves.media.derivatives.errors import ConversionFailed
from preuves.media.derivatives.making import local_copy, make, store
from preuves.media.derivatives.models import FAILED, NOT_NEEDED, READY
from preuves.media.derivatives.process import LeaseLost

log = logging.getLogger(__name__)

UNEXPECTED = "The conversion failed on the server. It will be tried again."


def worker_name() -> str:
    """Unique per process, readable in the table: host, pid, a random tail."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def run_one(worker: str) -> bool:
    """Take and make one job; False when there was none to take."""
    held = leases.claim(worker)
    if held is None:
        return False
    log.info("derivative %s of %s: start (attempt %s)", held.name, held.sha256, held.attempts)
    try:
        with tempfile.TemporaryDirectory(prefix="preuves-derivative-") as tmp:
            folder = Path(tmp)
            with local_copy(held.sha256, folder) as source:
                made = make(
                    held.name, held.source_media_type, source, folder, lambda: leases.renew(held)
                )
            if made.path is None:
                leases.finish(held, NOT_NEEDED, error=None)
            else:
                sha256, size = store(made.path)
                leases.finish(
                    held,
                    READY,
                    blob_sha256=sha256,
                    media_type=made.media_type,
                    size=size,
                    error=None,
                )
    except ConversionFailed as failure:
        leases.finish(held, FAILED, error=str(failure))
    except LeaseLost:
        log.warning("derivative %s of %s: lease lost to another worker", held.name, held.sha256)
    except Exception:
        log.exception("derivative %s of %s: unexpected error", held.name, held.sha256)
        db.session.rollback()
        leases.retry_later(held, UNEXPECTED)
    log.info("derivative %s of %s: done", held.name, held.sha256)
    return True


def run(once: bool, idle_seconds: float, should_stop: Callable[[], bool] = lambda: False) -> int:
    """Work until should_stop(); with once, until no job is left. Returns how many were run."""
    worker = worker_name()
    done = 0
    while not should_stop():
        try:
            worked = run_one(worker)
        except OperationalError:
            # The database is away (a restart, a failover): wait for it rather than die.
            log.exception("media worker: database unavailable; waiting")
            db.session.rollback()
            worked = False
        if worked:
            done += 1
        elif once:
            break
        else:
            db.session.remove()  # no connection held while idle
            time.sleep(idle_seconds)
    return done
