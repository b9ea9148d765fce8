// The jury's decisions on the device: the last recorded counts (synced ones by changed_at then
// id, then the outbox's in queue order; refused ones never count), and the minutes' signed text
// and hash, byte for byte the server's (shared_schemas/examples/jury_minutes/*.json).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

import { effectiveDecisions, instantKey } from '../src/lib/decisions/effective.js';
import { loadJuryDossier, nameOf } from '../src/lib/decisions/jury-data.js';
import { canonicalJson, computeMinutes, minutesContent } from '../src/lib/decisions/minutes.js';
import {
  commentOf, competencyDecision, overallDecision, sameDecision, usesCercles,
} from '../src/lib/decisions/records.js';
import { minutesSignatureRecord, minutesSignatureStatus } from '../src/lib/decisions/signing.js';

const SESSION = '0190a000-0000-7000-8000-000000000001';
const DOSSIER = '0190a000-0000-7000-8000-000000000002';
const C1 = '1b000000-0000-5000-8000-000000000000';
const C2 = 'a0000000-0000-5000-8000-000000000000';
const which = { sessionId: SESSION, dossierId: DOSSIER };

const decision = (id, changedAt, extra) => ({
  id, session_id: SESSION, dossier_id: DOSSIER, competency_id: C1, outcome: 'acquis',
  level_key: null, overall_outcome: null, validated_block_keys: [], comment: null,
  decided_at: '2027-02-15T10:00:00Z', changed_at: changedAt, ...extra,
});
const queued = (record, order, state = 'queued') => ({
  mutation_id: `m${order}`, type: 'decision', op: 'put', id: record.id, record, order, state,
  last_error: state === 'rejected'
    ? { code: 'jury_session_not_open', title: 'Le jury n’est pas ouvert.', status: 409 } : null,
});

test('server timestamps sort to the microsecond, whatever their fraction', () => {
  assert.ok(instantKey('2027-02-15T10:00:00.1Z') > instantKey('2027-02-15T10:00:00.099999Z'));
  assert.equal(instantKey('2027-02-15T10:00:00Z'), instantKey('2027-02-15T10:00:00.000000+00:00'));
  assert.ok(instantKey('2027-02-15T11:00:00+02:00') < instantKey('2027-02-15T10:00:00Z'));
});

test('synced decisions count by changed_at, then id', () => {
  const older = decision('0190a000-0000-7000-8000-00000000000b', '2027-02-15T10:00:00.500000Z', { outcome: 'non_acquis' });
  const newer = decision('0190a000-0000-7000-8000-00000000000a', '2027-02-15T10:00:01Z', { outcome: 'acquis' });
  assert.equal(effectiveDecisions([newer, older], [], which).competencies.get(C1).outcome, 'acquis');
  const sameTimeLow = decision('0190a000-0000-7000-8000-00000000000a', '2027-02-15T10:00:00Z', { outcome: 'non_acquis' });
  const sameTimeHigh = decision('0190a000-0000-7000-8000-00000000000f', '2027-02-15T10:00:00Z', { outcome: 'en_cours_d_acquisition' });
  assert.equal(effectiveDecisions([sameTimeHigh, sameTimeLow], [], which).competencies.get(C1).outcome,
    'en_cours_d_acquisition');
});

test('unsent decisions come after the synced ones, in queue order; refused ones never count', () => {
  const synced = decision('0190a000-0000-7000-8000-0000000000ff', '2030-01-01T00:00:00Z');
  const first = decision('0190a000-0000-7000-8000-000000000001', undefined, { outcome: 'non_acquis' });
  const second = decision('0190a000-0000-7000-8000-000000000002', undefined, { outcome: 'en_cours_d_acquisition' });
  const refused = decision('0190a000-0000-7000-8000-000000000003', undefined, { outcome: 'acquis' });
  const overall = overallDecision({ id: '0190a000-0000-7000-8000-000000000004', ...which, overallOutcome: 'validation_totale' });
  const local = [synced, first, second, refused, overall];
  const outbox = [queued(second, 7), queued(first, 3), queued(refused, 9, 'rejected'), queued(overall, 10)];
  const effective = effectiveDecisions(local, outbox, which);
  assert.equal(effective.competencies.get(C1).id, second.id);
  assert.equal(effective.overall.overall_outcome, 'validation_totale');
  assert.deepEqual(effective.refused.map(({ record, problem }) => [record.id, problem.code]),
    [[refused.id, 'jury_session_not_open']]);
  assert.ok(effective.unsentIds.has(first.id) && !effective.unsentIds.has(synced.id));
});

