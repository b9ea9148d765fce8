/* Pictograms shipped with the app: OpenMoji's colour SVGs (npm package `openmoji`, CC BY-SA 4.0),
 * copied into dist/pictograms/openmoji/<CODE>.svg. All of them are copied, since a framework
 * imported later may name any; only those the app shows (src/pictograms.json) and those the
 * shipped frameworks name are precached, the others are cached by the service worker on first
 * use. `noto:<codepoints>` references are drawn with OpenMoji's glyph of the same codepoints. */

import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PWA_DIR = fileURLToPath(new URL('..', import.meta.url));
const REPO_DIR = join(PWA_DIR, '..');
export const OPENMOJI_DIR = join(PWA_DIR, 'node_modules', 'openmoji', 'color', 'svg');
// Where frameworks that ship with the product live; their pictograms must work offline.
export const FRAMEWORK_DIRS = [
  join(REPO_DIR, 'backend', 'preuves', 'demo', 'data', 'frameworks'),
  join(REPO_DIR, 'shared_schemas', 'examples', 'framework_version'),
];
export const OUT = 'pictograms/openmoji';

/** The OpenMoji file name for a reference's code: upper case, '-' between codepoints. */
export function canonicalCode(code) {
  return String(code).toUpperCase().replaceAll('_', '-');
}

/** Every code a text names as openmoji:<code> or noto:<code>. */
export function codesIn(text) {
  const found = new Set();
  for (const match of String(text).matchAll(/"(?:openmoji|noto):([0-9A-Za-z_-]+)"/g)) {
    found.add(canonicalCode(match[1]));
  }
  return found;
}

async function jsonFilesUnder(dir) {
  if (!existsSync(dir)) return [];
  const names = await readdir(dir, { recursive: true });
  return names.filter((name) => name.endsWith('.json')).map((name) => join(dir, name));
}

/** The codes to precache: the app's list plus every shipped framework's. */
export async function wantedCodes({ srcDir, frameworkDirs = FRAMEWORK_DIRS }) {
  const listed = JSON.parse(await readFile(join(srcDir, 'pictograms.json'), 'utf8'));
  const codes = new Set(listed.openmoji.map(canonicalCode));
  for (const dir of frameworkDirs) {
    for (const file of await jsonFilesUnder(dir)) {
      for (const code of codesIn(await readFile(file, 'utf8'))) codes.add(code);
    }
  }
  return codes;
}

/**
 * Copy the whole colour set into outDir (with an alias without the FE0F variation selector, which
 * references often leave out), then return the precache entries ({url, revision}) for `wanted`
 * and the codes OpenMoji does not have.
 */
export async function copyPictograms({ srcDir, outDir, sourceDir = OPENMOJI_DIR, frameworkDirs }) {
  if (!existsSync(sourceDir)) {
    throw new Error(`${sourceDir} is missing: run npm ci in pwa/ (openmoji is a devDependency)`);
  }
  const target = join(outDir, OUT);
  await mkdir(target, { recursive: true });
  const files = (await readdir(sourceDir)).filter((name) => name.endsWith('.svg'));
  const shipped = new Map(); // code -> source file
  for (const name of files) shipped.set(name.slice(0, -4), name);
  for (const name of files) {
    const alias = name.slice(0, -4).replaceAll('-FE0F', '');
    if (!shipped.has(alias)) shipped.set(alias, name);
  }
  await Promise.all(
    [...shipped].map(([code, name]) => copyFile(join(sourceDir, name), join(target, `${code}.svg`))),
  );
  const wanted = await wantedCodes({ srcDir, frameworkDirs });
  const missing = [...wanted].filter((code) => !shipped.has(code)).sort();
  const entries = [];
  for (const code of [...wanted].filter((c) => shipped.has(c)).sort()) {
    const bytes = await readFile(join(sourceDir, shipped.get(code)));
    entries.push({
      url: `${OUT}/${code}.svg`,
      revision: createHash('md5').update(bytes).digest('hex'),
    });
  }
  return { entries, missing, copied: shipped.size };
}
