"""The bench's Chromium half (bench/jury.py): the plain download, then the PWA's offline copy.

Each run has its own profile on disk (a persistent context, as a tablet keeps its data), so
Blobs and IndexedDB go to disk as they would for a jury member, within the bench's folder.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from playwright.sync_api import BrowserContext, Page, sync_playwright

if TYPE_CHECKING:
    from jury_seed import World

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
        "--disable-sync"]  # fmt: skip
MB = 1_000_000
COPY_TIMEOUT_MS = 600_000
PLAIN_RUNS = 2

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
    plain: Timed  # the best run
    plain_runs: list[float]  # seconds of each run
    preuves: Timed
    open_ms: int  # from the reader's navigation to every piece ready to play
    drawn_ms: int  # ... to the reader drawn (its players still loading)
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
    context = _context(playwright, folder / "profile", base, cookie)
    try:
        page = context.pages[0] if context.pages else context.new_page()
        page.goto(f"{base}/api/v1/health")  # a document of the origin, not the app
        urls = [medium["url"] for medium in media]
        done = page.evaluate(PLAIN_FETCH, {"urls": urls, "lanes": lanes})
    finally:
        context.close()
        shutil.rmtree(folder, ignore_errors=True)  # its blobs: a gigabyte
    expected = sum(medium["bytes"] for medium in media)
    if done["bytes"] != expected:
        raise SystemExit(f"bench-jury: the plain download got {done['bytes']} of {expected} bytes")
    return Timed(done["ms"] / 1000, done["bytes"], done["count"])


def measure_in_chromium(
    base: str,
    world: World,
    media: list[dict],
    folder: Path,
    cut_network: Callable[[], None],
    lanes: int,
) -> BrowserFigures:
    with sync_playwright() as playwright:
        # The limit is the better of two runs (the first also warms the server's disk cache).
        plains = [plain_download(playwright, folder / f"plain-{n}", base, world.cookie, media,
                                 lanes) for n in range(PLAIN_RUNS)]  # fmt: skip
        plain = min(plains, key=lambda run: run.seconds)
        context = _context(playwright, folder / "profile-pwa", base, world.cookie)
        try:
            page = context.pages[0] if context.pages else context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            preuves = offline_copy(page, base, world, media)
            cut_network()
            open_ms, drawn_ms, ready = open_offline(page, base, world, evidence_count(media))
            if errors:
                raise SystemExit(f"bench-jury: script errors in the PWA: {errors[:3]}")
        finally:
            context.close()
    return BrowserFigures(plain, [run.seconds for run in plains], preuves, open_ms, drawn_ms, ready)


# ---------------------------------------------------------------- the jury screens
# The jury-pwa helper's DOM (pwa/src/screens/jury/): a session is an <article data-session-id
# data-state="none|partial|downloading|downloaded">; the reader a <section class="jury-reader"
# data-state="ready">, each piece of evidence an <li data-evidence-id> holding its player.

LOCALE = Path(__file__).resolve().parents[1] / "pwa/src/locales/fr/jury.json"
SESSION = 'article[data-session-id="{session}"]'
DOWNLOADED = SESSION + '[data-state="downloaded"]'
# Ready: every piece shown, played from the device (a blob: URL), a photo decoded, a video or a
# voice note with its metadata read (what `preload="metadata"` asks; enough to press play).
READER_READY = """(expected) => {
  if (!document.querySelector('section.jury-reader[data-state="ready"]')) return false;
  window.benchDrawnAt ??= performance.now();
  const items = [...document.querySelectorAll('li.jury-evidence[data-evidence-id]')];
  if (items.length < expected) return false;
  const players = items.map((item) => item.querySelector(':scope > :is(img, video, audio)'));
  const loaded = (player) =>
    player.tagName === 'IMG' ? player.complete && player.naturalWidth > 0 : player.readyState >= 1;
  const ready = players.filter((player) => player?.src.startsWith('blob:') && loaded(player));
  const done = {ms: performance.now(), drawn: window.benchDrawnAt, ready: ready.length};
  return ready.length === items.length ? done : false;
}"""


def offline_copy(page: Page, base: str, world: World, media: list[dict]) -> Timed:
    """#/jury, Download pressed, until the session's copy says it is complete."""
    page.goto(f"{base}/#/jury")
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=120_000)
    label = json.loads(LOCALE.read_text())["jury.download.start"]
    button = page.locator(SESSION.format(session=world.session_id)).get_by_role(
        "button", name=label
    )
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


def open_offline(page: Page, base: str, world: World, expected: int) -> tuple[int, int, int]:
    """A cold load of the reader with the server stopped; ms until every piece is ready."""
    page.goto("about:blank")
    page.goto(f"{base}/#/jury-dossier/{world.session_id}/{world.dossier_id}")
    found = page.wait_for_function(READER_READY, arg=expected, timeout=120_000, polling="raf")
    result = found.json_value()
    return round(result["ms"]), round(result["drawn"]), result["ready"]


def evidence_count(media: list[dict]) -> int:
    """Pieces of evidence the reader must show (a spoken caption is not one)."""
    return len({m["evidence_id"] for m in media if m["use"] == "evidence" and m["evidence_id"]})
