// lib/sync/client.js with fake store, API, Web Locks, BroadcastChannel, window and document.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { SyncClient } from '../src/lib/sync/client.js';
import { apiProblem, applyingServer, fakeApi, fakeStore, queueMany } from './sync-fakes.js';

/** Web Locks as another tab may hold them. */
function fakeLocks() {
  return {
    heldElsewhere: false,
    async request(name, options, callback) {
      assert.equal(name, 'preuves-sync');
      assert.deepEqual(options, { ifAvailable: true });
      return callback(this.heldElsewhere ? null : { name });
    },
  };
}

/** BroadcastChannel stand-in: every instance of one network hears the others. */
function fakeChannels() {
  const open = new Set();
  const sent = [];
  class Channel {
    constructor(name) {
      this.name = name;
      open.add(this);
    }
    postMessage(data) {
      sent.push(data);
      for (const other of open) if (other !== this) other.onmessage?.({ data });
    }
    close() {
      open.delete(this);
    }
  }
  return { Channel, sent, open };
}

function setUp({ server = applyingServer(), queued = 0 } = {}) {
  const store = fakeStore();
  const api = fakeApi(server);
  const locks = fakeLocks();
  const channels = fakeChannels();
  const win = new EventTarget();
  const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' });
  const client = new SyncClient(
    { store, queries: store, api },
    {
      locks, Channel: channels.Channel, window: win, document: doc,
      intervalMs: 3_600_000, backoff: { baseMs: 4, capMs: 8 },
    },
  );
  const events = [];
  for (const type of ['status', 'progress', 'changes']) {
    client.addEventListener(type, (event) => events.push([type, event.detail]));
  }
  return { store, api, locks, channels, win, doc, client, events, ready: queueMany(store, queued) };
}

const statusStates = (events) => events.filter(([type]) => type === 'status').map(([, s]) => s.state);
const nextStatus = (client, state) =>
  new Promise((resolve) => {
    const listener = (event) => {
      if (event.detail.state !== state) return;
      client.removeEventListener('status', listener);
      resolve(event.detail);
    };
    client.addEventListener('status', listener);
  });

test('start drains: push first, then pull; status, progress and changes tell the screens', async (t) => {
  const setup = setUp({ queued: 3 });
  await setup.ready;
  t.after(() => setup.client.stop());
  const summary = await setup.client.start();

  assert.deepEqual(summary, { pushed: 3, pulled: 0, retryLater: false });
  assert.deepEqual(setup.api.calls.map(([method]) => method), ['POST', 'GET']);
  assert.deepEqual(statusStates(setup.events), ['syncing', 'idle']);
  const idle = setup.client.status;
  assert.equal(idle.pending, 0);
  assert.equal(idle.rejected, 0);
  assert.equal(idle.error, null);
  assert.match(idle.lastSyncedAt, /^\d{4}-\d\d-\d\dT/);
  const first = (name) => setup.events.find(([type]) => type === name)[1];
  assert.deepEqual(first('progress'), { phase: 'push', done: 3, total: 3 });
  assert.deepEqual(first('changes'), { types: ['journal_entry'] });
  assert.deepEqual(setup.channels.sent, [{ kind: 'changes', types: ['journal_entry'] }]);
});

test('offline: status says so, the outbox stays, and a later try with backoff sends it', async (t) => {
  const server = applyingServer();
  let online = false;
  const setup = setUp({
    queued: 2,
    server: {
      post: (path, body) => {
        if (!online) throw apiProblem(0, 'offline');
        return server.post(path, body);
      },
      get: (path) => server.get(path),
    },
  });
  await setup.ready;
  t.after(() => setup.client.stop());
  const failed = await setup.client.start();
  assert.equal(failed.error.code, 'offline');
  assert.equal(setup.client.status.state, 'offline');
  assert.equal(setup.client.status.pending, 2);
  assert.equal(setup.client.requestSync(), null, 'a new capture waits for the backoff timer');
  assert.equal(setup.api.calls.length, 1);

  online = true;
  const idle = await nextStatus(setup.client, 'idle'); // the backoff timer tries again by itself
  assert.equal(idle.pending, 0);
  assert.equal(server.applied.size, 2);
});

