"""The PWA's sync client (pwa/src/lib/sync/) in a real Chromium, against the real server.

A tablet queues a batch with no network, is reloaded twice from the service worker's precache,
is killed in the middle of a push once the network is back, and then syncs: every mutation must
reach the server exactly once. A mutation the server refuses stays on the device, with its
reason in French.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
import uuid
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, Route
from sqlalchemy import func, select

from factories import (
    auth,
    create_dossier,
    create_evidence,
    create_framework,
    create_person,
    create_structure,
    token_for,
)
from preuves.audit.models import AuditEvent
from preuves.core.errors import PROBLEMS
from preuves.extensions import db
from preuves.journal.models import JournalEntry
from preuves.records.catalogue import RECORD_TYPES
from preuves.records.fields import to_json
from preuves.sync.erasure import raise_horizon_past_everything
from preuves.sync.models import SyncMutation

pytestmark = pytest.mark.browser

# More than one batch (500), so that the tab is killed with a batch applied and one still to send.
BATCH = 520
PUSH = "**/api/v1/sync/push"

START = "import('/lib/sync/index.js').then((module) => module.startSync())"

QUEUE = """async ({ dossierId, count }) => {
  const sync = await (await import('/lib/sync/index.js')).startSync();
  const { uuidv7 } = await import('/lib/sync/uuid.js');
  const queued = [];
  for (let n = 0; n < count; n += 1) {
    const entry = await sync.put('journal_entry', {
      id: uuidv7(), dossier_id: dossierId, author_role: 'candidate', phase: 'during',
      body_text: `Aujourd'hui, tâche ${n}.`, written_at: new Date().toISOString(),
    });
    queued.push(entry.mutation_id);
  }
  return queued;
}"""

OUTBOX = """async () => {
  const sync = await (await import('/lib/sync/index.js')).startSync();
  const entries = await sync.queries.outbox();
  return { ...(await sync.queries.counts()), ids: entries.map((entry) => entry.mutation_id) };
}"""

SYNC_NOW = """async () => {
  const sync = await (await import('/lib/sync/index.js')).startSync();
  const summary = await sync.client.syncNow();
  return { summary, status: sync.client.status };
}"""


def candidate_with_dossier() -> tuple[str, str]:
    """A candidate on an ESAT's dossier: their API token and the dossier id."""
    structure = create_structure()
    candidate = create_person("Léa", "Martin", roles={structure: ["candidate"]})
    dossier = create_dossier(structure, candidate, create_framework(structure))
    db.session.commit()
    return token_for(candidate), str(dossier.id)


def open_app(context: BrowserContext, url: str) -> Page:
    """A new tab on the app, once the service worker has precached the shell and controls it."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors  # type: ignore[attr-defined]
    page.goto(url + "/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=15_000)
    return page


def reload_offline(page: Page) -> None:
    """Reload with no network: the shell must come from the service worker's precache."""
    response = page.reload()
    assert response is not None and response.from_service_worker
    page.evaluate(START)


def server_rows(mutation_ids: list[str]) -> dict[str, Any]:
    """What the server holds for these mutations, read afresh from the database."""
    db.session.remove()
    ids = [uuid.UUID(m) for m in mutation_ids]
    mutations = db.session.scalars(select(SyncMutation).where(SyncMutation.mutation_id.in_(ids)))
    records = {row.mutation_id: row.record_id for row in mutations}
    entries = db.session.scalars(select(JournalEntry).where(JournalEntry.id.in_(records.values())))
    creates = db.session.execute(
        select(AuditEvent.record_id, func.count())
        .where(AuditEvent.action == "create", AuditEvent.record_id.in_(records.values()))
        .group_by(AuditEvent.record_id)
    )
    return {
        "mutations": records,
        "revs": {entry.id: entry.rev for entry in entries},
        "creates": dict(creates.tuples().all()),
        "journal_entries": db.session.scalar(select(func.count()).select_from(JournalEntry)),
    }


