// lib/sync/push.js over a fake store and API: batching, order, results, retries, splitting.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { isRetryable, outcomeOf, push, toWire } from '../src/lib/sync/push.js';
import { apiProblem, applyingServer, entry, fakeApi, fakeStore, queueMany } from './sync-fakes.js';

test('a put sends its record, a delete its id, both with their base_rev', () => {
  assert.deepEqual(toWire(entry(1, { base_rev: 3 })), {
    mutation_id: 'm-1', type: 'journal_entry', op: 'put', record: entry(1).record, base_rev: 3,
  });
  const removal = entry(2, { op: 'delete', record: undefined, base_rev: 1 });
  assert.deepEqual(toWire(removal), {
    mutation_id: 'm-2', type: 'journal_entry', op: 'delete', id: removal.id, base_rev: 1,
  });
});

test('applied and merged take the server version; conflict keeps both sides for later', () => {
  const mine = entry(1);
  const server = { ...mine.record, rev: 4, body_text: 'autre' };
  assert.deepEqual(outcomeOf(mine, { mutation_id: 'm-1', status: 'applied', rev: 1, record: server }), {
    kind: 'done', mutation_id: 'm-1', record: server, served: null,
  });
  assert.equal(outcomeOf(mine, { status: 'merged', record: server }).kind, 'done');
  // A new append-only record: only what the server set comes back, to add to the device's copy.
  const served = { rev: 1, changed_at: '2026-11-24T09:00:00Z', changed_by: 'p-1', author_id: 'p-1' };
  assert.deepEqual(outcomeOf(mine, { mutation_id: 'm-1', status: 'applied', rev: 1, served }), {
    kind: 'done', mutation_id: 'm-1', record: null, served,
  });
  const answer = { status: 'conflict', conflict_id: 'c-1', fields: ['body_text'], record: server };
  const conflict = outcomeOf(mine, answer, () => new Date(0));
  assert.equal(conflict.kind, 'done');
  assert.deepEqual(conflict.conflict, {
    conflict_id: 'c-1', mutation_id: 'm-1', type: 'journal_entry', id: mine.id, fields: ['body_text'],
    server_record: server, local_record: mine.record, reported_at: '1970-01-01T00:00:00.000Z',
  });
});

test('a rejection is kept: for good when permanent, to try again when retryable', () => {
  const refused = (code, status) =>
    outcomeOf(entry(1), { status: 'rejected', problem: { code, status, title: 'Refusé.' } });
  assert.deepEqual(refused('unknown_reference', 422), {
    kind: 'rejected', mutation_id: 'm-1',
    problem: { code: 'unknown_reference', title: 'Refusé.', status: 422, detail: '' },
  });
  for (const code of ['invalid_record', 'append_only', 'fixed_field', 'forbidden', 'mutation_id_reused']) {
    assert.equal(refused(code, 422).kind, 'rejected', code);
  }
  const retryable = [
    ['media_not_uploaded', 409], ['too_many_requests', 429], ['unavailable', 503], ['whatever', 500],
  ];
  for (const [code, status] of retryable) {
    assert.equal(refused(code, status).kind, 'queued', code);
  }
  assert.equal(outcomeOf(entry(1), undefined).kind, 'queued', 'no result: send again');
  assert.ok(isRetryable({ code: 'offline', status: 0 }));
  assert.ok(!isRetryable({ code: 'unauthenticated', status: 401 }));
});

test('1203 mutations go in batches of 500, 500 and 203, in queue order, each settled', async () => {
  const store = fakeStore();
  await queueMany(store, 1203);
  const server = applyingServer();
  const api = fakeApi(server);
  const progress = [];
  const result = await push({ store, api, total: 1203, onProgress: (p) => progress.push(p) });

  assert.deepEqual(api.calls.map(([, , body]) => body.mutations.length), [500, 500, 203]);
  const sentIds = api.calls.flatMap(([, , body]) => body.mutations.map((m) => m.mutation_id));
  assert.deepEqual(sentIds, Array.from({ length: 1203 }, (_, i) => `m-${i + 1}`));
  assert.deepEqual(store.calls, [['settle', 500], ['settle', 500], ['settle', 203]]);
  assert.equal(store.outbox.size, 0);
  assert.deepEqual(result, { sent: 1203, types: ['journal_entry'], retryLater: false });
  assert.deepEqual(progress.map((p) => p.done), [500, 1000, 1203]);
  assert.ok(progress.every((p) => p.phase === 'push' && p.total === 1203));
  assert.equal(store.records.get(`journal_entry/${entry(7).id}`).record.rev, 1, 'server copy kept');
});