test('a refused mutation shows its French reason in the status, and stays', async (t) => {
  const setup = setUp({
    queued: 1,
    server: {
      post: (_path, { mutations }) => ({
        results: mutations.map((m) => ({
          mutation_id: m.mutation_id, status: 'rejected',
          problem: { code: 'unknown_reference', status: 422, title: 'Une fiche liée est introuvable.' },
        })),
      }),
      get: () => ({ changes: [], evict: [], cursor: 'c', more: false }),
    },
  });
  await setup.ready;
  t.after(() => setup.client.stop());
  await setup.client.start();
  const status = setup.client.status;
  assert.equal(status.state, 'idle');
  assert.equal(status.pending, 0);
  assert.equal(status.rejected, 1);
  assert.deepEqual(status.rejections.map((r) => [r.mutation_id, r.problem.code, r.problem.title]), [
    ['m-1', 'unknown_reference', 'Une fiche liée est introuvable.'],
  ]);
  await setup.client.syncNow();
  assert.equal(setup.api.calls.filter(([method]) => method === 'POST').length, 1, 'not sent again');
});

test('a revoked device reports it, tells the other tabs and stops syncing', async () => {
  const revoked = apiProblem(403, 'device_revoked', 'Cette tablette est retirée.');
  const setup = setUp({ queued: 1, server: { post: () => { throw revoked; } } });
  await setup.ready;
  const otherTab = new setup.channels.Channel('preuves-sync');
  const heard = [];
  otherTab.onmessage = ({ data }) => heard.push(data);
  const summary = await setup.client.start();
  assert.equal(summary.revoked, true);
  assert.equal(setup.client.status.state, 'revoked');
  assert.equal(setup.client.status.error.title, 'Cette tablette est retirée.');
  assert.equal(setup.client.status.pending, 1, 'the outbox is not erased by the sync client');
  assert.equal(heard[0].kind, 'revoked');
  setup.win.dispatchEvent(new Event('online'));
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(setup.api.calls.length, 1, 'no sync after revocation');
  otherTab.close();
});

test('when another tab holds the lock this tab does not sync, and shows the shared counts', async (t) => {
  const setup = setUp({ queued: 2 });
  await setup.ready;
  t.after(() => setup.client.stop());
  setup.locks.heldElsewhere = true;
  assert.deepEqual(await setup.client.start(), { skipped: true });
  assert.equal(setup.api.calls.length, 0);
  assert.equal(setup.client.status.pending, 2);

  // The syncing tab's news arrives through the channel.
  const otherTab = new setup.channels.Channel('preuves-sync');
  otherTab.postMessage({ kind: 'changes', types: ['dossier'] });
  otherTab.close();
  await new Promise((resolve) => setTimeout(resolve, 0));
  const changes = setup.events.filter(([type]) => type === 'changes');
  assert.deepEqual(changes.at(-1), ['changes', { types: ['dossier'] }]);
});

test('online and the app shown again each trigger a drain; a request during a drain runs one more', async (t) => {
  const setup = setUp();
  t.after(() => setup.client.stop());
  await setup.client.start();
  const gets = () => setup.api.calls.filter(([method]) => method === 'GET').length;
  assert.equal(gets(), 1);

  setup.win.dispatchEvent(new Event('online'));
  await setup.client.syncNow(); // joins the drain under way, and asks for one more
  assert.equal(gets(), 3);

  setup.doc.visibilityState = 'hidden';
  setup.doc.dispatchEvent(new Event('visibilitychange'));
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(gets(), 3, 'hidden: no drain');
  setup.doc.visibilityState = 'visible';
  setup.doc.dispatchEvent(new Event('visibilitychange'));
  await nextStatus(setup.client, 'idle');
  assert.equal(gets(), 4);
});

test('a broken database or lock never rejects: it ends as an error status and a retry', async (t) => {
  const setup = setUp({ queued: 1 });
  await setup.ready;
  t.after(() => setup.client.stop());
  setup.locks.request = async () => {
    throw new DOMException('The document is not fully active.', 'InvalidStateError');
  };
  setup.store.counts = async () => {
    throw new DOMException('The database connection is closing.', 'InvalidStateError');
  };
  const summary = await setup.client.start();
  assert.equal(summary.error.code, 'unknown_error');
  assert.match(summary.error.detail, /not fully active/);
  assert.equal(setup.client.status.state, 'error');
  assert.equal(setup.api.calls.length, 0);
});
