"""`make bench-jury`: a jury member's offline copy of a 200-piece dossier (about 1 GB).

Starts everything itself, in a temporary folder removed at the end: a throwaway instance
(SQLite, or DATABASE_URL if set), the dossier's media made with ffmpeg and Pillow (bench/
jury_media.py) and stored through the real blob store (bench/jury_seed.py), the media
worker (`preuves media-worker --once`, twice in parallel) so that every web-playable copy the
manifest names exists, then Preuves under gunicorn as `make run` serves it.

Measured, over HTTP on this machine:
- the limit: a plain download of the URLs the offline manifest lists
  (GET /api/v1/jury-sessions/<id>/offline), with `fetch` into Blobs in Chromium, at the
  PWA's concurrency; and, for reference, with Python `requests`;
- Preuves: Chromium (Debian's, through Playwright) signed in as the jury member opens
  `#/jury`, presses Download and waits until the copy is complete; the server is then
  stopped (no network at all, the service worker's included), and the reader
  `#/jury-dossier/<session>/<dossier>` is loaded cold until every piece of evidence is ready.

The last line is `SUMMARY vs_plain_download=<ratio> open_ms=<n>`: the plain download's
time over Preuves' (1.0: as fast as the limit), and the offline open in milliseconds.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import requests

from jury_browser import BrowserFigures, Timed, measure_in_chromium
from jury_media import make_media
from jury_seed import World, seed
from upload import Process, free_port

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
MB = 1_000_000
DOWNLOAD_JS = ROOT / "pwa/src/lib/jury/download.js"


def pwa_concurrency() -> int:
    """The PWA's download lanes (`CONCURRENCY` in download.js): the plain download uses as many."""
    found = re.search(r"export const CONCURRENCY = (\d+);", DOWNLOAD_JS.read_text())
    if found is None:
        raise SystemExit(f"bench-jury: no `export const CONCURRENCY = <n>;` in {DOWNLOAD_JS}")
    return int(found.group(1))


def instance_env(folder: Path) -> dict[str, str]:
    instance = folder / "instance"
    instance.mkdir()
    return {
        "PREUVES_INSTANCE": str(instance),
        "PREUVES_BLOB_DIR": str(instance / "blobs"),
        "PREUVES_SECRET_KEY": "bench-" + os.urandom(8).hex(),
        "DATABASE_URL": os.environ.get("DATABASE_URL")
        or f"sqlite:///{instance / 'preuves.sqlite3'}",
    }


def prepare_derivatives(env: dict[str, str], folder: Path, workers: int = 2) -> float:
    """Run the media worker until every derivative is made; seconds it took."""
    started = time.perf_counter()
    command = [str(VENV_BIN / "preuves"), "media-worker", "--once"]
    logs = [(folder / f"media-worker-{n}.log").open("wb") for n in range(workers)]
    running = [subprocess.Popen(command, env=os.environ | env, stdout=log, stderr=log)
               for log in logs]  # fmt: skip
    try:
        for process in running:
            process.wait(timeout=900)
    finally:
        for process, log in zip(running, logs, strict=True):
            if process.poll() is None:
                process.kill()  # a stuck conversion: the bench fails below, nothing is left
                process.wait()
            log.close()
    return time.perf_counter() - started


def check_derivatives(app) -> None:
    """Every derivative ready: else the manifest would send originals and say nothing."""
    from sqlalchemy import func, select

    from preuves.extensions import db
    from preuves.media.derivatives.models import READY, Derivative

    with app.app_context():
        query = select(Derivative.status, func.count()).group_by(Derivative.status)
        counts = dict(db.session.execute(query).all())
        db.session.remove()
    if set(counts) - {READY, "not_needed"}:
        raise SystemExit(f"bench-jury: derivatives not all made: {counts}")


def snapshot_pwa(folder: Path) -> Path:
    """A copy of the built PWA, served for the whole run: a `make pwa` elsewhere meanwhile
    (pwa/dist is rebuilt in place) would break the service worker's install half-way."""
    dist, copy = ROOT / "pwa/dist", folder / "pwa-dist"
    for _attempt in range(10):
        stamp = dist / ".stamp"
        before = stamp.stat().st_mtime if stamp.is_file() else None
        shutil.rmtree(copy, ignore_errors=True)
        if before is not None:
            shutil.copytree(dist, copy)
            if stamp.is_file() and stamp.stat().st_mtime == before:
                return copy
        time.sleep(3)  # a build is under way
    raise SystemExit("bench-jury: no finished build in pwa/dist: run `make pwa`")


