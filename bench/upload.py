"""`make bench-upload`: a 1 GiB upload to Preuves and to the reference Node tus server.

Starts everything itself: Preuves under gunicorn (as `make run` serves it: gthread, 2 workers,
4 threads) on a free port with a throwaway instance (SQLite, or DATABASE_URL if set), and
@tus/server with @tus/file-store (bench/tus_server.mjs). The same tus-js-client
(bench/node_modules) uploads the same file with the same chunk size to each, alternately
(Preuves, @tus/server, Preuves...: noise on this shared machine hits both alike); the medians
count. Preuves verifies the SHA-256 the client announces in its metadata. A plain copy of
the file (with fsync) is the disk's limit. The peak memory of Preuves' processes is read
from /proc (VmHWM) during the run.

Prints a table, then `SUMMARY vs_tus_server=<ratio> vs_disk=<ratio> peak_rss_mb=<n>`.
Targets: vs_tus_server >= 0.9, peak_rss_mb < 150.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "bench"
VENV_BIN = Path(sys.executable).parent
TUS_CLIENT = BENCH / "node_modules" / "tus-js-client" / "lib.esm" / "node" / "index.js"
MIB = 1024 * 1024
MP4_HEAD = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom\x00\x00\x00\x08free"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def make_file(path: Path, size: int) -> str:
    """size bytes of noise behind an MP4 header (a "video" to Preuves); returns the SHA-256."""
    digest = hashlib.sha256()
    with path.open("wb") as out:
        left = size
        block = MP4_HEAD + os.urandom(8 * MIB - len(MP4_HEAD))
        while left > 0:
            piece = block[:left]
            out.write(piece)
            digest.update(piece)
            left -= len(piece)
            block = os.urandom(8 * MIB)
    return digest.hexdigest()


def plain_copy(source: Path, target: Path) -> float:
    """Seconds to copy the file and fsync it: what this disk can do at best."""
    started = time.perf_counter()
    shutil.copyfile(source, target)
    with target.open("rb+") as handle:
        os.fsync(handle.fileno())
    seconds = time.perf_counter() - started
    target.unlink()
    return seconds


def wait_http(url: str, method: str = "OPTIONS", timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(urllib.request.Request(url, method=method), timeout=10):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"bench-upload: {url} did not answer")


def prepare_preuves(folder: Path) -> tuple[dict[str, str], dict[str, str]]:
    """A throwaway instance with the demo data; returns (server env, upload headers+metadata)."""
    instance = folder / "instance"
    env = {
        "PREUVES_INSTANCE": str(instance),
        "PREUVES_BLOB_DIR": str(instance / "blobs"),
        "PREUVES_SECRET_KEY": "bench-" + os.urandom(8).hex(),
        "DATABASE_URL": os.environ.get("DATABASE_URL")
        or f"sqlite:///{instance / 'preuves.sqlite3'}",
    }
    os.environ.update(env)
    from sqlalchemy import select

    from preuves import create_app
    from preuves.demo.seed import seed_demo
    from preuves.dossiers.models import DossierMember
    from preuves.extensions import db
    from preuves.identity.tokens import issue_token
    from preuves.people.operations import find_person_by_email

    app = create_app()
    with app.app_context():
        db.create_all()  # the media tables have no migration yet; create_all is enough here
        seed_demo(if_empty=True)
        worker = find_person_by_email("karim.benali@ateliers-du-val.example")
        dossier_id = db.session.scalar(
            select(DossierMember.dossier_id).where(DossierMember.person_id == worker.id)
        )
        token = issue_token(worker.id, days=1, label="bench-upload")
        db.session.commit()
        db.engine.dispose()
    return env, {"token": token, "dossier_id": str(dossier_id)}


class Process:
    """A server in its own session, stopped with its children."""

    def __init__(self, command: list[str], env: dict[str, str], log: Path) -> None:
        with log.open("ab") as out:
            self.popen = subprocess.Popen(
                command, env=os.environ | env, stdout=out, stderr=out, start_new_session=True
            )

    def stop(self) -> None:
        try:
            os.killpg(self.popen.pid, signal.SIGTERM)
            self.popen.wait(timeout=15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(timeout=15)


def descendants(pid: int) -> list[int]:
    """pid and its children, from /proc (psutil is not installed)."""
    found = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in task.read_text().split():
            found += descendants(int(child))
    return found


def memory_kib(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0


class RssSampler(threading.Thread):
    """Peak resident memory per process of a process tree, while an upload runs."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root, self.peaks, self.done = root, {}, threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            for pid in descendants(self.root):
                seen = max(memory_kib(pid, "VmRSS"), memory_kib(pid, "VmHWM"))
                self.peaks[pid] = max(self.peaks.get(pid, 0), seen)
            time.sleep(0.1)

    def stop(self) -> dict[int, int]:
        self.done.set()
        self.join()
        return self.peaks


