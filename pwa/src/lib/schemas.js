/* Validates records against the JSON Schemas of shared_schemas/, the very files the server checks
 * them with, so that the PWA refuses offline what the server would refuse weeks later when the
 * tablet finally reaches it.
 *
 * It runs in the browser (files fetched from /schemas/, all precached) and in Node's tests (a
 * loader reading the repository's folder is injected), with Ajv injected in Node and loaded from
 * the build's bundle in the browser. */

export const SCHEMA_BASE_URL = '/schemas/';
export const SCHEMA_ID_BASE = 'https://preuves.app/schemas/';

// Keywords that only name things for people or tools; a schema made of nothing else is a library
// of $defs (common.schema.json) that validates no record by itself.
const ANNOTATION_KEYWORDS = new Set([
  '$schema', '$id', '$defs', '$comment', '$anchor', '$vocabulary', 'title', 'description',
  'examples', 'deprecated',
]);

async function fetchSchemaFile(path) {
  const response = await fetch(new URL(path, new URL(SCHEMA_BASE_URL, self.location.href)));
  if (!response.ok) {
    throw new Error(`schema file ${path}: HTTP ${response.status}`);
  }
  return response.json();
}

/** True when a schema only holds definitions for others to $ref. */
export function isDefinitionsOnly(schema) {
  return Object.keys(schema).every((keyword) => ANNOTATION_KEYWORDS.has(keyword));
}

// The server's validator ignores keywords it does not know; Ajv refuses them, which we keep for
// typos but not for the "x-" extensions that OpenAPI and our own tooling may add.
function extensionKeywords(node, found = new Set()) {
  if (Array.isArray(node)) {
    node.forEach((item) => extensionKeywords(item, found));
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('x-')) found.add(key);
      extensionKeywords(value, found);
    }
  }
  return found;
}

function describe(errors) {
  return (errors ?? []).map((error) => ({
    path: error.instancePath || '/',
    keyword: error.keyword,
    message: error.message ?? '',
    params: error.params,
  }));
}

class SchemaSet {
  #ajv;
  #entries;

  constructor(ajv, entries) {
    this.#ajv = ajv;
    this.#entries = new Map(entries.map((entry) => [entry.name, entry]));
  }

  /** Names of every schema, such as "common", "framework" or "evidence". */
  get names() {
    return [...this.#entries.keys()];
  }

  /** Names of the synced record types (the files under records/). */
  get recordTypes() {
    return [...this.#entries.values()].filter((entry) => entry.record).map((entry) => entry.name);
  }

  has(name) {
    return this.#entries.has(name);
  }

  schema(name) {
    return this.#entry(name).schema;
  }

  /** Check data against the schema of that name: { valid, errors: [{ path, keyword, message }] }. */
  validate(name, data) {
    const validator = this.#ajv.getSchema(this.#entry(name).id);
    const valid = validator(data);
    return { valid, errors: valid ? [] : describe(validator.errors) };
  }

  /** Check a record of a synced type (records/<type>.schema.json) before it joins the outbox. */
  validateRecord(type, record) {
    const entry = this.#entry(type);
    if (!entry.record) {
      throw new Error(`${type} is not a synced record type`);
    }
    return this.validate(type, record);
  }

  #entry(name) {
    const entry = this.#entries.get(name);
    if (!entry) {
      throw new Error(`no schema named ${name}`);
    }
    return entry;
  }
}

/**
 * Load every schema listed in index.json and compile them together, so that relative $refs
 * between files resolve through their $id.
 *
 * options.load(path) returns the parsed JSON of a file relative to the schema folder
 * ("index.json", "records/evidence.schema.json"); it fetches from /schemas/ by default.
 * options.ajv is { Ajv2020, addFormats }; the browser loads them from the build's bundle.
 */
export async function loadSchemaSet(options = {}) {
  const load = options.load ?? fetchSchemaFile;
  const { Ajv2020, addFormats } = options.ajv ?? (await import('../vendor/ajv.js'));
  const index = await load('index.json');
  const entries = await Promise.all(
    index.schemas.map(async (entry) => ({ ...entry, schema: await load(entry.path) })),
  );

  // allErrors: a support worker fixing a rejected record wants every problem at once.
  const ajv = new Ajv2020({ allErrors: true, strictTypes: false, strictTuples: false });
  addFormats(ajv);
  const extensions = new Set();
  for (const { schema } of entries) extensionKeywords(schema, extensions);
  for (const keyword of extensions) ajv.addKeyword({ keyword });

  for (const entry of entries) {
    if (entry.schema.$id !== entry.id) {
      throw new Error(`${entry.path}: $id ${entry.schema.$id} differs from the index (${entry.id})`);
    }
    ajv.addSchema(entry.schema);
  }
  // Compile now, so a broken $ref shows up when the app starts rather than on the first capture.
  for (const entry of entries) ajv.getSchema(entry.id);
  return new SchemaSet(ajv, entries);
}