@contextmanager
def gunicorn(env: dict[str, str], folder: Path) -> Iterator[tuple[str, Process]]:
    """Preuves served like `make run` (gunicorn, gthread, 2 workers of 4 threads), the PWA
    from the bench's snapshot of the build (bench/jury_app.py)."""
    port = free_port()
    command = [str(VENV_BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--worker-class",
               "gthread", "--workers", "2", "--threads", "4", "--graceful-timeout", "5",
               "--no-control-socket", "--pythonpath", str(ROOT / "bench"),
               "jury_app:create_app()"]  # fmt: skip
    env = env | {"BENCH_JURY_PWA_DIR": str(snapshot_pwa(folder))}
    server = Process(command, env, folder / "gunicorn.log")
    base = f"http://localhost:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                requests.get(f"{base}/api/v1/health", timeout=2).raise_for_status()
                break
            except requests.RequestException:
                if time.monotonic() > deadline or server.popen.poll() is not None:
                    raise SystemExit(f"bench-jury: gunicorn did not start ({folder})") from None
                time.sleep(0.2)
        yield base, server
    finally:
        if server.popen.poll() is None:
            server.stop()


def fetch_manifest(base: str, world: World) -> dict:
    url = f"{base}/api/v1/jury-sessions/{world.session_id}/offline"
    answer = requests.get(url, cookies={"preuves_session": world.cookie}, timeout=60)
    if answer.status_code != 200:
        raise SystemExit(f"bench-jury: {url}: {answer.status_code} {answer.text[:300]}")
    return answer.json()


def manifest_media(manifest: dict) -> list[dict]:
    """Each medium once (a medium shared by two dossiers is downloaded once)."""
    seen: dict[str, dict] = {}
    for dossier in manifest["dossiers"]:
        for medium in dossier["media"]:
            seen.setdefault(medium["url"], medium)
    return list(seen.values())


def python_download(base: str, world: World, media: list[dict], lanes: int) -> Timed:
    """`requests`, one connection per lane, every body read whole and counted."""
    local = threading.local()

    def get(medium: dict) -> int:
        if not hasattr(local, "http"):
            local.http = requests.Session()
            local.http.cookies.set("preuves_session", world.cookie)
        with local.http.get(base + medium["url"], stream=True, timeout=120) as answer:
            answer.raise_for_status()
            size = sum(len(part) for part in answer.iter_content(1024 * 1024))
        if size != medium["bytes"]:
            raise SystemExit(
                f"bench-jury: {medium['url']} gave {size} bytes, not {medium['bytes']}"
            )
        return size

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=lanes) as pool:
        sizes = list(pool.map(get, media))
    return Timed(time.perf_counter() - started, sum(sizes), len(sizes))


def prepare(folder: Path, count: int) -> tuple[dict[str, str], World]:
    """The instance, its world and media, and every web copy made; says how long it took."""
    env = instance_env(folder)
    os.environ.update(env)
    from preuves import create_app

    started = time.perf_counter()
    media = make_media(folder / "media", count)
    size = sum(m.size for m in media) / MB
    app = create_app()
    world = seed(app, media)
    made = time.perf_counter() - started
    derivatives = prepare_derivatives(env, folder)
    check_derivatives(app)
    print(f"Prepared: {len(media)} files, {size:.0f} MB, made and stored in {made:.0f} s; "
          f"web copies made in {derivatives:.0f} s", flush=True)  # fmt: skip
    return env, world


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=200, help="pieces of evidence")
    parser.add_argument("--keep", type=Path, help="copy the logs into this folder")
    args = parser.parse_args()
    lanes = pwa_concurrency()
    with tempfile.TemporaryDirectory(prefix="preuves-bench-jury-") as tmp:
        folder = Path(tmp)
        env, world = prepare(folder, args.count)
        with gunicorn(env, folder) as (base, server):
            listed = manifest_media(fetch_manifest(base, world))
            python = python_download(base, world, listed, lanes)
            browser = measure_in_chromium(base, world, listed, folder, server.stop, lanes)
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            for log in folder.glob("*.log"):
                (args.keep / log.name).write_bytes(log.read_bytes())
    report(listed, python, browser, lanes)


def report(listed: list[dict], python: Timed, browser: BrowserFigures, lanes: int) -> None:
    kinds: dict[str, int] = {}
    for medium in listed:
        kind = medium["media_type"].split("/")[0]
        kinds[kind] = kinds.get(kind, 0) + 1
    total = sum(m["bytes"] for m in listed)
    print(f"\nJury offline copy: {len(listed)} media listed by the manifest, {total / MB:.0f} MB "
          f"({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))}), "
          f"{lanes} downloads at a time, as the PWA")  # fmt: skip
    print(f"{'':46}{'seconds':>9}{'MB/s':>9}{'media':>7}{'MB':>7}")
    plain = browser.plain
    rows = [("Preuves: Download pressed -> copy complete", browser.preuves),
            ("plain fetch() into Blobs, Chromium (limit)", plain),
            ("plain download, Python requests (reference)", python)]  # fmt: skip
    for name, row in rows:
        print(
            f"{name:46}{row.seconds:>9.2f}{row.mb_per_s:>9.1f}{row.count:>7}{row.bytes / MB:>7.0f}"
        )
    runs = ", ".join(f"{seconds:.2f}" for seconds in browser.plain_runs)
    print(f"Plain fetch() runs: {runs} s (the best is the limit)")
    print(f"Offline (server stopped), cold load of the reader: drawn at {browser.drawn_ms} ms, "
          f"all {browser.ready_count} pieces ready to play at {browser.open_ms} ms")  # fmt: skip
    ratio = plain.seconds / browser.preuves.seconds if browser.preuves.seconds else 0.0
    print(f"SUMMARY vs_plain_download={ratio:.2f} open_ms={browser.open_ms}")


if __name__ == "__main__":
    main()
