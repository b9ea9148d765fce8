// The build: what the service worker precaches is what the shell needs to open with no network.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { SRC_DIR, build } from '../scripts/build.mjs';
import { throwawaySchemas } from './helpers.js';

const root = mkdtempSync(join(tmpdir(), 'preuves-build-'));
const outDir = join(root, 'dist');
const schemasDir = throwawaySchemas();
let result;
let precached;

before(async () => {
  result = await build({ outDir, schemasDir });
  const sw = readFileSync(join(outDir, 'sw.js'), 'utf8');
  const manifest = sw.match(/const PRECACHE = (\[.*?\]);/s);
  assert.ok(manifest, 'sw.js has no injected precache list');
  precached = new Map(JSON.parse(manifest[1]).map((entry) => [entry.url, entry.revision]));
});

after(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(schemasDir, { recursive: true, force: true });
});

test('the shell, its manifest, icons and schemas are precached with a revision', () => {
  for (const url of [
    'index.html',
    'app.js',
    'app.css',
    'manifest.webmanifest',
    'icons/icon-192.png',
    'icons/icon-512.png',
    'icons/maskable-192.png',
    'icons/maskable-512.png',
    'locales/fr.json',
    'locales/en.json',
    'vendor/ajv.js',
    'schemas/index.json',
    'schemas/common.schema.json',
    'schemas/records/thing.schema.json',
  ]) {
    assert.match(precached.get(url) ?? '', /^[0-9a-f]{32}$/, `${url} is not precached`);
  }
  assert.equal(result.count, precached.size);
});

test('every module of src/ is precached, so no screen needs the network', () => {
  const modules = readdirSync(SRC_DIR, { recursive: true })
    .map((path) => path.split('\\').join('/'))
    .filter((path) => path.endsWith('.js') && path !== 'sw.js');
  const missing = modules.filter((path) => !precached.has(path));
  assert.deepEqual(missing, []);
});

test('everything the page, its style sheet and the manifest point at is precached', () => {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const css = readFileSync(join(outDir, 'app.css'), 'utf8');
  const linked = [
    ...[...html.matchAll(/(?:href|src)="\/([^"]+)"/g)].map((match) => match[1]),
    ...[...css.matchAll(/url\("\/([^"]+)"\)/g)].map((match) => match[1]),
  ];
  const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.webmanifest'), 'utf8'));
  linked.push(...manifest.icons.map((icon) => icon.src.replace(/^\//, '')));
  assert.ok(linked.length >= 9, linked.join(', '));
  assert.deepEqual(linked.filter((path) => !precached.has(path)), []);
});

test('the service worker itself and Workbox runtime are not in the precache', () => {
  assert.equal(precached.has('sw.js'), false);
  assert.deepEqual([...precached.keys()].filter((url) => url.startsWith('workbox-')), []);
  assert.equal([...precached.keys()].some((url) => url.endsWith('.map')), false);
});

test('sw.js imports Workbox from the local versioned folder, never a CDN', () => {
  const sw = readFileSync(join(outDir, 'sw.js'), 'utf8');
  assert.equal(sw.includes('__WORKBOX_DIR__'), false);
  assert.equal(sw.includes('self.__WB_MANIFEST'), false);
  assert.match(result.workboxDir, /^workbox-v\d+\.\d+\.\d+$/);
  assert.ok(sw.includes(`importScripts('/${result.workboxDir}/workbox-sw.js')`));
  assert.ok(sw.includes(`modulePathPrefix: '/${result.workboxDir}/'`));
  for (const module of ['workbox-sw.js', 'workbox-core.prod.js', 'workbox-precaching.prod.js',
    'workbox-routing.prod.js', 'workbox-strategies.prod.js']) {
    assert.ok(existsSync(join(outDir, result.workboxDir, module)), `${module} missing`);
  }
});

test('the schema index lists what was copied', () => {
  const index = JSON.parse(readFileSync(join(outDir, 'schemas', 'index.json'), 'utf8'));
  assert.deepEqual(
    index.schemas.map((schema) => schema.path),
    ['common.schema.json', 'records/thing.schema.json'],
  );
});

test('the build swaps its output in whole and leaves a stamp', () => {
  assert.ok(existsSync(join(outDir, '.stamp')));
  assert.equal(existsSync(`${outDir}.next`), false);
  assert.equal(existsSync(`${outDir}.old`), false);
});
