// The shell's pure parts: the sync status in words, the busy marks an update waits for, the media
// sources, the pictogram references, and the upload queue's life with a person (close, resume).
import assert from 'node:assert/strict';
import { webcrypto } from 'node:crypto';
import { test } from 'node:test';

import { createTranslator } from '../src/lib/i18n.js';
import { mediaSource, releaseMediaSources, serverMediaUrl } from '../src/lib/media-source.js';
import { pictogramUrl } from '../src/lib/pictogram.js';
import { cachesToErase } from '../src/lib/local-data.js';
import { clearActivity, isBusy, markBusy, markIdle, whenIdle } from '../src/lib/shell/activity.js';
import {
  mediaKind, nearlyFull, sentences, summarize, uploadFraction,
} from '../src/lib/shell/sync-status.js';
import { UploadQueue } from '../src/lib/uploads/queue.js';
import { readLocale } from '../scripts/locales.mjs';
import { canonicalCode, codesIn } from '../scripts/pictograms.mjs';

const fr = createTranslator(readLocale('fr'));
const en = createTranslator(readLocale('en'), readLocale('fr'));
const SHA = 'a'.repeat(64);

const video = (id, extra = {}) => ({ recordId: id, mediaType: 'video/webm', state: 'waiting', ...extra });
const queued = (type, id, state = 'queued') => ({ type, id, state });

test('everything sent says so in one sentence', () => {
  const summary = summarize({ outbox: [], uploads: [] });
  assert.equal(summary.state, 'sent');
  assert.deepEqual(sentences(fr, summary), ['Tout est envoyé.']);
  assert.deepEqual(sentences(en, summary), ['Everything is sent.']);
});

test('two videos waiting for the wifi, counted by kind, their records not counted twice', () => {
  const summary = summarize({
    outbox: [queued('evidence', 'v1'), queued('evidence', 'v2'), queued('positioning', 'p1')],
    uploads: [video('v1', { error: 'offline' }), video('v2')],
    clientState: 'offline',
  });
  assert.equal(summary.state, 'offline');
  assert.deepEqual(sentences(fr, summary), [
    '2 vidéos attendent le wifi.',
    '1 réponse attend le wifi.',
  ]);
});

test('a photo with its spoken caption is one photo and one voice message', () => {
  const summary = summarize({
    outbox: [queued('evidence', 'e1')],
    uploads: [
      { recordId: 'e1', mediaType: 'image/jpeg', state: 'sending' },
      { recordId: 'e1/caption_audio_sha256', mediaType: 'audio/webm', state: 'waiting' },
    ],
    clientState: 'idle',
  });
  assert.equal(summary.state, 'sending');
  assert.deepEqual(sentences(fr, summary), [
    "1 photo est en cours d'envoi.",
    "1 message vocal est en cours d'envoi.",
  ]);
});

test('the browser saying it is offline is enough to wait for the wifi', () => {
  const summary = summarize({ outbox: [queued('journal_entry', 'j')], online: false });
  assert.deepEqual(sentences(fr, summary), ['1 changement attend le wifi.']);
});

test('refusals are counted apart, and alone they are the state', () => {
  const summary = summarize({
    outbox: [queued('evidence', 'e', 'rejected')],
    uploads: [video('v', { state: 'refused' })],
  });
  assert.equal(summary.state, 'refused');
  assert.equal(summary.waiting, 0);
  assert.deepEqual(sentences(fr, summary), ['2 envois ne sont pas acceptés.']);
});

test('media kinds by type, progress by bytes, and a nearly full tablet', () => {
  assert.deepEqual(
    ['video/mp4', 'image/heic', 'audio/ogg', 'application/pdf', undefined].map(mediaKind),
    ['video', 'photo', 'voice', 'file', 'file'],
  );
  const progress = new Map([
    ['a', { bytesSent: 50, bytesTotal: 100 }],
    ['b', { bytesSent: 0, bytesTotal: 100 }],
  ]);
  assert.equal(uploadFraction(progress), 0.25);
  assert.equal(uploadFraction(new Map()), null);
  const GB = 1024 ** 3;
  assert.equal(nearlyFull({ usage: 1 * GB, quota: 10 * GB }), false);
  assert.equal(nearlyFull({ usage: 9.5 * GB, quota: 10 * GB }), true);
  assert.equal(nearlyFull({ usage: 100, quota: 200 * 1024 * 1024 }), true);
  assert.equal(nearlyFull({}), false);
});

test('an update waits for every named task to be over', async () => {
  clearActivity();
  assert.equal(isBusy(), false);
  markBusy('video');
  markBusy('video');
  markBusy('answer');
  let idle = false;
  const waiting = whenIdle().then(() => {
    idle = true;
  });
  markIdle('video');
  await Promise.resolve();
  assert.equal(idle, false);
  markIdle('answer');
  await waiting;
  assert.equal(idle, true);
  markBusy('photo');
  clearActivity();
  assert.equal(isBusy(), false);
});

