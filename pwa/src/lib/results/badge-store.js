/* The candidate's badges kept on the device, so that they show (and their QR code opens) with no
 * network: one entry per person and dossier, the server's list as it last came
 * (GET /api/v1/dossiers/<id>/badges). Its own database, `preuves-badges`: a revoked tablet erases
 * every preuves-* database (lib/local-data.js). Opened per call and closed at once, so that an
 * erasure or another tab is never blocked. */

import { keptStore } from '../kept-store.js';

export const BADGES_DB = { name: 'preuves-badges', store: 'badges', version: 1 };

/** What the device keeps of a badge: what the screens show, not the whole credential. */
export function keptBadge(badge) {
  const { id, competency_id, achievement_name, issuer_name, issued_at, verify_url, qr_svg } = badge;
  return { id, competency_id, achievement_name, issuer_name, issued_at, verify_url, qr_svg };
}

/** One person's badges on this device: `get(dossierId)` -> {badges, fetched_at} or null, `keep`. */
export function badgeStore(personId, idb = globalThis.indexedDB) {
  const kept = keptStore(BADGES_DB, personId, idb);
  return {
    get: kept.get,
    keep: (dossierId, badges, fetchedAt = new Date().toISOString()) =>
      kept.put(dossierId, { dossierId, badges: badges.map(keptBadge), fetched_at: fetchedAt }),
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
