/* The device's own copy of captured media, in the IndexedDB database `preuves-media`:
 *   blobs    recordId -> { recordId, blob, mediaType, size, sha256 }   the bytes themselves
 *   uploads  recordId -> { recordId, dossierId, filename, mediaType, size, uploadUrl, offset,
 *                          state, updatedAt }                          where the sending stands
 * Both are keyed by the evidence record's id: that id never changes, whereas a file's
 * fingerprint does on iOS (a photo picked twice is two different Files). A blob stays here until
 * the server has confirmed its SHA-256. */

export const MEDIA_DB_NAME = 'preuves-media';
const BLOBS = 'blobs';
const UPLOADS = 'uploads';

// Each step runs once, in order, from the version a device has; steps only ever add, so a tablet
// that skipped releases keeps every capture it still has to send (tests/browser/test_pwa_upgrades).
const UPGRADES = [
  (db) => {
    db.createObjectStore(BLOBS, { keyPath: 'recordId' });
    db.createObjectStore(UPLOADS, { keyPath: 'recordId' });
  },
  // 2: who captured it, so that a shared tablet sends each capture in its author's session.
  (_db, transaction) => transaction.objectStore(UPLOADS).createIndex('personId', 'personId'),
];
export const MEDIA_DB_VERSION = UPGRADES.length;

function promised(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function completed(transaction) {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error ?? new Error('transaction aborted'));
  });
}

/** Open (or create, or upgrade) the database; resolves to a MediaDb. */
export async function openMediaDb(idb = globalThis.indexedDB, version = MEDIA_DB_VERSION) {
  const request = idb.open(MEDIA_DB_NAME, version);
  request.onupgradeneeded = (event) => {
    for (const step of UPGRADES.slice(event.oldVersion, version)) {
      step(request.result, request.transaction);
    }
  };
  const db = await promised(request);
  // Another tab upgrading, or a revoked tablet erasing everything: let go at once.
  db.onversionchange = () => db.close();
  return new MediaDb(db);
}

export class MediaDb {
  #db;

  constructor(db) {
    this.#db = db;
  }

  async #run(storeName, mode, work) {
    const transaction = this.#db.transaction(storeName, mode);
    const done = completed(transaction);
    const result = await promised(work(transaction.objectStore(storeName)));
    await done;
    return result;
  }

  putBlob(entry) {
    return this.#run(BLOBS, 'readwrite', (store) => store.put(entry));
  }

  async getBlob(recordId) {
    return (await this.#run(BLOBS, 'readonly', (store) => store.get(recordId))) ?? null;
  }

  deleteBlob(recordId) {
    return this.#run(BLOBS, 'readwrite', (store) => store.delete(recordId));
  }

  async getUpload(recordId) {
    return (await this.#run(UPLOADS, 'readonly', (store) => store.get(recordId))) ?? null;
  }

  /** Merge changes into an upload's entry (created if absent); resolves to the new entry. */
  async updateUpload(recordId, changes) {
    // One transaction for the read and the write: two tabs cannot lose each other's change.
    const transaction = this.#db.transaction(UPLOADS, 'readwrite');
    const done = completed(transaction);
    const store = transaction.objectStore(UPLOADS);
    const current = (await promised(store.get(recordId))) ?? { recordId };
    const next = { ...current, ...changes, recordId, updatedAt: new Date().toISOString() };
    store.put(next);
    await done;
    return next;
  }

  deleteUpload(recordId) {
    return this.#run(UPLOADS, 'readwrite', (store) => store.delete(recordId));
  }

  allUploads() {
    return this.#run(UPLOADS, 'readonly', (store) => store.getAll());
  }

  close() {
    this.#db.close();
  }
}