def test_a_batch_queued_offline_survives_reloads_and_a_killed_tab_and_arrives_once(
    restartable_server, context: BrowserContext
) -> None:
    token, dossier_id = candidate_with_dossier()
    context.set_extra_http_headers(auth(token))
    page = open_app(context, restartable_server.url)
    first = page.evaluate(SYNC_NOW)
    assert first["status"]["state"] == "idle", first
    assert page.evaluate(f"{START}.then((s) => s.queries.get('dossier', '{dossier_id}'))")["id"]

    # The Wi-Fi is gone: the batch waits on the device.
    restartable_server.stop()
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(restartable_server.url + "/", timeout=5)
    queued = page.evaluate(QUEUE, {"dossierId": dossier_id, "count": BATCH})
    assert len(set(queued)) == BATCH
    offline = page.evaluate(SYNC_NOW)
    assert offline["status"]["state"] == "offline"
    assert offline["status"]["pending"] == BATCH

    for _ in range(2):
        reload_offline(page)
        outbox = page.evaluate(OUTBOX)
        assert (outbox["pending"], outbox["rejected"]) == (BATCH, 0)
        assert outbox["ids"] == queued, "kept, in queue order"

    # The Wi-Fi is back. The first push reaches the server, which applies it and answers; the
    # answer never reaches the tab (aborted, so that the browser cannot send the request again
    # on its own), and the tab is closed at once, its outbox entries still marked as sending.
    pushes: list[list[str]] = []
    answered: list[int] = []

    def kill_tab_mid_push(route: Route) -> None:
        body = json.loads(route.request.post_data or "{}")
        pushes.append([mutation["mutation_id"] for mutation in body.get("mutations", [])])
        if len(pushes) > 1:
            route.continue_()
            return
        answered.append(route.fetch().status)
        route.abort("connectionreset")
        page.close()

    context.route(PUSH, kill_tab_mid_push)
    restartable_server.start()
    page.evaluate(f"() => {{ {START}.then((sync) => sync.client.syncNow()); }}")
    page.wait_for_event("close", timeout=120_000)
    assert answered == [200]
    assert page.errors == []  # type: ignore[attr-defined]
    assert pushes[0] == queued[:500], "the first batch: 500, in queue order"
    assert server_rows(queued)["journal_entries"] == 500, "applied on the server, answer lost"

    # Next start: the whole outbox is sent again; the server answers what it remembers.
    page = open_app(context, restartable_server.url)
    done = page.evaluate(SYNC_NOW)
    status = done["status"]
    assert (status["state"], status["pending"], status["rejected"]) == ("idle", 0, 0), done
    assert status["error"] is None
    resent = [m for push in pushes[1:] for m in push]
    assert resent == queued, "everything sent again after the kill, in order"

    rows = server_rows(queued)
    assert len(rows["mutations"]) == BATCH, "one remembered mutation per mutation_id"
    assert set(rows["revs"].values()) == {1} and len(rows["revs"]) == BATCH
    assert set(rows["creates"].values()) == {1} and len(rows["creates"]) == BATCH
    assert rows["journal_entries"] == BATCH
    local = page.evaluate(f"{START}.then((s) => s.queries.listByDossier('{dossier_id}'))")
    journal = [item["record"] for item in local if item["type"] == "journal_entry"]
    assert len(journal) == BATCH and {record["rev"] for record in journal} == {1}
    assert page.errors == []  # type: ignore[attr-defined]


def test_a_refused_mutation_stays_with_its_french_reason(live_server, context: BrowserContext):
    token, dossier_id = candidate_with_dossier()
    context.set_extra_http_headers(auth(token))
    page = open_app(context, live_server.url)
    unknown_dossier = str(uuid.uuid4())
    good = page.evaluate(QUEUE, {"dossierId": dossier_id, "count": 1})
    refused = page.evaluate(QUEUE, {"dossierId": unknown_dossier, "count": 1})

    statuses = page.evaluate(
        """async () => {
          const sync = await (await import('/lib/sync/index.js')).startSync();
          const seen = [];
          sync.client.addEventListener('status', (event) => seen.push(event.detail));
          await sync.client.syncNow();
          return seen;
        }"""
    )
    last = statuses[-1]
    assert (last["state"], last["pending"], last["rejected"]) == ("idle", 0, 1), statuses
    [rejection] = last["rejections"]
    assert rejection["mutation_id"] == refused[0]
    # The server names a dossier it cannot find either way (an unknown reference, or a record
    # that breaks a rule); both are permanent, both come with their French title.
    code = rejection["problem"]["code"]
    assert code in {"unknown_reference", "invalid_record"}
    assert rejection["problem"]["title"] == PROBLEMS[code][1]

    # Kept across a reload and another sync; never sent again, never on the server.
    page.reload()
    again = page.evaluate(SYNC_NOW)["status"]
    assert (again["pending"], again["rejected"]) == (0, 1)
    assert again["rejections"][0]["problem"]["title"] == PROBLEMS[code][1]
    rows = server_rows(good + refused)
    assert list(rows["mutations"]) == [uuid.UUID(good[0])]
    assert rows["journal_entries"] == 1
    assert page.errors == []  # type: ignore[attr-defined]


