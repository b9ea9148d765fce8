// The commitment letter: a pure, deterministic text made from the dossier, in easy-to-read
// French; its SHA-256 is what signatures name; a changed letter needs new signatures.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';

import { check } from './falc.test.js';
import {
  commitmentLetter, documentHash, frenchDate, isMinorOn, needsGuardian,
} from '../src/lib/letters/commitment.js';
import { rolesCollectable, signatureRecord, signatureStatus } from '../src/lib/letters/signatures.js';

const person = (given_name, family_name, extra = {}) => ({ id: `${given_name}-id`, given_name, family_name, ...extra });

const dossier = (changes = {}) => ({
  candidate: person('Léa', 'Martin', { birth_date: '1990-05-04' }),
  guardians: [],
  leads: [person('Nadia', 'Benali')],
  supportWorkers: [person('Sam', 'Moreau')],
  structure: { name: 'Les Ateliers du Parc', city: 'Rennes' },
  scheme: 'rae',
  modality: 'poste_de_travail',
  frameworkTitle: 'Aide de cuisine',
  openedOn: '2026-03-01',
  today: '2026-11-23',
  ...changes,
});

test('the letter says who, what, where and with whom, in the candidate words', () => {
  const { text, title } = commitmentLetter(dossier());
  assert.equal(title, 'Lettre d’engagement');
  for (const words of ['Je m’appelle Léa Martin.', 'la Reconnaissance des Acquis de l’Expérience',
    'Mon métier : Aide de cuisine.', 'Je montre mon travail sur mon poste de travail.',
    'Ma structure : Les Ateliers du Parc.', 'Sam Moreau', 'Mon dossier commence le 1er mars 2026.',
    'Je peux arrêter ma démarche quand je veux.', 'La direction de la structure : Nadia Benali.']) {
    assert.ok(text.includes(words), `missing: ${words}`);
  }
  assert.ok(!/\bRAE\b/.test(text), 'no bare acronym in what the candidate reads');
});

test('the letter is easy-to-read French, checked with the rules of every string', () => {
  const { paragraphs } = commitmentLetter(dossier({ guardians: [person('Anne', 'Martin')], candidate: person('Léa', 'Martin', { protected_adult: true }) }));
  const failures = paragraphs.flatMap((line, index) => check(`candidate.letter.${index}`, line));
  assert.deepEqual(failures, []);
});

test('the same dossier gives the same text and hash; any change gives another', async () => {
  const one = commitmentLetter(dossier());
  const two = commitmentLetter(structuredClone(dossier()));
  assert.equal(one.text, two.text);
  const hash = await documentHash(one.text);
  assert.equal(hash, createHash('sha256').update(Buffer.from(one.text, 'utf8')).digest('hex'));
  assert.match(hash, /^[0-9a-f]{64}$/);
  const other = commitmentLetter(dossier({ supportWorkers: [person('Sam', 'Moreau'), person('Inès', 'Roy')] }));
  assert.notEqual(await documentHash(other.text), hash);
  assert.ok(other.text.includes('Sam Moreau et Inès Roy'));
  // The day it is read on does not change a letter whose dossier has an opening date.
  assert.equal(commitmentLetter(dossier({ today: '2030-01-01' })).text, one.text);
});

test('a minor or a protected adult signs with their legal guardian', () => {
  assert.equal(isMinorOn('2010-11-24', '2028-11-23'), true);
  assert.equal(isMinorOn('2010-11-23', '2028-11-23'), false);
  assert.equal(needsGuardian({ protected_adult: true, birth_date: '1980-01-01' }, '2026-01-01'), true);
  assert.equal(needsGuardian({ birth_date: '1980-01-01' }, '2026-01-01'), false);
  const adult = commitmentLetter(dossier());
  assert.deepEqual(adult.signers.map((s) => s.role), ['candidate', 'lead', 'support_worker']);
  const minor = commitmentLetter(dossier({
    candidate: person('Tom', 'Petit', { birth_date: '2011-02-03' }), guardians: [person('Anne', 'Petit')],
  }));
  assert.deepEqual(minor.signers.map((s) => s.role), ['candidate', 'guardian', 'lead', 'support_worker']);
  assert.deepEqual(minor.signers[1].names, ['Anne Petit']);
  assert.ok(minor.text.includes('Le représentant légal : Anne Petit.'));
});

test('french dates are written by hand, the same on every device', () => {
  assert.equal(frenchDate('2026-03-01'), '1er mars 2026');
  assert.equal(frenchDate('2026-12-25'), '25 décembre 2026');
  assert.equal(frenchDate(null), '');
});

test('who signed and who must: a changed letter needs new signatures', async () => {
  const letter = commitmentLetter(dossier());
  const hash = await documentHash(letter.text);
  const signed = (role, sha, at = '2026-03-02T10:00:00Z') => signatureRecord({
    id: `${role}-${sha.slice(0, 4)}`, dossierId: 'd', hash: sha, role, name: role, now: new Date(at),
  });
  const none = signatureStatus(letter.signers, [], hash);
  assert.equal(none.complete, false);
  assert.equal(none.changed, false);

  const all = signatureStatus(letter.signers, ['candidate', 'lead', 'support_worker'].map((r) => signed(r, hash)), hash);
  assert.equal(all.complete, true);

  const newer = commitmentLetter(dossier({ frameworkTitle: 'Agent de restauration' }));
  const newHash = await documentHash(newer.text);
  const after = signatureStatus(newer.signers, [signed('candidate', hash), signed('lead', newHash)], newHash);
  assert.equal(after.changed, true);
  assert.equal(after.complete, false);
  const byRole = Object.fromEntries(after.rows.map((row) => [row.role, row]));
  assert.equal(byRole.candidate.signature, null);
  assert.equal(byRole.candidate.signedBefore, true);
  assert.equal(byRole.lead.signature.document_sha256, newHash);
  assert.equal(byRole.support_worker.signedBefore, false);
});

test('a signature record has the shape of the shared schema and is for the letter', () => {
  const record = signatureRecord({ id: 'x', dossierId: 'd', hash: 'a'.repeat(64), role: 'candidate', name: 'Léa Martin', markSha256: 'b'.repeat(64), now: new Date('2026-03-02T10:00:00Z') });
  assert.deepEqual(record, {
    id: 'x', dossier_id: 'd', document_kind: 'commitment_letter', document_sha256: 'a'.repeat(64),
    signer_id: null, signer_name: 'Léa Martin', signer_role: 'candidate', mark_sha256: 'b'.repeat(64),
    signed_at: '2026-03-02T10:00:00.000Z',
  });
});

test('staff collect every signature; a candidate signs only their own', () => {
  const theDossier = { candidate_id: 'lea' };
  assert.equal(rolesCollectable({ isStaff: true, person: { id: 'sam' } }, theDossier).size, 4);
  assert.deepEqual([...rolesCollectable({ isStaff: false, person: { id: 'lea' } }, theDossier)], ['candidate']);
  assert.deepEqual([...rolesCollectable({ isStaff: false, person: { id: 'anne' } }, theDossier)], ['guardian']);
});