test('a medium comes from the device while it holds it, else from the server', async () => {
  const blobs = new Map([['e1', new Blob(['x'])]]);
  const ctx = { local: async () => ({ uploads: { localBlob: async (key) => blobs.get(key) ?? null } }) };
  let made = 0;
  const create = () => `blob:local/${++made}`;
  const first = await mediaSource(ctx, { key: 'e1', sha256: SHA, derivative: 'thumbnail' }, create);
  assert.equal(first, 'blob:local/1');
  assert.equal(await mediaSource(ctx, { key: 'e1', sha256: SHA }, create), first);
  assert.equal(
    await mediaSource(ctx, { key: 'e2', sha256: SHA, derivative: 'poster' }, create),
    `/api/v1/media/${SHA}/poster`,
  );
  const revoked = [];
  releaseMediaSources((url) => revoked.push(url));
  assert.deepEqual(revoked, ['blob:local/1']);
  const nobody = { local: async () => Promise.reject(new Error('nobody is signed in')) };
  assert.equal(await mediaSource(nobody, { key: 'e1', sha256: SHA }, create), `/api/v1/media/${SHA}`);
  assert.equal(serverMediaUrl('not a hash'), null);
  assert.equal(serverMediaUrl(SHA, 'nonsense'), `/api/v1/media/${SHA}`);
});

test('pictogram references: openmoji and noto codes are OpenMoji files, photos are framework media', () => {
  assert.equal(pictogramUrl('openmoji:1f373'), '/pictograms/openmoji/1F373.svg');
  assert.equal(pictogramUrl('noto:1f9d1_200d_1f527'), '/pictograms/openmoji/1F9D1-200D-1F527.svg');
  assert.equal(pictogramUrl(`photo:${SHA}`), `/api/v1/frameworks/media/${SHA}`);
  assert.equal(pictogramUrl('arasaac:123'), null);
  assert.deepEqual(
    [...codesIn('{"pictogram": "openmoji:1f373", "x": "noto:23f1", "y": "photo:ab"}')],
    ['1F373', '23F1'],
  );
  assert.equal(canonicalCode('1f9d1_200d_1f527'), '1F9D1-200D-1F527');
});

test('erasing keeps the shell and the pictograms, nobody data', () => {
  assert.deepEqual(
    cachesToErase(['preuves-precache-v1', 'preuves-pictograms-v1', 'preuves-media-thumbs', 'other']),
    ['preuves-media-thumbs', 'other'],
  );
});

/** A MediaDb in memory, and a tus client that sends one chunk and then hangs until aborted. */
function hangingQueue(personId) {
  const store = {
    blobs: new Map(),
    uploads: new Map(),
    closed: false,
    async putBlob(entry) { this.blobs.set(entry.recordId, entry); },
    async getBlob(id) { return this.blobs.get(id) ?? null; },
    async deleteBlob(id) { this.blobs.delete(id); },
    async getUpload(id) { return this.uploads.get(id) ?? null; },
    async updateUpload(id, changes) {
      const next = { ...(this.uploads.get(id) ?? {}), ...changes, recordId: id };
      this.uploads.set(id, next);
      return next;
    },
    async deleteUpload(id) { this.uploads.delete(id); },
    async allUploads() { return [...this.uploads.values()]; },
    close() { this.closed = true; },
  };
  const started = [];
  const aborted = [];
  class Upload {
    constructor(file, options) { this.options = options; }
    async findPreviousUploads() { return []; }
    start() {
      started.push(this.options.metadata.record_id);
      this.options.onProgress(10, 100);
    }
    async abort() { aborted.push(this.options.metadata.record_id); }
  }
  const queue = new UploadQueue({ store, Upload, t: fr, subtle: webcrypto.subtle, personId });
  return { store, queue, started, aborted };
}

test('closing pauses the running upload; the same person resumes it, another does not', async () => {
  const first = hangingQueue('lea');
  const sending = first.queue.add('e1', new Blob(['photo']), { dossierId: 'd' });
  while (first.started.length === 0) await new Promise((resolve) => setImmediate(resolve));
  assert.equal(await (await first.queue.localBlob('e1')).text(), 'photo');
  await first.queue.close();
  assert.deepEqual(await sending, { recordId: 'e1', paused: true });
  assert.deepEqual(first.aborted, ['e1']);
  assert.equal(first.store.closed, true);
  const entry = first.store.uploads.get('e1');
  assert.equal(entry.state, 'paused');
  assert.equal(entry.personId, 'lea');
  assert.equal(await first.queue.localBlob('e1'), null); // closed: nothing read any more

  // The next session on the tablet, with the same database content.
  for (const [person, expected] of [['sami', []], ['lea', ['e1']]]) {
    const next = hangingQueue(person);
    next.store.blobs = first.store.blobs;
    next.store.uploads = new Map(first.store.uploads);
    next.queue.resumeAll();
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(next.started, expected, person);
    await next.queue.close();
  }
});

test("a record's second medium is filed under its key, sent under the record's id", async () => {
  const { queue, started } = hangingQueue('lea');
  const metadata = [];
  const sending = queue.add('e1/caption_audio_sha256', new Blob(['voice'], { type: 'audio/webm' }));
  while (started.length === 0) await new Promise((resolve) => setImmediate(resolve));
  metadata.push(...started);
  await queue.close();
  await sending;
  assert.deepEqual(metadata, ['e1']);
});

test('a session that ended under an upload (401) is not a refusal: it waits for the next one', async () => {
  const { classifyError } = await import('../src/lib/uploads/errors.js');
  const ended = {
    getStatus: () => 401,
    getHeader: () => null,
    getBody: () => '{"code": "not_signed_in", "title": "Vous n\'êtes pas connecté."}',
  };
  assert.equal(classifyError({ originalResponse: ended }).retry, true);
});
