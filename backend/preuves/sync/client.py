"""The reference sync client: a device's store and outbox, kept in step with the server.

It speaks docs/sync-protocol.md over any transport: Flask's test client in the property
tests, HTTP in `make bench-sync`, or a script's own. The store holds only what the server
confirmed (push results, pull pages); what the user did and the server has not answered
yet stays in the outbox, and `view()` shows both. Nothing here is kept on disk: a script
that must survive a restart saves `store`, `outbox` and `cursor` itself.
"""

from __future__ import annotations

import gzip
import http.client
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any
from urllib.parse import urlencode, urlsplit

import orjson

from preuves.core.ids import uuid7

# method, path with query, headers -> status, headers (lower-case names), body
Transport = Callable[
    [str, str, Mapping[str, str], bytes | None], tuple[int, Mapping[str, str], bytes]
]
Key = tuple[str, str]

PUSH_PATH, PULL_PATH = "/api/v1/sync/push", "/api/v1/sync/pull"
_KEY = attrgetter("type", "id")  # Mutation.key
MAX_BATCH, MAX_BATCH_BYTES = 500, 4 * 1024 * 1024
RETRYABLE = frozenset({"media_not_uploaded", "too_many_requests", "unavailable"})


class SyncError(Exception):
    """The server refused a whole request (no per-mutation results): its problem details."""

    def __init__(self, status: int, problem: Mapping[str, Any]) -> None:
        super().__init__(f"{status} {problem.get('code')}: {problem.get('detail')}")
        self.status, self.problem = status, dict(problem)
        self.code = problem.get("code")
        self.retryable = status in (429, 503) or status >= 500


@dataclass(eq=False)
class Mutation:
    """One thing the user did, kept until the server gives it a final result."""

    type: str
    op: str  # "put" or "delete"
    id: str
    record: dict[str, Any] | None
    base_rev: int | None
    mutation_id: str = field(default_factory=lambda: str(uuid7()))
    problem: dict[str, Any] | None = None  # the last rejection, shown to the user
    _encoded: tuple[int | None, bytes] | None = field(default=None, repr=False)

    @property
    def key(self) -> Key:
        return (self.type, self.id)

    @property
    def stuck(self) -> bool:
        """Refused for good: kept and shown, never sent again until the user discards it."""
        return self.problem is not None and self.problem.get("code") not in RETRYABLE

    def wire(self) -> dict[str, Any]:
        """The mutation as push-request.schema.json has it."""
        body: dict[str, Any] = {"mutation_id": self.mutation_id, "type": self.type, "op": self.op}
        body |= {"record": self.record} if self.op == "put" else {"id": self.id}
        return body | {"base_rev": self.base_rev}

    def wire_json(self) -> bytes:
        """`wire()` as JSON, kept until the base it names moves (a rebase): a batch is
        measured, then sent, and a refused mutation goes again later."""
        if self._encoded is None or self._encoded[0] != self.base_rev:
            self._encoded = (self.base_rev, orjson.dumps(self.wire()))
        return self._encoded[1]


