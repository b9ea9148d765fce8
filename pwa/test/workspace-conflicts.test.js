// Conflicts: both versions field by field, a record chosen or merged, lists from both sides.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { fieldRows, mergeConflictLists, mergedRecord } from '../src/lib/workspace/conflicts.js';

const mine = { id: 'd1', rev: 3, status: 'ouvert', selection: { c1: ['e1'] }, title: 'A', changed_at: 'x' };
const theirs = { id: 'd1', rev: 4, status: 'ouvert', selection: { c1: ['e2'] }, title: 'B', changed_at: 'y' };

test('fields that differ come first; bookkeeping is never shown', () => {
  const rows = fieldRows(mine, theirs);
  assert.deepEqual(rows.map((row) => [row.field, row.differs]), [
    ['selection', true], ['title', true], ['status', false],
  ]);
});

test('keep theirs, keep mine, or merge field by field', () => {
  const conflict = { mine, theirs };
  assert.deepEqual(mergedRecord(conflict, []), { id: 'd1', status: 'ouvert', selection: { c1: ['e2'] }, title: 'B' });
  assert.deepEqual(mergedRecord(conflict, ['selection']), { id: 'd1', status: 'ouvert', selection: { c1: ['e1'] }, title: 'B' });
  assert.deepEqual(mergedRecord(conflict, ['selection', 'title']).title, 'A');
  // A field the losing write did not have is removed when chosen from it.
  assert.equal('title' in mergedRecord({ mine: { id: 'd1' }, theirs }, ['title']), false);
});

test("the server's list wins when it answered; the device's own resolved ones are to forget", () => {
  const local = [
    { conflict_id: 'k1', type: 'dossier', id: 'd1', local_record: mine, server_record: theirs, fields: ['selection'] },
    { conflict_id: 'k2', type: 'dossier', id: 'd1', local_record: mine, server_record: theirs, fields: ['title'] },
  ];
  const offline = mergeConflictLists(null, local);
  assert.deepEqual(offline.conflicts.map((c) => [c.id, c.local, c.mine.title]), [['k1', true, 'A'], ['k2', true, 'A']]);
  assert.deepEqual(offline.gone, []);
  const server = [{ id: 'k1', type: 'dossier', mine, theirs }, { id: 'k9', type: 'dossier', mine, theirs }];
  const online = mergeConflictLists(server, local);
  assert.deepEqual(online.conflicts.map((c) => c.id), ['k1', 'k9']);
  assert.deepEqual(online.gone, ['k2']);
});
