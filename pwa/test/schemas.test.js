// The PWA's half of the schema contract: every example in shared_schemas/ meets the verdict its
// folder promises, through the very validator the app runs. The server's tests hold the other half.
//
// It walks the real folder, so it grows as schemas are added. A schema with no examples fails, and
// so does an example folder with no schema. PREUVES_REQUIRE_SCHEMAS=1 also fails an empty folder.
import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { describe, test } from 'node:test';

import { isDefinitionsOnly, loadSchemaSet, SCHEMA_ID_BASE } from '../src/lib/schemas.js';
import {
  SHARED_SCHEMAS_DIR,
  folderLoader,
  listExamples,
  listSchemas,
  readJson,
} from '../scripts/schema-files.mjs';
import { ajv } from './helpers.js';

// PREUVES_SCHEMAS_DIR points the test at another folder, to check the test itself.
const dir = process.env.PREUVES_SCHEMAS_DIR ?? SHARED_SCHEMAS_DIR;
const schemas = listSchemas(dir);
const examples = listExamples(dir);
const set = await loadSchemaSet({ load: folderLoader(dir), ajv });

test('at least one schema exists when PREUVES_REQUIRE_SCHEMAS=1', (t) => {
  if (process.env.PREUVES_REQUIRE_SCHEMAS !== '1') {
    t.skip('PREUVES_REQUIRE_SCHEMAS is not 1');
    return;
  }
  assert.ok(schemas.length > 0, `no *.schema.json in ${dir}`);
});

test('every example folder belongs to a schema', () => {
  const names = new Set(schemas.map((schema) => schema.name));
  const orphans = [...examples.keys()].filter((name) => !names.has(name));
  assert.deepEqual(orphans, [], 'example folders with no <name>.schema.json beside them');
});

for (const schema of schemas) {
  describe(`schema ${schema.path}`, () => {
    test('has the $id its path gives', () => {
      assert.equal(schema.id, `${SCHEMA_ID_BASE}${schema.path}`);
    });

    const own = examples.get(schema.name) ?? { valid: [], invalid: [] };
    // A library of $defs validates no record by itself; its definitions are tested through the
    // schemas that use them, so it needs no examples of its own (it may still have some).
    const needsExamples = !isDefinitionsOnly(set.schema(schema.name));

    test('has valid and invalid examples', (t) => {
      if (!needsExamples) {
        t.skip('only $defs');
        return;
      }
      assert.ok(own.valid.length > 0, `no file in examples/${schema.name}/valid/`);
      assert.ok(own.invalid.length > 0, `no file in examples/${schema.name}/invalid/`);
    });

    for (const file of own.valid) {
      test(`accepts valid/${basename(file)}`, () => {
        const { valid, errors } = set.validate(schema.name, readJson(file));
        assert.ok(valid, JSON.stringify(errors, null, 2));
      });
    }
    for (const file of own.invalid) {
      test(`refuses invalid/${basename(file)}`, () => {
        assert.equal(set.validate(schema.name, readJson(file)).valid, false);
      });
    }
  });
}
