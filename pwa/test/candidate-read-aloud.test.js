// Read-aloud's choice of a voice (lib/read-aloud.js): a French voice for French words, and the
// wait for voices that load late (Chromium lists them only after `voiceschanged`).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { chooseVoice, loadVoices } from '../src/lib/read-aloud.js';

const voice = (lang, name, localService = false) => ({ lang, name, localService });

test('a French voice of France first, a local one before a network one', () => {
  const voices = [voice('en-GB', 'Daniel', true), voice('fr-CA', 'Amélie', true), voice('fr-FR', 'Google', false), voice('fr-FR', 'Thomas', true)];
  assert.equal(chooseVoice(voices, 'fr').name, 'Thomas');
  assert.equal(chooseVoice(voices.slice(0, 2), 'fr').name, 'Amélie', 'any French voice rather than none');
  assert.equal(chooseVoice(voices, 'en').name, 'Daniel');
});

test('no voice of the language: none, never an English voice reading French', () => {
  assert.equal(chooseVoice([voice('en-US', 'Alex', true)], 'fr'), null);
  assert.equal(chooseVoice([], 'fr'), null);
});

function fakeSynth(initial) {
  const target = new EventTarget();
  let voices = initial;
  return Object.assign(target, {
    getVoices: () => voices,
    arrive(list) {
      voices = list;
      target.dispatchEvent(new Event('voiceschanged'));
    },
  });
}

test('voices that arrive late are waited for', async () => {
  const synth = fakeSynth([]);
  const loading = loadVoices(synth, 10_000);
  synth.arrive([voice('fr-FR', 'Thomas')]);
  assert.deepEqual((await loading).map((v) => v.name), ['Thomas']);
});

test('a device with no voice at all answers [] after the wait', async () => {
  assert.deepEqual(await loadVoices(fakeSynth([]), 5), []);
  assert.deepEqual(await loadVoices(undefined), []);
});
