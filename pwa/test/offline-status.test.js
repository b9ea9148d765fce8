import assert from 'node:assert/strict';
import { test } from 'node:test';

import { offlineState } from '../src/lib/offline-status.js';

test('the status line only promises offline use once a service worker controls the page', () => {
  assert.equal(offlineState({ supported: false, controlled: false, online: true }), 'unsupported');
  assert.equal(offlineState({ supported: true, controlled: false, online: true }), 'preparing');
  assert.equal(offlineState({ supported: true, controlled: true, online: true }), 'ready');
  assert.equal(offlineState({ supported: true, controlled: true, online: false }), 'offline');
});
