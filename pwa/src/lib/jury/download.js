/* Downloading a jury session for reading with no network: the records come by the ordinary sync
 * pull; the media come here, from the session's manifest (GET /jury-sessions/<id>/offline,
 * docs/jury.md), into the member's media store (media-store.js).
 *
 *   await downloadSession({ api, personId, sessionId, sync, onProgress: (p) => bar.value = p.bytesDone });
 *
 * Resumable: what is stored stays, a new press (or a reload) fetches only what is missing. A file
 * that fails is tried again a few times; one that still fails leaves the copy "partial" (the
 * screen offers the button again). Progress is in bytes, counted as they arrive. */

import { sha256Hex } from '../sha256.js';
import { openMediaStore } from './media-store.js';

export const CONCURRENCY = 4;
export const ATTEMPTS = 3;

/** The manifest's address. */
export const manifestPath = (sessionId) => `/jury-sessions/${encodeURIComponent(sessionId)}/offline`;

/**
 * Is this url the original bytes (`/api/v1/media/<sha256>`), whose hash can be checked? A
 * derivative (`/web`, `/display`...) has other bytes, hence another hash.
 */
export function isOriginalUrl(url, sha256) {
  const path = new URL(url, 'http://device.invalid').pathname;
  return path.endsWith(`/media/${sha256}`);
}

/** The session's media, once each (a medium two dossiers share is fetched once), with its dossiers. */
export function mediaOf(manifest) {
  const bySha = new Map();
  for (const dossier of manifest?.dossiers ?? []) {
    for (const medium of dossier.media ?? []) {
      const known = bySha.get(medium.sha256);
      if (known) {
        if (!known.dossierIds.includes(dossier.dossier_id)) known.dossierIds.push(dossier.dossier_id);
      } else {
        bySha.set(medium.sha256, { ...medium, dossierIds: [dossier.dossier_id] });
      }
    }
  }
  return [...bySha.values()];
}

/** What the device will hold: each medium once (the manifest's totals count a shared one twice). */
export const manifestBytes = (manifest) => mediaOf(manifest).reduce((sum, m) => sum + (m.bytes ?? 0), 0);

class FetchFailed extends Error {
  constructor(message, { retry = true, status = 0 } = {}) {
    super(message);
    this.retry = retry;
    this.status = status;
  }
}

// 4xx but a timeout or a throttle: asking again will not help (gone, or access withdrawn).
const worthRetrying = (status) => status >= 500 || status === 408 || status === 429;

// Reading a body chunk by chunk in JavaScript halves the speed (bench/jury.py: 138 against
// 280 MB/s): a file under this size is taken whole, and the bar moves once per file (a few
// megabytes of a gigabyte); a longer one, a long video, streams so that its bar moves.
export const STREAM_ABOVE_BYTES = 32 * 1024 * 1024;

/** Fetch one medium, calling `onBytes(n)` as bytes arrive; resolves the Blob. */
async function fetchMedium(fetchImpl, medium, onBytes) {
  let response;
  try {
    response = await fetchImpl(medium.url, { credentials: 'same-origin', cache: 'no-store' });
  } catch (error) {
    throw new FetchFailed(`network: ${error}`);
  }
  if (!response.ok) {
    throw new FetchFailed(`HTTP ${response.status}`, { retry: worthRetrying(response.status), status: response.status });
  }
  const type = medium.media_type ?? response.headers?.get?.('Content-Type') ?? '';
  if (!response.body?.getReader || (medium.bytes ?? Infinity) <= STREAM_ABOVE_BYTES) {
    const blob = await response.blob();
    onBytes(blob.size);
    return new Blob([blob], { type });
  }
  const reader = response.body.getReader();
  const chunks = [];
  for (;;) {
    let part;
    try {
      part = await reader.read();
    } catch (error) {
      throw new FetchFailed(`cut: ${error}`);
    }
    if (part.done) break;
    chunks.push(part.value);
    onBytes(part.value.byteLength);
  }
  return new Blob(chunks, { type });
}

