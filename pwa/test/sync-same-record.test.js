// Changes queued one after the other on the same record (store.js foldsInto, pickSendable,
// rebase) with the fake store: the device never conflicts with itself.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { push } from '../src/lib/sync/push.js';
import { applyingServer, entry, fakeApi, fakeStore } from './sync-fakes.js';

const change = (n, mutation, overrides = {}) =>
  entry(n, { mutation_id: mutation, record: { id: entry(n).id, body_text: mutation }, ...overrides });

async function queue(store, ...entries) {
  const kept = [];
  for (const queued of entries) {
    kept.push(await store.enqueue(queued, queued.record ?? { id: queued.id, deleted: true }));
  }
  return kept;
}

test('a put queued while the same record\'s put was never sent is folded into it', async () => {
  const store = fakeStore();
  const [first, second] = await queue(store, change(1, 'm-a', { base_rev: 3 }), change(1, 'm-b', { base_rev: 4 }));
  assert.equal(second.mutation_id, 'm-a', 'the earlier mutation id is kept');
  assert.deepEqual([...store.outbox.values()].map((e) => [e.mutation_id, e.base_rev, e.record.body_text]),
    [['m-a', 3, 'm-b']], 'its base_rev, the newer record');
  assert.equal(first.order, second.order);

  // Once sent (or being sent), a later change is a mutation of its own.
  await store.markSending(['m-a']);
  await queue(store, change(1, 'm-c'));
  assert.deepEqual([...store.outbox.keys()], ['m-a', 'm-c']);
  // Another record, or a deletion, is never folded.
  await queue(store, change(2, 'm-d'), change(2, 'm-e', { op: 'delete', record: undefined }));
  assert.deepEqual([...store.outbox.keys()], ['m-a', 'm-c', 'm-d', 'm-e']);
});

test('two mutations of a record never go in one batch; the later takes the rev of the earlier', async () => {
  const store = fakeStore();
  store.outbox.set('m-a', { ...change(1, 'm-a', { base_rev: 2 }), order: 1, state: 'sending', attempts: 1 });
  await queue(store, change(2, 'm-x'), change(1, 'm-b'), change(3, 'm-y'), change(1, 'm-c'));
  // m-b was queued while m-a was on its way: not folded. m-c folds into m-b (never sent).
  assert.deepEqual([...store.outbox.keys()], ['m-a', 'm-x', 'm-b', 'm-y']);
  const server = applyingServer();
  const batches = [];
  const api = fakeApi({ post: (path, body) => {
    batches.push(body.mutations.map((m) => [m.mutation_id, m.base_rev]));
    return server.post(path, body);
  } });
  const pushed = await push({ store, api });
  assert.deepEqual(batches, [
    [['m-a', 2], ['m-x', null]],
    [['m-b', 3], ['m-y', null]],
  ], 'the batch stops before the second mutation of record 1, which goes on rev 3');
  assert.equal(pushed.sent, 4);
  assert.equal(store.outbox.size, 0);
  assert.equal(server.applied.size, 4, 'each mutation reached the server once');
  assert.equal(server.applied.get('m-b').record.body_text, 'm-c', 'with the newest record');
});

test('a later mutation waits while the earlier one is refused for now, and a conflict leaves it be', async () => {
  const store = fakeStore();
  await queue(store, change(1, 'm-a', { base_rev: 5 }));
  await store.markSending(['m-a']);
  await queue(store, change(1, 'm-b', { base_rev: 5 }), change(2, 'm-x'));
  let answer = 'queued';
  const api = fakeApi({ post: (_path, { mutations }) => ({
    results: mutations.map((m) => (m.mutation_id !== 'm-a'
      ? { mutation_id: m.mutation_id, status: 'applied', record: { ...m.record, rev: 1 } }
      : answer === 'queued'
        ? { mutation_id: 'm-a', status: 'rejected', problem: { code: 'media_not_uploaded', status: 409 } }
        : { mutation_id: 'm-a', status: 'conflict', conflict_id: 'c-1', fields: ['body_text'],
          record: { ...m.record, rev: 9 } })),
  }) });
  const first = await push({ store, api });
  assert.deepEqual(api.calls.map(([, , body]) => body.mutations.map((m) => m.mutation_id)),
    [['m-a'], ['m-x']], 'm-b ends the first batch, then is not sent while m-a waits');
  assert.equal(first.retryLater, true);
  assert.deepEqual([...store.outbox.keys()], ['m-a', 'm-b']);

  answer = 'conflict';
  await push({ store, api });
  const sent = api.calls.slice(2).map(([, , body]) => body.mutations.map((m) => [m.mutation_id, m.base_rev]));
  assert.deepEqual(sent, [[['m-a', 5]], [['m-b', 5]]], 'after a conflict the later keeps its base_rev');
  assert.equal(store.conflicts.length, 1);
});
