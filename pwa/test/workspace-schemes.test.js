// The schemes' steps: one list for the app, equal to what the dossier schema and the server allow.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { loadSchemaSet } from '../src/lib/schemas.js';
import {
  SCHEME_KEYS, initialSteps, modalitiesOf, needsModality, nextStep, timeline, withStep,
} from '../src/lib/workspace/schemes.js';
import { SHARED_SCHEMAS_DIR, folderLoader } from '../scripts/schema-files.mjs';
import { readLocale } from '../scripts/locales.mjs';
import { ajv } from './helpers.js';
import { DOSSIER_ID, VERSION_ID } from './workspace-fixtures.js';

const set = await loadSchemaSet({ load: folderLoader(SHARED_SCHEMAS_DIR), ajv });

const dossierOf = (scheme, steps = initialSteps(scheme)) => ({
  id: DOSSIER_ID,
  structure_id: VERSION_ID,
  candidate_id: VERSION_ID,
  scheme,
  framework_version_id: VERSION_ID,
  modality: needsModality(scheme) ? modalitiesOf(scheme)[0] : null,
  status: 'ouvert',
  steps,
  selection: {},
});

test('the six schemes of the issue, RAE with its six steps and three modalities', () => {
  assert.deepEqual(SCHEME_KEYS, ['rae', 'rsfp', 'afest', 'vae', 'cqp', 'open_badge']);
  assert.deepEqual(initialSteps('rae').map((step) => step.key), [
    'engagement', 'positionnement', 'mobilisation', 'entretien_valorisation',
    'mise_en_perspective', 'valorisation',
  ]);
  assert.deepEqual(modalitiesOf('rae'), ['poste_de_travail', 'entretien_externe', 'externe_avec_stage']);
  assert.deepEqual(modalitiesOf('vae'), []);
  assert.throws(() => initialSteps('bts'), /unknown scheme/);
});

test('a new dossier of every scheme fits the dossier schema', () => {
  for (const scheme of SCHEME_KEYS) {
    const { valid, errors } = set.validateRecord('dossier', dossierOf(scheme));
    assert.ok(valid, `${scheme}: ${JSON.stringify(errors)}`);
  }
  // The schema really checks the keys: another scheme's step is refused.
  const wrong = dossierOf('vae', initialSteps('rae'));
  assert.equal(set.validateRecord('dossier', wrong).valid, false);
});

test('the server walks the same steps (core/vocab.py SCHEME_STEPS)', () => {
  const vocab = readFileSync(new URL('../../backend/preuves/core/vocab.py', import.meta.url), 'utf8');
  for (const scheme of SCHEME_KEYS) {
    const line = new RegExp(`"${scheme}": \\(([^)]*)\\)`).exec(vocab.replace(/\s+/g, ' '));
    const server = [...line[1].matchAll(/"([a-z_]+)"/g)].map((match) => match[1]);
    assert.deepEqual(initialSteps(scheme).map((step) => step.key), server, scheme);
  }
});

test('the timeline says what is done and what comes next', () => {
  const dossier = dossierOf('rae');
  assert.equal(nextStep(dossier).key, 'engagement');
  dossier.steps = withStep(dossier, 'engagement', { done_on: '2026-11-02' });
  dossier.steps = withStep(dossier, 'positionnement', { planned_on: '2026-12-01' });
  const steps = timeline(dossier);
  assert.deepEqual(steps.map((step) => step.state), ['done', 'next', 'later', 'later', 'later', 'later']);
  assert.equal(steps[1].planned_on, '2026-12-01');
  assert.equal(nextStep(dossier).key, 'positionnement');
  // A step done out of order is done; the next is still the first not done.
  dossier.steps = withStep(dossier, 'mobilisation', { done_on: '2026-11-20' });
  assert.deepEqual(timeline(dossier).map((step) => step.state).slice(0, 3), ['done', 'next', 'done']);
  assert.equal(set.validateRecord('dossier', dossier).valid, true);
  for (const key of initialSteps('rae').map((step) => step.key)) {
    dossier.steps = withStep(dossier, key, { done_on: '2026-11-21' });
  }
  assert.equal(nextStep(dossier), null);
});

test('every scheme, step and modality has words in French and English', () => {
  for (const language of ['fr', 'en']) {
    const messages = readLocale(language);
    for (const scheme of SCHEME_KEYS) {
      assert.ok(messages[`workspace.scheme.${scheme}`], `${language} scheme ${scheme}`);
      assert.ok(messages[`workspace.scheme.${scheme}.help`], `${language} scheme help ${scheme}`);
      for (const { key } of initialSteps(scheme)) {
        assert.ok(messages[`workspace.step.${key}`], `${language} step ${key}`);
      }
      for (const modality of modalitiesOf(scheme)) {
        assert.ok(messages[`workspace.modality.${modality}`], `${language} modality ${modality}`);
      }
    }
  }
});