/** Fetch, check where possible, and keep one medium; tried up to `attempts` times. */
async function saveMedium({ store, sessionId, medium, fetchImpl, attempts, counter }) {
  let lastError = null;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    let received = 0;
    try {
      const blob = await fetchMedium(fetchImpl, medium, (n) => {
        received += n;
        counter.add(n);
      });
      if (isOriginalUrl(medium.url, medium.sha256) && (await sha256Hex(blob)) !== medium.sha256) {
        throw new FetchFailed('the bytes do not match their SHA-256');
      }
      // Erased meanwhile (access withdrawn during the download): keep nothing back.
      if (!(await store.entry(sessionId))) return { sha256: medium.sha256, error: 'erased' };
      await store.putBlob({
        sessionId, sha256: medium.sha256, blob, dossierIds: medium.dossierIds,
        evidenceId: medium.evidence_id ?? null, use: medium.use ?? null, mediaType: medium.media_type,
      });
      // The manifest's size is the promise; the bytes received are the truth.
      counter.add((medium.bytes ?? received) - received);
      return null;
    } catch (error) {
      counter.add(-received);
      lastError = error;
      if (error.retry === false) break;
    }
  }
  return { sha256: medium.sha256, error: String(lastError?.message ?? lastError) };
}

/** Run `work(item)` over items, `limit` at a time; resolves the results in order. */
async function pool(items, limit, work) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

// sessionId -> the download under way: a second press joins it.
const running = new Map();
// sessionId -> its last progress event, for a screen drawn again while the download goes on.
const latest = new Map();

/** Every download's progress, for screens: event `progress` with the detail described below. */
export const downloads = new EventTarget();

/** The last progress of the download under way for this session, or null. */
export const progressOf = (sessionId) => (running.has(sessionId) ? (latest.get(sessionId) ?? null) : null);

/**
 * Download a session's offline copy. Resolves {complete, bytes, files, failed: [{sha256, error}]}.
 * Throws the API's problem when the manifest cannot be fetched (offline: status 0). `sync` (the
 * person's sync from ctx.local()) is drained first, so the records are on the device too.
 * Progress: {sessionId, phase: 'sync'|'manifest'|'media'|'done', bytesDone, bytesTotal,
 * filesDone, filesTotal}.
 */
export function downloadSession(options) {
  const { sessionId } = options;
  if (!running.has(sessionId)) {
    const onProgress = options.onProgress ?? (() => {});
    const tell = (progress) => {
      latest.set(sessionId, progress);
      downloads.dispatchEvent(new CustomEvent('progress', { detail: progress }));
      onProgress(progress);
    };
    const promise = download({ ...options, onProgress: tell }).finally(() => {
      running.delete(sessionId);
      latest.delete(sessionId);
    });
    running.set(sessionId, promise);
  }
  return running.get(sessionId);
}

/** Is a download of this session under way in this page? */
export const isDownloading = (sessionId) => running.has(sessionId);

async function download({
  api, personId, sessionId, sync = null, onProgress = () => {}, store = null,
  fetchImpl = (...args) => globalThis.fetch(...args), concurrency = CONCURRENCY, attempts = ATTEMPTS,
}) {
  const emit = (phase, extra = {}) => onProgress({ sessionId, phase, ...extra });
  emit('sync');
  if (sync) {
    const summary = await sync.client.syncNow();
    if (summary?.error && summary.error.status !== 0) console.warn('jury download: sync', summary.error);
  }
  emit('manifest');
  const manifest = await api.get(manifestPath(sessionId));
  const media = store ?? (await openMediaStore(personId));
  await media.saveManifest(sessionId, manifest);
  const all = mediaOf(manifest);
  const bytesTotal = manifestBytes(manifest);
  const missing = [];
  let stored = 0;
  for (const medium of all) {
    if (await media.has(sessionId, medium.sha256)) stored += medium.bytes ?? 0;
    else missing.push(medium);
  }
  let filesDone = all.length - missing.length;
  const counter = {
    bytesDone: stored,
    add(n) {
      this.bytesDone += n;
      emit('media', { bytesDone: this.bytesDone, bytesTotal, filesDone, filesTotal: all.length });
    },
  };
  counter.add(0);
  const results = await pool(missing, concurrency, async (medium) => {
    const failure = await saveMedium({ store: media, sessionId, medium, fetchImpl, attempts, counter });
    if (!failure) filesDone += 1;
    counter.add(0);
    return failure;
  });
  const failed = results.filter(Boolean);
  await media.markComplete(sessionId, failed.length === 0);
  const summary = { complete: failed.length === 0, bytes: counter.bytesDone, files: filesDone, failed };
  emit('done', { bytesDone: counter.bytesDone, bytesTotal, filesDone, filesTotal: all.length, ...summary });
  return summary;
}
