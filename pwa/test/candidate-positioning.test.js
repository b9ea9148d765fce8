// Self-positioning steps (lib/candidate/positioning.js) and the proofs timeline
// (lib/candidate/timeline.js), over the real sample framework and the positioning schema.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

import * as steps from '../src/lib/candidate/positioning.js';
import { timelineGroups, verdictOf, annotationsByEvidence, waitingIds } from '../src/lib/candidate/timeline.js';
import { describeFramework } from '../src/lib/framework.js';

const REPO = new URL('../../', import.meta.url);
const json = (path) => JSON.parse(readFileSync(new URL(path, REPO), 'utf8'));
const VERSION_ID = '0192a3b4-0000-7000-8000-000000000001';
const DOSSIER_ID = '0192a3b4-0000-7000-8000-000000000002';
const POSITIONING_ID = '0192a3b4-0000-7000-8000-000000000003';

const framework = await describeFramework({
  id: VERSION_ID,
  status: 'published',
  document: json('backend/preuves/demo/data/frameworks/aide-de-cuisine.json'),
});

function validator() {
  const ajv = new Ajv2020({ strict: false });
  addFormats(ajv);
  ajv.addSchema(json('shared_schemas/common.schema.json'), 'https://preuves.app/schemas/common.schema.json');
  return ajv.compile(json('shared_schemas/records/positioning.schema.json'));
}

const start = (previous = null) =>
  steps.newDraft({ positioningId: POSITIONING_ID, dossierId: DOSSIER_ID, framework, previous, now: new Date('2026-11-23T10:00:00Z') });
const [first, second, third] = framework.competencies;

test('a new session starts at the first statement, and says where it is', () => {
  const draft = start();
  assert.equal(draft.index, 0);
  assert.deepEqual(steps.progressOf(draft, framework), { current: 1, total: framework.competencies.length, answered: 0 });
  const moved = steps.moveTo(steps.answer(draft, first.id, 'seul'), 1, framework);
  assert.deepEqual(steps.progressOf(moved, framework), { current: 2, total: 11, answered: 1 });
  assert.equal(steps.moveTo(moved, 99, framework).index, 10, 'never past the last statement');
  assert.equal(steps.moveTo(moved, -1, framework).index, 0);
});

test('nothing answered makes no snapshot', () => {
  assert.equal(steps.snapshotOf(start(), framework), null);
});

test('a stopped session is a valid, dated, incomplete self-positioning in the framework order', () => {
  let draft = start();
  draft = steps.answer(draft, third.id, 'avec-de-l-aide');
  draft = steps.answer(draft, first.id, 'pas-encore');
  draft = steps.answer(draft, first.id, 'seul'); // changing one's mind keeps the last choice
  draft = steps.comment(draft, first.id, 'a'.repeat(64));
  const record = steps.snapshotOf(draft, framework, new Date('2026-11-23T10:05:00Z'));
  assert.deepEqual(record, {
    id: POSITIONING_ID,
    dossier_id: DOSSIER_ID,
    kind: 'self',
    taken_at: '2026-11-23T10:05:00.000Z',
    items: [
      { competency_id: first.id, level_key: 'seul', comment_audio_sha256: 'a'.repeat(64) },
      { competency_id: third.id, level_key: 'avec-de-l-aide' },
    ],
    complete: false,
  });
  const validate = validator();
  assert.ok(validate(record), JSON.stringify(validate.errors));
});

test('a voice comment with no level chosen is not an item (a level is what a positioning says)', () => {
  const draft = steps.comment(start(), second.id, 'b'.repeat(64));
  assert.equal(steps.snapshotOf(draft, framework), null);
});

test('every statement answered is complete', () => {
  let draft = start();
  for (const competency of framework.competencies) draft = steps.answer(draft, competency.id, 'seul');
  assert.ok(steps.isComplete(draft, framework));
  const record = steps.snapshotOf(draft, framework);
  assert.equal(record.items.length, 11);
  assert.equal(record.complete, true);
});

