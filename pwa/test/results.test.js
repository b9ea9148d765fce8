// The jury's result as the device holds it (the last closed session, effective decisions in the
// framework's order, the minutes' signatures), the candidate's words, and badges kept on the device.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { computeMinutes } from '../src/lib/decisions/minutes.js';
import { keptBadge, loadBadges } from '../src/lib/results/badge-store.js';
import { dossierResults, sessionsOfDossier, signatureState } from '../src/lib/results/result.js';
import { OUTCOMES, OVERALL, blockNames } from '../src/lib/results/words.js';
import { readLocale } from '../scripts/locales.mjs';
import { DOSSIER_ID, VERSION_ID, kitchen, someId } from './workspace-fixtures.js';

/** queries.js's reading side over a list of [type, record]. */
function fakeQueries(rows, outbox = []) {
  const dossierOf = (type, record) => (type === 'dossier' ? record.id : record.dossier_id ?? null);
  return {
    get: async (type, id) => rows.find(([t, r]) => t === type && r.id === id)?.[1] ?? null,
    listByType: async (type) => rows.filter(([t]) => t === type).map(([, r]) => r),
    listByDossier: async (id) => rows.filter(([t, r]) => dossierOf(t, r) === id).map(([type, record]) => ({ type, record })),
    outbox: async () => outbox,
  };
}

const KITCHEN = JSON.parse(readFileSync(new URL('../../backend/preuves/demo/data/frameworks/aide-de-cuisine.json', import.meta.url), 'utf8'));
const STRUCTURE = someId();
const MEMBERS = [someId(), someId()];

async function world({ status = 'closed' } = {}) {
  const framework = await kitchen();
  const [first, , third] = framework.competencies;
  const old = { id: someId(), structure_id: STRUCTURE, scheme: 'rae', held_on: '2026-01-10', place: 'A', status: 'closed' };
  const session = { id: someId(), structure_id: STRUCTURE, scheme: 'rae', held_on: '2026-06-10', place: 'Salle 1', status };
  const decision = (sessionId, extra, at) => ({
    id: someId(), session_id: sessionId, dossier_id: DOSSIER_ID, competency_id: null, outcome: null, level_key: null,
    overall_outcome: null, validated_block_keys: [], comment: null, decided_at: at, changed_at: at, ...extra,
  });
  const decisions = [
    decision(old.id, { competency_id: first.id, outcome: 'non_acquis' }, '2026-01-10T10:00:00Z'),
    decision(session.id, { competency_id: third.id, outcome: 'acquis' }, '2026-06-10T10:00:00Z'),
    decision(session.id, { competency_id: first.id, outcome: 'en_cours_d_acquisition' }, '2026-06-10T10:01:00Z'),
    // Changed mind: the last recorded counts.
    decision(session.id, { competency_id: first.id, outcome: 'acquis' }, '2026-06-10T10:02:00Z'),
    decision(session.id, { overall_outcome: 'validation_partielle', validated_block_keys: [framework.blocks[0].key] }, '2026-06-10T10:03:00Z'),
  ];
  const rows = [
    ['dossier', { id: DOSSIER_ID, structure_id: STRUCTURE, framework_version_id: VERSION_ID, scheme: 'rae', status: 'presente', candidate_id: someId() }],
    ['framework_version', { id: VERSION_ID, structure_id: null, status: 'published', document: KITCHEN }],
    ['jury_session', old], ['jury_session', session],
    ['jury_assignment', { id: someId(), session_id: old.id, dossier_id: DOSSIER_ID }],
    ['jury_assignment', { id: someId(), session_id: session.id, dossier_id: DOSSIER_ID }],
    ...MEMBERS.map((person) => ['jury_member', { id: someId(), session_id: session.id, person_id: person, jury_role: 'professionnel_metier' }]),
    ...decisions.map((d) => ['decision', d]),
  ];
  return { framework, session, old, decisions, rows, first, third };
}

test('the sessions of a dossier come newest first; the final result is the last closed one', async () => {
  const { rows, session, old } = await world();
  const sessions = rows.filter(([t]) => t === 'jury_session').map(([, r]) => r);
  const assignments = rows.filter(([t]) => t === 'jury_assignment').map(([, r]) => r);
  assert.deepEqual(sessionsOfDossier(sessions, assignments, DOSSIER_ID).map((s) => s.id), [session.id, old.id]);
  assert.deepEqual(sessionsOfDossier(sessions, assignments, 'another'), []);
});

