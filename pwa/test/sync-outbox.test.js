// lib/sync/outbox.js with the real shared JSON Schemas and a fake store.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { loadSchemaSet } from '../src/lib/schemas.js';
import { InvalidRecordError, createOutbox } from '../src/lib/sync/outbox.js';
import { folderLoader } from '../scripts/schema-files.mjs';
import { ajv } from './helpers.js';
import { fakeStore } from './sync-fakes.js';

const SHARED = new URL('../../shared_schemas/', import.meta.url).pathname;
const schemaSet = loadSchemaSet({ load: folderLoader(SHARED), ajv });

const journal = {
  id: '0193a0f0-7777-7a81-8b92-000000000013',
  dossier_id: '0193a0e3-2222-7b3c-9d4e-5f6071829304',
  author_role: 'candidate',
  phase: 'during',
  body_text: "Aujourd'hui j'ai appris à plier les serviettes.",
  written_at: '2026-11-20T10:14:52+01:00',
};

function outboxOn(store) {
  let n = 0;
  return createOutbox({
    store,
    schemas: () => schemaSet,
    now: () => new Date('2026-11-23T18:00:00Z'),
    newId: () => `0193a0f0-0000-7000-8000-00000000000${(n += 1)}`,
    personId: '0193a0e1-4b2c-7d3e-8f40-5a6b7c8d9e02',
  });
}

test('a valid record is queued with its local copy, stamped with the device clock', async () => {
  const store = fakeStore();
  const queued = await outboxOn(store).put('journal_entry', journal);
  const record = { ...journal, client_changed_at: '2026-11-23T18:00:00.000Z' };
  assert.deepEqual(queued, {
    mutation_id: '0193a0f0-0000-7000-8000-000000000001',
    person_id: '0193a0e1-4b2c-7d3e-8f40-5a6b7c8d9e02', type: 'journal_entry', op: 'put',
    id: journal.id, base_rev: null, queued_at: '2026-11-23T18:00:00.000Z', attempts: 0,
    last_error: null, state: 'queued', record, order: 1,
  });
  assert.deepEqual(store.records.get(`journal_entry/${journal.id}`).record, record);
});

test('a change is made on the rev of the copy it started from', async () => {
  const store = fakeStore();
  const queued = await outboxOn(store).put('journal_entry', { ...journal, rev: 2 });
  assert.equal(queued.base_rev, 2);
});

test('a record that does not fit its schema is refused and nothing is queued', async () => {
  const store = fakeStore();
  const missing = { ...journal, body_text: ' ' };
  delete missing.phase;
  await assert.rejects(outboxOn(store).put('journal_entry', missing), (error) => {
    assert.ok(error instanceof InvalidRecordError);
    assert.equal(error.code, 'invalid_record');
    assert.ok(error.errors.some((e) => e.keyword === 'required' && e.params.missingProperty === 'phase'));
    return true;
  });
  assert.equal(store.outbox.size, 0);
  assert.equal(store.records.size, 0);
});

test('a deletion queues the id and removes the local copy', async () => {
  const store = fakeStore();
  const outbox = outboxOn(store);
  await outbox.put('journal_entry', journal);
  const removal = await outbox.delete('journal_entry', journal.id, { baseRev: 1 });
  assert.deepEqual([removal.op, removal.id, removal.base_rev, removal.order, 'record' in removal], [
    'delete', journal.id, 1, 2, false,
  ]);
  assert.equal(store.records.size, 0);
});
