// The pictograms the build ships: all of OpenMoji copied, only the app's and the shipped
// frameworks' precached, every code a shipped framework names present.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { copyPictograms, FRAMEWORK_DIRS, wantedCodes } from '../scripts/pictograms.mjs';
import { SRC_DIR } from '../scripts/build.mjs';

const outDir = mkdtempSync(join(tmpdir(), 'preuves-pictograms-'));
let result;

before(async () => {
  result = await copyPictograms({ srcDir: SRC_DIR, outDir });
});

after(() => rmSync(outDir, { recursive: true, force: true }));

test('every pictogram the app and the shipped frameworks name is there and precached', async () => {
  const wanted = await wantedCodes({ srcDir: SRC_DIR });
  assert.deepEqual(result.missing, []);
  const urls = new Set(result.entries.map((entry) => entry.url));
  for (const code of wanted) {
    assert.ok(urls.has(`pictograms/openmoji/${code}.svg`), code);
    assert.ok(existsSync(join(outDir, 'pictograms', 'openmoji', `${code}.svg`)), code);
  }
  // The frameworks' own codes are in, not only the app's list (a kitchen knife, a carrot).
  assert.ok(urls.has('pictograms/openmoji/1F52A.svg') && urls.has('pictograms/openmoji/1F955.svg'));
  for (const entry of result.entries) assert.match(entry.revision, /^[0-9a-f]{32}$/);
});

test('the whole set is copied but only a small part precached', () => {
  assert.ok(result.copied > 4000, `${result.copied} copied`);
  assert.ok(result.entries.length < 300, `${result.entries.length} precached`);
  // An alias without the variation selector, as references often write it (snowflake).
  const svg = readFileSync(join(outDir, 'pictograms', 'openmoji', '2744.svg'), 'utf8');
  assert.match(svg, /<svg/);
  assert.ok(FRAMEWORK_DIRS.every((dir) => existsSync(dir)));
});
