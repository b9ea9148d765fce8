// lib/sync/pull.js over a fake store and API: pages, cursor, eviction, resync from scratch.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { pull, pullPath } from '../src/lib/sync/pull.js';
import { apiProblem, fakeApi, fakeStore, queueMany } from './sync-fakes.js';

const dossier = (n) => ({ type: 'dossier', record: { id: `d-${n}`, rev: 1 } });

/** A server holding pages keyed by the cursor they follow ('' for the first). */
function pagedServer(pages, { expired = new Set() } = {}) {
  return {
    get(path) {
      const url = new URL(path, 'http://x');
      const cursor = url.searchParams.get('cursor') ?? '';
      if (expired.has(cursor)) throw apiProblem(410, 'resync_required', 'Il faut tout recharger.');
      const page = pages[cursor];
      if (!page) throw new Error(`no page after ${cursor}`);
      return page;
    },
  };
}

test('the page URL carries the cursor only when there is one', () => {
  assert.equal(pullPath(null, 500), '/sync/pull?limit=500');
  assert.equal(pullPath('abc+/=', 10), '/sync/pull?limit=10&cursor=abc%2B%2F%3D');
});

test('pages are asked until more is false, each applied with its own cursor', async () => {
  const store = fakeStore();
  const api = fakeApi(pagedServer({
    '': { changes: [dossier(1), dossier(2)], evict: [], cursor: 'c1', more: true },
    c1: { changes: [dossier(3)], evict: [], cursor: 'c2', more: false },
  }));
  const progress = [];
  const result = await pull({ store, api, limit: 2, onProgress: (p) => progress.push(p) });
  assert.deepEqual(result, { received: 3, types: ['dossier'] });
  assert.deepEqual(api.calls.map(([, path]) => path), ['/sync/pull?limit=2', '/sync/pull?limit=2&cursor=c1']);
  assert.deepEqual(store.calls, [['page', 'c1'], ['page', 'c2']]);
  assert.equal(store.meta.get('cursor'), 'c2');
  assert.deepEqual(progress, [{ phase: 'pull', done: 2, total: null }, { phase: 'pull', done: 3, total: 3 }]);

  // The next pull starts from the stored cursor.
  store.calls.length = 0;
  const evicting = { changes: [], evict: [{ type: 'dossier', id: 'd-1' }], cursor: 'c3', more: false };
  const next = fakeApi(pagedServer({ c2: evicting }));
  await pull({ store, api: next });
  assert.equal(next.calls[0][1], '/sync/pull?limit=500&cursor=c2');
  assert.ok(!store.records.has('dossier/d-1'), 'evicted');
});

test('a page lost on the way is asked again from the last cursor kept', async () => {
  const store = fakeStore();
  let fail = true;
  const server = pagedServer({
    '': { changes: [dossier(1)], evict: [], cursor: 'c1', more: true },
    c1: { changes: [dossier(2)], evict: [], cursor: 'c2', more: false },
  });
  const api = fakeApi({
    get: (path) => {
      if (path.includes('c1') && fail) throw apiProblem(0, 'offline');
      return server.get(path);
    },
  });
  await assert.rejects(pull({ store, api }), { code: 'offline' });
  assert.equal(store.meta.get('cursor'), 'c1');
  fail = false;
  await pull({ store, api });
  assert.deepEqual(api.calls.map(([, path]) => path).slice(-1), ['/sync/pull?limit=500&cursor=c1']);
  assert.equal(store.records.size, 2);
});

test('410 resync_required: pull from scratch, then drop what did not come again, keep the outbox', async () => {
  const store = fakeStore();
  store.meta.set('cursor', 'old');
  store.records.set('dossier/d-gone', { type: 'dossier', record: { id: 'd-gone' }, seen: 0 });
  await queueMany(store, 1); // a local journal entry the server has not seen yet
  const api = fakeApi(pagedServer(
    {
      '': { changes: [dossier(1)], evict: [], cursor: 'n1', more: true },
      n1: { changes: [dossier(2)], evict: [], cursor: 'n2', more: false },
    },
    { expired: new Set(['old']) },
  ));
  const result = await pull({ store, api });
  assert.deepEqual(store.calls.map(([name]) => name), ['beginResync', 'page', 'page', 'finishResync']);
  assert.deepEqual([...store.records.keys()].sort(), [
    'dossier/d-1', 'dossier/d-2', 'journal_entry/00000000-0000-7000-8000-000000000001',
  ]);
  assert.equal(store.meta.get('resyncing'), false);
  assert.equal(result.received, 2);
});

test('a resync cut half-way resumes from its last page and still cleans up at the end', async () => {
  const store = fakeStore();
  store.meta.set('cursor', 'old');
  store.records.set('dossier/d-gone', { type: 'dossier', record: { id: 'd-gone' }, seen: 0 });
  const pages = {
    '': { changes: [dossier(1)], evict: [], cursor: 'n1', more: true },
    n1: { changes: [dossier(2)], evict: [], cursor: 'n2', more: false },
  };
  let cut = true;
  const server = pagedServer(pages, { expired: new Set(['old']) });
  const api = fakeApi({ get: (path) => {
    if (cut && path.includes('n1')) throw apiProblem(0, 'offline');
    return server.get(path);
  } });
  await assert.rejects(pull({ store, api }));
  assert.ok(store.records.has('dossier/d-gone'), 'nothing dropped before the resync completes');
  cut = false;
  await pull({ store, api });
  assert.deepEqual([...store.records.keys()].sort(), ['dossier/d-1', 'dossier/d-2']);
});

test('a server refusing even a fresh start is an error, not a loop', async () => {
  const store = fakeStore();
  const api = fakeApi({ get: () => { throw apiProblem(410, 'resync_required'); } });
  await assert.rejects(pull({ store, api }), { code: 'resync_required' });
  assert.equal(api.calls.length, 2);
});

test('a page of an unknown shape is refused before anything is stored', async () => {
  const store = fakeStore();
  const api = fakeApi({ get: () => ({ results: [] }) });
  await assert.rejects(pull({ store, api }), /unknown shape/);
  assert.deepEqual(store.calls, []);
});
