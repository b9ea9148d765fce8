// The build ships shared_schemas/rules/*.json at /rules/ (precached with every JSON file of the
// build): the lead's device reads the jury make-up from the very file the server reads.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

import { copyRules } from '../scripts/build.mjs';
import { SHARED_SCHEMAS_DIR } from '../scripts/schema-files.mjs';
import { RULES_URL } from '../src/lib/juryadmin/composition.js';

const root = mkdtempSync(join(tmpdir(), 'preuves-rules-'));

after(() => rmSync(root, { recursive: true, force: true }));

test('the rules files are copied to /rules/, and nothing else of that folder', async () => {
  const schemasDir = join(root, 'schemas');
  const rules = { roles: { juge: {} }, schemes: { rae: { '*': { required: ['juge'] } } } };
  mkdirSync(join(schemasDir, 'rules'), { recursive: true });
  writeFileSync(join(schemasDir, 'rules', 'jury-composition.json'), JSON.stringify(rules));
  writeFileSync(join(schemasDir, 'rules', 'notes.txt'), 'not a rules file');
  const outDir = join(root, 'dist');
  await copyRules(schemasDir, outDir);
  assert.deepEqual(JSON.parse(readFileSync(join(outDir, RULES_URL), 'utf8')), rules);
  assert.equal(existsSync(join(outDir, 'rules', 'notes.txt')), false);
});

test('the real rules file is where the device fetches it from, once built', async () => {
  const outDir = join(root, 'real');
  await copyRules(SHARED_SCHEMAS_DIR, outDir);
  const shipped = readFileSync(join(outDir, RULES_URL), 'utf8');
  assert.equal(shipped, readFileSync(join(SHARED_SCHEMAS_DIR, 'rules', 'jury-composition.json'), 'utf8'));
});

test('a schema folder with no rules builds as before', async () => {
  const outDir = join(root, 'none');
  await copyRules(join(root, 'empty'), outDir);
  assert.equal(existsSync(join(outDir, 'rules')), false);
});
