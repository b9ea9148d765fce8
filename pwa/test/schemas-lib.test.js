// lib/schemas.js on a throwaway schema folder: relative $refs, formats, x- keywords, errors.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, test } from 'node:test';

import { isDefinitionsOnly, loadSchemaSet } from '../src/lib/schemas.js';
import { folderLoader, listSchemas } from '../scripts/schema-files.mjs';
import { ajv, throwawaySchemas } from './helpers.js';

const dir = throwawaySchemas();
after(() => rmSync(dir, { recursive: true, force: true }));

const record = { id: '0190a6a4-1c2b-7def-8a00-000000000001', label: 'préparer son matériel' };

test('the index names each file, its $id and whether it is a synced record', () => {
  assert.deepEqual(listSchemas(dir), [
    {
      name: 'common',
      path: 'common.schema.json',
      id: 'https://preuves.app/schemas/common.schema.json',
      record: false,
    },
    {
      name: 'thing',
      path: 'records/thing.schema.json',
      id: 'https://preuves.app/schemas/records/thing.schema.json',
      record: true,
    },
  ]);
});

test('a record that fits its schema is valid, through a relative $ref', async () => {
  const set = await loadSchemaSet({ load: folderLoader(dir), ajv });
  assert.deepEqual(set.names, ['common', 'thing']);
  assert.deepEqual(set.recordTypes, ['thing']);
  assert.deepEqual(set.validateRecord('thing', record), { valid: true, errors: [] });
});

test('every problem of a record is reported, with where it is', async () => {
  const set = await loadSchemaSet({ load: folderLoader(dir), ajv });
  const { valid, errors } = set.validateRecord('thing', { id: 'not-a-uuid', label: '', extra: 1 });
  assert.equal(valid, false);
  assert.deepEqual(errors.map((error) => [error.path, error.keyword]).sort(), [
    ['/', 'additionalProperties'],
    ['/id', 'format'],
    ['/label', 'minLength'],
  ]);
});

test('a library of $defs is not a record type', async () => {
  const set = await loadSchemaSet({ load: folderLoader(dir), ajv });
  assert.equal(isDefinitionsOnly(set.schema('common')), true);
  assert.equal(isDefinitionsOnly(set.schema('thing')), false);
  assert.throws(() => set.validateRecord('common', {}), /not a synced record type/);
  assert.throws(() => set.validate('nothing', {}), /no schema named nothing/);
});

test('an unknown keyword is refused as a typo, an x- extension is not', async () => {
  const load = folderLoader(dir);
  const typo = async (path) => {
    const json = await load(path);
    return path === 'records/thing.schema.json' ? { ...json, requierd: ['id'] } : json;
  };
  await assert.rejects(loadSchemaSet({ load: typo, ajv }), /unknown keyword: "requierd"/);
});

test('an empty folder gives an empty set, not an error', async () => {
  const set = await loadSchemaSet({ load: async () => ({ schemas: [] }), ajv });
  assert.deepEqual(set.names, []);
});
