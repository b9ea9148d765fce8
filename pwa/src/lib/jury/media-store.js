/* The offline copy a jury member keeps of a session: IndexedDB `preuves-jury-<personId>`, one
 * database per person, so that nothing of one member's copy is read in another's session.
 *
 * Stores:
 * - media:     {session_id, sha256, dossier_ids, evidence_id, use, media_type, bytes, blob, saved_at};
 *              key [session_id, sha256]; index `session_id`. The key is the manifest's sha256
 *              (the original's), even when the bytes are a derivative's.
 * - manifests: {session_id, manifest, saved_at, complete}; key `session_id`.
 *
 * The logic sits over a small "tables" interface (get, put, delete, all, byIndex) so node tests
 * run it over Maps; the IndexedDB side is exercised in Chromium (tests/browser/test_jury_offline.py).
 * The records themselves (dossiers, evidence...) stay in the sync database. */

import { done, transact } from '../sync/db.js';

export const dbName = (personId) => `preuves-jury-${personId}`;

const UPGRADES = [
  (db) => {
    const media = db.createObjectStore('media', { keyPath: ['session_id', 'sha256'] });
    media.createIndex('session_id', 'session_id');
    db.createObjectStore('manifests', { keyPath: 'session_id' });
  },
];

/** The tables interface over an open IndexedDB database. */
export function idbTables(db) {
  const run = (store, mode, work) => transact(db, [store], mode, (tx) => work(tx.objectStore(store)));
  return {
    get: (store, key) => run(store, 'readonly', (s) => done(s.get(key))),
    all: (store) => run(store, 'readonly', (s) => done(s.getAll())),
    byIndex: (store, index, value) => run(store, 'readonly', (s) => done(s.index(index).getAll(value))),
    // Relaxed: a medium lost in a crash is simply fetched again by the next download (resumable).
    put: (store, value) => run(store, 'readwrite', (s) => done(s.put(value))),
    delete: (store, key) => run(store, 'readwrite', (s) => done(s.delete(key))),
    close: () => db.close(),
  };
}

/** The tables interface over Maps (node tests; a browser with no IndexedDB). */
export function memoryTables() {
  const stores = { media: new Map(), manifests: new Map() };
  const keyOf = (store, value) =>
    store === 'media' ? JSON.stringify([value.session_id, value.sha256]) : value.session_id;
  const k = (key) => (Array.isArray(key) ? JSON.stringify(key) : key);
  return {
    stores,
    get: async (store, key) => stores[store].get(k(key)),
    all: async (store) => [...stores[store].values()],
    byIndex: async (store, index, value) => [...stores[store].values()].filter((v) => v[index] === value),
    put: async (store, value) => void stores[store].set(keyOf(store, value), value),
    delete: async (store, key) => void stores[store].delete(k(key)),
    close: () => {},
  };
}

/** The media store's operations over a tables interface. */
export function createMediaStore(tables, { now = () => new Date() } = {}) {
  const stamp = () => now().toISOString();
  const store = {
    /** {session_id, manifest, saved_at, complete} or undefined. */
    entry: (sessionId) => tables.get('manifests', sessionId),
    /** Every session this device holds a copy (or part of one) of. */
    entries: () => tables.all('manifests'),

    /** Keep the manifest; a new one leaves the media already stored in place (resuming). */
    async saveManifest(sessionId, manifest) {
      const before = await tables.get('manifests', sessionId);
      await tables.put('manifests', {
        session_id: sessionId, manifest, saved_at: stamp(), complete: before?.complete ?? false,
      });
    },
    async markComplete(sessionId, complete) {
      const entry = await tables.get('manifests', sessionId);
      if (entry) await tables.put('manifests', { ...entry, complete });
    },

    /** The session's stored media, without reading their bytes. */
    media: (sessionId) => tables.byIndex('media', 'session_id', sessionId),
    async has(sessionId, sha256) {
      return Boolean(await tables.get('media', [sessionId, sha256]));
    },
    async putBlob({ sessionId, sha256, blob, dossierIds = [], evidenceId = null, use = null, mediaType = null }) {
      await tables.put('media', {
        session_id: sessionId, sha256, dossier_ids: [...dossierIds], evidence_id: evidenceId, use,
        media_type: mediaType ?? blob.type ?? null, bytes: blob.size, blob, saved_at: stamp(),
      });
    },
    /** The stored bytes of a medium of this session, or null. */
    async blob(sessionId, sha256) {
      return (await tables.get('media', [sessionId, sha256]))?.blob ?? null;
    },
    /** Bytes stored for a session (and for one dossier of it). */
    async storedBytes(sessionId, dossierId = null) {
      const media = await store.media(sessionId);
      return media
        .filter((m) => dossierId === null || m.dossier_ids.includes(dossierId))
        .reduce((sum, m) => sum + (m.bytes ?? 0), 0);
    },

    /** Erase a session's whole copy: its media, then its manifest. */
    async eraseSession(sessionId) {
      for (const medium of await store.media(sessionId)) {
        await tables.delete('media', [sessionId, medium.sha256]);
      }
      await tables.delete('manifests', sessionId);
    },

    /** Erase one dossier of a session: its media (a medium shared with another dossier stays). */
    async eraseDossier(sessionId, dossierId) {
      for (const medium of await store.media(sessionId)) {
        if (!medium.dossier_ids.includes(dossierId)) continue;
        const others = medium.dossier_ids.filter((id) => id !== dossierId);
        if (others.length) await tables.put('media', { ...medium, dossier_ids: others });
        else await tables.delete('media', [sessionId, medium.sha256]);
      }
      const entry = await tables.get('manifests', sessionId);
      if (!entry) return;
      const dossiers = (entry.manifest?.dossiers ?? []).filter((d) => d.dossier_id !== dossierId);
      if (!dossiers.length) await tables.delete('manifests', sessionId);
      else await tables.put('manifests', { ...entry, manifest: { ...entry.manifest, dossiers } });
    },

    close: () => tables.close(),
  };
  return store;
}

// personId -> Promise of the store: one connection per person for every screen of the page.
const opened = new Map();

/** Open (once per page) the media store of one person. */
export function openMediaStore(personId, indexedDB = globalThis.indexedDB) {
  if (!opened.has(personId)) {
    const request = indexedDB.open(dbName(personId), UPGRADES.length);
    request.onupgradeneeded = (event) => {
      for (const upgrade of UPGRADES.slice(event.oldVersion)) upgrade(request.result);
    };
    const promise = done(request).then((db) => {
      // An erasure of the device's data (revoked tablet) or a newer tab: let go, reopen later.
      db.onversionchange = () => {
        db.close();
        if (opened.get(personId) === promise) opened.delete(personId);
      };
      return createMediaStore(idbTables(db));
    });
    promise.catch(() => opened.delete(personId));
    opened.set(personId, promise);
  }
  return opened.get(personId);
}
