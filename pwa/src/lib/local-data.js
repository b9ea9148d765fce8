/* What a tablet holds locally, counted and erased. A revoked tablet must not keep anyone's
 * dossier, but what it still had queued is counted first and reported, so that the support worker
 * knows what never reached the server: nothing is lost silently. */

// The databases other features keep their queues in. They may not exist yet on this device.
export const SYNC_DB = { name: 'preuves-sync', store: 'outbox' };
export const MEDIA_DB = { name: 'preuves-media', store: 'uploads' };

// How long to wait for another tab to let go of a database before reporting it as not erased.
const BLOCKED_WAIT_MS = 5000;

function promised(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

// Every database of ours is named preuves-<something>; these are the ones the app itself opens, for
// a browser that cannot list its databases (indexedDB.databases() is recent in some engines).
export const KNOWN_DATABASES = ['preuves-sync', 'preuves-media'];

async function databaseNames(idb) {
  if (typeof idb.databases !== 'function') return KNOWN_DATABASES;
  return (await idb.databases()).map((info) => info.name).filter(Boolean);
}

/** Every entry of one store, or [] when the database or the store does not exist. */
export async function readStore(idb, { name, store }, names) {
  // Opening a database that does not exist would create it: look first.
  if (!names.includes(name)) return [];
  const db = await promised(idb.open(name));
  try {
    if (!db.objectStoreNames.contains(store)) return [];
    return await promised(db.transaction(store, 'readonly').objectStore(store).getAll());
  } finally {
    db.close();
  }
}

/** The kind of a queued mutation, whichever field the outbox names it with. */
export function kindOf(entry) {
  return String(entry?.type ?? entry?.record_type ?? entry?.kind ?? entry?.record?.type ?? 'unknown');
}

/** Count what is queued: { records, media, by_kind: { evidence: 2, ... } }. */
export function countPending(outbox, uploads) {
  const byKind = {};
  for (const entry of outbox) byKind[kindOf(entry)] = (byKind[kindOf(entry)] ?? 0) + 1;
  return { records: outbox.length, media: uploads.length, by_kind: byKind };
}

/** What is still waiting on this device to be sent. */
export async function pendingCounts(idb = globalThis.indexedDB) {
  const names = await databaseNames(idb);
  const [outbox, uploads] = await Promise.all([
    readStore(idb, SYNC_DB, names),
    readStore(idb, MEDIA_DB, names),
  ]);
  return countPending(outbox, uploads);
}

function deleteDatabase(idb, name) {
  return new Promise((resolve) => {
    const request = idb.deleteDatabase(name);
    const timer = setTimeout(() => resolve({ name, erased: false }), BLOCKED_WAIT_MS);
    const done = (erased) => () => {
      clearTimeout(timer);
      resolve({ name, erased });
    };
    request.onsuccess = done(true);
    request.onerror = done(false);
  });
}

/** Cache Storage entries to drop: all but the app shell and its pictograms, no one's data. */
export function cachesToErase(names) {
  return names.filter((name) => !name.includes('-precache-') && !name.startsWith('preuves-pictograms-'));
}

function eraseCookies(doc) {
  // Only cookies scripts can see; the server clears its HttpOnly ones itself.
  for (const cookie of doc.cookie.split(';')) {
    const name = cookie.split('=')[0].trim();
    if (name) doc.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  }
}

/**
 * Erase every local trace of people's data: every IndexedDB database (ours are all preuves-*; any
 * other found on this origin goes too, it can only hold someone's data), localStorage,
 * sessionStorage, readable cookies and Cache Storage except the app shell. Returns what was done.
 */
export async function eraseLocalData(env = globalThis) {
  const names = await databaseNames(env.indexedDB);
  const databases = await Promise.all(names.map((name) => deleteDatabase(env.indexedDB, name)));
  env.localStorage?.clear();
  env.sessionStorage?.clear();
  if (env.document) eraseCookies(env.document);
  const cacheNames = env.caches ? cachesToErase(await env.caches.keys()) : [];
  await Promise.all(cacheNames.map((name) => env.caches.delete(name)));
  return { databases, caches: cacheNames };
}
