import { test } from 'node:test';
import assert from 'node:assert/strict';

import { derivativeState, playDerivative, previewDerivative, stateKey } from '../src/lib/review/media.js';
import { readLocale } from '../scripts/locales.mjs';

const status = (entries) => ({ sha256: 'f'.repeat(64), derivatives: entries });

test('a derivative is ready, waiting, failed or unknown', () => {
  const answer = status([
    { name: 'poster', status: 'ready' },
    { name: 'web', status: 'running' },
    { name: 'thumbnail', status: 'failed' },
  ]);
  assert.equal(derivativeState(answer, 'poster'), 'ready');
  assert.equal(derivativeState(answer, 'web'), 'waiting');
  assert.equal(derivativeState(answer, 'thumbnail'), 'failed');
  assert.equal(derivativeState(answer, 'display'), 'unknown');
  assert.equal(derivativeState(null, 'web'), 'unknown');
});

test('a video plays its web copy once ready, else the original', () => {
  assert.equal(playDerivative(status([{ name: 'web', status: 'ready' }])), 'web');
  assert.equal(playDerivative(status([{ name: 'web', status: 'pending' }])), null);
  assert.equal(playDerivative(status([{ name: 'web', status: 'not_needed' }])), null);
  assert.equal(previewDerivative('photo'), 'thumbnail');
  assert.equal(previewDerivative('video'), 'poster');
  assert.equal(previewDerivative('audio'), null);
});

test('every state and every evidence word is said in French and English', () => {
  for (const language of ['fr', 'en']) {
    const messages = readLocale(language);
    for (const state of ['ready', 'waiting', 'failed', 'not_needed', 'unknown', 'offline']) {
      assert.ok(messages[stateKey(state)], `${language} ${state}`);
    }
    for (const kind of ['photo', 'video', 'audio', 'text', 'document']) {
      assert.ok(messages[`review.kind.${kind}`], `${language} ${kind}`);
    }
    for (const rights of ['nobody', 'someone_consenting', 'someone_not_asked', 'unknown']) {
      assert.ok(messages[`review.rights.${rights}`], `${language} ${rights}`);
    }
  }
});
