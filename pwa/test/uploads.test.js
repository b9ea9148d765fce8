// The upload queue without a browser: an in-memory store and a fake tus client stand in for
// IndexedDB and tus-js-client (the real ones are tested in Chromium: tests/browser).
import assert from 'node:assert/strict';
import { createHash, webcrypto } from 'node:crypto';
import { test } from 'node:test';

import { createTranslator } from '../src/lib/i18n.js';
import { checkReceipt, localHash, serverReceipt } from '../src/lib/uploads/confirm.js';
import { classifyError, messageFor } from '../src/lib/uploads/errors.js';
import { UploadQueue } from '../src/lib/uploads/queue.js';
import { RecordUrlStorage, fingerprintFor, recordIdOf } from '../src/lib/uploads/url-storage.js';
import { readLocale } from '../scripts/locales.mjs';

const french = readLocale('fr');
const t = createTranslator(french);
const RECORD = '0190a6a4-1c2b-7def-8a00-000000000001';
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** The MediaDb interface, in memory. */
class MemoryStore {
  blobs = new Map();
  uploads = new Map();
  async putBlob(entry) { this.blobs.set(entry.recordId, entry); }
  async getBlob(id) { return this.blobs.get(id) ?? null; }
  async deleteBlob(id) { this.blobs.delete(id); }
  async getUpload(id) { return this.uploads.get(id) ?? null; }
  async updateUpload(id, changes) {
    const next = { ...(this.uploads.get(id) ?? {}), ...changes, recordId: id };
    this.uploads.set(id, next);
    return next;
  }
  async deleteUpload(id) { this.uploads.delete(id); }
  async allUploads() { return [...this.uploads.values()]; }
}

const response = (status, headers = {}, body = '') => ({
  getStatus: () => status,
  getHeader: (name) => headers[name] ?? null,
  getBody: () => body,
});

/** A tus server in memory, and a client class with tus-js-client's surface that talks to it. */
function fakeTus({ lie = null, offlineFirst = false, refuse = null } = {}) {
  const server = { uploads: new Map(), created: 0, resumedFrom: [], metadata: [], fingerprints: [] };
  let offline = offlineFirst;
  class Upload {
    constructor(file, options) {
      this.file = file;
      this.options = options;
      this.url = null;
    }
    async findPreviousUploads() {
      const fingerprint = await this.options.fingerprint(this.file, this.options);
      server.fingerprints.push(fingerprint);
      return this.options.urlStorage.findUploadsByFingerprint(fingerprint);
    }
    resumeFromPreviousUpload(previous) {
      this.url = previous.uploadUrl;
      server.resumedFrom.push(previous.uploadUrl);
    }
    async start() {
      const bytes = Buffer.from(await this.file.arrayBuffer());
      if (refuse) return this.options.onError({ originalResponse: response(...refuse) });
      if (!this.url) {
        this.url = `/api/v1/uploads/${++server.created}`;
        server.uploads.set(this.url, 0);
        server.metadata.push(this.options.metadata);
        await this.options.urlStorage.addUpload(await this.options.fingerprint(), {
          uploadUrl: this.url, size: bytes.length, creationTime: 'now',
        });
      }
      let offset = server.uploads.get(this.url);
      while (offset < bytes.length) {
        if (offline && offset > 0) {
          offline = false;
          return this.options.onError(new Error('tus: failed to upload chunk'));
        }
        offset = Math.min(bytes.length, offset + this.options.chunkSize);
        server.uploads.set(this.url, offset);
        this.options.onProgress(offset, bytes.length);
        this.options.onChunkComplete(this.options.chunkSize, offset, bytes.length);
      }
      const hash = lie ?? sha256(bytes);
      this.options.onSuccess({ lastResponse: response(204, { 'Upload-Sha256': hash, 'Upload-Offset': String(offset) }) });
    }
    async abort() {}
  }
  return { server, Upload };
}

function queueWith(tus, options = {}) {
  const store = new MemoryStore();
  const queue = new UploadQueue({ store, Upload: tus.Upload, t, chunkSize: 100, subtle: webcrypto.subtle, ...options });
  const events = [];
  for (const type of ['progress', 'done', 'error']) {
    queue.addEventListener(type, (event) => events.push({ type, ...event.detail }));
  }
  return { store, queue, events };
}

const photo = (size = 250) => new Blob([Buffer.alloc(size, 7)], { type: 'image/jpeg' });

test('an upload sends the record id, reports progress and forgets the blob once confirmed', async () => {
  const tus = fakeTus();
  const { store, queue, events } = queueWith(tus);
  const result = await queue.add(RECORD, photo(), { dossierId: 'd-1', filename: 'tarte.jpg' });

  assert.equal(result.sha256, sha256(Buffer.alloc(250, 7)));
  assert.deepEqual(tus.server.metadata, [
    {
      dossier_id: 'd-1', record_id: RECORD, filename: 'tarte.jpg', filetype: 'image/jpeg',
      sha256: result.sha256,
    },
  ]);
  assert.deepEqual(new Set(tus.server.fingerprints), new Set([fingerprintFor(RECORD)]));
  assert.deepEqual(
    events.filter((e) => e.type === 'progress').map((e) => e.bytesSent),
    [100, 200, 250],
  );
  assert.deepEqual(events.at(-1), { type: 'done', recordId: RECORD, sha256: result.sha256 });
  assert.equal(await store.getBlob(RECORD), null);
  assert.equal(await store.getUpload(RECORD), null);
});

