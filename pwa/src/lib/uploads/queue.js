/* The upload queue: sends captured media with tus, resumes after a reload, and tells the screens.
 *
 * Events (an EventTarget; each `detail` as below):
 *   queued    { recordId }                    a capture is kept on the device, to send
 *   progress  { recordId, bytesSent, bytesTotal }
 *   done      { recordId, sha256 }            the server confirmed the hash; the blob is gone
 *   error     { recordId, code, message }     message in the user's language (French first)
 *
 * The parts are injected (store, tus Upload class, translator) so that Node's tests can run the
 * queue without a browser; `index.js` wires the browser's own. */

import { checkReceipt, localHash, serverReceipt } from './confirm.js';
import { classifyError, messageFor } from './errors.js';
import { RecordUrlStorage, fingerprintFor } from './url-storage.js';

/** The app's translator; if the locale files cannot be had (offline, not yet precached), the
 * message keys themselves, so that an error is still reported rather than lost. */
export async function defaultTranslator() {
  try {
    const { loadTranslator } = await import('../i18n.js');
    return (await loadTranslator()).t;
  } catch {
    return (key) => key;
  }
}

export const CHUNK_SIZE = 8 * 1024 * 1024;
const RETRY_DELAYS = [0, 1000, 3000, 5000, 10000];
// States of an entry in the `uploads` store. `refused` is final: the server will never take it.
const RESUMABLE = new Set(['waiting', 'sending', 'paused']);

export class UploadQueue extends EventTarget {
  #store;
  #Upload;
  #options;
  #running = new Map(); // recordId -> { upload, promise, settle }
  #closed = false;

