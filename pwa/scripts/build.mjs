/* Build the PWA into dist/: the source files as they are (plain ES modules, no bundling), Ajv
 * bundled once into vendor/ajv.js (it ships as CommonJS), tus-js-client into vendor/tus.js, the
 * shared JSON Schemas with an index, OpenMoji's pictograms (scripts/pictograms.mjs), Workbox's
 * runtime copied locally, and sw.js with the precache manifest injected.
 *
 * The build writes into a sibling folder and swaps it in at the end, so a server running during a
 * rebuild never serves half a build. dist/.stamp is written last; make compares it with sources. */

import { cp, mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import * as esbuild from 'esbuild';
import workboxBuild from 'workbox-build';

import { localeLanguages, readLocale } from './locales.mjs';
import { copyPictograms } from './pictograms.mjs';
import { SHARED_SCHEMAS_DIR, listSchemas } from './schema-files.mjs';

const { copyWorkboxLibraries, injectManifest } = workboxBuild;

const PWA_DIR = fileURLToPath(new URL('..', import.meta.url));
export const SRC_DIR = join(PWA_DIR, 'src');
export const DIST_DIR = join(PWA_DIR, 'dist');

// What the shell needs offline. Source maps and Workbox's own files stay out: the browser keeps
// the scripts a service worker imports together with the worker itself.
const PRECACHE_PATTERNS = ['**/*.{html,js,css,json,webmanifest,png,svg,woff2}'];

async function copySources(srcDir, outDir) {
  // sw.js is written by injectManifest from the source, with the manifest in it; the locale
  // folders are merged into one file per language by writeLocales.
  const skipped = new Set([join(srcDir, 'sw.js'), join(srcDir, 'locales')]);
  await cp(srcDir, outDir, { recursive: true, filter: (path) => !skipped.has(path) });
}

async function writeLocales(srcDir, outDir) {
  const localesDir = join(srcDir, 'locales');
  await mkdir(join(outDir, 'locales'), { recursive: true });
  for (const language of localeLanguages(localesDir)) {
    const messages = readLocale(language, localesDir);
    await writeFile(join(outDir, 'locales', `${language}.json`), `${JSON.stringify(messages)}\n`);
  }
}

async function bundleAjv(outDir) {
  await esbuild.build({
    stdin: {
      contents: [
        "export { default as Ajv2020 } from 'ajv/dist/2020.js';",
        "export { default as addFormats } from 'ajv-formats';",
      ].join('\n'),
      resolveDir: PWA_DIR,
      sourcefile: 'vendor-ajv.js',
    },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    legalComments: 'eof',
    outfile: join(outDir, 'vendor', 'ajv.js'),
    logLevel: 'warning',
  });
}

// tus-js-client for the upload module, the browser build (its package.json "browser" field).
async function bundleTus(outDir) {
  await esbuild.build({
    stdin: {
      contents: "export { Upload, isSupported } from 'tus-js-client';",
      resolveDir: PWA_DIR,
      sourcefile: 'vendor-tus.js',
    },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    legalComments: 'eof',
    outfile: join(outDir, 'vendor', 'tus.js'),
    logLevel: 'warning',
  });
}

async function copySchemas(schemasDir, outDir) {
  const schemas = listSchemas(schemasDir);
  const missingId = schemas.filter((schema) => !schema.id);
  if (missingId.length > 0) {
    throw new Error(`schemas without $id: ${missingId.map((schema) => schema.path).join(', ')}`);
  }
  const target = join(outDir, 'schemas');
  await mkdir(join(target, 'records'), { recursive: true });
  for (const schema of schemas) {
    await cp(join(schemasDir, schema.path), join(target, schema.path));
  }
  await writeFile(join(target, 'index.json'), `${JSON.stringify({ schemas }, null, 2)}\n`);
  return schemas;
}

// The rules both the server and the app read (shared_schemas/rules/*.json: who sits on a jury),
// served at /rules/ and precached like every JSON file of the build.
export async function copyRules(schemasDir, outDir) {
  const rulesDir = join(schemasDir, 'rules');
  if (!existsSync(rulesDir)) return;
  await mkdir(join(outDir, 'rules'), { recursive: true });
  for (const file of (await readdir(rulesDir)).filter((name) => name.endsWith('.json'))) {
    await cp(join(rulesDir, file), join(outDir, 'rules', file));
  }
}

async function writeServiceWorker(srcDir, outDir, workboxDir, pictograms) {
  const swDest = join(outDir, 'sw.js');
  const result = await injectManifest({
    swSrc: join(srcDir, 'sw.js'),
    swDest,
    globDirectory: outDir,
    globPatterns: PRECACHE_PATTERNS,
    // The 4,000 pictograms are not all precached: only those the app and its frameworks use.
    globIgnores: ['sw.js', `${workboxDir}/**`, '**/*.map', 'pictograms/**'],
    additionalManifestEntries: pictograms,
  });
  for (const warning of result.warnings) console.warn(`workbox: ${warning}`);
  const source = await readFile(swDest, 'utf8');
  await writeFile(swDest, source.replaceAll('__WORKBOX_DIR__', workboxDir));
  return result;
}

/**
 * Build into outDir. Returns { count, size, schemas, workboxDir } for the caller to report.
 * The folders are parameters so that tests can build into a temporary place.
 */
export async function build({
  srcDir = SRC_DIR,
  outDir = DIST_DIR,
  schemasDir = SHARED_SCHEMAS_DIR,
} = {}) {
  const staging = `${outDir}.next`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(dirname(staging), { recursive: true });

  await copySources(srcDir, staging);
  await writeLocales(srcDir, staging);
  await bundleAjv(staging);
  await bundleTus(staging);
  const schemas = await copySchemas(schemasDir, staging);
  await copyRules(schemasDir, staging);
  const pictograms = await copyPictograms({ srcDir, outDir: staging });
  for (const code of pictograms.missing) console.warn(`pictograms: no OpenMoji glyph for ${code}`);
  const workboxDir = await copyWorkboxLibraries(staging);
  const { count, size } = await writeServiceWorker(srcDir, staging, workboxDir, pictograms.entries);
  const files = await readdir(staging, { recursive: true });
  await writeFile(
    join(staging, '.stamp'),
    `${JSON.stringify({ built: new Date().toISOString(), precached: count, files: files.length })}\n`,
  );

  const previous = `${outDir}.old`;
  await rm(previous, { recursive: true, force: true });
  if (existsSync(outDir)) await rename(outDir, previous);
  await rename(staging, outDir);
  await rm(previous, { recursive: true, force: true });
  return { count, size, schemas, workboxDir, pictograms };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { count, size, schemas } = await build();
  console.log(
    `pwa: built ${DIST_DIR}: ${count} files precached (${Math.round(size / 1024)} KiB), ` +
      `${schemas.length} schemas`,
  );
}
