// Is the dossier complete for the jury? Each missing piece is said, and filling it removes it.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  completeness, latestLetterSignatures, needsGuardian, requiredSigners,
} from '../src/lib/workspace/completeness.js';
import { DOSSIER_ID, kitchen, someId } from './workspace-fixtures.js';

const framework = await kitchen();
const [tenue, mains] = framework.competencies;
const TODAY = '2026-11-23';
const adult = { id: someId(), given_name: 'Léa', family_name: 'Petit', birth_date: '1990-05-01' };

const evidence = (competencyIds, extra = {}) => ({
  id: someId(), dossier_id: DOSSIER_ID, kind: 'photo', competency_ids: competencyIds,
  captured_at: '2026-11-20T10:00:00Z', ...extra,
});
const positioning = (kind, competencyIds, takenAt = '2026-11-21T10:00:00Z') => ({
  id: someId(), dossier_id: DOSSIER_ID, kind, taken_at: takenAt,
  items: competencyIds.map((id) => ({ competency_id: id, level_key: 'seul' })),
});
const signature = (role, sha = 'a'.repeat(64), signedAt = '2026-11-22T10:00:00Z') => ({
  id: someId(), dossier_id: DOSSIER_ID, document_kind: 'commitment_letter', document_sha256: sha,
  signer_name: role, signer_role: role, signed_at: signedAt,
});

const keys = (result) => result.missing.map(({ key, params }) => `${key}${params.competency ? `:${params.competency}` : ''}`);

test('an empty dossier misses a selection and the letter', () => {
  const dossier = { id: DOSSIER_ID, scheme: 'rae', selection: {} };
  const result = completeness({ dossier, framework, records: {}, candidate: adult, today: TODAY });
  assert.equal(result.complete, false);
  assert.deepEqual(keys(result), ['workspace.missing.selection', 'workspace.missing.letter']);
});

test('each chosen competency needs evidence, a self- and a co-positioning; the letter all its signers', () => {
  const photo = evidence([tenue.id]);
  const dossier = { id: DOSSIER_ID, scheme: 'rae', selection: { [tenue.id]: [photo.id], [mains.id]: [] } };
  const records = {
    evidence: [photo],
    positioning: [positioning('self', [tenue.id, mains.id]), positioning('co', [tenue.id])],
    signature: [signature('candidate'), signature('support_worker')],
  };
  let result = completeness({ dossier, framework, records, candidate: adult, today: TODAY });
  assert.deepEqual(keys(result), [
    `workspace.missing.evidence:${mains.easy_wording}`,
    `workspace.missing.co:${mains.easy_wording}`,
    'workspace.missing.signer.lead',
  ]);
  // Fill each gap: the dossier becomes complete.
  const second = evidence([mains.id]);
  records.evidence.push(second);
  dossier.selection[mains.id] = [second.id];
  records.positioning.push(positioning('co', [mains.id], '2026-11-22T09:00:00Z'));
  records.signature.push(signature('lead'));
  result = completeness({ dossier, framework, records, candidate: adult, today: TODAY });
  assert.deepEqual(result, { complete: true, missing: [] });
  // Deleted evidence does not count, even when still chosen.
  second.deleted = true;
  assert.deepEqual(keys(completeness({ dossier, framework, records, candidate: adult, today: TODAY })), [
    `workspace.missing.evidence:${mains.easy_wording}`,
  ]);
});

test('a minor or a protected adult also needs their guardian to sign', () => {
  assert.equal(needsGuardian({ birth_date: '2008-11-24' }, TODAY), true);
  assert.equal(needsGuardian({ birth_date: '2008-11-23' }, TODAY), false);
  assert.equal(needsGuardian({ birth_date: null, protected_adult: true }, TODAY), true);
  assert.deepEqual(requiredSigners(adult, TODAY), ['candidate', 'lead', 'support_worker']);
  const minor = { ...adult, birth_date: '2012-01-01' };
  assert.deepEqual(requiredSigners(minor, TODAY), ['candidate', 'guardian', 'lead', 'support_worker']);
  const dossier = { id: DOSSIER_ID, scheme: 'rae', selection: {} };
  const records = { signature: ['candidate', 'lead', 'support_worker'].map((role) => signature(role)) };
  assert.ok(keys(completeness({ dossier, framework, records, candidate: minor, today: TODAY }))
    .includes('workspace.missing.signer.guardian'));
});

test('the age counts on the day the dossier opened, as in the letter: 18 since does not remove the guardian', () => {
  const turned18 = { ...adult, birth_date: '2008-06-01' }; // 17 on opening, 18 today
  const dossier = { id: DOSSIER_ID, scheme: 'rae', selection: {}, opened_on: '2026-03-02' };
  const records = { signature: ['candidate', 'lead', 'support_worker'].map((role) => signature(role)) };
  assert.ok(keys(completeness({ dossier, framework, records, candidate: turned18, today: TODAY }))
    .includes('workspace.missing.signer.guardian'));
  const openedSince = { ...dossier, opened_on: '2026-07-01' };
  assert.ok(!keys(completeness({ dossier: openedSince, framework, records, candidate: turned18, today: TODAY }))
    .includes('workspace.missing.signer.guardian'));
});

test('only the signatures of the latest letter count together', () => {
  const old = ['candidate', 'lead', 'support_worker'].map((role) => signature(role, 'a'.repeat(64), '2026-11-01T00:00:00Z'));
  const renewed = signature('candidate', 'b'.repeat(64), '2026-11-10T00:00:00Z');
  const latest = latestLetterSignatures([...old, renewed]);
  assert.deepEqual(latest, [renewed]);
  const dossier = { id: DOSSIER_ID, scheme: 'rae', selection: {} };
  const result = completeness({ dossier, framework, records: { signature: [...old, renewed] }, candidate: adult, today: TODAY });
  assert.deepEqual(keys(result).slice(1), ['workspace.missing.signer.lead', 'workspace.missing.signer.support_worker']);
});

test("with the current letter known, only signatures of its text count, by the letter's signers", () => {
  const dossier = { id: DOSSIER_ID, scheme: 'rae', selection: {} };
  const oldText = ['candidate', 'lead', 'support_worker'].map((role) => signature(role, 'a'.repeat(64)));
  const letter = { hash: 'b'.repeat(64), roles: ['candidate', 'guardian', 'lead', 'support_worker'] };
  let result = completeness({ dossier, framework, records: { signature: oldText }, candidate: adult, today: TODAY, letter });
  assert.deepEqual(keys(result).slice(1), ['workspace.missing.letter']);
  const renewed = ['candidate', 'lead', 'support_worker'].map((role) => signature(role, letter.hash));
  result = completeness({ dossier, framework, records: { signature: [...oldText, ...renewed] }, candidate: adult, today: TODAY, letter });
  // The letter asks its guardian (a guardianship is recorded), though Léa is an adult.
  assert.deepEqual(keys(result).slice(1), ['workspace.missing.signer.guardian']);
});
