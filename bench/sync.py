"""`make bench-sync`: sync throughput over real HTTP, beside PouchDB replicating the same data.

Starts everything itself. For SQLite, then for a durable PostgreSQL cluster of its own
(fsync and synchronous_commit on, the defaults), it seeds a structure, its people and
their dossiers, serves Preuves with gunicorn as `make run` does, and measures with the
reference client (preuves.sync.client):
- one tablet pushing 10,000 journal entries in batches of 500, then a new device of the
  support worker pulling them (pages of 500);
- 50 devices at once, each its own person and token: 200 entries each in batches of 50,
  then a first pull each.
Then PouchDB (memory adapter) replicates the same 10,000 documents to
`pouchdb-server --in-memory` and back into a fresh memory database.

PostgreSQL and PouchDB are measured in three rounds, taken in turns (PostgreSQL, PouchDB,
PostgreSQL...), each from scratch (a new cluster, a new pouchdb-server); the table shows
each phase's median round, and the rounds' times are printed under it. These machines are
shared: one round of either can be a fifth slower than the next.

The last line is `SUMMARY push_vs_pouchdb=<ratio> pull_vs_pouchdb=<ratio>`, Preuves on
PostgreSQL over PouchDB, in records per second, medians of the rounds (target: at least
1.5).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from preuves.sync.client import HttpTransport, SyncClient

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
BATCH, DEVICE_BATCH = 500, 50
TIMEOUT = 900  # seconds per request: a slow server is measured, not cut off
# The issue's figures; `--records` and `--devices` shrink them for a quick look.
RECORDS, DEVICES, PER_DEVICE = 10_000, 50, 200
ROUNDS = 3  # of PostgreSQL and of PouchDB, in turns: the median is reported
SECRET = "bench-secret-not-for-production"


@dataclass
class Measure:
    """One measured phase: records moved, wall time, and each request's latency."""

    label: str
    records: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    server_errors: int = 0  # 5xx answers, each retried
    failed: str = ""  # why the phase could not finish

    @property
    def rate(self) -> float:
        return self.records / self.seconds if self.seconds else 0.0

    def percentile(self, p: int) -> float:
        if len(self.latencies) < 2:
            return self.latencies[0] * 1000 if self.latencies else 0.0
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[p - 1] * 1000


class ServerFailed(Exception):
    """The server kept failing one request: the phase is reported as failed."""


class Timed:
    """A transport that times every request it carries (thread-safe appends).

    A 5xx answer is counted, then the request is sent again after a pause (pushes are
    idempotent by mutation id): the table shows how many there were.
    """

    def __init__(self, inner: HttpTransport, measure: Measure) -> None:
        self.inner, self.measure = inner, measure

    def __call__(self, method: str, path: str, headers: Any, body: bytes | None) -> Any:
        for attempt in range(40):
            started = time.perf_counter()
            answer = self.inner(method, path, headers, body)
            self.measure.latencies.append(time.perf_counter() - started)
            if answer[0] < 500:
                break
            self.measure.server_errors += 1
            time.sleep(random.uniform(0, min(0.1 * 2**attempt, 2.0)))  # backoff, jitter
        if answer[0] != 200:
            raise ServerFailed(f"{method} {path}: {answer[0]} {answer[2][:200]!r}")
        return answer


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


# ---------------------------------------------------------------- servers


@contextmanager
def durable_postgres(folder: Path) -> Iterator[str]:
    """A throwaway PostgreSQL cluster with the durable defaults (fsync, synchronous_commit)."""
    bindir = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))[-1].parent
    as_pg = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
    folder.mkdir()
    if as_pg:
        shutil.chown(folder, "postgres")
    data, port = folder / "data", free_port()
    run = {"check": True, "cwd": folder, "stdout": subprocess.DEVNULL}
    subprocess.run([*as_pg, bindir / "initdb", "-D", data, "-A", "trust", "-U", "postgres"], **run)
    options = f"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={folder}"
    pg_ctl = [*as_pg, bindir / "pg_ctl", "-D", data, "-w"]
    subprocess.run([*pg_ctl, "-l", folder / "log", "-o", options, "start"], **run)
    try:
        url = f"postgresql://postgres@127.0.0.1:{port}/postgres"
        yield url
    finally:
        subprocess.run([*pg_ctl, "-m", "fast", "stop"], **run)


