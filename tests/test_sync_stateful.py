"""Devices that go offline, lose answers and come back lose nothing (issue 3, acceptance).

A Hypothesis state machine plays seven devices of six people in two structures: the
candidate's shared tablet, a support worker's laptop and phone, a second support worker,
the lead, a jury member from outside and another structure's support worker. Each step
writes records of every type its person may write, edits or deletes what the device
holds, changes who may see which dossier (members, jury assignments, jury members),
syncs over a network that drops, duplicates and replays requests, or restarts the server
(a new app on the same database: nothing may live in process memory).

At the end every device comes back on a clean network, all push, then all pull (nothing
is left to send by then, so the pulls see the server's final state), and then:
- its store is exactly what `policy.may(read)` lets its person read, row by row;
- every mutation it got `applied` or `merged` for is on the server at that rev or later;
- every `conflict` it got is listed by the conflicts endpoint;
- every mutation it queued has a result, and the rejected ones are still in its outbox.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import shutil
import tempfile
import uuid
from collections import Counter
from collections.abc import Mapping
from datetime import timedelta
from typing import Any, ClassVar

from flask import Flask
from hypothesis import HealthCheck, Phase, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, rule
from sqlalchemy import select

from factories import create_person, token_for
from preuves import create_app, policy
from preuves.config import normalise_database_url
from preuves.core.models import utcnow
from preuves.extensions import db
from preuves.identity.principal import principal_for
from preuves.records.catalogue import RECORD_TYPES
from preuves.records.fields import to_json
from preuves.structures.models import Structure
from preuves.sync import retention
from preuves.sync.client import SyncClient, flask_transport
from schema_once import SchemaOnce
from worlds import World, build_world, fresh_record

CANDIDATE = ("evidence", "positioning", "journal_entry", "consent", "signature")
SUPPORT = (
    "dossier",
    "evidence",
    "annotation",
    "positioning",
    "testimony",
    "journal_entry",
    "consent",
    "signature",
    "framework_version",
)
LEAD = (
    "workshop",
    "person",
    "membership",
    "guardianship",
    "jury_session",
    "jury_member",
    "jury_assignment",
    "dossier_member",
    "testimony",
    "annotation",
)
JURY = ("decision", "positioning", "signature")
# device -> (world, person in that world, what they write)
DEVICES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "tablet": ("A", "candidate", CANDIDATE),
    "laptop": ("A", "support_worker", SUPPORT),
    "phone": ("A", "support_worker", SUPPORT),
    "second": ("A", "second_worker", SUPPORT),
    "lead": ("A", "lead", LEAD),
    "jury": ("A", "jury", JURY),
    "other": ("B", "support_worker", SUPPORT),
}
assert set(CANDIDATE + SUPPORT + LEAD + JURY) == set(RECORD_TYPES) - {"structure"}

# Mutable fields a device edits, with values two devices may well pick differently: two
# devices changing one field makes a conflict, two fields of one record a merge.
EDITS: dict[str, dict[str, tuple[Any, ...]]] = {
    "dossier": {"status": ("ouvert", "pret_pour_jury", "presente"), "title": ("CAP", "Badge")},
    "workshop": {"name": ("Cuisine", "Plonge", "Salle")},
    "jury_session": {"place": ("Salle 1", "Salle 2", "Atelier"), "status": ("planned", "open")},
    "person": {"given_name": ("Alex", "Sam", "Camille"), "family_name": ("Martin", "Petit")},
    "structure": {"name": ("ESAT du Val", "ESAT des Prés")},
}
# What each person may change: the candidate their own profile, staff their dossiers...
EDITED_BY: dict[str, frozenset[str]] = {
    "candidate": frozenset({"person"}),
    "support_worker": frozenset({"dossier", "person"}),
    "second_worker": frozenset({"dossier", "person"}),
    "lead": frozenset(EDITS),
    "jury": frozenset({"person"}),
}
UNDELETABLE = frozenset({"structure", "person", "membership", "dossier"})
FAULTS = ("ok", "ok", "ok", "drop_request", "drop_response", "duplicate")
POSITIONING = {"candidate": "self", "jury": "jury"}
SIGNER = {"candidate": "candidate", "jury": "jury_member", "lead": "lead"}


class Network:
    """One device's link to the server: offline, or delivering with scripted faults."""

    def __init__(self, machine: SyncMachine) -> None:
        self.machine, self.online, self.faults = machine, True, []
        self.pushes: list[tuple[str, str, dict[str, str], bytes | None]] = []

    def __call__(
        self, method: str, path: str, headers: Mapping[str, str], body: bytes | None
    ) -> tuple[int, Mapping[str, str], bytes]:
        fault = self.faults.pop(0) if self.faults else "ok"
        if not self.online or fault == "drop_request":
            raise ConnectionError("the request never reached the server")
        if method == "POST":
            self.pushes.append((method, path, dict(headers), body))
        answer = self.machine.serve(method, path, headers, body)
        self.machine.observe(answer)
        if fault == "duplicate":
            answer = self.machine.serve(method, path, headers, body)  # the client sees the 2nd
        if fault == "drop_response":
            raise ConnectionError("the answer was lost on the way back")
        return answer


