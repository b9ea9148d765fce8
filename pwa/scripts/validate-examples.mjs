/* Run every example of shared_schemas/ through the PWA's validator and print the verdicts as
 * JSON, one object per example. The server's contract test can call this to compare the two
 * validators on the same files: `node pwa/scripts/validate-examples.mjs [schemas-dir]`. */

import { basename, relative } from 'node:path';

import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

import { loadSchemaSet } from '../src/lib/schemas.js';
import { SHARED_SCHEMAS_DIR, folderLoader, listExamples, readJson } from './schema-files.mjs';

const schemasDir = process.argv[2] ?? SHARED_SCHEMAS_DIR;
const set = await loadSchemaSet({ load: folderLoader(schemasDir), ajv: { Ajv2020, addFormats } });

const results = [];
for (const [name, { valid, invalid }] of listExamples(schemasDir)) {
  for (const [expected, files] of [['valid', valid], ['invalid', invalid]]) {
    for (const file of files) {
      const verdict = set.has(name)
        ? set.validate(name, readJson(file))
        : { valid: null, errors: [{ message: `no schema named ${name}` }] };
      results.push({
        schema: name,
        file: relative(schemasDir, file).split('\\').join('/'),
        example: basename(file),
        expected,
        valid: verdict.valid,
        errors: verdict.errors,
      });
    }
  }
}
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