test('another session, another dossier or a deleted decision is left out', () => {
  const other = decision('x1', '2027-01-01T00:00:00Z', { session_id: 'another' });
  const gone = decision('x2', '2027-01-01T00:00:00Z', { deleted: true });
  assert.equal(effectiveDecisions([other, gone], [], which).competencies.size, 0);
});

test('canonical JSON sorts keys at every depth, keeps characters, escapes as Python does', () => {
  assert.equal(canonicalJson({ b: [{ z: 1, a: 'é\n"\u0001' }], a: null }),
    '{"a":null,"b":[{"a":"é\\n\\"\\u0001","z":1}]}');
});

// Computed with Python: json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
const OWN_VECTOR = {
  text: '{"competencies":[{"comment":"Très bien : « le geste » est sûr.\\nÀ revoir \\"vite\\".","competency_id":"1b000000-0000-5000-8000-000000000000","level_key":"cercle-2","outcome":"acquis"},{"comment":null,"competency_id":"a0000000-0000-5000-8000-000000000000","level_key":null,"outcome":"non_acquis"}],"dossier_id":"0190a000-0000-7000-8000-000000000002","overall":{"comment":"Bravo\\t!","overall_outcome":"validation_partielle","validated_block_keys":["b-1","b-2"]},"session_id":"0190a000-0000-7000-8000-000000000001","v":1}',
  sha256: '45414e3c5d9668437581501a316b31388392b95fe155dd9d9944f0848e6608eb',
};

test('the minutes of the contract: sorted competencies and blocks, text and SHA-256', async () => {
  const decisions = [
    decision('d2', '2027-02-15T10:00:02Z', { competency_id: C2, outcome: 'non_acquis' }),
    decision('d1', '2027-02-15T10:00:01Z', { level_key: 'cercle-2', comment: 'Très bien : « le geste » est sûr.\nÀ revoir "vite".' }),
    { ...overallDecision({ id: 'd3', ...which, overallOutcome: 'validation_partielle', blockKeys: ['b-2', 'b-1'], comment: 'Bravo\t!' }), changed_at: '2027-02-15T10:00:03Z' },
  ];
  const minutes = await computeMinutes({ ...which, decisions });
  assert.equal(minutes.text, OWN_VECTOR.text);
  assert.equal(minutes.sha256, OWN_VECTOR.sha256);
  assert.equal(createHash('sha256').update(minutes.text, 'utf8').digest('hex'), minutes.sha256);
  assert.equal(minutesContent({ ...which, competencies: new Map(), overall: null }).overall, null);
});

const GOLDEN = new URL('../../shared_schemas/examples/jury_minutes/', import.meta.url);
const goldenFiles = existsSync(GOLDEN) ? readdirSync(GOLDEN).filter((name) => name.endsWith('.json')) : [];

test('the golden vectors shared with the server give the same text and hash', async () => {
  assert.ok(goldenFiles.length > 0, 'shared_schemas/examples/jury_minutes/*.json is missing');
  for (const name of goldenFiles) {
    const vector = JSON.parse(readFileSync(new URL(name, GOLDEN), 'utf8'));
    const minutes = await computeMinutes({
      sessionId: vector.session_id, dossierId: vector.dossier_id, decisions: vector.decisions,
    });
    assert.equal(minutes.text, vector.text, name);
    assert.equal(minutes.sha256, vector.sha256, name);
  }
});

test('decision records fit the contract: append-only, empty comments are null', () => {
  const made = competencyDecision({ id: 'i', ...which, competencyId: C1, outcome: 'acquis', levelKey: '', comment: '  ', now: new Date('2027-02-15T10:00:00Z') });
  assert.deepEqual([made.level_key, made.comment, made.overall_outcome, made.decided_at],
    [null, null, null, '2027-02-15T10:00:00.000Z']);
  const total = overallDecision({ id: 'o', ...which, overallOutcome: 'validation_totale', blockKeys: ['b'] });
  assert.deepEqual(total.validated_block_keys, []);
  assert.equal(commentOf(' Bien. '), 'Bien.');
  assert.ok(sameDecision(made, { ...made, id: 'other' }));
  assert.ok(!sameDecision(made, { ...made, outcome: 'non_acquis' }));
  assert.ok(usesCercles({ kind: 'transversal' }) && !usesCercles({ kind: 'trade' }));
});