class SyncClient:
    """One device of one person: `put` and `delete` offline, `sync` when the network is back."""

    def __init__(
        self, transport: Transport, token: str, *, batch_size: int = MAX_BATCH, page_size: int = 500
    ) -> None:
        self.transport, self.token = transport, token
        self.batch_size, self.page_size = batch_size, page_size
        self.store: dict[Key, dict[str, Any]] = {}
        self.outbox: list[Mutation] = []
        self.cursor: str | None = None
        self.results: dict[str, dict[str, Any]] = {}  # the last result of every mutation
        self.conflicts: list[dict[str, Any]] = []  # "to be resolved", for a support worker
        self._resync_seen: set[Key] | None = None  # set while a 410 resync is under way

    # ------------------------------------------------------------------ what the user does

    def put(self, type_name: str, record: dict[str, Any]) -> Mutation:
        """Create a record, or change one: queued until the next push."""
        return self._queue(
            Mutation(
                type_name, "put", record["id"], dict(record), self._base(type_name, record["id"])
            )
        )

    def delete(self, type_name: str, record_id: str) -> Mutation:
        """Tombstone a record: queued until the next push."""
        return self._queue(
            Mutation(type_name, "delete", record_id, None, self._base(type_name, record_id))
        )

    def discard(self, mutation_id: str) -> None:
        """Drop a refused mutation once the user has seen why."""
        self.outbox = [m for m in self.outbox if m.mutation_id != mutation_id]

    def view(self) -> dict[Key, dict[str, Any]]:
        """What the device shows: the confirmed store with the outbox on top."""
        shown = dict(self.store)
        for mutation in self.outbox:
            if mutation.op == "delete":
                shown.pop(mutation.key, None)
            elif mutation.record is not None:
                shown[mutation.key] = mutation.record
        return shown

    def _base(self, type_name: str, record_id: str) -> int | None:
        # An edit on top of a queued one shares its base; the push result rebases it.
        for mutation in reversed(self.outbox):
            if mutation.key == (type_name, record_id):
                return mutation.base_rev
        stored = self.store.get((type_name, record_id))
        return stored["rev"] if stored else None

    def _queue(self, mutation: Mutation) -> Mutation:
        self.outbox.append(mutation)
        return mutation

    # ------------------------------------------------------------------ sync

    def sync(self) -> None:
        """Push everything that can go, then pull until the server has nothing more."""
        self.push_all()
        self.pull()

    def push_all(self) -> None:
        """Push batch after batch until every mutation has had its answer for this sync."""
        waiting: set[int] = set()  # refused for now (retryable): they wait for the next sync
        queued = self._queued()
        while batch := self._next_batch(waiting):
            self._push_batch(batch, queued)
            waiting |= {id(m) for m in batch if m.problem is not None and not m.stuck}

    def push(self) -> None:
        """Push one batch of what the outbox holds (at most one mutation per record)."""
        if batch := self._next_batch(set()):
            self._push_batch(batch, self._queued())

    def _queued(self) -> Counter[Key]:
        # Counted once per push, then kept up to date batch by batch: counting a big outbox
        # again for every batch made a push of 10,000 cost a tenth more.
        return Counter(map(_KEY, self.outbox))

    def _next_batch(self, waiting: set[int]) -> list[Mutation]:
        # One mutation per record per batch, in the order they were made: the next one is
        # rebased on this one's result. One that waits holds back the record's later ones.
        batch: list[Mutation] = []
        keys: set[Key] = set()
        size = 0
        for mutation in self.outbox:
            if mutation.stuck or mutation.key in keys:
                continue
            keys.add(mutation.key)
            if id(mutation) in waiting:
                continue
            size += len(mutation.wire_json()) + 1
            if len(batch) >= self.batch_size or (batch and size > MAX_BATCH_BYTES - 1024):
                break
            batch.append(mutation)
        return batch

    def _push_batch(self, batch: list[Mutation], queued: Counter[Key]) -> None:
        """Send one batch and settle every result (a 413 splits it); `queued` counts the
        outbox's mutations of each record, and loses those that leave it."""
        status, answer = self._send(batch)
        while status == 413 and len(batch) > 1:
            batch = batch[: len(batch) // 2]  # the server's limit is lower than ours
            self.batch_size = len(batch)
            status, answer = self._send(batch)
        if status == 413:
            batch[0].problem = answer  # one record over the limit: kept, shown, not resent
            return
        if status != 200:
            raise SyncError(status, answer)
        final = [
            m for m, r in zip(batch, answer["results"], strict=True) if self._settle(m, r, queued)
        ]
        queued.subtract(map(_KEY, final))
        done = set(map(id, final))
        self.outbox = [m for m in self.outbox if id(m) not in done]

    def _send(self, batch: list[Mutation]) -> tuple[int, dict[str, Any]]:
        body = b'{"mutations":[' + b",".join(m.wire_json() for m in batch) + b"]}"
        return self._request("POST", PUSH_PATH, body)

    def _settle(self, mutation: Mutation, result: dict[str, Any], queued: Counter[Key]) -> bool:
        """Take one mutation's result; whether it is final (the mutation leaves the outbox)."""
        self.results[mutation.mutation_id] = result
        if result["status"] == "rejected":
            mutation.problem = result["problem"]
            return False
        if result["status"] == "conflict":
            self.conflicts.append(result)
        elif queued[mutation.key] > 1:
            self._rebase(mutation, result["rev"])
        if record := result.get("record"):
            self._refresh(mutation.type, record)
        return True

    def _rebase(self, done: Mutation, rev: int) -> None:
        # Later edits of the record were made on top of this one: their base is now `rev`.
        for mutation in self.outbox:
            if (
                mutation is not done
                and mutation.key == done.key
                and mutation.base_rev == done.base_rev
            ):
                mutation.base_rev = rev

    def _refresh(self, type_name: str, record: dict[str, Any]) -> None:
        # Only records the device already holds: new ones come with the pull that follows,
        # which is also the one authority on what this person may still see.
        key = (type_name, record["id"])
        stored = self.store.get(key)
        if stored is None or stored["rev"] > record["rev"]:
            return  # a replayed, older answer never takes a newer copy back
        if record.get("deleted"):
            del self.store[key]
        else:
            self.store[key] = record

    def pull(self) -> None:
        """Pull pages until `more` is false; a 410 `resync_required` starts from scratch."""
        if self._resync_seen is None:
            status, page = self._pull_page()
            if status != 410:
                return self._pull_rest(status, page)
            self.cursor, self._resync_seen = None, set()
        self._pull_rest(*self._pull_page())
        seen, self._resync_seen = self._resync_seen, None
        for key in set(self.store) - (seen or set()):
            del self.store[key]  # not sent again: no longer there, or no longer ours
        return None

    def _pull_rest(self, status: int, page: dict[str, Any]) -> None:
        while True:
            if status != 200:
                raise SyncError(status, page)
            self._apply_page(page)
            if not page["more"]:
                return
            status, page = self._pull_page()

    def _pull_page(self) -> tuple[int, dict[str, Any]]:
        query = {"limit": self.page_size} | ({"cursor": self.cursor} if self.cursor else {})
        return self._request("GET", f"{PULL_PATH}?{urlencode(query)}", None)

    def _apply_page(self, page: dict[str, Any]) -> None:
        """One page at once, then its cursor: a page lost on the way is simply asked again."""
        for gone in page.get("evict", []):
            self._evict(gone["type"], gone["id"])
        for change in page["changes"]:
            self._take(change["type"], change["record"])
        self.cursor = page["cursor"]

    def _take(self, type_name: str, record: dict[str, Any]) -> None:
        key = (type_name, record["id"])
        if record.get("deleted"):
            self.store.pop(key, None)
            return
        stored = self.store.get(key)
        if stored is None or stored["rev"] <= record["rev"] or self._resync_seen is not None:
            self.store[key] = record
        if self._resync_seen is not None:
            self._resync_seen.add(key)

    def _evict(self, type_name: str, record_id: str) -> None:
        """Forget a record; an evicted dossier takes everything in it along."""
        self.store.pop((type_name, record_id), None)
        if type_name == "dossier":
            inside = [k for k, r in self.store.items() if r.get("dossier_id") == record_id]
            for key in inside:
                del self.store[key]

    # ------------------------------------------------------------------ wire

    def _request(self, method: str, path: str, body: bytes | None) -> tuple[int, dict[str, Any]]:
        headers = {"Authorization": f"Bearer {self.token}", "Accept-Encoding": "gzip"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        status, answer_headers, raw = self.transport(method, path, headers, body)
        lowered = {k.lower(): v for k, v in answer_headers.items()}
        if lowered.get("content-encoding") == "gzip":
            raw = gzip.decompress(raw)
        try:
            return status, orjson.loads(raw) if raw else {}
        except ValueError:
            return status, {"code": "not_json", "detail": raw[:200].decode(errors="replace")}


def flask_transport(test_client: Any) -> Transport:
    """A transport over Flask's test client (tests)."""

    def send(
        method: str, path: str, headers: Mapping[str, str], body: bytes | None
    ) -> tuple[int, Mapping[str, str], bytes]:
        response = test_client.open(path, method=method, headers=dict(headers), data=body)
        return response.status_code, dict(response.headers), response.get_data()

    return send


class HttpTransport:
    """A transport over one kept-alive HTTP/1.1 connection (one per thread: not shared)."""

    def __init__(self, base_url: str, timeout: float = 60.0) -> None:
        parts = urlsplit(base_url)
        self.host, self.port, self.timeout = (
            parts.hostname or "127.0.0.1",
            parts.port or 80,
            timeout,
        )
        self.prefix = parts.path.rstrip("/")
        self._connection: http.client.HTTPConnection | None = None

    def __call__(
        self, method: str, path: str, headers: Mapping[str, str], body: bytes | None
    ) -> tuple[int, Mapping[str, str], bytes]:
        for attempt in self._attempts():
            try:
                return self._send(method, path, headers, body)
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()  # the server closed an idle keep-alive connection
                if attempt:
                    raise
        raise AssertionError("unreachable")

    @staticmethod
    def _attempts() -> Iterator[bool]:
        # Resending is safe: pushes are idempotent by mutation id, pulls change nothing.
        yield False
        yield True

    def _send(
        self, method: str, path: str, headers: Mapping[str, str], body: bytes | None
    ) -> tuple[int, Mapping[str, str], bytes]:
        if self._connection is None:
            self._connection = http.client.HTTPConnection(
                self.host, self.port, timeout=self.timeout
            )
        self._connection.request(method, self.prefix + path, body=body, headers=dict(headers))
        response = self._connection.getresponse()
        data = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data

    def close(self) -> None:
        """Close the connection; the next request opens a new one."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None
