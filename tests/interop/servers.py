"""Preuves under gunicorn in a subprocess, on the test's own database and blob store, so that
a test can kill it mid-upload (as a power cut would) and start it again."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from flask import Flask

REPO = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Gunicorn:
    """The app fixture's database and folders, served by gunicorn like `make run` does."""

    def __init__(self, app: Flask, folder: Path, throttle_bps: int = 0) -> None:
        self.port = free_port()
        self.counts = folder / "counts"
        self.counts.mkdir(parents=True, exist_ok=True)
        self.log = folder / "gunicorn.log"
        self.env = os.environ | {
            "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
            "PREUVES_INSTANCE": str(folder / "instance"),
            "PREUVES_BLOB_DIR": app.config["BLOB_DIR"],
            "PREUVES_SECRET_KEY": app.config["SECRET_KEY"],
            "PREUVES_COUNT_DIR": str(self.counts),
            "PREUVES_THROTTLE_BPS": str(throttle_bps),
        }
        self.process: subprocess.Popen[Any] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Gunicorn:
        command = [str(GUNICORN), "--bind", f"127.0.0.1:{self.port}", "--worker-class", "gthread"]
        command += ["--workers", "2", "--threads", "4", "--no-control-socket"]
        command += ["--pythonpath", str(REPO / "tests" / "interop"), "counting_app:app"]
        with self.log.open("ab") as log:
            # Its own session: kill() takes the master and its workers down together.
            self.process = subprocess.Popen(
                command, env=self.env, stdout=log, stderr=log, start_new_session=True
            )
        self._wait_ready()
        return self

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert self.process is not None and self.process.poll() is None, self.log.read_text()
            try:
                request = urllib.request.Request(self.url + "/api/v1/uploads", method="OPTIONS")
                with urllib.request.urlopen(request, timeout=10):
                    return
            except OSError:  # refused while binding, or a worker still importing the app
                time.sleep(0.1)
        raise AssertionError("gunicorn did not start:\n" + self.log.read_text())

    def kill(self) -> None:
        """SIGKILL, master and workers: nothing is flushed, nothing is said goodbye to."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self.process = None

    def body_bytes_read(self) -> int:
        """Upload body bytes the server read, over every process that ran (counting_app)."""
        return sum(int(path.read_text() or 0) for path in self.counts.glob("[0-9]*"))
