import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  annotationReady, annotationRecord, filterEvidence, isBareLink, tiesOf,
} from '../src/lib/review/links.js';

const evidence = (id, competencyIds = [], capturedAt = '2026-11-20T10:00:00Z') => ({
  id, dossier_id: 'd', kind: 'photo', competency_ids: competencyIds, captured_at: capturedAt,
});
const link = (id, evidenceId, competencyIds, extra = {}) => ({
  id, dossier_id: 'd', evidence_id: evidenceId, kind: 'validated',
  competency_ids: competencyIds, criterion_ids: [], ...extra,
});

test('ties are the union of the candidate choice and the support workers links', () => {
  const piece = evidence('e1', ['c1']);
  const annotations = [
    link('a1', 'e1', ['c2'], { criterion_ids: ['k1'] }),
    link('a2', 'e2', ['c3']),
    link('a3', 'e1', ['c4'], { deleted: true }),
    { id: 'a4', evidence_id: 'e1', kind: 'comment', body_text: 'Bien', competency_ids: [], criterion_ids: [] },
  ];
  const ties = tiesOf(piece, annotations);
  assert.deepEqual([...ties.own], ['c1']);
  assert.deepEqual([...ties.competencies].sort(), ['c1', 'c2']);
  assert.deepEqual([...ties.criteria], ['k1']);
  assert.deepEqual(ties.links.map((a) => a.id), ['a1']);
});

test('the gallery filters by competency and by not linked yet, newest first', () => {
  const items = [
    evidence('old', ['c1'], '2026-11-01T10:00:00Z'),
    evidence('new', [], '2026-11-22T10:00:00Z'),
    evidence('linked', [], '2026-11-10T10:00:00Z'),
    { ...evidence('gone', []), deleted: true },
  ];
  const annotations = [link('a1', 'linked', ['c2'])];
  assert.deepEqual(filterEvidence(items, annotations, 'all').map((e) => e.id), ['new', 'linked', 'old']);
  assert.deepEqual(filterEvidence(items, annotations, 'unlinked').map((e) => e.id), ['new']);
  assert.deepEqual(filterEvidence(items, annotations, 'c2').map((e) => e.id), ['linked']);
  assert.deepEqual(filterEvidence(items, annotations, 'c1').map((e) => e.id), ['old']);
});

test('an annotation is a bare link, a comment, or an à refaire', () => {
  const base = { id: 'a', dossierId: 'd', evidenceId: 'e' };
  const bare = annotationRecord({ ...base, competencyIds: ['c1', 'c1'], criterionIds: ['k'] });
  assert.equal(bare.kind, 'validated');
  assert.deepEqual(bare.competency_ids, ['c1']);
  assert.ok(annotationReady(bare) && isBareLink(bare));
  const comment = annotationRecord({ ...base, text: '  Bien vu.  ', competencyIds: ['c1'] });
  assert.equal(comment.kind, 'comment');
  assert.equal(comment.body_text, 'Bien vu.');
  assert.ok(!isBareLink(comment));
  const redo = annotationRecord({ ...base, kind: 'a_refaire', audioSha256: 'f'.repeat(64) });
  assert.equal(redo.kind, 'a_refaire');
  assert.ok(annotationReady(redo) && !('body_text' in redo));
  assert.ok(!annotationReady(annotationRecord({ ...base, kind: 'a_refaire', text: '   ' })));
  assert.ok(!annotationReady(annotationRecord({ ...base })));
});