@contextmanager
def gunicorn(database_url: str, instance: Path) -> Iterator[str]:
    """Preuves served like `make run`: gunicorn, 2 threaded workers, 4 threads each."""
    port = free_port()
    env = os.environ | {
        "DATABASE_URL": database_url,
        "PREUVES_INSTANCE": str(instance),
        "PREUVES_SECRET_KEY": SECRET,
        "PREUVES_BLOB_DIR": str(instance / "blobs"),
    }
    command = [
        VENV_BIN / "gunicorn",
        "--bind",
        f"127.0.0.1:{port}",
        "--worker-class",
        "gthread",
        "--workers",
        "2",
        "--threads",
        "4",
        "--no-control-socket",
        "preuves.wsgi:app",
    ]
    with open(instance / "gunicorn.log", "wb") as log:
        server = subprocess.Popen(command, env=env, stdout=log, stderr=log)
        try:
            wait_for(f"http://127.0.0.1:{port}/api/v1/health")
            yield f"http://127.0.0.1:{port}"
        except BaseException:
            errors = [
                line
                for line in (instance / "gunicorn.log").read_text().splitlines()
                if '"logger": "preuves.request"' not in line
            ]
            print("\n".join(e[:400] for e in errors[-5:]), file=sys.stderr)  # why it failed
            raise
        finally:
            server.terminate()
            server.wait(30)


# ---------------------------------------------------------------- seed


def seed(database_url: str, instance: Path) -> dict[str, Any]:
    """A structure, a lead, a support worker, 51 candidates, a framework; tokens for all."""
    from preuves import create_app
    from preuves.config import normalise_database_url
    from preuves.core.ids import uuid7
    from preuves.core.models import utcnow
    from preuves.extensions import db
    from preuves.frameworks.importer import import_framework
    from preuves.identity.tokens import issue_token
    from preuves.people.operations import invite_person
    from preuves.structures.models import Structure

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": normalise_database_url(database_url),
            "SECRET_KEY": SECRET,
            "BLOB_DIR": str(instance / "blobs"),
        }
    )
    with app.app_context():
        db.create_all()  # the sync tables have no migration yet (the lead writes one)
        structure = Structure(
            id=uuid7(),
            name="ESAT Banc d'essai",
            kind="esat",
            settings={},
            rev=1,
            deleted=False,
            changed_at=utcnow(),
        )
        db.session.add(structure)
        db.session.flush()
        document = json.loads(
            (ROOT / "backend/preuves/demo/data/frameworks/aide-de-cuisine.json").read_text()
        )
        framework = import_framework(document, structure.id, "published")

        def person(role: str, n: int) -> str:
            email = f"{role}-{n}@banc.example"
            invited = invite_person(email, role.title(), str(n), structure.id, role)
            return issue_token(invited.person.id, days=1, label="bench")

        seeded = {
            "structure_id": str(structure.id),
            "framework_id": str(framework.id),
            "support_worker": person("support_worker", 0),
            "candidates": [],
        }
        for n in range(DEVICES + 1):
            invited = invite_person(
                f"candidate-{n}@banc.example", "Candidat", str(n), structure.id, "candidate"
            )
            token = issue_token(invited.person.id, days=1, label="bench")
            seeded["candidates"].append({"id": str(invited.person.id), "token": token})
        db.session.commit()
        db.engine.dispose()
    return seeded


def open_dossiers(base_url: str, seeded: dict[str, Any]) -> list[str]:
    """The support worker opens one dossier per candidate, through a sync push."""
    worker = SyncClient(HttpTransport(base_url, timeout=TIMEOUT), seeded["support_worker"])
    ids = []
    for candidate in seeded["candidates"]:
        dossier = {
            "id": str(uuid.uuid4()),
            "structure_id": seeded["structure_id"],
            "candidate_id": candidate["id"],
            "scheme": "afest",
            "framework_version_id": seeded["framework_id"],
            "modality": None,
            "status": "ouvert",
            "steps": [],
            "selection": {},
        }
        worker.put("dossier", dossier)
        ids.append(dossier["id"])
    worker.push_all()
    refused = [m.problem for m in worker.outbox]
    if refused:
        raise SystemExit(f"could not open the dossiers: {refused[0]}")
    return ids


