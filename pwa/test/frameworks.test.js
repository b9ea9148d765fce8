// The frameworks, journal and pairing areas' pure logic: a refused file's errors beside its lines,
// editing a draft, a new version from a published one, the journal's timeline, RSFP pairings.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';

import { describeFramework } from '../src/lib/framework.js';
import { draftOf, easyField, nextVersion, statements, takenLabels, withField } from '../src/lib/frameworks/edit.js';
import { errorText, errorsByLine, excerpt, sendFramework } from '../src/lib/frameworks/import.js';
import { byPhase, journalEntry, workSituations } from '../src/lib/journal/timeline.js';
import { dossiersOnTrade, evaluatorRecord, partnerOf, side } from '../src/lib/pairing/pairings.js';
import { readLocale } from '../scripts/locales.mjs';

const kitchen = JSON.parse(
  readFileSync(new URL('../../backend/preuves/demo/data/frameworks/aide-de-cuisine.json', import.meta.url), 'utf8'),
);

test('errors are grouped by line, and shown with the lines around them', () => {
  const text = ['{', '  "a": 1,', '  "b": 2,', '  "c": 3,', '  "d": 4,', '  "e": 5,', '  "f": 6,', '  "g": 7', '}'].join('\n');
  const errors = [
    { pointer: '/b', line: 3, message: 'bad b', message_fr: 'Ligne 3 : mauvais b.' },
    { pointer: '/g', line: 8, message: 'bad g', message_fr: 'Ligne 8 : mauvais g.' },
    { pointer: '', message: 'whole file', message_fr: 'Tout le fichier.' },
  ];
  assert.deepEqual([...errorsByLine(errors).keys()], [3, 8, 0]);
  const shown = excerpt(text, errors, 1);
  assert.deepEqual(shown.map((line) => line?.number ?? null), [2, 3, 4, null, 7, 8, 9]);
  assert.equal(shown[1].errors[0].pointer, '/b');
  assert.equal(shown[0].errors.length, 0);
  assert.equal(errorText(errors[0], 'fr'), 'Ligne 3 : mauvais b.');
  assert.equal(errorText(errors[1], 'en'), 'Line 8: bad g (/g)');
});

test('the file goes to the server as it is, with the CSRF token; a refusal is a problem', async () => {
  const calls = [];
  const fetchImpl = async (url, init) => {
    calls.push({ url, init });
    return { ok: false, status: 422, json: async () => ({ code: 'framework_not_json', errors: [{ line: 2 }] }) };
  };
  const result = await sendFramework('{ nope', { csrfToken: 'tok', structureId: 's1', status: 'draft', fetchImpl });
  assert.equal(calls[0].url, '/api/v1/frameworks/import?status=draft&structure_id=s1');
  assert.equal(calls[0].init.body, '{ nope');
  assert.equal(calls[0].init.headers['X-CSRF-Token'], 'tok');
  assert.deepEqual(result, { problem: { status: 422, code: 'framework_not_json', errors: [{ line: 2 }] } });
  const ok = await sendFramework('{}', { fetchImpl: async () => ({ ok: true, json: async () => ({ id: 'v' }) }) });
  assert.deepEqual(ok, { version: { id: 'v' } });
});

test('statements come in file order: levels, then each block with its competencies and criteria', () => {
  const found = statements(kitchen);
  const levels = kitchen.level_scale.levels.length;
  assert.deepEqual(found.slice(0, levels).map((s) => s.kind), Array(levels).fill('level'));
  const block = kitchen.blocks[0];
  assert.deepEqual(found.slice(levels, levels + 3).map((s) => s.key), [
    block.key, block.competencies[0].key, block.competencies[0].criteria[0].key,
  ]);
  const count = levels + kitchen.blocks.reduce(
    (n, b) => n + 1 + b.competencies.reduce((m, c) => m + 1 + c.criteria.length, 0), 0);
  assert.equal(found.length, count);
  assert.equal(easyField('level'), 'easy_label');
  assert.equal(easyField('block'), 'easy_title');
  assert.equal(easyField('criterion'), 'easy_wording');
});

test('a field is changed on a copy; the ids the device derives stay those of the keys', async () => {
  const pointer = '/blocks/0/competencies/0';
  const changed = withField(kitchen, pointer, 'easy_wording', 'Je mets mon tablier.');
  assert.equal(changed.blocks[0].competencies[0].easy_wording, 'Je mets mon tablier.');
  assert.notEqual(kitchen.blocks[0].competencies[0].easy_wording, 'Je mets mon tablier.');
  const before = await describeFramework({ id: '0193a0f0-7777-7a81-8b92-000000000006', document: kitchen });
  const after = await describeFramework({ id: '0193a0f0-7777-7a81-8b92-000000000006', document: changed });
  assert.deepEqual(after.competencies.map((c) => c.id), before.competencies.map((c) => c.id));
  const photo = withField(kitchen, `${pointer}/criteria/0`, 'pictogram', `photo:${'a'.repeat(64)}`);
  assert.equal(photo.blocks[0].competencies[0].criteria[0].pictogram, `photo:${'a'.repeat(64)}`);
});