def test_a_sent_creation_takes_what_the_server_set_before_any_pull(
    live_server, context: BrowserContext
):
    """A new journal entry is answered with the fields the server set, not the whole record:
    the tablet's copy has them even when the pull that follows never gets through."""
    token, dossier_id = candidate_with_dossier()
    context.set_extra_http_headers(auth(token))
    page = open_app(context, live_server.url)
    page.evaluate(SYNC_NOW)
    context.route(re.compile(r"/api/v1/sync/pull"), lambda route: route.abort("connectionreset"))
    [mutation_id] = page.evaluate(QUEUE, {"dossierId": dossier_id, "count": 1})
    status = page.evaluate(SYNC_NOW)["status"]
    assert (status["pending"], status["rejected"]) == (0, 0), status

    local = page.evaluate(f"{START}.then((s) => s.queries.listByDossier('{dossier_id}'))")
    [mine] = [item["record"] for item in local if item["type"] == "journal_entry"]
    db.session.remove()
    stored = db.session.get(JournalEntry, uuid.UUID(mine["id"]))
    server_copy = to_json(RECORD_TYPES["journal_entry"], stored)
    served = ("rev", "changed_at", "changed_by", "author_id")
    assert {key: mine.get(key) for key in served} == {key: server_copy[key] for key in served}
    assert mine["body_text"] == server_copy["body_text"]
    assert list(server_rows([mutation_id])["mutations"]) == [uuid.UUID(mutation_id)]
    assert page.errors == []  # type: ignore[attr-defined]


def test_one_tab_syncs_at_a_time_and_the_others_hear_of_changes(
    live_server, context: BrowserContext
) -> None:
    token, dossier_id = candidate_with_dossier()
    context.set_extra_http_headers(auth(token))
    syncing = open_app(context, live_server.url)
    other = open_app(context, live_server.url)
    other.evaluate(
        f"""() => {START}.then((sync) => {{
          window.heard = [];
          sync.client.addEventListener('changes', (event) => window.heard.push(event.detail.types));
        }})"""
    )
    # The first tab holds the device's sync lock, as it does during a long push. The lock is
    # the browser's, shared by tabs: both its taking and its release are waited for here.
    syncing.evaluate(
        """() => new Promise((granted) => {
          window.released = navigator.locks.request('preuves-sync', () => new Promise((resolve) => {
            window.release = resolve;
            granted(true);
          }));
        })"""
    )
    other.evaluate(QUEUE, {"dossierId": dossier_id, "count": 1})
    skipped = other.evaluate(SYNC_NOW)
    assert skipped["summary"] == {"skipped": True}
    assert skipped["status"]["pending"] == 1

    syncing.evaluate("() => { window.release(); return window.released; }")
    ran = other.evaluate(SYNC_NOW)
    assert ran["summary"]["pushed"] == 1 and ran["status"]["pending"] == 0, ran

    syncing.evaluate(QUEUE, {"dossierId": dossier_id, "count": 1})
    other.wait_for_function("window.heard.some((types) => types.includes('journal_entry'))")
    assert syncing.errors == [] and other.errors == []  # type: ignore[attr-defined]


STORE_SCENARIO = """async ({ dossierId, otherDossierId }) => {
  const { openSyncDb } = await import('/lib/sync/db.js');
  const { createStore } = await import('/lib/sync/store.js');
  const { createQueries } = await import('/lib/sync/queries.js');
  const db = await openSyncDb();
  const store = createStore(db);
  const queries = createQueries(db);
  const ids = async () => (await Promise.all(['dossier', 'journal_entry'].map(
    (type) => queries.listByType(type)))).flat().map((record) => record.id).sort();
  const entry = (id, dossier) => ({ id, dossier_id: dossier, rev: 1 });
  const seen = {};

  await store.applyPage({ cursor: 'c1', evict: [], changes: [
    { type: 'dossier', record: { id: dossierId, rev: 1 } },
    { type: 'dossier', record: { id: otherDossierId, rev: 1 } },
    { type: 'journal_entry', record: entry('j-1', dossierId) },
    { type: 'journal_entry', record: entry('j-2', otherDossierId) },
    { type: 'journal_entry', record: entry('j-3', otherDossierId) },
  ] });
  seen.afterFirstPage = { ids: await ids(), cursor: await store.getMeta('cursor') };

  // The user changes j-3 (queued); then a page brings the server's older j-3 and a tombstone.
  await store.enqueue({ mutation_id: 'm-1', type: 'journal_entry', op: 'put', id: 'j-3',
    record: { ...entry('j-3', otherDossierId), body_text: 'mine' }, base_rev: 1,
    queued_at: '', attempts: 0, last_error: null, state: 'queued' },
    { ...entry('j-3', otherDossierId), body_text: 'mine' });
  await store.applyPage({ cursor: 'c2', evict: [], changes: [
    { type: 'journal_entry',
      record: { ...entry('j-3', otherDossierId), rev: 2, body_text: 'server' } },
    { type: 'journal_entry', record: { ...entry('j-1', dossierId), rev: 2, deleted: true } },
  ] });
  seen.pendingKept = (await queries.get('journal_entry', 'j-3')).body_text;
  seen.tombstoneDropped = (await queries.get('journal_entry', 'j-1')) === undefined;

  // The other dossier is taken away: it goes with its records, except the one still queued.
  await store.applyPage({ cursor: 'c3', changes: [],
    evict: [{ type: 'dossier', id: otherDossierId }] });
  seen.afterEvict = await ids();

  // A resync from scratch that receives only the first dossier again.
  await store.applyPage({ cursor: 'c4', evict: [], changes: [
    { type: 'journal_entry', record: entry('j-4', otherDossierId) }] });
  await store.beginResync();
  seen.cursorForgotten = await store.getMeta('cursor');
  await store.applyPage({ cursor: 'n1', evict: [], changes: [
    { type: 'dossier', record: { id: dossierId, rev: 1 } }] });
  seen.beforeFinish = await ids();
  await store.finishResync();
  seen.afterResync = await ids();
  seen.counts = await queries.counts();
  db.close();
  return seen;
}"""


