"""The bench's Chromium half (bench/jury.py): the plain download, then the PWA's offline copy.

Each run has its own profile on disk (a persistent context, as a tablet keeps its data), so
Blobs and IndexedDB go to disk as they would for a jury member, within the bench's folder.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import BrowserContext, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
        "--disable-sync"]  # fmt: skip
MB = 1_000_000
COPY_TIMEOUT_MS = 600_000

# `lanes` fetches at a time, each body read into a Blob and kept until the end: the least a
# browser can do to hold the files, with nothing stored.
PLAIN_FETCH = """async ({urls, lanes}) => {
  const blobs = new Array(urls.length);
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < urls.length) {
      const index = next++;
      const answer = await fetch(urls[index], {credentials: 'same-origin'});
      if (!answer.ok) throw new Error(`${urls[index]}: ${answer.status}`);
      blobs[index] = await answer.blob();
    }
  };
  await Promise.all(Array.from({length: lanes}, lane));
  const ms = performance.now() - started;
  return {ms, bytes: blobs.reduce((sum, blob) => sum + blob.size, 0), count: blobs.length};
}"""


@dataclass(frozen=True)
class Timed:
    seconds: float
    bytes: int
    count: int

    @property
    def mb_per_s(self) -> float:
        return self.bytes / MB / self.seconds if self.seconds else 0.0


@dataclass(frozen=True)
class BrowserFigures:
    plain: Timed
    preuves: Timed
    open_ms: int
    ready_count: int


def _context(playwright, profile: Path, base: str, cookie: str) -> BrowserContext:
    context = playwright.chromium.launch_persistent_context(
        str(profile), executable_path=CHROMIUM, args=ARGS, locale="fr-FR",
        service_workers="allow", viewport={"width": 1024, "height": 768},
    )  # fmt: skip
    cookie_row = {"name": "preuves_session", "value": cookie, "url": base}
    context.add_cookies([cookie_row | {"httpOnly": True, "sameSite": "Strict"}])
    return context


def plain_download(playwright, folder: Path, base: str, cookie: str, media: list[dict],
                   lanes: int) -> Timed:  # fmt: skip
    """fetch() into Blobs from a page of the same origin, no service worker in the way."""
    context = _context(playwright, folder / "profile-plain", base, cookie)
    try:
        page = context.pages[0] if context.pages else context.new_page()
        page.goto(f"{base}/api/v1/health")  # a document of the origin, not the app
        urls = [medium["url"] for medium in media]
        done = page.evaluate(PLAIN_FETCH, {"urls": urls, "lanes": lanes})
    finally:
        context.close()
    expected = sum(medium["bytes"] for medium in media)
    if done["bytes"] != expected:
        raise SystemExit(f"bench-jury: the plain download got {done['bytes']} of {expected} bytes")
    return Timed(done["ms"] / 1000, done["bytes"], done["count"])


def measure_in_chromium(
    base: str,
    world,
    media: list[dict],
    folder: Path,
    cut_network: Callable[[], None],
    lanes: int,
) -> BrowserFigures:
    with sync_playwright() as playwright:
        plain = plain_download(playwright, folder, base, world.cookie, media, lanes)
        context = _context(playwright, folder / "profile-pwa", base, world.cookie)
        try:
            page = context.pages[0] if context.pages else context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            preuves = offline_copy(page, base, world, media)
            cut_network()
            open_ms, ready = open_offline(page, base, world)
            if errors:
                raise SystemExit(f"bench-jury: script errors in the PWA: {errors[:3]}")
        finally:
            context.close()
    return BrowserFigures(plain, preuves, open_ms, ready)


# ---------------------------------------------------------------- the jury screens
# The jury-pwa helper's DOM (pwa/src/screens/jury/): see the selectors below.

SESSION_ROW = '[data-jury-session="{session}"]'
DOWNLOAD = SESSION_ROW + ' button[data-action="download"]'
DOWNLOADED = SESSION_ROW + '[data-state="downloaded"]'
READER_READY = """(expected) => {
  const items = document.querySelectorAll('[data-evidence-id]');
  const ready = document.querySelectorAll('[data-evidence-id][data-media-state="ready"]');
  return items.length >= expected && ready.length === items.length
    ? {ms: performance.now(), ready: ready.length} : false;
}"""


def offline_copy(page: Page, base: str, world, media: list[dict]) -> Timed:
    """#/jury, Download pressed, until the session's copy says it is complete."""
    page.goto(f"{base}/#/jury")
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=60_000)
    button = page.locator(DOWNLOAD.format(session=world.session_id))
    button.wait_for(timeout=60_000)
    started = time.perf_counter()
    button.click()
    page.locator(DOWNLOADED.format(session=world.session_id)).wait_for(timeout=COPY_TIMEOUT_MS)
    seconds = time.perf_counter() - started
    stored = page.evaluate(STORED_BYTES, {"personId": world.member_id, "session": world.session_id})
    expected = sum(medium["bytes"] for medium in media)
    if stored["bytes"] != expected or stored["count"] != len(media):
        raise SystemExit(f"bench-jury: the device holds {stored}, not {len(media)} / {expected}")
    return Timed(seconds, stored["bytes"], stored["count"])


# What the device really holds: read from the jury member's IndexedDB (lib/jury/media-store.js).
STORED_BYTES = """({personId, session}) => new Promise((resolve, reject) => {
  const opening = indexedDB.open(`preuves-jury-${personId}`);
  opening.onerror = () => reject(opening.error);
  opening.onsuccess = () => {
    const db = opening.result;
    const all = db.transaction('media').objectStore('media').index('session_id').getAll(session);
    all.onerror = () => reject(all.error);
    all.onsuccess = () => {
      db.close();
      const rows = all.result;
      resolve({count: rows.length, bytes: rows.reduce((sum, row) => sum + row.blob.size, 0)});
    };
  };
})"""


def open_offline(page: Page, base: str, world) -> tuple[int, int]:
    """A cold load of the reader with the server stopped; ms until every piece is ready."""
    page.goto("about:blank")
    page.goto(f"{base}/#/jury-dossier/{world.session_id}/{world.dossier_id}")
    found = page.wait_for_function(READER_READY, arg=1, timeout=120_000, polling="raf")
    result = found.json_value()
    return round(result["ms"]), result["ready"]
