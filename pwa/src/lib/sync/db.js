/* The device's sync database: IndexedDB `preuves-sync`, and small promise helpers over it.
 *
 * Stores:
 * - records:   {type, id, dossier_id, record, seen}; key [type, id]; indexes `type`, `dossier_id`.
 * - outbox:    one entry per mutation the server has not answered yet; key `mutation_id`; indexes
 *              `order` (queue order), `target` ([type, id]: "is this record still pending?") and
 *              `state` ('queued' | 'sending' | 'rejected').
 * - meta:      the pull cursor, the last sync time, a resync in progress (out-of-line keys).
 * - conflicts: the server's answers of kind "conflict", for screens to show; key `conflict_id`.
 *
 * Upgrades only ever add: each step of UPGRADES runs once, in order, from the version a device
 * has, so a tablet that skipped releases never loses a record it still has to send. */

export const DB_NAME = 'preuves-sync';

const UPGRADES = [
  (db) => {
    const records = db.createObjectStore('records', { keyPath: ['type', 'id'] });
    records.createIndex('type', 'type');
    records.createIndex('dossier_id', 'dossier_id');
    const outbox = db.createObjectStore('outbox', { keyPath: 'mutation_id' });
    outbox.createIndex('order', 'order', { unique: true });
    outbox.createIndex('target', ['type', 'id']);
    outbox.createIndex('state', 'state');
    db.createObjectStore('meta');
    db.createObjectStore('conflicts', { keyPath: 'conflict_id' });
  },
  // 2: the outbox by author, for the sync status of the person signed in on a shared tablet.
  (_db, tx) => tx.objectStore('outbox').createIndex('person_id', 'person_id'),
];

export const DB_VERSION = UPGRADES.length;

/** The result of one IDBRequest, as a promise. */
export function done(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Walk a cursor request and keep up to `limit` values that pass `keep`. */
export async function collect(cursorRequest, limit = Infinity, keep = () => true) {
  const values = [];
  let cursor = await done(cursorRequest);
  while (cursor && values.length < limit) {
    if (keep(cursor.value)) values.push(cursor.value);
    cursor.continue();
    cursor = await done(cursorRequest);
  }
  return values;
}

/** Open (and create or upgrade) the database; `version` is for the upgrade tests only. */
export function openSyncDb(indexedDB = globalThis.indexedDB, version = DB_VERSION) {
  const request = indexedDB.open(DB_NAME, version);
  request.onupgradeneeded = (event) => {
    for (const upgrade of UPGRADES.slice(event.oldVersion, version)) {
      upgrade(request.result, request.transaction);
    }
  };
  return done(request).then((db) => {
    // Another tab installing a newer version asks us to let go; the next call reopens.
    db.onversionchange = () => db.close();
    return db;
  });
}

/**
 * Run `work(tx)` in one transaction and resolve with its value once the transaction committed.
 * `work` may await IDB requests (through `done`) but nothing else: a fetch or a timer would let
 * the transaction commit half-way. `durability: 'strict'` waits for the disk: for what the user
 * did; the rest (flags, answers the server would give again) may be lost in a crash harmlessly.
 */
export async function transact(db, storeNames, mode, work, durability = 'relaxed') {
  const tx = db.transaction(storeNames, mode, { durability });
  const committed = new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onabort = () => reject(tx.error ?? new DOMException('transaction aborted', 'AbortError'));
    tx.onerror = () => reject(tx.error);
  });
  let value;
  try {
    value = await work(tx);
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished: the error below is the one to report.
    }
    committed.catch(() => {});
    throw error;
  }
  await committed;
  return value;
}