test('a rejected mutation stays with its reason and is not sent again; a retryable one is', async () => {
  const store = fakeStore();
  await queueMany(store, 3);
  const answers = { 'm-1': 'unknown_reference', 'm-2': 'media_not_uploaded' };
  const api = fakeApi({
    post: (_path, { mutations }) => ({
      results: mutations.map((m) =>
        answers[m.mutation_id]
          ? {
            mutation_id: m.mutation_id,
            status: 'rejected',
            problem: { code: answers[m.mutation_id], title: 'Non.', status: 422 },
          }
          : { mutation_id: m.mutation_id, status: 'applied', rev: 1, record: { ...m.record, rev: 1 } },
      ),
    }),
  });
  const first = await push({ store, api });
  assert.deepEqual(first, { sent: 3, types: ['journal_entry'], retryLater: true });
  assert.deepEqual([...store.outbox.values()].map((e) => [e.mutation_id, e.state, e.last_error.code, e.attempts]), [
    ['m-1', 'rejected', 'unknown_reference', 1],
    ['m-2', 'queued', 'media_not_uploaded', 1],
  ]);
  delete answers['m-2'];
  await push({ store, api });
  assert.deepEqual(api.calls.at(-1)[2].mutations.map((m) => m.mutation_id), ['m-2']);
  assert.deepEqual([...store.outbox.keys()], ['m-1']);
  assert.deepEqual((await store.counts()).rejections.map((r) => r.problem.title), ['Non.']);
});

test('a failed request throws and loses nothing: the next push sends the same mutations', async () => {
  const store = fakeStore();
  await queueMany(store, 4);
  const server = applyingServer();
  let online = false;
  const api = fakeApi({
    post: (path, body) => {
      if (!online) throw apiProblem(0, 'offline');
      return server.post(path, body);
    },
  });
  await assert.rejects(push({ store, api }), { code: 'offline' });
  assert.equal(store.outbox.size, 4);
  assert.ok([...store.outbox.values()].every((e) => e.state === 'sending' && e.attempts === 1));
  online = true;
  await push({ store, api });
  assert.equal(store.outbox.size, 0);
  assert.deepEqual(api.calls.map(([, , body]) => body.mutations.length), [4, 4]);
});

test('a batch refused whole (413 or invalid_batch) is split down to the mutation at fault', async () => {
  const store = fakeStore();
  await queueMany(store, 8);
  const server = applyingServer();
  const api = fakeApi({
    post: (path, body) => {
      if (body.mutations.some((m) => m.mutation_id === 'm-6')) {
        throw apiProblem(400, 'invalid_batch', 'Envoi mal formé.');
      }
      return server.post(path, body);
    },
  });
  const result = await push({ store, api });
  assert.equal(result.sent, 8);
  assert.deepEqual([...store.outbox.keys()], ['m-6']);
  assert.equal(store.outbox.get('m-6').state, 'rejected');
  assert.equal(store.outbox.get('m-6').last_error.title, 'Envoi mal formé.');
  assert.equal(server.applied.size, 7);
});

test('on a shared tablet, a session sends only its own person\'s mutations (and untagged ones)', async () => {
  const store = fakeStore();
  await queueMany(store, 4);
  store.outbox.get('m-1').person_id = 'léa';
  store.outbox.get('m-2').person_id = 'paul';
  store.outbox.get('m-3').person_id = 'léa';
  store.outbox.get('m-4').person_id = null;
  const api = fakeApi(applyingServer());
  await push({ store, api, personId: 'léa' });
  assert.deepEqual(api.calls[0][2].mutations.map((m) => m.mutation_id), ['m-1', 'm-3', 'm-4']);
  assert.deepEqual([...store.outbox.keys()], ['m-2']);
  await push({ store, api, personId: 'paul' });
  assert.equal(store.outbox.size, 0);
});

test('other answers to the whole batch (401, 403, 5xx) throw, with nothing settled', async () => {
  for (const [status, code] of [[401, 'unauthenticated'], [403, 'device_revoked'], [503, 'unavailable']]) {
    const store = fakeStore();
    await queueMany(store, 2);
    const api = fakeApi({ post: () => { throw apiProblem(status, code); } });
    await assert.rejects(push({ store, api }), { code });
    assert.equal(store.outbox.size, 2);
    assert.deepEqual(store.calls, []);
  }
});
