"""Preuves for gunicorn, counting the upload body bytes the server actually read.

PREUVES_THROTTLE_BPS, if set, slows reading down to that many bytes per second (a workshop's
Wi-Fi), so that a test can cut an upload in its middle even on localhost. Each worker process
keeps its running total in PREUVES_COUNT_DIR/<pid>, rewritten after every read, so that the
count survives the process being killed mid-request: the test then knows, from the server's
side, how many bytes were sent twice across an interruption.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from preuves import create_app

COUNTED = ("POST", "PATCH")
THROTTLE = int(os.environ.get("PREUVES_THROTTLE_BPS") or 0)


class CountingInput:
    """wsgi.input that adds what is read to the process's total."""

    def __init__(self, stream: Any, counter: BodyCounter) -> None:
        self.stream, self.counter = stream, counter

    def read(self, *args: Any) -> bytes:
        data = self.stream.read(*args)
        self.counter.add(len(data))
        if THROTTLE:
            time.sleep(len(data) / THROTTLE)
        return data

    def readinto(self, buffer: Any) -> int:
        count = _readinto(self.stream, buffer)
        self.counter.add(count)
        if THROTTLE:
            time.sleep(count / THROTTLE)
        return count

    def readline(self, *args: Any) -> bytes:
        data = self.stream.readline(*args)
        self.counter.add(len(data))
        return data

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


class BodyCounter:
    def __init__(self, app: Any, folder: Path) -> None:
        self.app, self.folder = app, folder
        self.total = 0
        self.lock = threading.Lock()

    def add(self, count: int) -> None:
        if not count:
            return
        with self.lock:
            self.total += count
            # Written beside, then renamed: a kill mid-write must not leave the count empty.
            partial = self.folder / f".{os.getpid()}.tmp"
            partial.write_text(str(self.total))
            partial.replace(self.folder / str(os.getpid()))

    def __call__(self, environ: dict, start_response: Any) -> Iterable[bytes]:
        uploading = environ.get("PATH_INFO", "").startswith("/api/v1/uploads")
        if uploading and environ.get("REQUEST_METHOD") in COUNTED:
            environ["wsgi.input"] = CountingInput(environ["wsgi.input"], self)
        return self.app(environ, start_response)


def total_read(folder: Path) -> int:
    """Body bytes read by every worker process that ever ran."""
    return sum(int(path.read_text() or 0) for path in folder.glob("[0-9]*"))


def _readinto(stream: Any, buffer: Any) -> int:
    """readinto for servers whose body has only read() (gunicorn's)."""
    if hasattr(stream, "readinto"):
        return stream.readinto(buffer) or 0
    data = stream.read(len(buffer))
    buffer[: len(data)] = data
    return len(data)


app = BodyCounter(create_app(), Path(os.environ["PREUVES_COUNT_DIR"]))