test('a new session resumes an unfinished one: its answers carried over, at the first unanswered', () => {
  const earlier = {
    id: 'x', kind: 'self', taken_at: '2026-11-20T10:00:00Z', complete: false,
    items: [{ competency_id: first.id, level_key: 'seul' }, { competency_id: second.id, level_key: 'pas-encore' }],
  };
  const older = { ...earlier, id: 'y', taken_at: '2026-11-01T10:00:00Z', items: [] };
  const co = { ...earlier, id: 'z', kind: 'co', taken_at: '2026-11-22T10:00:00Z' };
  const previous = steps.latestSelf([older, co, earlier]);
  assert.equal(previous.id, 'x', 'the newest self-positioning, never the co-positioning');
  const draft = start(previous);
  assert.equal(draft.index, 2);
  assert.equal(draft.answers[second.id].level_key, 'pas-encore');
  assert.equal(draft.positioningId, POSITIONING_ID, 'a new session is a new snapshot');
});

test('after a complete positioning, a new session starts afresh', () => {
  const done = { id: 'x', kind: 'self', taken_at: '2026-11-20T10:00:00Z', complete: true, items: [{ competency_id: first.id, level_key: 'seul' }] };
  const draft = start(done);
  assert.equal(draft.index, 0);
  assert.deepEqual(draft.answers, {});
});

test('answers about competencies no longer in the framework are dropped', () => {
  const earlier = { id: 'x', kind: 'self', taken_at: '2026-11-20', complete: false, items: [{ competency_id: DOSSIER_ID, level_key: 'seul' }] };
  assert.deepEqual(start(earlier).answers, {});
});

test('the timeline groups evidence by competency, then task, then the rest; newest first', () => {
  const evidence = [
    { id: 'e1', kind: 'photo', captured_at: '2026-11-01T10:00:00Z', competency_ids: [second.id] },
    { id: 'e2', kind: 'video', captured_at: '2026-11-02T10:00:00Z', competency_ids: [first.id, second.id] },
    { id: 'e3', kind: 'audio', captured_at: '2026-11-03T10:00:00Z', task: 'mettre la table' },
    { id: 'e4', kind: 'photo', captured_at: '2026-11-04T10:00:00Z' },
    { id: 'e5', kind: 'photo', captured_at: '2026-11-05T10:00:00Z', supersedes_id: 'e4' },
    { id: 'e6', kind: 'photo', captured_at: '2026-11-06T10:00:00Z', deleted: true },
  ];
  const groups = timelineGroups(evidence, framework).map((group) => [group.key, group.items.map((item) => item.id)]);
  assert.deepEqual(groups, [
    [first.id, ['e2']],
    [second.id, ['e2', 'e1']],
    ['task:mettre la table', ['e3']],
    ['other', ['e5']],
  ]);
});

test('the newest verdict wins; comments are not verdicts', () => {
  const by = annotationsByEvidence([
    { evidence_id: 'e1', kind: 'a_refaire', changed_at: '2026-11-01' },
    { evidence_id: 'e1', kind: 'comment', changed_at: '2026-11-03' },
    { evidence_id: 'e2', kind: 'a_refaire', changed_at: '2026-11-04' },
    { evidence_id: 'e2', kind: 'validated', changed_at: '2026-11-02' },
  ]);
  assert.equal(verdictOf(by.get('e1')), 'a_refaire');
  assert.equal(verdictOf(by.get('e2')), 'a_refaire');
  assert.equal(verdictOf([]), null);
});

test('waiting: queued records and media the server has not confirmed', () => {
  const ids = waitingIds([{ type: 'evidence', id: 'e1' }], [{ recordId: 'e2', state: 'paused' }, { recordId: 'e3/caption_audio_sha256', state: 'waiting' }]);
  assert.deepEqual([...ids].sort(), ['e1', 'e2', 'e3']);
});
