/* Where the shared JSON Schemas and their examples are, by the layout contract of shared_schemas/:
 *   <name>.schema.json, records/<name>.schema.json and sync/<name>.schema.json, each with $id under SCHEMA_ID_BASE;
 *   examples/<name>/valid/*.json and examples/<name>/invalid/*.json.
 * The build and the tests both read the folder through here, so they cannot disagree on it. */

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHARED_SCHEMAS_DIR = fileURLToPath(new URL('../../shared_schemas/', import.meta.url));
export const SCHEMA_SUFFIX = '.schema.json';

function jsonFiles(dir, suffix = '.json') {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(suffix))
    .map((entry) => entry.name)
    .sort();
}

export function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: ${error.message}`, { cause: error });
  }
}

/**
 * The schema files, as the index the browser receives:
 * [{ name, path, id, record }], path relative to the folder with "/" separators.
 */
export function listSchemas(schemasDir = SHARED_SCHEMAS_DIR) {
  const schemas = [];
  for (const [folder, record] of [['', false], ['records', true], ['sync', false]]) {
    for (const file of jsonFiles(join(schemasDir, folder), SCHEMA_SUFFIX)) {
      const path = relative(schemasDir, join(schemasDir, folder, file)).split(sep).join('/');
      const schema = readJson(join(schemasDir, path));
      schemas.push({ name: file.slice(0, -SCHEMA_SUFFIX.length), path, id: schema.$id ?? null, record });
    }
  }
  const seen = new Map();
  for (const schema of schemas) {
    // Examples are filed by base name, so two schemas may not share one.
    if (seen.has(schema.name)) {
      throw new Error(`two schemas are named ${schema.name}: ${seen.get(schema.name)} and ${schema.path}`);
    }
    seen.set(schema.name, schema.path);
  }
  return schemas;
}

/**
 * The example folders: Map name -> { valid: [paths], invalid: [paths] } (absolute paths). A folder
 * holding valid/ or invalid/ is one schema's; any other folder groups them (examples/sync/...).
 */
export function listExamples(schemasDir = SHARED_SCHEMAS_DIR) {
  const examples = new Map();
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const folder = join(dir, entry.name);
      const valid = join(folder, 'valid');
      const invalid = join(folder, 'invalid');
      if (!existsSync(valid) && !existsSync(invalid)) {
        visit(folder);
        continue;
      }
      examples.set(entry.name, {
        valid: jsonFiles(valid).map((file) => join(valid, file)),
        invalid: jsonFiles(invalid).map((file) => join(invalid, file)),
      });
    }
  };
  const examplesDir = join(schemasDir, 'examples');
  if (existsSync(examplesDir)) visit(examplesDir);
  return examples;
}

/** A loader for lib/schemas.js that reads a folder on disk, with index.json made on the fly. */
export function folderLoader(schemasDir = SHARED_SCHEMAS_DIR) {
  return async (path) =>
    path === 'index.json' ? { schemas: listSchemas(schemasDir) } : readJson(join(schemasDir, path));
}