  /**
   * `personId`: the person signed in. On a shared tablet each capture is sent in its author's
   * session only (the server would refuse another person's dossier for good), so entries are
   * tagged with it and resumeAll() leaves the others' for their own next session.
   */
  constructor({ store, Upload, t, endpoint = '/api/v1/uploads', chunkSize = CHUNK_SIZE,
    hashLimit, subtle, retryDelays = RETRY_DELAYS, requestHeaders = async () => ({}),
    personId = null }) {
    super();
    this.#store = store;
    this.#Upload = Upload;
    this.#options = {
      t, endpoint, chunkSize, hashLimit, subtle, retryDelays, requestHeaders, personId,
    };
  }

  /** Keep a capture on the device and start sending it. Resolves when it is settled. */
  async add(recordId, blob, { dossierId, filename = '', mediaType = blob.type } = {}) {
    const { hashLimit: limit, subtle, personId } = this.#options;
    const sha256 = await localHash(blob, { limit, subtle });
    await this.#store.putBlob({ recordId, blob, mediaType, size: blob.size, sha256 });
    await this.#store.updateUpload(recordId, {
      dossierId, filename, mediaType, size: blob.size, offset: 0, state: 'waiting', uploadUrl: null,
      personId, sha256,
    });
    this.#emit('queued', { recordId });
    return this.start(recordId);
  }

  /** The captured file while the device still holds it (not yet confirmed), else null. */
  async localBlob(recordId) {
    if (this.#closed) return null;
    return (await this.#store.getBlob(recordId))?.blob ?? null;
  }

  /** Every entry still on the device: [{recordId, mediaType, size, state, offset, personId}]. */
  entries() {
    return this.#closed ? Promise.resolve([]) : this.#store.allUploads();
  }

  /** Is this entry for the person of this queue (entries from before the tag: for anyone)? */
  #mine(entry) {
    const { personId } = this.#options;
    return personId === null || (entry.personId ?? null) === null || entry.personId === personId;
  }

  /** Send (or go on sending) one record's media; the same promise while it runs. */
  start(recordId) {
    if (this.#closed) return Promise.resolve({ recordId, paused: true });
    const running = this.#running.get(recordId);
    if (running) return running.promise;
    const entry = { upload: null, settle: null };
    entry.promise = this.#send(recordId, entry).finally(() => this.#running.delete(recordId));
    this.#running.set(recordId, entry);
    return entry.promise;
  }

  /** Send, one after the other, everything that waits (on start, `online`, a visible page). */
  async resumeAll() {
    const results = [];
    if (this.#closed) return results;
    for (const entry of await this.#store.allUploads()) {
      if (this.#closed) break;
      if (RESUMABLE.has(entry.state) && this.#mine(entry)) {
        results.push(await this.start(entry.recordId));
      }
    }
    return results;
  }

  /**
   * The person leaves (sign-out, candidate switch, revocation, update): pause what is being sent
   * (tus keeps the offset on the server; the entry stays `paused`, resumed in this person's next
   * session) and close the database, which would otherwise block its erasure or an upgrade.
   */
  async close() {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([...this.#running.keys()].map((recordId) => this.pause(recordId)));
    this.#store.close?.();
  }

  /** Stop sending without forgetting anything; start() or resumeAll() goes on from the offset. */
  async pause(recordId) {
    const running = this.#running.get(recordId);
    if (!running) return;
    running.paused = true;
    if (running.upload) await running.upload.abort(false).catch(() => {});
    await this.#store.updateUpload(recordId, { state: 'paused' });
    running.settle?.({ recordId, paused: true });
  }

  /** What the device still holds for a record: { state, offset, size } or null. */
  status(recordId) {
    return this.#store.getUpload(recordId);
  }

  async #send(recordId, running) {
    const [entry, saved] = await Promise.all([
      this.#store.getUpload(recordId),
      this.#store.getBlob(recordId),
    ]);
    if (!entry) return { recordId, missing: true };
    if (!saved) return this.#fail(recordId, { code: 'blob_missing', title: '', retry: false });
    if (running.paused) return { recordId, paused: true };
    await this.#store.updateUpload(recordId, { state: 'sending' });
    const outcome = new Promise((resolve) => {
      running.settle = resolve;
    });
    const upload = new this.#Upload(saved.blob, this.#tusOptions(recordId, entry, saved, running));
    running.upload = upload;
    const previous = await upload.findPreviousUploads();
    if (previous.length > 0) upload.resumeFromPreviousUpload(previous[0]);
    // Closed while looking for the previous upload: nothing was sent; the entry stays paused.
    if (running.paused) return { recordId, paused: true };
    upload.start();
    return outcome;
  }

  #tusOptions(recordId, entry, saved, running) {
    const { endpoint, chunkSize, retryDelays, requestHeaders } = this.#options;
    return {
      endpoint,
      chunkSize,
      retryDelays,
      metadata: {
        dossier_id: entry.dossierId ?? '',
        // The key of a record's second medium is `<recordId>/<field>`: the server takes the id.
        record_id: recordId.split('/')[0],
        filename: entry.filename ?? '',
        filetype: saved.mediaType ?? '',
        // When the browser could hash the file, the server checks it too (and refuses a mismatch).
        ...(saved.sha256 ? { sha256: saved.sha256 } : {}),
      },
      fingerprint: async () => fingerprintFor(recordId),
      urlStorage: new RecordUrlStorage(this.#store),
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: false,
      onBeforeRequest: async (request) => {
        for (const [name, value] of Object.entries(await requestHeaders())) request.setHeader(name, value);
      },
      onProgress: (bytesSent, bytesTotal) => this.#emit('progress', { recordId, bytesSent, bytesTotal }),
      onChunkComplete: (_size, offset) => {
        // Only for the screens (how much is already there); tus asks the server on resume.
        this.#store.updateUpload(recordId, { offset }).catch(() => {});
      },
      onSuccess: ({ lastResponse }) => running.settle(this.#confirm(recordId, saved, lastResponse)),
      onError: (error) => running.settle(this.#fail(recordId, classifyError(error))),
    };
  }

  async #confirm(recordId, saved, response) {
    const verdict = checkReceipt(saved, serverReceipt(response));
    if (!verdict.ok) {
      // Start again from nothing next time: the bytes the server holds are not ours.
      await this.#store.updateUpload(recordId, { uploadUrl: null, offset: 0 });
      return this.#fail(recordId, { code: verdict.code, title: '', retry: true });
    }
    await this.#store.deleteBlob(recordId);
    await this.#store.deleteUpload(recordId);
    this.#emit('done', { recordId, sha256: verdict.sha256 });
    return { recordId, sha256: verdict.sha256 };
  }

  async #fail(recordId, reason) {
    await this.#store.updateUpload(recordId, { state: reason.retry ? 'waiting' : 'refused', error: reason.code });
    const message = messageFor(reason, await this.#translator());
    this.#emit('error', { recordId, code: reason.code, message });
    return { recordId, error: reason.code, message };
  }

  async #translator() {
    if (!this.#options.t) this.#options.t = await defaultTranslator();
    return this.#options.t;
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