def journal_entries(dossier_id: str, count: int) -> list[dict[str, Any]]:
    """Small records a candidate's tablet queues: one line of their reflexive journal."""
    return [
        {
            "id": str(uuid.uuid4()),
            "dossier_id": dossier_id,
            "author_role": "candidate",
            "phase": "during",
            "body_text": f"Aujourd'hui j'ai préparé les légumes, étape {n}.",
            "written_at": "2026-11-23T10:00:00+00:00",
        }
        for n in range(count)
    ]


# ---------------------------------------------------------------- measures


def push_and_pull(
    base_url: str, seeded: dict[str, Any], dossier: str, docs: list[dict]
) -> list[Measure]:
    """One tablet pushes every record in batches of 500; a new device pulls them."""
    push, pull = Measure(f"push {RECORDS:,}"), Measure(f"pull {RECORDS:,}")
    tablet = SyncClient(
        Timed(HttpTransport(base_url, timeout=TIMEOUT), push),
        seeded["candidates"][0]["token"],
        batch_size=BATCH,
    )
    for record in docs:
        tablet.put("journal_entry", record)
    started = time.perf_counter()
    tablet.push_all()
    push.seconds, push.records = time.perf_counter() - started, len(docs) - len(tablet.outbox)
    laptop = SyncClient(
        Timed(HttpTransport(base_url, timeout=TIMEOUT), pull),
        seeded["support_worker"],
        page_size=BATCH,
    )
    started = time.perf_counter()
    laptop.pull()
    pull.seconds = time.perf_counter() - started
    pull.records = sum(1 for kind, _id in laptop.store if kind == "journal_entry")
    if tablet.outbox or pull.records < len(docs):
        raise SystemExit(f"lost records: {len(tablet.outbox)} unsent, {pull.records} pulled")
    return [push, pull]


def many_devices(base_url: str, seeded: dict[str, Any], dossiers: list[str]) -> list[Measure]:
    """50 devices at once: each pushes its entries, then (all together again) pulls."""
    push, pull = Measure(f"{DEVICES} devices push"), Measure(f"{DEVICES} devices pull")
    barrier = threading.Barrier(DEVICES + 1)
    failures: list[BaseException] = []

    def device(n: int) -> None:
        try:
            candidate = seeded["candidates"][n + 1]
            tablet = SyncClient(
                Timed(HttpTransport(base_url, timeout=TIMEOUT), push),
                candidate["token"],
                batch_size=DEVICE_BATCH,
            )
            for record in journal_entries(dossiers[n + 1], PER_DEVICE):
                tablet.put("journal_entry", record)
            barrier.wait()
            tablet.push_all()
            barrier.wait()
            fresh = SyncClient(
                Timed(HttpTransport(base_url, timeout=TIMEOUT), pull), candidate["token"]
            )
            fresh.pull()
            barrier.wait()
            assert not tablet.outbox and len(fresh.store) >= PER_DEVICE
        except BaseException as error:  # reported by the main thread
            failures.append(error)
            barrier.abort()

    threads = [threading.Thread(target=device, args=(n,)) for n in range(DEVICES)]
    for thread in threads:
        thread.start()
    try:  # the devices meet at three barriers: ready, pushed, pulled
        barrier.wait()
        started = time.perf_counter()
        for measure in (push, pull):
            barrier.wait()
            measure.seconds = time.perf_counter() - started
            started = time.perf_counter()
    except threading.BrokenBarrierError:
        pass  # a device failed: its error is raised below
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
    push.records = pull.records = DEVICES * PER_DEVICE
    return [push, pull]


def bench_preuves(name: str, database_url: str, folder: Path, docs_file: Path) -> list[Measure]:
    instance = folder / f"instance-{name}"
    instance.mkdir()
    seeded = seed(database_url, instance)
    with gunicorn(database_url, instance) as base_url:
        dossiers = open_dossiers(base_url, seeded)
        docs = journal_entries(dossiers[0], RECORDS)
        docs_file.write_text(json.dumps(docs))
        measures = push_and_pull(base_url, seeded, dossiers[0], docs)
        try:
            measures += many_devices(base_url, seeded, dossiers)
        except ServerFailed as failure:
            phases = (f"{DEVICES} devices push", f"{DEVICES} devices pull")
            measures += [Measure(label, failed=str(failure)) for label in phases]
    for measure in measures:
        measure.label = f"Preuves {name:<10} {measure.label}"
    return measures


