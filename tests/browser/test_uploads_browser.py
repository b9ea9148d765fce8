"""The PWA's upload module in Chromium, against the real server: 1 MB, 50 MB and 500 MB captures cut
by the Wi-Fi going away (the server stops) and by the page being reloaded mid-chunk, then resumed
from IndexedDB. The server must hold the very bytes, and read at most one chunk twice per cut."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Page

from media_helpers import build_ground
from preuves.media import blobs

pytestmark = pytest.mark.browser

MB = 1024 * 1024
RECORD = "0190a6a4-1c2b-7def-8a00-0000000000bb"

# Runs in the page: a capture that sniffs as MP4, kept by the queue, sent with events recorded.
START = """async ({ size, chunk, token, dossierId, recordId }) => {
  const { createUploadQueue } = await import('/lib/uploads/index.js');
  const bytes = new Uint8Array(size);
  for (let at = 0; at < size; at += 65536) crypto.getRandomValues(bytes.subarray(at, at + 65536));
  bytes.set([0, 0, 0, 24, ...new TextEncoder().encode('ftypmp42'), 0, 0, 0, 0,
    ...new TextEncoder().encode('mp42isom')]);
  const blob = new Blob([bytes], { type: 'video/mp4' });
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  window.sourceSha256 = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  window.queue = await createUploadQueue({
    chunkSize: chunk, retryDelays: [0, 300],
    requestHeaders: async () => ({ Authorization: `Bearer ${token}` }),
  });
  window.events = [];
  window.sent = 0;
  for (const type of ['progress', 'done', 'error']) {
    window.queue.addEventListener(type, (event) => {
      if (type === 'progress') window.sent = event.detail.bytesSent;
      else window.events.push({ type, ...event.detail });
    });
  }
  window.queue.add(recordId, blob, { dossierId, filename: 'atelier.mp4' });
  return window.sourceSha256;
}"""

RESUME = """async ({ chunk, token }) => {
  const { createUploadQueue } = await import('/lib/uploads/index.js');
  window.events = [];
  window.sent = 0;
  window.queue = await createUploadQueue({
    chunkSize: chunk, retryDelays: [0, 300, 1000, 2000],
    requestHeaders: async () => ({ Authorization: `Bearer ${token}` }),
  });
  for (const type of ['progress', 'done', 'error']) {
    window.queue.addEventListener(type, (event) => {
      if (type === 'progress') window.sent = event.detail.bytesSent;
      else window.events.push({ type, ...event.detail });
    });
  }
  window.queue.resumeAll();
}"""

HELD = """async (recordId) => {
  const { openMediaDb } = await import('/lib/uploads/media-db.js');
  const db = await openMediaDb();
  const [blob, upload] = [await db.getBlob(recordId), await db.getUpload(recordId)];
  db.close();
  return { blobSize: blob ? blob.blob.size : null, upload };
}"""


class CountingThrottle:
    """WSGI middleware: counts upload body bytes read, and reads them at a Wi-Fi's pace."""

    def __init__(self, app: Any, bytes_per_second: int) -> None:
        self.app, self.rate, self.read, self.lock = app, bytes_per_second, 0, threading.Lock()

    def __call__(self, environ: dict, start_response: Any) -> Iterable[bytes]:
        if environ["PATH_INFO"].startswith("/api/v1/uploads") and environ["REQUEST_METHOD"] in (
            "POST",
            "PATCH",
        ):
            environ["wsgi.input"] = _Counted(environ["wsgi.input"], self)
        return self.app(environ, start_response)


class _Counted:
    def __init__(self, stream: Any, owner: CountingThrottle) -> None:
        self.stream, self.owner = stream, owner

    def _count(self, count: int) -> None:
        with self.owner.lock:
            self.owner.read += count
        time.sleep(count / self.owner.rate)

    def read(self, *args: Any) -> bytes:
        data = self.stream.read(*args)
        self._count(len(data))
        return data

    def readinto(self, buffer: Any) -> int:
        # Werkzeug's LimitedStream reads the request body through readinto.
        count = _readinto(self.stream, buffer)
        self._count(count)
        return count

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


@pytest.fixture
def counter(app) -> Iterator[CountingThrottle]:
    original = app.wsgi_app
    yield CountingThrottle(original, 1)  # replaced per test with the right pace
    app.wsgi_app = original


def wait_for(page: Page, script: str, arg: Any = None, timeout: float = 60_000) -> None:
    page.wait_for_function(script, arg=arg, timeout=timeout)


@pytest.mark.parametrize(
    ("size", "chunk"),
    [(1 * MB, 256 * 1024), (50 * MB, 5 * MB), (500 * MB, 32 * MB)],
    ids=["1MB", "50MB", "500MB"],
)
def test_an_upload_survives_lost_wifi_and_a_reload(
    app, restartable_server, page: Page, counter, size: int, chunk: int
) -> None:
    ground = build_ground()
    counting = CountingThrottle(counter.app, bytes_per_second=size // 4)
    app.wsgi_app = counting
    url = restartable_server.url
    page.goto(url + "/")
    source = page.evaluate(
        START,
        {"size": size, "chunk": chunk, "token": ground.token,
         "dossierId": str(ground.dossier.id), "recordId": RECORD},
    )  # fmt: skip

    # 1. The Wi-Fi goes at about a third: the queue reports it, and keeps blob and upload URL.
    wait_for(page, "(n) => window.sent >= n", size // 3)
    restartable_server.stop()
    wait_for(page, "() => window.events.some((e) => e.type === 'error')")
    error = page.evaluate("window.events.find((e) => e.type === 'error')")
    assert error["code"] == "offline" and error["recordId"] == RECORD
    assert error["message"] == "Pas d'internet pour le moment. L'envoi reprendra tout seul."
    held = page.evaluate(HELD, RECORD)
    assert held["blobSize"] == size
    assert held["upload"]["uploadUrl"].startswith("/api/v1/uploads/")
    assert held["upload"]["state"] == "waiting"

    # 2. The Wi-Fi is back; the page is reloaded while a chunk is on its way.
    restartable_server.start()
    page.evaluate(RESUME, {"chunk": chunk, "token": ground.token})
    wait_for(page, "(n) => window.sent >= n", size * 2 // 3)
    page.reload()

    # 3. The new page resumes from IndexedDB alone (no File object survives a reload).
    page.evaluate(RESUME, {"chunk": chunk, "token": ground.token})
    wait_for(page, "() => window.events.some((e) => e.type !== 'progress')", timeout=300_000)
    events = page.evaluate("window.events")
    assert [e["type"] for e in events] == ["done"], events
    assert events[0]["sha256"] == source
    with blobs.open_blob(source) as stored:
        assert hashlib.sha256(stored.read()).hexdigest() == source
    held = page.evaluate(HELD, RECORD)
    assert held == {"blobSize": None, "upload": None}
    resent = counting.read - size
    assert 0 <= resent <= 2 * chunk, f"{resent} bytes read twice for 2 cuts"
    assert page.errors == []  # type: ignore[attr-defined]


def _readinto(stream: Any, buffer: Any) -> int:
    """readinto for servers whose body has only read() (gunicorn's)."""
    if hasattr(stream, "readinto"):
        return stream.readinto(buffer) or 0
    data = stream.read(len(buffer))
    buffer[: len(data)] = data
    return len(data)