def test_the_device_store_applies_pages_evictions_and_a_resync(
    live_server, context: BrowserContext
) -> None:
    page = open_app(context, live_server.url)
    dossier_id, other_id = str(uuid.uuid4()), str(uuid.uuid4())
    seen = page.evaluate(STORE_SCENARIO, {"dossierId": dossier_id, "otherDossierId": other_id})
    assert seen["afterFirstPage"] == {
        "ids": sorted([dossier_id, other_id, "j-1", "j-2", "j-3"]),
        "cursor": "c1",
    }
    assert seen["pendingKept"] == "mine", "a queued change is not overwritten by a pull"
    assert seen["tombstoneDropped"] is True
    assert seen["afterEvict"] == sorted([dossier_id, "j-3"]), "evicted, but the outbox's stays"
    assert seen["cursorForgotten"] is None
    assert seen["beforeFinish"] == sorted([dossier_id, "j-3", "j-4"]), "nothing dropped mid-way"
    assert seen["afterResync"] == sorted([dossier_id, "j-3"])
    assert (seen["counts"]["pending"], seen["counts"]["rejected"]) == (1, 0)
    assert page.errors == []  # type: ignore[attr-defined]


def test_a_cursor_too_old_resyncs_from_scratch_and_keeps_the_outbox(
    live_server, context: BrowserContext
) -> None:
    structure = create_structure()
    candidate = create_person("Léa", "Martin", roles={structure: ["candidate"]})
    dossier = create_dossier(structure, candidate, create_framework(structure))
    purged = create_evidence(dossier, candidate)
    db.session.commit()
    purged_id, dossier_id = str(purged.id), str(dossier.id)
    context.set_extra_http_headers(auth(token_for(candidate)))
    page = open_app(context, live_server.url)
    evidence = f"{START}.then((s) => s.queries.listByType('evidence'))"

    page.evaluate(SYNC_NOW)
    assert [record["id"] for record in page.evaluate(evidence)] == [purged_id]
    [refused] = page.evaluate(QUEUE, {"dossierId": str(uuid.uuid4()), "count": 1})
    assert page.evaluate(SYNC_NOW)["status"]["rejected"] == 1

    # The server forgets the evidence outright (as a purge or an erasure does) and moves its
    # horizon: this device's cursor is now too old.
    db.session.delete(db.session.get(type(purged), purged.id))
    raise_horizon_past_everything()
    db.session.commit()
    pulls: list[str] = []
    page.on("response", lambda r: "/sync/pull" in r.url and pulls.append(f"{r.status} {r.url}"))

    done = page.evaluate(SYNC_NOW)
    status = done["status"]
    assert (status["state"], status["pending"], status["rejected"]) == ("idle", 0, 1), done
    assert pulls[0].startswith("410 ") and "cursor=" in pulls[0], pulls
    assert "cursor=" not in pulls[1], "then a pull from scratch"
    assert page.evaluate(evidence) == [], "the purged evidence is gone from the device"
    assert page.evaluate(f"{START}.then((s) => s.queries.get('dossier', '{dossier_id}'))")
    local_journal = page.evaluate(f"{START}.then((s) => s.queries.listByType('journal_entry'))")
    outbox = page.evaluate(OUTBOX)
    assert outbox["ids"] == [refused], "the refused mutation is still kept, with its local copy"
    assert len(local_journal) == 1
    assert page.errors == []  # type: ignore[attr-defined]