test('a dropped network keeps blob and URL, and the next try resumes the same upload', async () => {
  const tus = fakeTus({ offlineFirst: true });
  const { store, queue, events } = queueWith(tus);
  const first = await queue.add(RECORD, photo(), { dossierId: 'd-1' });

  assert.equal(first.error, 'offline');
  assert.equal(events.at(-1).message, french['upload.error.offline']);
  const kept = await store.getUpload(RECORD);
  assert.equal(kept.state, 'waiting');
  assert.equal(kept.uploadUrl, '/api/v1/uploads/1');
  assert.equal(kept.offset, 100);
  assert.ok(await store.getBlob(RECORD));

  const [second] = await queue.resumeAll();
  assert.ok(second.sha256);
  assert.deepEqual(tus.server.resumedFrom, ['/api/v1/uploads/1']);
  assert.equal(tus.server.created, 1);
  assert.equal(await store.getBlob(RECORD), null);
});

test('a hash that differs from the local one keeps the blob and starts over next time', async () => {
  const tus = fakeTus({ lie: 'f'.repeat(64) });
  const { store, queue, events } = queueWith(tus);
  const result = await queue.add(RECORD, photo());

  assert.equal(result.error, 'hash_mismatch');
  assert.equal(events.at(-1).message, french['upload.error.hash_mismatch']);
  assert.ok(await store.getBlob(RECORD));
  assert.equal((await store.getUpload(RECORD)).uploadUrl, null);
});

test('a file too big to hash in the browser trusts the server hash and the byte count', async () => {
  const tus = fakeTus();
  const { store, queue } = queueWith(tus, { hashLimit: 10 });
  const result = await queue.add(RECORD, photo());
  assert.equal(result.sha256, sha256(Buffer.alloc(250, 7)));
  assert.equal(await store.getBlob(RECORD), null);
});

test('a refusal shows the server French title and is not tried again', async () => {
  const problem = JSON.stringify({ code: 'unsupported_media_type', title: 'Ce type de contenu n’est pas accepté.' });
  const tus = fakeTus({ refuse: [415, {}, problem] });
  const { store, queue, events } = queueWith(tus);
  await queue.add(RECORD, photo());

  assert.deepEqual(events.at(-1), {
    type: 'error', recordId: RECORD, code: 'unsupported_media_type', message: 'Ce type de contenu n’est pas accepté.',
  });
  assert.equal((await store.getUpload(RECORD)).state, 'refused');
  assert.deepEqual(await queue.resumeAll(), []);
});

test('the receipt check', () => {
  const good = sha256('x');
  assert.deepEqual(checkReceipt({ sha256: good, size: 1 }, { sha256: good, offset: 1 }), { ok: true, sha256: good });
  assert.equal(checkReceipt({ sha256: null, size: 1 }, { sha256: good, offset: 2 }).code, 'size_mismatch');
  assert.equal(checkReceipt({ sha256: null, size: 1 }, { sha256: null, offset: 1 }).code, 'hash_missing');
  assert.deepEqual(serverReceipt(response(200, { 'Upload-Sha256': good.toUpperCase(), 'Upload-Length': '5' })), {
    sha256: good, offset: 5,
  });
  assert.deepEqual(serverReceipt(response(200, { 'Upload-Sha256': '../etc' })), { sha256: null, offset: null });
});

test('local hashing stops at the limit', async () => {
  assert.equal(await localHash(photo(), { limit: 100, subtle: webcrypto.subtle }), null);
  assert.equal(await localHash(photo(), { subtle: webcrypto.subtle }), sha256(Buffer.alloc(250, 7)));
});

test('errors: no response is offline; 5xx and 423 are retried; 4xx are not', () => {
  assert.deepEqual(classifyError(new Error('network')), { code: 'offline', status: 0, title: '', retry: true });
  assert.equal(classifyError({ originalResponse: response(503) }).code, 'server');
  assert.equal(classifyError({ originalResponse: response(423) }).retry, true);
  assert.equal(classifyError({ originalResponse: response(413, {}, '{"code":"too_large"}') }).retry, false);
  assert.equal(messageFor({ code: 'nothing-known', title: '' }, t), french['upload.error.unknown']);
});

test('the URL storage files uploads under the record id and forgets only the URL', async () => {
  const store = new MemoryStore();
  const storage = new RecordUrlStorage(store);
  await store.updateUpload(RECORD, { state: 'sending', size: 3 });
  assert.equal(recordIdOf(fingerprintFor(RECORD)), RECORD);
  assert.equal(await storage.addUpload(fingerprintFor(RECORD), { uploadUrl: '/u/1', size: 3 }), RECORD);
  assert.deepEqual((await storage.findUploadsByFingerprint(fingerprintFor(RECORD))).map((u) => u.uploadUrl), ['/u/1']);
  assert.equal((await storage.findAllUploads()).length, 1);
  await storage.removeUpload(RECORD);
  assert.deepEqual(await storage.findUploadsByFingerprint(fingerprintFor(RECORD)), []);
  assert.equal((await store.getUpload(RECORD)).state, 'sending');
  await storage.removeUpload('someone-else');
  assert.equal(await store.getUpload('someone-else'), null);
});
