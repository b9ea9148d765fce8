// Co-positioning: the two sides side by side, how far apart, their evidence, the history.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { loadSchemaSet } from '../src/lib/schemas.js';
import {
  comparisonRows, compareLevels, coPositioningRecord, evidenceFor, latestByCompetency, snapshots,
} from '../src/lib/workspace/copositioning.js';
import { SHARED_SCHEMAS_DIR, folderLoader } from '../scripts/schema-files.mjs';
import { ajv } from './helpers.js';
import { DOSSIER_ID, kitchen, someId } from './workspace-fixtures.js';

const framework = await kitchen();
const [tenue, mains, plan] = framework.competencies;
const set = await loadSchemaSet({ load: folderLoader(SHARED_SCHEMAS_DIR), ajv });

const snapshot = (kind, takenAt, levels) => ({
  id: someId(), dossier_id: DOSSIER_ID, kind, taken_at: takenAt,
  items: Object.entries(levels).map(([competency_id, level_key]) => ({ competency_id, level_key })),
});

test('the latest snapshot that names a competency gives its level and its date', () => {
  const older = snapshot('self', '2026-11-01T10:00:00Z', { [tenue.id]: 'pas-encore', [mains.id]: 'seul' });
  const newer = snapshot('self', '2026-11-15T10:00:00Z', { [tenue.id]: 'avec-de-l-aide' });
  const co = snapshot('co', '2026-11-16T10:00:00Z', { [tenue.id]: 'je-peux-l-expliquer' });
  const latest = latestByCompetency([older, co, newer], 'self');
  assert.equal(latest.get(tenue.id).level_key, 'avec-de-l-aide');
  assert.equal(latest.get(tenue.id).taken_at, '2026-11-15T10:00:00Z');
  assert.equal(latest.get(mains.id).level_key, 'seul');
  assert.equal(latest.get(mains.id).snapshot_id, older.id);
  assert.deepEqual(snapshots([older, co, newer]).map((s) => s.id), [co.id, newer.id, older.id]);
  assert.deepEqual(snapshots([older, { ...newer, deleted: true }], 'self').map((s) => s.id), [older.id]);
});

test('differences are counted in levels, and say which side sees more', () => {
  const item = (level_key) => ({ level_key });
  assert.deepEqual(compareLevels(framework, null, null), { state: 'none', steps: 0 });
  assert.deepEqual(compareLevels(framework, item('seul'), null), { state: 'self-only', steps: 0 });
  assert.deepEqual(compareLevels(framework, null, item('seul')), { state: 'co-only', steps: 0 });
  assert.deepEqual(compareLevels(framework, item('seul'), item('seul')), { state: 'same', steps: 0 });
  assert.deepEqual(compareLevels(framework, item('pas-encore'), item('seul')), { state: 'co-higher', steps: 2 });
  assert.deepEqual(compareLevels(framework, item('je-peux-l-expliquer'), item('avec-de-l-aide')), { state: 'co-lower', steps: 2 });
});

test('each row has the evidence that names its competency, newest first', () => {
  const a = { id: someId(), competency_ids: [tenue.id], captured_at: '2026-11-01T00:00:00Z' };
  const b = { id: someId(), competency_ids: [tenue.id, mains.id], captured_at: '2026-11-03T00:00:00Z' };
  const gone = { id: someId(), competency_ids: [tenue.id], captured_at: '2026-11-04T00:00:00Z', deleted: true };
  assert.deepEqual(evidenceFor([a, b, gone], tenue.id).map((e) => e.id), [b.id, a.id]);
  // A support worker's link (an annotation naming the competency) ties it too; a deleted one not.
  const c = { id: someId(), competency_ids: [], captured_at: '2026-11-05T00:00:00Z' };
  const link = { id: someId(), evidence_id: c.id, kind: 'validated', competency_ids: [mains.id] };
  assert.deepEqual(evidenceFor([a, c], mains.id, [link]).map((e) => e.id), [c.id]);
  assert.deepEqual(evidenceFor([a, c], mains.id, [{ ...link, deleted: true }]), []);
  const rows = comparisonRows(framework, {
    evidence: [a, b],
    positioning: [
      snapshot('self', '2026-11-01T10:00:00Z', { [tenue.id]: 'seul', [mains.id]: 'seul' }),
      snapshot('co', '2026-11-02T10:00:00Z', { [tenue.id]: 'avec-de-l-aide' }),
    ],
  });
  assert.equal(rows.length, framework.competencies.length);
  assert.deepEqual(rows[0].comparison, { state: 'co-lower', steps: 1 });
  assert.deepEqual(rows[0].evidence.map((e) => e.id), [b.id, a.id]);
  assert.equal(rows[1].comparison.state, 'self-only');
  assert.equal(rows[2].comparison.state, 'none');
  assert.equal(rows[2].competency, plan);
});

test('one session makes one co-positioning record that fits its schema', () => {
  const choices = new Map([
    [tenue.id, { level_key: 'seul', comment_text: '  Bien fait.  ', evidence_ids: [someId()] }],
    [mains.id, { level_key: 'avec-de-l-aide', comment_text: ' ', comment_audio_sha256: 'c'.repeat(64) }],
  ]);
  const record = coPositioningRecord({
    dossierId: DOSSIER_ID, choices, competencyCount: framework.competencies.length,
    now: new Date('2026-11-23T10:00:00Z'), newId: someId,
  });
  assert.equal(record.kind, 'co');
  assert.equal(record.taken_at, '2026-11-23T10:00:00.000Z');
  assert.equal(record.complete, false);
  assert.equal(record.items[0].comment_text, 'Bien fait.');
  assert.equal('comment_text' in record.items[1], false);
  const { valid, errors } = set.validateRecord('positioning', record);
  assert.ok(valid, JSON.stringify(errors));
  assert.throws(() => coPositioningRecord({ dossierId: DOSSIER_ID, choices: new Map(), competencyCount: 1 }));
});
