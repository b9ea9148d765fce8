// Easy-to-read French (FALC): every French string of every area follows the rules of
// docs/easy-to-read.md (test/falc-rules.js), with the words of src/locales/glossary.json. A
// failure names the key and the rule, so that whoever wrote the string knows what to change.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { readLocale } from '../scripts/locales.mjs';
import { GLOSSARY, check, wordPattern } from './falc-rules.js';

// Other areas' tests imported the checker from here first.
export { check };

test('every French string follows the easy-to-read rules', () => {
  const failures = Object.entries(readLocale('fr')).flatMap(([key, text]) => check(key, text));
  const report = failures.map(({ key, rule, detail }) => `${key} [${rule}] ${detail}`).join('\n');
  assert.equal(failures.length, 0, `strings to rewrite (docs/easy-to-read.md):\n${report}`);
});

const rulesOf = (key, text) => check(key, text).map(({ rule }) => rule);

test('the checker catches each rule it documents', () => {
  const long = 'Je prends une photo de mon travail avec la tablette de l’atelier pour la montrer au jury demain.';
  assert.deepEqual(rulesOf('candidate.a', long), ['sentence-length']);
  assert.deepEqual(rulesOf('candidate.a', 'Je range, je nettoie, je lave, je pars.'), ['one-idea']);
  assert.deepEqual(rulesOf('candidate.a', 'Je range mais je pars donc tu restes.'), ['one-idea']);
  assert.deepEqual(rulesOf('candidate.a', 'Je range; je pars.'), ['one-idea']);
  assert.deepEqual(rulesOf('candidate.a', 'Des photos, des vidéos, etc.'), ['no-shortened-word']);
  assert.deepEqual(rulesOf('candidate.a', 'Le chapitre IV.'), ['no-roman-numeral']);
  assert.deepEqual(rulesOf('candidate.a', 'C’est fait à 50 %.'), ['no-percentage']);
  assert.deepEqual(rulesOf('candidate.a', 'Mon dossier RAE.'), ['abbreviation']);
  assert.deepEqual(rulesOf('workspace.a', 'Le dossier RAE.'), []);
  assert.deepEqual(rulesOf('workspace.a', 'Le dossier XYZ.'), ['abbreviation']);
  assert.deepEqual(rulesOf('candidate.a', 'Mes justificatifs.'), ['glossary']);
  assert.deepEqual(rulesOf('candidate.a', 'Mon référent regarde.'), ['glossary']);
  assert.deepEqual(rulesOf('workspace.a', 'Le référent évaluateur regarde.'), []);
});

test('the checker lets plain easy-to-read French through', () => {
  assert.deepEqual(rulesOf('candidate.a', "L'atelier est ouvert. Je prends une photo."), []);
  assert.deepEqual(rulesOf('candidate.a', '{name}, touchez vos images.'), []);
  assert.deepEqual(rulesOf('candidate.a', 'Photos, vidéos ou messages vocaux : {count}.'), []);
  assert.deepEqual(rulesOf('candidate.a', "J'enregistre ma voix."), []);
  assert.deepEqual(rulesOf('candidate.a', 'Étape 3 sur 12.'), []);
});

test('the glossary explains every abbreviation and never refuses its own word', () => {
  for (const [token, entry] of Object.entries(GLOSSARY.abbreviations)) {
    if (token.startsWith('$')) continue;
    assert.match(token, /^\p{Lu}{2,}$/u, token);
    assert.ok(entry.means?.length > 5, `${token} needs its meaning`);
  }
  for (const term of GLOSSARY.terms) {
    assert.ok(term.word && term.means, JSON.stringify(term));
    for (const synonym of [...(term.avoid ?? []), ...(term.avoidForCandidates ?? [])]) {
      assert.ok(!wordPattern(synonym).test(term.word), `${term.word} refuses itself (${synonym})`);
    }
  }
});