test('a member signs again when the minutes changed after they signed', () => {
  const members = [{ person_id: 'p1' }, { person_id: 'p2' }];
  const signed = (signer, sha256, at) => minutesSignatureRecord({
    id: `${signer}-${sha256}`, dossierId: DOSSIER, sha256, signerId: signer, name: signer, markSha256: null, now: new Date(at),
  });
  const before = minutesSignatureStatus(members, [signed('p1', 'a'.repeat(64), '2027-02-15T10:00:00Z')], 'a'.repeat(64));
  assert.deepEqual([before.complete, before.changed, Boolean(before.rows[0].signature)], [false, false, true]);
  const after = minutesSignatureStatus(members, [signed('p1', 'a'.repeat(64), '2027-02-15T10:00:00Z'),
    signed('p2', 'b'.repeat(64), '2027-02-15T10:01:00Z')], 'b'.repeat(64));
  assert.deepEqual([after.complete, after.changed, after.rows[0].signedBefore], [false, true, true]);
  const letter = { ...signed('p1', 'b'.repeat(64), '2027-02-15T10:02:00Z'), document_kind: 'commitment_letter' };
  assert.equal(minutesSignatureStatus(members, [letter], 'b'.repeat(64)).rows[0].signature, null);
  const record = signed('p1', 'a'.repeat(64), '2027-02-15T10:00:00Z');
  assert.deepEqual([record.document_kind, record.signer_role], ['jury_minutes', 'jury_member']);
});

// A device's copy as lib/sync/queries.js reads it: records by type and by dossier, the outbox.
function fakeQueries(records, outbox = []) {
  const all = records.map(([type, record]) => ({ type, record }));
  return {
    get: async (type, id) => all.find((e) => e.type === type && e.record.id === id)?.record,
    listByType: async (type) => all.filter((e) => e.type === type).map((e) => e.record),
    listByDossier: async (id) => all.filter((e) => e.record.dossier_id === id || (e.type === 'dossier' && e.record.id === id)),
    outbox: async () => outbox,
  };
}

test('a dossier before its jury, from the device: members, minutes, refused signatures left out', async () => {
  const kitchenDocument = JSON.parse(readFileSync(
    new URL('../../backend/preuves/demo/data/frameworks/aide-de-cuisine.json', import.meta.url), 'utf8'));
  const version = { id: '0193a0f0-7777-7a81-8b92-00000000cafe', status: 'published', document: kitchenDocument };
  const dossier = { id: DOSSIER, candidate_id: 'lea', framework_version_id: version.id };
  const good = minutesSignatureRecord({ id: 's1', dossierId: DOSSIER, sha256: 'a'.repeat(64), signerId: 'p1', name: 'Ana' });
  const refused = { ...good, id: 's2', signer_id: 'p2', signer_name: 'Inès' };
  const queries = fakeQueries([
    ['dossier', dossier], ['framework_version', version], ['person', { id: 'lea', given_name: 'Léa', family_name: 'M' }],
    ['person', { id: 'p1', given_name: 'Ana', family_name: 'B' }],
    ['jury_session', { id: SESSION, status: 'open' }],
    ['jury_member', { id: 'm1', session_id: SESSION, person_id: 'p1', jury_role: 'professionnel_metier' }],
    ['jury_member', { id: 'm2', session_id: SESSION, person_id: 'p2', jury_role: 'encadrant_autre_structure' }],
    ['jury_member', { id: 'm3', session_id: 'another', person_id: 'p3', jury_role: 'tuteur_stage' }],
    ['decision', decision('d1', '2027-02-15T10:00:00Z')],
    ['signature', good], ['signature', refused],
  ], [{ ...queued(refused, 4, 'rejected'), type: 'signature' }]);
  const data = await loadJuryDossier(queries, SESSION, DOSSIER);
  assert.deepEqual(data.members.map((m) => [m.person_id, nameOf(m.person)]), [['p1', 'Ana B'], ['p2', '']]);
  assert.equal(nameOf(data.candidate), 'Léa M');
  assert.equal(data.framework.title, kitchenDocument.title);
  assert.deepEqual(data.signatures.map((s) => s.id), ['s1']);
  assert.deepEqual(data.refusedSignatures.map(({ record, problem }) => [record.id, problem.code]), [['s2', 'jury_session_not_open']]);
  assert.equal(data.minutes.content.competencies.length, 1);
  assert.equal(await loadJuryDossier(queries, SESSION, 'not-here'), null);
});
