/* A capture's draft: the photo, video or voice message the candidate took and their answers so
 * far, kept in IndexedDB at every step, so that a reload, a killed tab or a flat battery loses
 * nothing and the app offers to finish it (#/capture/<id>).
 *
 * Its own small database, preuves-capture (erased with every preuves-* database when a tablet
 * is revoked). The medium itself stays in the draft until the candidate keeps it and its dossier
 * is known; it then moves to the upload queue (lib/uploads), which sends it. The database is
 * opened per call and closed at once: an open connection would block an erasure or an upgrade. */

export const CAPTURE_DB = { name: 'preuves-capture', store: 'drafts', version: 1 };

function promised(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** The IndexedDB backend: get / put / delete / all over the drafts store. */
export function indexedDbBackend(idb = globalThis.indexedDB) {
  const open = () => {
    const request = idb.open(CAPTURE_DB.name, CAPTURE_DB.version);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(CAPTURE_DB.store)) db.createObjectStore(CAPTURE_DB.store, { keyPath: 'id' });
    };
    return promised(request);
  };
  const run = async (mode, action) => {
    const db = await open();
    try {
      const transaction = db.transaction(CAPTURE_DB.store, mode);
      const done = new Promise((resolve, reject) => {
        transaction.oncomplete = resolve;
        transaction.onerror = () => reject(transaction.error);
        transaction.onabort = () => reject(transaction.error ?? new Error('transaction aborted'));
      });
      const result = await promised(action(transaction.objectStore(CAPTURE_DB.store)));
      await done;
      return result;
    } finally {
      db.close();
    }
  };
  return {
    get: (id) => run('readonly', (store) => store.get(id)),
    put: (draft) => run('readwrite', (store) => store.put(draft)),
    delete: (id) => run('readwrite', (store) => store.delete(id)),
    all: () => run('readonly', (store) => store.getAll()),
  };
}

/** The drafts of the device; `backend` is IndexedDB in the app, a Map in node's tests. */
export function draftStore(backend = indexedDbBackend()) {
  return {
    /** One draft, or null. */
    async get(id) {
      return (await backend.get(id)) ?? null;
    },
    /** Save the draft as it is now (its updated_at stamped); resolves with it. */
    async save(draft, now = new Date()) {
      const saved = { ...draft, updatedAt: now.toISOString() };
      await backend.put(saved);
      return saved;
    },
    remove: (id) => backend.delete(id),
    /** The unfinished captures of one person, the newest first. */
    async of(personId) {
      const all = (await backend.all()) ?? [];
      return all
        .filter((draft) => draft.personId === personId)
        .sort((a, b) => String(b.capturedAt).localeCompare(String(a.capturedAt)));
    },
  };
}

/** The captures a person left half-way on this tablet (for a "finish it" offer on any screen). */
export async function unfinishedCaptures(personId, store = draftStore()) {
  try {
    return await store.of(personId);
  } catch (error) {
    console.error('capture drafts unreadable', error);
    return [];
  }
}