test('a new version takes the next free label and becomes a draft of my structure', () => {
  assert.equal(nextVersion('2024.1'), '2024.2');
  assert.equal(nextVersion('1'), '2');
  assert.equal(nextVersion('beta'), 'beta.2');
  assert.equal(nextVersion('2024.1', ['2024.2', '2024.3']), '2024.4');
  const records = [
    { structure_id: 's', document: { slug: 'aide-de-cuisine', version: '2024.2' } },
    { structure_id: 'other', document: { slug: 'aide-de-cuisine', version: '2024.9' } },
  ];
  const taken = takenLabels(records, 'aide-de-cuisine', 's');
  assert.deepEqual(taken, ['2024.2']);
  const draft = draftOf({ id: 'old', status: 'published', structure_id: null, document: kitchen },
    { id: 'new', structureId: 's', takenLabels: taken });
  assert.deepEqual([draft.id, draft.status, draft.structure_id, draft.document.version], ['new', 'draft', 's', '2024.3']);
  assert.equal(kitchen.version, '2024.1'); // the published document is untouched
});

test('the journal is a timeline by moment, each moment in date order', () => {
  const entries = [
    { id: '1', phase: 'after', written_at: '2026-11-20T10:00:00Z', work_situation: 'Mettre la table' },
    { id: '2', phase: 'before', written_at: '2026-11-21T09:00:00Z' },
    { id: '3', phase: 'after', written_at: '2026-11-19T10:00:00Z', work_situation: 'Faire la plonge' },
    { id: '4', phase: 'during', written_at: '2026-11-19T10:00:00Z', deleted: true },
  ];
  assert.deepEqual(byPhase(entries).map((g) => [g.phase, g.entries.map((e) => e.id)]), [
    ['before', ['2']], ['after', ['3', '1']],
  ]);
  assert.deepEqual(workSituations(entries), ['Faire la plonge', 'Mettre la table']);
});

test('a journal entry needs words or a voice and a known moment', () => {
  const now = new Date('2026-11-23T10:00:00Z');
  const entry = journalEntry({ id: 'e', dossierId: 'd', authorRole: 'candidate', phase: 'during', text: ' Je lave. ', now });
  assert.deepEqual(entry, {
    id: 'e', dossier_id: 'd', author_role: 'candidate', phase: 'during', work_situation: null,
    body_text: 'Je lave.', body_audio_sha256: null, written_at: '2026-11-23T10:00:00.000Z',
  });
  assert.throws(() => journalEntry({ id: 'e', dossierId: 'd', authorRole: 'candidate', phase: 'during', text: '  ' }));
  assert.throws(() => journalEntry({ id: 'e', dossierId: 'd', authorRole: 'trainer', phase: 'lunch', text: 'x' }));
  const spoken = journalEntry({ id: 'e', dossierId: 'd', authorRole: 'trainer', phase: 'free', audioSha256: 'b'.repeat(64) });
  assert.equal(spoken.body_text, null);
});

test('a pairing is seen from my side; only my dossiers of its trade may get an evaluator', () => {
  const pairing = { id: 'p', trade: 'cuisine', structure: { id: 'A', name: 'ESAT A' }, partner: { id: 'B', name: 'ESAT B' } };
  assert.equal(side(pairing, ['A']), 'asked');
  assert.equal(partnerOf(pairing, ['B']).name, 'ESAT A');
  const versions = new Map([['v1', { document: { slug: 'cuisine' } }], ['v2', { document: { slug: 'jardin' } }]]);
  const dossiers = [
    { id: 'd1', structure_id: 'A', framework_version_id: 'v1' },
    { id: 'd2', structure_id: 'A', framework_version_id: 'v2' },
    { id: 'd3', structure_id: 'B', framework_version_id: 'v1' },
    { id: 'd4', structure_id: 'A', framework_version_id: 'v1', deleted: true },
  ];
  assert.deepEqual(dossiersOnTrade(pairing, dossiers, versions, ['A']).map((d) => d.id), ['d1']);
  assert.deepEqual(evaluatorRecord({ id: 'm', dossierId: 'd1', personId: 'x' }),
    { id: 'm', dossier_id: 'd1', person_id: 'x', role: 'evaluator' });
});

test('every string these screens use exists in French and in English', () => {
  const dirs = ['frameworks', 'journal', 'pairing'].map((area) => new URL(`../src/screens/${area}/`, import.meta.url));
  const source = dirs.flatMap((dir) => readdirSync(dir).map((name) => readFileSync(new URL(name, dir), 'utf8'))).join('\n');
  const keys = new Set([...source.matchAll(/t\('((?:frameworks|journal|pairing)\.[A-Za-z.]+)'/g)].map((m) => m[1]));
  for (const phase of ['before', 'during', 'after', 'free']) keys.add(`journal.phase.${phase}`);
  for (const status of ['draft', 'published', 'retired']) keys.add(`frameworks.status.${status}`);
  for (const kind of ['level', 'block', 'competency', 'criterion']) keys.add(`frameworks.kind.${kind}`);
  for (const status of ['pending', 'accepted', 'refused', 'ended']) keys.add(`pairing.status.${status}`);
  for (const action of ['accept', 'refuse', 'end']) keys.add(`pairing.${action}.done`);
  for (const key of ['frameworks.draftHelp', 'frameworks.publishedHelp', 'journal.titleMine', 'journal.title',
    'journal.write', 'journal.writeTrainer', 'journal.byCandidate', 'journal.byTrainer', 'journal.byMe',
    'journal.byMyTrainer']) keys.add(key);
  for (const language of ['fr', 'en']) {
    const messages = readLocale(language);
    assert.deepEqual([...keys].filter((key) => !(key in messages)), [], language);
  }
});
