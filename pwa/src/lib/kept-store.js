/* A small IndexedDB database of one object store, keyed per person and dossier: what a screen
 * keeps on the device between sessions (the candidate's positioning draft, the badges last
 * fetched). The database is opened for each call and closed at once: an open connection would
 * block an erasure (a revoked tablet erases every preuves-* database) or another tab's upgrade.
 *
 *   const kept = keptStore({ name: 'preuves-badges', store: 'badges', version: 1 }, personId);
 *   await kept.put(dossierId, value); await kept.get(dossierId); await kept.drop(dossierId); */

function promised(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function open(idb, { name, store, version }) {
  const request = idb.open(name, version);
  request.onupgradeneeded = () => {
    const db = request.result;
    if (!db.objectStoreNames.contains(store)) db.createObjectStore(store);
  };
  return promised(request);
}

async function withStore(idb, database, mode, action) {
  const db = await open(idb, database);
  try {
    const transaction = db.transaction(database.store, mode);
    const done = new Promise((resolve, reject) => {
      transaction.oncomplete = resolve;
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
    const result = await promised(action(transaction.objectStore(database.store)));
    await done;
    return result;
  } finally {
    db.close();
  }
}

/** One person's entries of `database` ({name, store, version}), one per dossier. */
export function keptStore(database, personId, idb = globalThis.indexedDB) {
  const keyOf = (dossierId) => `${personId}/${dossierId}`;
  return {
    get: (dossierId) => withStore(idb, database, 'readonly', (store) => store.get(keyOf(dossierId))),
    put: (dossierId, value) => withStore(idb, database, 'readwrite', (store) => store.put(value, keyOf(dossierId))),
    drop: (dossierId) => withStore(idb, database, 'readwrite', (store) => store.delete(keyOf(dossierId))),
  };
}
