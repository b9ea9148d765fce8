// Framework ids on the device equal the server's (uuid5, backend/preuves/frameworks/importer.py).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { childId, describeFramework, uuid5 } from '../src/lib/framework.js';

const example = JSON.parse(
  readFileSync(
    new URL('../../shared_schemas/examples/framework_version/valid/as-served-published.json', import.meta.url),
    'utf8',
  ),
);

test('uuid5 gives the ids Python gives (values from uuid.uuid5)', async () => {
  assert.equal(
    await uuid5('5d1b7e0c-8f4a-4c1e-9a57-2f0e3b6d9c41', 'product/rectec/2024.1'),
    '0cfda225-6a93-5266-a693-5555a2bdd292',
  );
  assert.equal(
    await childId('0193a0f0-7777-7a81-8b92-000000000006', 'competency', 'laver'),
    '0dc2c41c-bd32-5f67-aca6-45c7ebe23b66',
  );
});

test('a framework version is described with its levels in rank order and its competencies', async () => {
  const framework = await describeFramework(example);
  assert.deepEqual(framework.levels.map((level) => level.rank), [1, 2, 3]);
  const first = example.document.blocks[0].competencies[0];
  const described = framework.competencies[0];
  assert.equal(described.key, first.key);
  assert.equal(described.id, await childId(example.id, 'competency', first.key));
  assert.equal(framework.competency(described.id), described);
  assert.equal(described.criteria.length, first.criteria.length);
  assert.equal(framework.level('seul').easy_label, 'Seul ou seule');
});