def bench_pouchdb(folder: Path, docs_file: Path) -> list[Measure]:
    """PouchDB memory -> pouchdb-server --in-memory -> a fresh PouchDB memory database."""
    port, workdir = free_port(), folder / "pouchdb"
    workdir.mkdir()  # pouchdb-server writes its config.json and log.txt in its cwd
    binary = ROOT / "bench/node_modules/.bin/pouchdb-server"
    with open(workdir / "server.log", "wb") as log:
        server = subprocess.Popen(
            [binary, "--in-memory", "--port", str(port), "--no-stdout-logs"],
            cwd=workdir,
            stdout=log,
            stderr=log,
        )
        try:
            wait_for(f"http://127.0.0.1:{port}/")
            script = ROOT / "bench/pouchdb_sync.mjs"
            out = subprocess.run(
                ["node", script, docs_file, f"http://127.0.0.1:{port}", str(BATCH)],
                check=True,
                capture_output=True,
                text=True,
                cwd=ROOT / "bench",
            )
        finally:
            server.terminate()
            server.wait(30)
    timings = json.loads(out.stdout.strip().splitlines()[-1])
    return [
        Measure(
            f"PouchDB    memory     {phase} {RECORDS:,}",
            timings[phase]["records"],
            timings[phase]["seconds"],
            [ms / 1000 for ms in timings[phase]["latencies_ms"]],
        )
        for phase in ("push", "pull")
    ]


def report(measures: list[Measure]) -> None:
    print(
        f"\n{'':<40} {'records':>8} {'seconds':>8} {'records/s':>10} "
        f"{'p50 ms':>8} {'p95 ms':>8} {'requests':>9} {'5xx':>5}"
    )
    for m in measures:
        if m.failed:
            print(f"{m.label:<40} FAILED after 40 tries of one request: {m.failed[:120]}")
            continue
        print(
            f"{m.label:<40} {m.records:>8} {m.seconds:>8.2f} {m.rate:>10.0f} "
            f"{m.percentile(50):>8.1f} {m.percentile(95):>8.1f} {len(m.latencies):>9} "
            f"{m.server_errors:>5}"
        )


def median_round(rounds: list[list[Measure]]) -> list[Measure]:
    """For each phase, the round of median time (a failed phase counts as the slowest)."""
    by_phase = zip(*rounds, strict=True)
    return [
        sorted(runs, key=lambda m: m.seconds if not m.failed else float("inf"))[len(runs) // 2]
        for runs in by_phase
    ]


def print_rounds(name: str, rounds: list[list[Measure]]) -> None:
    times = ["  ".join(f"{m.seconds:.2f}" for m in phases[:2]) for phases in rounds]
    print(f"{name:<20} rounds (push s  pull s): " + "  |  ".join(times))


def main() -> None:
    global RECORDS, DEVICES, PER_DEVICE
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=RECORDS)
    parser.add_argument("--devices", type=int, default=DEVICES)
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    args = parser.parse_args()
    RECORDS, DEVICES = args.records, args.devices
    PER_DEVICE = RECORDS // DEVICES
    postgres_rounds, pouch_rounds = [], []
    with tempfile.TemporaryDirectory(prefix="preuves-bench-") as tmp:
        folder = Path(tmp)
        os.chmod(folder, 0o755)  # the postgres user must reach its cluster below
        docs_file = folder / "docs.json"
        measures = bench_preuves("SQLite", f"sqlite:///{folder}/bench.sqlite3", folder, docs_file)
        for round_number in range(args.rounds):
            here = folder / f"round-{round_number}"
            here.mkdir()
            here.chmod(0o755)  # as the folder above: the postgres user reaches its cluster
            with durable_postgres(here / "pg") as url:
                postgres_rounds.append(bench_preuves("PostgreSQL", url, here, docs_file))
            pouch_rounds.append(bench_pouchdb(here, docs_file))
    postgres, pouch = median_round(postgres_rounds), median_round(pouch_rounds)
    report(measures + postgres + pouch)
    print()
    print_rounds("Preuves PostgreSQL", postgres_rounds)
    print_rounds("PouchDB memory", pouch_rounds)
    push_ratio = postgres[0].rate / pouch[0].rate
    pull_ratio = postgres[1].rate / pouch[1].rate
    print(f"\nSUMMARY push_vs_pouchdb={push_ratio:.2f} pull_vs_pouchdb={pull_ratio:.2f}")


if __name__ == "__main__":
    main()