test('the result follows the framework order with the last decision of each competency', async () => {
  const { rows, session, first, third } = await world();
  const results = await dossierResults(fakeQueries(rows), DOSSIER_ID);
  assert.equal(results.final.session.id, session.id);
  const outcomes = results.final.rows.map(({ competency, decision }) => [competency?.id ?? null, decision.outcome]);
  assert.deepEqual(outcomes, [[first.id, 'acquis'], [third.id, 'acquis']]);
  assert.equal(results.final.overall.overall_outcome, 'validation_partielle');
  assert.deepEqual(results.pending, []);
});

test('an open session is pending and gives no result yet', async () => {
  const { rows, session } = await world({ status: 'open' });
  const results = await dossierResults(fakeQueries(rows), DOSSIER_ID);
  assert.deepEqual(results.pending.map((s) => s.id), [session.id]);
  assert.equal(results.final.session.status, 'closed'); // the older closed session's result
  assert.deepEqual(results.final.rows.map(({ decision }) => decision.outcome), ['non_acquis']);
  assert.equal(results.final.overall, null);
  assert.equal(await dossierResults(fakeQueries(rows), 'not-here'), null);
});

test('signatures count when they sign the current minutes; an older content is to redo', async () => {
  const { session, decisions } = await world();
  const { sha256 } = await computeMinutes({ sessionId: session.id, dossierId: DOSSIER_ID, decisions });
  const members = MEMBERS.map((person) => ({ session_id: session.id, person_id: person }));
  const signature = (signer, hash) => ({ id: someId(), dossier_id: DOSSIER_ID, document_kind: 'jury_minutes', document_sha256: hash, signer_id: signer });
  const older = 'a'.repeat(64);
  assert.deepEqual(signatureState([signature(MEMBERS[0], sha256), signature(MEMBERS[1], older)], members, DOSSIER_ID, sha256),
    { signed: 1, stale: 1, members: 2 });
  // A letter's signature or someone who is not a member does not count.
  const letter = { ...signature(MEMBERS[1], sha256), document_kind: 'commitment_letter' };
  assert.deepEqual(signatureState([letter, signature(someId(), sha256)], members, DOSSIER_ID, sha256), { signed: 0, stale: 0, members: 2 });
});

test('every outcome has the candidate words and a precached pictogram', async () => {
  const fr = readLocale('fr');
  const precached = JSON.parse(readFileSync(new URL('../src/pictograms.json', import.meta.url), 'utf8')).openmoji;
  for (const words of [...Object.values(OUTCOMES), ...Object.values(OVERALL)]) {
    assert.ok(fr[words.key], words.key);
    assert.ok(precached.includes(words.pictogram.split(':')[1]), words.pictogram);
  }
  const framework = await kitchen();
  assert.deepEqual(blockNames(framework, [framework.blocks[1].key, 'nope']), [framework.blocks[1].easy_title]);
});

test('badges come from the server and are kept; with no network the kept ones show', async () => {
  const kept = new Map();
  const store = { keep: async (id, badges) => kept.set(id, { badges: badges.map(keptBadge) }), get: async (id) => kept.get(id) ?? null };
  const badge = { id: 'b1', competency_id: 'c', achievement_name: 'Je mets ma tenue', issuer_name: 'ESAT', issued_at: '2026-06-10T12:00:00Z', verify_url: 'http://x/badges/b1', qr_svg: '<svg/>', credential: { big: true }, jwt: 'ey' };
  const online = { get: async (path) => { assert.equal(path, `/dossiers/${DOSSIER_ID}/badges`); return { badges: [badge] }; } };
  const first = await loadBadges(online, store, DOSSIER_ID);
  assert.equal(first.fromDevice, false);
  assert.deepEqual(first.badges[0].credential, undefined);
  const offline = { get: async () => { throw Object.assign(new Error('offline'), { status: 0 }); } };
  const again = await loadBadges(offline, store, DOSSIER_ID);
  assert.equal(again.fromDevice, true);
  assert.deepEqual(again.badges, first.badges);
  assert.deepEqual((await loadBadges(offline, store, 'other')).badges, []);
});
