/* The candidate's unfinished self-positioning, kept on the device at every answer, so that a
 * reload, a killed browser or a flat battery resumes at the same statement. One draft per person
 * and dossier, in its own database (preuves-candidate: erased with the others when a tablet is
 * revoked). The database is opened for each call and closed at once: an open connection would
 * block an erasure or another tab's upgrade. */

import { keptStore } from '../kept-store.js';

export const DRAFTS_DB = { name: 'preuves-candidate', store: 'drafts', version: 1 };

/** Drafts of one person: get, keep and drop the draft of a dossier. */
export function draftStore(personId, idb = globalThis.indexedDB) {
  const kept = keptStore(DRAFTS_DB, personId, idb);
  return { get: kept.get, keep: (draft) => kept.put(draft.dossierId, draft), drop: kept.drop };
}
