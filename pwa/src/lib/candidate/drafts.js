/* The candidate's unfinished self-positioning, kept on the device at every answer, so that a
 * reload, a killed browser or a flat battery resumes at the same statement. One draft per person
 * and dossier, in its own database (preuves-candidate: erased with the others when a tablet is
 * revoked). The database is opened for each call and closed at once: an open connection would
 * block an erasure or another tab's upgrade. */

export const DRAFTS_DB = { name: 'preuves-candidate', store: 'drafts', version: 1 };

function promised(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function open(idb) {
  const request = idb.open(DRAFTS_DB.name, DRAFTS_DB.version);
  request.onupgradeneeded = () => {
    const db = request.result;
    if (!db.objectStoreNames.contains(DRAFTS_DB.store)) db.createObjectStore(DRAFTS_DB.store);
  };
  return promised(request);
}

async function withStore(idb, mode, action) {
  const db = await open(idb);
  try {
    const transaction = db.transaction(DRAFTS_DB.store, mode);
    const done = new Promise((resolve, reject) => {
      transaction.oncomplete = resolve;
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
    const result = await promised(action(transaction.objectStore(DRAFTS_DB.store)));
    await done;
    return result;
  } finally {
    db.close();
  }
}

const keyOf = (personId, dossierId) => `${personId}/${dossierId}`;

/** Drafts of one person: get, keep and drop the draft of a dossier. */
export function draftStore(personId, idb = globalThis.indexedDB) {
  return {
    get: (dossierId) => withStore(idb, 'readonly', (store) => store.get(keyOf(personId, dossierId))),
    keep: (draft) => withStore(idb, 'readwrite', (store) => store.put(draft, keyOf(personId, draft.dossierId))),
    drop: (dossierId) => withStore(idb, 'readwrite', (store) => store.delete(keyOf(personId, dossierId))),
  };
}
