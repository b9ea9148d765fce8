/* Older releases kept one sync database, `preuves-sync`, for everyone on the device. Its outbox
 * may still hold changes nobody sent: when a person's database opens, the entries that are theirs
 * (or untagged: those went in anyone's session) move into it with their local copies; the old
 * database goes once nothing is left in its outbox. Its pulled records are not moved: the
 * person's own pull brings back what they may read. */

import { DB_NAME, done } from './db.js';
import { createStore } from './store.js';

/** The old database, or null when this device has none (looking must not create it). */
async function openLegacy(indexedDB) {
  if (typeof indexedDB.databases === 'function') {
    const names = (await indexedDB.databases()).map((info) => info.name);
    if (!names.includes(DB_NAME)) return null;
  }
  return new Promise((resolve) => {
    const request = indexedDB.open(DB_NAME);
    // No version asked: an upgrade means it did not exist; aborting leaves nothing behind.
    request.onupgradeneeded = () => request.transaction.abort();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => resolve(null);
  });
}

async function takeOutbox(legacy, personId) {
  if (!legacy.objectStoreNames.contains('outbox')) return { mine: [], left: 0 };
  const all = await done(legacy.transaction('outbox').objectStore('outbox').getAll());
  const mine = all.filter((entry) => (entry.person_id ?? null) === null
    || entry.person_id === personId);
  return { mine, left: all.length - mine.length };
}

async function removeEntries(legacy, entries) {
  const tx = legacy.transaction('outbox', 'readwrite', { durability: 'strict' });
  for (const entry of entries) tx.objectStore('outbox').delete(entry.mutation_id);
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/**
 * Move `personId`'s entries of the old shared outbox into `db` (their open database): added
 * there first, then removed from the old one, so a crash in between only moves them again (the
 * store skips those already there). Resolves with how many moved.
 */
export async function adoptLegacyOutbox(db, personId, indexedDB = globalThis.indexedDB) {
  if (!personId || !indexedDB) return 0;
  const legacy = await openLegacy(indexedDB);
  if (!legacy) return 0;
  let moved;
  try {
    const { mine, left } = await takeOutbox(legacy, personId);
    if (mine.length) {
      await createStore(db).adopt(mine);
      await removeEntries(legacy, mine);
    }
    moved = { count: mine.length, left };
  } finally {
    legacy.close();
  }
  // Not awaited: a tab of an older release holding it open delays the deletion, nothing else.
  if (moved.left === 0) indexedDB.deleteDatabase(DB_NAME);
  return moved.count;
}
