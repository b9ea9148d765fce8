/* Where the shared JSON Schemas and their examples are, by the layout contract of shared_schemas/:
 *   <name>.schema.json and records/<name>.schema.json, each with $id under SCHEMA_ID_BASE;
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
  for (const [folder, record] of [['', false], ['records', true]]) {
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

/** The example folders: Map name -> { valid: [paths], invalid: [paths] } (absolute paths). */
export function listExamples(schemasDir = SHARED_SCHEMAS_DIR) {
  const examplesDir = join(schemasDir, 'examples');
  const examples = new Map();
  if (!existsSync(examplesDir)) return examples;
  for (const entry of readdirSync(examplesDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = join(examplesDir, entry.name);
    examples.set(entry.name, {
      valid: jsonFiles(join(dir, 'valid')).map((file) => join(dir, 'valid', file)),
      invalid: jsonFiles(join(dir, 'invalid')).map((file) => join(dir, 'invalid', file)),
    });
  }
  return examples;
}

/** A loader for lib/schemas.js that reads a folder on disk, with index.json made on the fly. */
export function folderLoader(schemasDir = SHARED_SCHEMAS_DIR) {
  return async (path) =>
    path === 'index.json' ? { schemas: listSchemas(schemasDir) } : readJson(join(schemasDir, path));
}