def upload(endpoint: str, file: Path, chunk: int, headers: dict, metadata: dict) -> float:
    """Seconds tus-js-client (bench/node_modules) takes to upload the file; checks the hash."""
    options = {"endpoint": endpoint, "file": str(file), "chunkSize": chunk, "headers": headers,
               "metadata": metadata, "tusModule": str(TUS_CLIENT), "retryDelays": []}  # fmt: skip
    done = subprocess.run(
        ["node", str(BENCH / "tus_upload.mjs"), json.dumps(options)],
        capture_output=True, text=True, check=False, timeout=3600,
    )  # fmt: skip
    if done.returncode != 0 or not done.stdout.startswith("DONE"):
        raise SystemExit(f"bench-upload: upload to {endpoint} failed: {done.stdout}{done.stderr}")
    _, sha256, _size, seconds = done.stdout.split()
    if "sha256" in metadata and sha256 != metadata["sha256"]:
        raise SystemExit(f"bench-upload: Preuves confirmed {sha256}, not {metadata['sha256']}")
    return float(seconds)


def start_preuves(folder: Path, warm: Path, sha256s: dict, args) -> tuple[Process, Callable]:
    """gunicorn serving Preuves, warmed up; returns it and a function that uploads the file."""
    env, ground = prepare_preuves(folder)
    port = free_port()
    command = [str(VENV_BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--worker-class",
               "gthread", "--workers", "2", "--threads", "4", "--no-control-socket",
               "--pythonpath", str(args.pythonpath), args.app]  # fmt: skip
    server = Process(command, env, folder / "gunicorn.log")
    endpoint = f"http://127.0.0.1:{port}/api/v1/uploads"
    headers = {"Authorization": f"Bearer {ground['token']}"}
    wait_http(endpoint)
    meta = {"dossier_id": ground["dossier_id"], "filename": "warm.mp4", "filetype": "video/mp4"}
    upload(endpoint, warm, args.chunk, headers, meta | {"sha256": sha256s["warm"]})
    meta |= {"filename": "atelier.mp4", "sha256": sha256s["file"]}
    return server, lambda file: upload(endpoint, file, args.chunk, headers, meta)


def start_tus_server(folder: Path, warm: Path, args) -> tuple[Process, Callable]:
    """@tus/server with @tus/file-store, warmed up; returns it and a function that uploads."""
    port = free_port()
    store = folder / "tus-files"
    store.mkdir()
    command = ["node", str(BENCH / "tus_server.mjs"), str(port), str(store)]
    server = Process(command, {}, folder / "tus-server.log")
    endpoint = f"http://127.0.0.1:{port}/files"
    wait_http(endpoint)
    meta = {"filename": "atelier.mp4", "filetype": "video/mp4"}
    upload(endpoint, warm, args.chunk, {}, meta)

    def to_tus(file: Path) -> float:
        seconds = upload(endpoint, file, args.chunk, {}, meta)
        for done in store.iterdir():  # not timed: keeps /tmp from filling up run after run
            done.unlink()
        return seconds

    return server, to_tus


def interleaved(folder: Path, file: Path, warm: Path, sha256s: dict, args) -> tuple:
    """Both servers up at once, their uploads alternating (A B A B...): the machine's noise
    hits both alike. Returns (Preuves' seconds, @tus/server's seconds, Preuves' peak MiB)."""
    servers = []
    try:
        preuves_server, to_preuves = start_preuves(folder, warm, sha256s, args)
        servers.append(preuves_server)
        tus_server, to_tus = start_tus_server(folder, warm, args)
        servers.append(tus_server)
        sampler = RssSampler(preuves_server.popen.pid)
        sampler.start()
        preuves, tus = [], []
        for _ in range(args.runs):
            preuves.append(to_preuves(file))
            tus.append(to_tus(file))
        peaks = sampler.stop()
    finally:
        for server in servers:
            server.stop()
    return preuves, tus, max(peaks.values()) // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size-mib", type=int, default=1024)
    parser.add_argument("--chunk-mib", type=int, default=8)
    parser.add_argument("--runs", type=int, default=5, help="uploads per server; the median counts")
    parser.add_argument("--logs", type=Path, help="copy the servers' logs into this folder")
    # For experiments: serve a variant of the app (e.g. a module that patches one setting).
    parser.add_argument("--app", default="preuves.wsgi:app", help="gunicorn's app spec")
    parser.add_argument("--pythonpath", type=Path, default=REPO / "backend")
    args = parser.parse_args()
    args.chunk = args.chunk_mib * MIB
    size = args.size_mib * MIB
    with tempfile.TemporaryDirectory(prefix="preuves-bench-upload-") as tmp:
        folder = Path(tmp)
        file, warm = folder / "capture.mp4", folder / "warm.mp4"
        sha256s = {"file": make_file(file, size), "warm": make_file(warm, 2 * MIB + 123)}
        disk = plain_copy(file, folder / "copy.mp4")
        preuves, tus, peak_mb = interleaved(folder, file, warm, sha256s, args)
        if args.logs:
            args.logs.mkdir(parents=True, exist_ok=True)
            for log in folder.glob("*.log"):
                shutil.copy(log, args.logs / log.name)
    report(size, args, disk, preuves, tus, peak_mb)


def report(size: int, args, disk: float, preuves: list, tus: list, peak_mb: int) -> None:
    mbps = lambda seconds: size / MIB / seconds  # noqa: E731
    mid_preuves, mid_tus = statistics.median(preuves), statistics.median(tus)
    speed_preuves, speed_tus, copy = mbps(mid_preuves), mbps(mid_tus), mbps(disk)
    print(f"\nUpload of {args.size_mib} MiB, tus-js-client {args.chunk_mib} MiB chunks, "
          f"median of {args.runs}, the two servers alternating (MiB/s)")  # fmt: skip
    print(f"{'':34}{'MiB/s':>10}{'seconds':>10}")
    rows = [("Preuves (gunicorn, sha256 checked)", speed_preuves, mid_preuves),
            ("@tus/server + @tus/file-store", speed_tus, mid_tus),
            ("plain copy + fsync (disk)", copy, disk)]  # fmt: skip
    for name, speed, seconds in rows:
        print(f"{name:34}{speed:>10.1f}{seconds:>10.2f}")
    print(f"Preuves runs: {', '.join(f'{mbps(s):.0f}' for s in preuves)} MiB/s; "
          f"@tus/server runs: {', '.join(f'{mbps(s):.0f}' for s in tus)} MiB/s")  # fmt: skip
    pairs = [p / t for p, t in zip(tus, preuves, strict=True)]  # speed ratio of each A B pair
    print(f"Ratio of each pair: {', '.join(f'{r:.2f}' for r in pairs)}")
    print(
        "Preuves fdatasyncs every PATCH before confirming its offset; @tus/file-store 2.x "
        "never fsyncs (its confirmed offsets may vanish in a power cut)."
    )
    print(f"Preuves peak RSS (largest gunicorn process, VmHWM): {peak_mb} MiB")
    vs_tus, vs_disk = speed_preuves / speed_tus, speed_preuves / copy
    print(f"SUMMARY vs_tus_server={vs_tus:.2f} vs_disk={vs_disk:.2f} peak_rss_mb={peak_mb}")


if __name__ == "__main__":
    main()
