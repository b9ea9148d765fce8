// UI strings: French and English say the same things, and the translator falls back sanely.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { localeFiles, localeLanguages, readLocale } from '../scripts/locales.mjs';
import { createTranslator, LANGUAGES, loadTranslator, pickLanguage } from '../src/lib/i18n.js';

const locale = (language) => readLocale(language);

function keys(messages, prefix = '') {
  return Object.entries(messages).flatMap(([key, value]) =>
    value && typeof value === 'object' ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

test('fr and en locale files have the same keys', () => {
  assert.deepEqual(keys(locale('en')).sort(), keys(locale('fr')).sort());
});

test('every area file of each language has its twin in the other languages', () => {
  const areas = (language) => localeFiles(language).map(({ area }) => area);
  for (const language of LANGUAGES) assert.deepEqual(areas(language), areas('fr'), language);
});

test('a key defined in two area files is refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'locales-'));
  mkdirSync(join(dir, 'fr'));
  writeFileSync(join(dir, 'fr', 'a.json'), '{"same.key": "Un."}');
  writeFileSync(join(dir, 'fr', 'b.json'), '{"same.key": "Deux."}');
  assert.throws(() => readLocale('fr', dir), /"same\.key" is in both a and b/);
});

test('every locale folder is a supported language, and every message is a non-empty string', () => {
  assert.deepEqual(localeLanguages(), [...LANGUAGES].sort());
  for (const language of LANGUAGES) {
    for (const [key, value] of Object.entries(locale(language))) {
      assert.equal(typeof value, 'string', `${language}: ${key}`);
      assert.ok(value.trim(), `${language}: ${key} is empty`);
    }
  }
});

test('the first screen says what the brief asks, in French', () => {
  const fr = locale('fr');
  assert.equal(fr['home.hello'], 'Bonjour !');
  assert.equal(fr['status.ready'], "L'application marche aussi sans internet.");
  assert.equal(fr['update.ready'], 'Une nouvelle version est prête.');
  assert.equal(fr['update.button'], 'Mettre à jour');
});

test('the language is the first supported preference, French otherwise', () => {
  assert.equal(pickLanguage(['de-DE', 'en-GB', 'fr']), 'en');
  assert.equal(pickLanguage(['fr-BE']), 'fr');
  assert.equal(pickLanguage(['de', 'es']), 'fr');
  assert.equal(pickLanguage([]), 'fr');
});

test('a missing key falls back to French, then to the key; parameters are filled in', async () => {
  const t = createTranslator({ hello: 'Hello {name}' }, { hello: 'Bonjour {name}', bye: 'Au revoir' });
  assert.equal(t('hello', { name: 'Inès' }), 'Hello Inès');
  assert.equal(t('bye'), 'Au revoir');
  assert.equal(t('nothing'), 'nothing');
  assert.equal(t('hello'), 'Hello {name}');

  const { language, t: english } = await loadTranslator('en', async (name) => locale(name));
  assert.equal(language, 'en');
  assert.equal(english('home.hello'), 'Hello!');
});
