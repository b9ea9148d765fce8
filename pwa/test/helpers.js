// Shared by the tests: Ajv as the browser gets it, and a throwaway schema folder on disk.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export const ajv = { Ajv2020, addFormats };

const BASE = 'https://preuves.app/schemas/';

/**
 * A tiny schema folder laid out like shared_schemas/ (a $defs library, one record type with a
 * relative $ref, one example of each kind), so the tests do not depend on the real schemas.
 */
export function throwawaySchemas() {
  const dir = mkdtempSync(join(tmpdir(), 'preuves-schemas-'));
  const write = (path, value) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), JSON.stringify(value, null, 2));
  };
  write('common.schema.json', {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${BASE}common.schema.json`,
    $defs: { uuid: { type: 'string', format: 'uuid' } },
  });
  write('records/thing.schema.json', {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${BASE}records/thing.schema.json`,
    type: 'object',
    'x-sync': { appendOnly: true },
    required: ['id', 'label'],
    additionalProperties: false,
    properties: {
      id: { $ref: '../common.schema.json#/$defs/uuid' },
      label: { type: 'string', minLength: 1 },
    },
  });
  write('examples/thing/valid/plain.json', {
    id: '0190a6a4-1c2b-7def-8a00-000000000001',
    label: 'mettre la table',
  });
  write('examples/thing/invalid/bad-uuid.json', { id: 'nope', label: 'mettre la table' });
  return dir;
}