class Database:
    """One schema for the whole run, emptied before each example (tests/schema_once.py)."""

    folder: ClassVar[str] = ""
    config: ClassVar[dict[str, Any]] = {}
    schema: ClassVar[SchemaOnce] = SchemaOnce()

    @classmethod
    def _configure(cls) -> None:
        cls.folder = tempfile.mkdtemp(prefix="preuves-sync-")
        url = os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{cls.folder}/sync.sqlite3"
        cls.config = {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": normalise_database_url(url),
            "BLOB_DIR": f"{cls.folder}/blobs",
        }

    @classmethod
    def fresh(cls) -> Flask:
        """A new app on an empty database (as create_all leaves it)."""
        if not cls.config:
            cls._configure()
        app = create_app(cls.config)
        with app.app_context():
            cls.schema.ready()
            cls.schema.empty()  # what the previous example left
        return app

    @classmethod
    def drop(cls) -> None:
        if not cls.config:
            return
        app = create_app(cls.config)
        with app.app_context():
            cls.schema.drop()
            db.engine.dispose()
        shutil.rmtree(cls.folder, ignore_errors=True)
        cls.config = {}


class SyncMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.app = Database.fresh()
        with self.app.app_context():
            self.worlds = {"A": build_world("A"), "B": build_world("B")}
            self._add_second_worker(self.worlds["A"])
        self.seen: Counter[str] = Counter()  # resyncs, evictions: for the statistics
        self.networks = {name: Network(self) for name in DEVICES}
        self.devices = {
            name: SyncClient(self.networks[name], self.worlds[w].tokens[who], page_size=50)
            for name, (w, who, _kinds) in DEVICES.items()
        }
        for device in self.devices.values():
            device.sync()  # enrolled online: each device starts with what its person sees
        self.queued: dict[str, list[Any]] = {name: [] for name in DEVICES}
        self.labels: dict[str, int] = {}  # id -> creation order, to pick records stably
        for world in self.worlds.values():
            for key in sorted(world.ids):
                if key != "competencies":
                    self._label(str(world.ids[key]))

    def _add_second_worker(self, world: World) -> None:
        structure = db.session.get(Structure, world.ids["structure"])
        second = create_person("Second", "Moniteur", roles={structure: ["support_worker"]})
        world.ids["second_worker_person"] = second.id
        world.tokens["second_worker"] = token_for(second)

    # ------------------------------------------------------------------ plumbing

    def serve(
        self, method: str, path: str, headers: Mapping[str, str], body: bytes | None
    ) -> tuple[int, Mapping[str, str], bytes]:
        answer = flask_transport(self.app.test_client())(method, path, headers, body)
        assert answer[0] < 500, answer
        return answer

    def observe(self, answer: tuple[int, Mapping[str, str], bytes]) -> None:
        """Count what the network carried that matters: resyncs, evictions."""
        status, headers, raw = answer
        if status == 410:
            self.seen["resync_required"] += 1
        elif headers.get("Content-Encoding") == "gzip":
            self.seen["evicted"] += len(json.loads(gzip.decompress(raw)).get("evict", []))
        elif status == 200:
            self.seen["evicted"] += len(json.loads(raw).get("evict", []))

    def _label(self, record_id: str) -> int:
        return self.labels.setdefault(record_id, len(self.labels))

    def _held(self, device: str, types: Any) -> list[tuple[str, dict[str, Any]]]:
        """What the device shows of these types, in a stable order (not the random ids)."""
        held = [(t, r) for (t, _i), r in self.devices[device].view().items() if t in types]
        return sorted(held, key=lambda tr: (tr[0], self.labels.get(tr[1]["id"], 1 << 30)))

    def _queue(self, device: str, mutation: Any) -> None:
        self.queued[device].append(mutation)
        self._label(mutation.id)

    def teardown(self) -> None:
        try:
            if hasattr(self, "devices"):
                self._quiesce()
                self._check_invariants()
        finally:
            with self.app.app_context():
                db.session.remove()
                db.engine.dispose()

    # ------------------------------------------------------------------ rules

    @rule(device=st.sampled_from(sorted(DEVICES)), data=st.data())
    def create(self, device: str, data: st.DataObject) -> None:
        """Write a new record of a type this person writes, in a dossier the device holds."""
        world_name, who, kinds = DEVICES[device]
        kind = data.draw(st.sampled_from(kinds), label="kind")
        dossiers = [r["id"] for _t, r in self._held(device, {"dossier"})]
        dossier = data.draw(st.sampled_from(dossiers), label="dossier") if dossiers else None
        record = self._new_record(kind, self.worlds[world_name], who, dossier, device)
        self._queue(device, self.devices[device].put(kind, record))

    @rule(device=st.sampled_from(sorted(DEVICES)), data=st.data())
    def edit(self, device: str, data: st.DataObject) -> None:
        """Change one field of a mutable record the device holds."""
        held = self._held(device, EDITED_BY[DEVICES[device][1]])
        if not held:
            return
        kind, record = data.draw(st.sampled_from(held), label="record")
        field = data.draw(st.sampled_from(sorted(EDITS[kind])), label="field")
        value = data.draw(st.sampled_from(EDITS[kind][field]), label="value")
        self._queue(device, self.devices[device].put(kind, dict(record) | {field: value}))

    @rule(
        devices=st.sampled_from((("laptop", "phone"), ("laptop", "second"), ("lead", "phone"))),
        same_field=st.booleans(),
        data=st.data(),
    )
    def edit_together(
        self, devices: tuple[str, str], same_field: bool, data: st.DataObject
    ) -> None:
        """Two staff devices change one dossier before either syncs: a conflict if they
        changed the same field to different values, a merge if different fields."""
        first, second = devices
        shared = [(t, r) for t, r in self._held(first, {"dossier"})
                  if ("dossier", r["id"]) in self.devices[second].view()]  # fmt: skip
        if not shared:
            return
        _kind, record = data.draw(st.sampled_from(shared), label="dossier")
        key = ("dossier", record["id"])
        edits = (
            ((first, "status", "pret_pour_jury"), (second, "status", "presente"))
            if same_field
            else ((first, "status", "presente"), (second, "title", "Badge"))
        )
        for device, field, value in edits:
            changed = dict(self.devices[device].view()[key]) | {field: value}
            self._queue(device, self.devices[device].put("dossier", changed))

    @rule(device=st.sampled_from(sorted(DEVICES)), data=st.data())
    def delete(self, device: str, data: st.DataObject) -> None:
        """Tombstone a record of a type this person writes, that the device holds."""
        held = self._held(device, set(DEVICES[device][2]) - UNDELETABLE)
        if not held:
            return
        kind, record = data.draw(st.sampled_from(held), label="record")
        self._queue(device, self.devices[device].delete(kind, record["id"]))

    @rule(
        op=st.sampled_from(("add_member", "add_evaluator", "assign", "add_jury", "remove")),
        data=st.data(),
    )
    def change_scope(self, op: str, data: st.DataObject) -> None:
        """The lead changes who sees which dossier: members, assignments, jury members."""
        if op == "remove":
            held = self._held("lead", {"dossier_member", "jury_assignment", "jury_member"})
            if held:
                kind, record = data.draw(st.sampled_from(held), label="removed")
                self._queue("lead", self.devices["lead"].delete(kind, record["id"]))
            return
        a, b = self.worlds["A"].ids, self.worlds["B"].ids
        # The spare dossier and the sessions the lead holds (new ones included): RAE both.
        dossier = str(data.draw(st.sampled_from((a["dossier"], a["spare_dossier"]))))
        sessions = [r["id"] for _t, r in self._held("lead", {"jury_session"})]
        session = data.draw(st.sampled_from(sessions)) if sessions else str(a["jury_session"])
        kind, fields = {
            "add_member": ("dossier_member", {"dossier_id": dossier, "role": "support_worker",
                                              "person_id": str(a["second_worker_person"])}),
            "add_evaluator": ("dossier_member", {"dossier_id": dossier, "role": "evaluator",
                                                 "person_id": str(b["support_worker_person"])}),
            "assign": ("jury_assignment", {"session_id": session, "dossier_id": dossier}),
            "add_jury": ("jury_member", {"session_id": session, "person_id": str(a["jury_person"]),
                                         "jury_role": "professionnel_metier"}),
        }[op]  # fmt: skip
        _writer, record = fresh_record(kind, self.worlds["A"])
        self._queue("lead", self.devices["lead"].put(kind, record | fields))

    @rule(
        device=st.sampled_from(sorted(DEVICES)),
        faults=st.lists(st.sampled_from(FAULTS), max_size=6),
    )
    def toggle_network(self, device: str, faults: list[str]) -> None:
        """Go offline (a workshop with no Wi-Fi), or come back and sync at once."""
        network = self.networks[device]
        network.online = not network.online
        if network.online:
            self.sync(device, faults)

    @rule(
        device=st.sampled_from(sorted(DEVICES)),
        faults=st.lists(st.sampled_from(FAULTS), max_size=6),
    )
    def sync(self, device: str, faults: list[str]) -> None:
        """Sync over a network that may drop or duplicate any request or answer."""
        self.networks[device].faults = list(faults)
        with contextlib.suppress(ConnectionError):  # the next sync takes over
            self.devices[device].sync()
        self.networks[device].faults = []

    @rule(data=st.data())
    def replay_old_push(self, data: st.DataObject) -> None:
        """A request delayed in the network arrives again, late and out of order."""
        sent = [p for name in sorted(self.networks) for p in self.networks[name].pushes]
        if sent:
            self.serve(*data.draw(st.sampled_from(sent), label="replayed"))

    @rule()
    def restart_server(self) -> None:
        """A new app object on the same database: only what was committed survives."""
        with self.app.app_context():
            db.engine.dispose()
        self.app = create_app(Database.config)

    @rule()
    def purge_history(self) -> None:
        """`preuves sync-purge` a year from now: tombstones go, older cursors must resync."""
        with self.app.app_context():
            retention.purge(utcnow() + timedelta(days=365), retention.retention_days())
            db.session.commit()

    # ------------------------------------------------------------------ records

    def _new_record(
        self, kind: str, world: World, who: str, dossier: str | None, device: str
    ) -> dict[str, Any]:
        _writer, record = fresh_record(kind, world)
        if dossier is not None and "dossier_id" in record and kind != "jury_assignment":
            record["dossier_id"] = dossier
        role = "support_worker" if who == "second_worker" else who
        extra: dict[str, Any] = {
            "evidence": {"kind": "text", "media_sha256": None, "media_type": None},
            "positioning": {"kind": POSITIONING.get(role, "co")},
            "journal_entry": {"author_role": "candidate" if role == "candidate" else "trainer"},
            "signature": {"signer_role": SIGNER.get(role, "support_worker")},
        }.get(kind, {})
        if kind == "annotation":
            evidence = [r["id"] for _t, r in self._held(device, {"evidence"})]
            extra = {"evidence_id": evidence[-1]} if evidence else {}
        return record | extra

    # ------------------------------------------------------------------ the end

    def _quiesce(self) -> None:
        """Every device back on a clean network: all push, then all pull. Nothing is left
        to send after the first round (only refused mutations stay), so the pulls that
        follow see the server's final state."""
        for network in self.networks.values():
            network.online, network.faults = True, []
        for name in sorted(self.devices):
            self.devices[name].push_all()
            assert all(m.stuck for m in self.devices[name].outbox), name
        for name in sorted(self.devices):
            self.devices[name].pull()

    def _check_invariants(self) -> None:
        seen = self.seen + Counter(  # what this example did: --hypothesis-show-statistics
            f"{r['status']} {r.get('problem', {}).get('code', '')}".strip()
            for device in self.devices.values()
            for r in device.results.values()
        )
        for outcome, count in sorted(seen.items()):
            event(outcome, count)
        with self.app.app_context():
            for name, (world, who, _kinds) in DEVICES.items():
                person = self.worlds[world].ids[f"{who}_person"]
                self._check_store(name, person)
                self._check_results(name)
        self._check_conflicts_surfaced()

    def _check_store(self, name: str, person_id: Any) -> None:
        principal = principal_for(person_id, "token")
        readable = {}
        for kind in RECORD_TYPES.values():
            for row in db.session.scalars(select(kind.model).where(kind.model.deleted.is_(False))):
                if policy.may(principal, "read", kind.name, row):
                    readable[(kind.name, str(row.id))] = to_json(kind, row)
        store = self.devices[name].store
        assert sorted(store) == sorted(readable), (name, set(store) ^ set(readable))
        for key, record in readable.items():
            assert store[key] == record, (name, key)

    def _check_results(self, name: str) -> None:
        device = self.devices[name]
        in_outbox = {m.mutation_id: m for m in device.outbox}
        for mutation in self.queued[name]:
            result = device.results.get(mutation.mutation_id)
            assert result is not None, (name, mutation.wire(), "has no result")
            if result["status"] == "rejected":
                assert in_outbox[mutation.mutation_id].problem == result["problem"]
                continue
            assert mutation.mutation_id not in in_outbox, (name, result)
            if result["status"] in ("applied", "merged"):
                row = db.session.get(RECORD_TYPES[mutation.type].model, uuid.UUID(mutation.id))
                if row is None:  # only a tombstone may go, purged by `preuves sync-purge`
                    assert mutation.op == "delete" or result["record"]["deleted"], result
                    continue
                assert row.rev >= result["rev"], (name, result, row.rev)
                assert row.deleted or mutation.op == "put", (name, result)

    def _check_conflicts_surfaced(self) -> None:
        raised = [c["conflict_id"] for d in self.devices.values() for c in d.conflicts]
        listed = set()
        for world in self.worlds.values():
            headers = {"Authorization": f"Bearer {world.tokens['lead']}"}
            status, _headers, body = self.serve("GET", "/api/v1/sync/conflicts", headers, None)
            assert status == 200, body
            listed |= {c["id"] for c in json.loads(body)["conflicts"]}
        assert set(raised) <= listed, set(raised) - listed


class TestSync(SyncMachine.TestCase):
    @classmethod
    def tearDownClass(cls) -> None:
        Database.drop()
        super().tearDownClass()


# About 14 x 50 steps keeps each database under a minute on an idle machine. derandomize:
# CI runs the same examples every time. No shrinking: it can take many minutes on a
# machine this slow, and the failing example is printed as it was found.
TestSync.settings = settings(
    max_examples=14,
    stateful_step_count=50,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
