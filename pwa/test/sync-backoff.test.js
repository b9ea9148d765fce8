// lib/sync/backoff.js and uuid.js: the waits between tries, and the ids the device makes.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { backoffDelay } from '../src/lib/sync/backoff.js';
import { uuidv7 } from '../src/lib/sync/uuid.js';

const policy = { baseMs: 1000, capMs: 60_000 };
const highest = () => 0.999999;

test('no failure, no wait', () => {
  assert.equal(backoffDelay(0, policy, highest), 0);
});

test('the ceiling doubles with each failure in a row, up to the cap', () => {
  const ceilings = [1, 2, 3, 4, 5, 6, 7, 8, 40].map((n) => backoffDelay(n, policy, highest));
  assert.deepEqual(ceilings, [999, 1999, 3999, 7999, 15999, 31999, 59999, 59999, 59999]);
});

test('full jitter: the wait is anywhere between 0 and the ceiling', () => {
  assert.equal(backoffDelay(5, policy, () => 0), 0);
  assert.equal(backoffDelay(5, policy, () => 0.5), 8000);
  const waits = Array.from({ length: 500 }, () => backoffDelay(6, policy));
  assert.ok(waits.every((wait) => wait >= 0 && wait < 32_000));
  assert.ok(new Set(waits).size > 100, 'random waits, not one value');
});

test('a UUIDv7 carries its time first, version 7 and the RFC variant', () => {
  const id = uuidv7(Date.UTC(2026, 10, 23, 18, 0, 0));
  assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(parseInt(id.replace('-', '').slice(0, 12), 16), Date.UTC(2026, 10, 23, 18, 0, 0));
  assert.notEqual(uuidv7(), uuidv7());
  assert.ok(uuidv7(1000) < uuidv7(2000), 'ids sort by creation time');
});
