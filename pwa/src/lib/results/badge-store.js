/* The candidate's badges kept on the device, so that they show (and their QR code opens) with no
 * network: one entry per person and dossier, the server's list as it last came
 * (GET /api/v1/dossiers/<id>/badges). Its own database, `preuves-badges`: a revoked tablet erases
 * every preuves-* database (lib/local-data.js). Opened per call and closed at once, so that an
 * erasure or another tab is never blocked. */

export const BADGES_DB = { name: 'preuves-badges', store: 'badges', version: 1 };

function promised(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function open(idb) {
  const request = idb.open(BADGES_DB.name, BADGES_DB.version);
  request.onupgradeneeded = () => {
    const db = request.result;
    if (!db.objectStoreNames.contains(BADGES_DB.store)) db.createObjectStore(BADGES_DB.store);
  };
  return promised(request);
}

async function withStore(idb, mode, action) {
  const db = await open(idb);
  try {
    const transaction = db.transaction(BADGES_DB.store, mode);
    const done = new Promise((resolve, reject) => {
      transaction.oncomplete = resolve;
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
    const result = await promised(action(transaction.objectStore(BADGES_DB.store)));
    await done;
    return result;
  } finally {
    db.close();
  }
}

const keyOf = (personId, dossierId) => `${personId}/${dossierId}`;

/** What the device keeps of a badge: what the screens show, not the whole credential. */
export function keptBadge(badge) {
  const { id, competency_id, achievement_name, issuer_name, issued_at, verify_url, qr_svg } = badge;
  return { id, competency_id, achievement_name, issuer_name, issued_at, verify_url, qr_svg };
}

/** One person's badges on this device: `get(dossierId)` -> {badges, fetched_at} or null, `keep`. */
export function badgeStore(personId, idb = globalThis.indexedDB) {
  return {
    get: (dossierId) => withStore(idb, 'readonly', (store) => store.get(keyOf(personId, dossierId))),
    keep: (dossierId, badges, fetchedAt = new Date().toISOString()) => withStore(idb, 'readwrite',
      (store) => store.put({ dossierId, badges: badges.map(keptBadge), fetched_at: fetchedAt }, keyOf(personId, dossierId))),
  };
}

/**
 * The badges of a dossier: the server's when it answers (then kept), else the device's copy.
 * Resolves with {badges, fromDevice}; `fromDevice` says the list may be older than the server's.
 */
export async function loadBadges(api, store, dossierId) {
  try {
    const { badges } = await api.get(`/dossiers/${encodeURIComponent(dossierId)}/badges`);
    await store.keep(dossierId, badges);
    return { badges: badges.map(keptBadge), fromDevice: false };
  } catch (error) {
    const kept = await store.get(dossierId).catch(() => null);
    return { badges: kept?.badges ?? [], fromDevice: true, error };
  }
}
