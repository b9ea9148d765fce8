/* When the offline copy of a jury session goes: the device erases a session's media when the
 * session is closed or cancelled, when the member's jury_member record is gone, after the
 * manifest's `keep_until`; and a dossier's media when its assignment or the dossier itself is gone
 * (the pull evicts the records of a dossier whose access ended). Checked at start, after each
 * pull and before the reader opens; also on the member's own "Effacer la copie".
 *
 * Not on sign-out: a member may sign out and back in with no network, and find their copy. */

import { dbName, openMediaStore } from './media-store.js';
import { juryRecords, isAssigned, sitsOn } from './sessions.js';
import { localDate } from './size.js';

/** Record types whose changes may withdraw a copy. */
export const WATCHED_TYPES = ['jury_session', 'jury_member', 'jury_assignment', 'dossier'];

const ENDED = new Set(['closed', 'cancelled']);

/** Why a whole session's copy must go, or null. */
function sessionReason(entry, { sessions, members, personId, today }) {
  const session = sessions.get(entry.session_id);
  if (!session) return 'no_session';
  if (ENDED.has(session.status)) return session.status;
  if (!sitsOn(members, personId, entry.session_id)) return 'not_member';
  const keepUntil = entry.manifest?.keep_until;
  if (keepUntil && today > keepUntil) return 'expired';
  return null;
}

/**
 * What to erase, from the stored copies (`entries`) and the device's records. Pure. Returns
 * [{sessionId, dossierId (null: the whole session), reason}].
 */
export function erasureDecisions({ entries, sessions, members, assignments, dossierIds, personId, today }) {
  const decisions = [];
  for (const entry of entries) {
    const reason = sessionReason(entry, { sessions, members, personId, today });
    if (reason) {
      decisions.push({ sessionId: entry.session_id, dossierId: null, reason });
      continue;
    }
    for (const { dossier_id: dossierId } of entry.manifest?.dossiers ?? []) {
      if (!isAssigned(assignments, entry.session_id, dossierId)) {
        decisions.push({ sessionId: entry.session_id, dossierId, reason: 'unassigned' });
      } else if (!dossierIds.has(dossierId)) {
        decisions.push({ sessionId: entry.session_id, dossierId, reason: 'dossier_gone' });
      }
    }
  }
  return decisions;
}

/** Apply the rules now; resolves the decisions carried out. */
export async function eraseWhatMustGo({ queries, store, personId, today = localDate() }) {
  const entries = await store.entries();
  if (!entries.length) return [];
  const { sessions, members, assignments } = await juryRecords(queries);
  const dossierIds = new Set();
  for (const entry of entries) {
    for (const { dossier_id: id } of entry.manifest?.dossiers ?? []) {
      const dossier = await queries.get('dossier', id);
      if (dossier && !dossier.deleted) dossierIds.add(id);
    }
  }
  const decisions = erasureDecisions({ entries, sessions, members, assignments, dossierIds, personId, today });
  for (const { sessionId, dossierId } of decisions) {
    if (dossierId) await store.eraseDossier(sessionId, dossierId);
    else await store.eraseSession(sessionId);
  }
  return decisions;
}

// sync client -> the watcher already listening, so that every screen may ask without doubling it.
const watching = new WeakMap();

/**
 * Check now and after every pull that touches jury records or dossiers. `onErased(decisions)`
 * hears what went (screens redraw). Returns the first check's promise.
 */
export function watchJuryCopies({ sync, personId, store, onErased = () => {} }) {
  let state = watching.get(sync.client);
  if (!state || state.personId !== personId) {
    state = { personId, listeners: new Set(), check: null };
    const check = () => {
      state.check = eraseWhatMustGo({ queries: sync.queries, store, personId })
        .then((decisions) => {
          if (decisions.length) for (const listener of state.listeners) listener(decisions);
          return decisions;
        })
        .catch((error) => {
          console.error('jury copy check', error);
          return [];
        });
      return state.check;
    };
    state.run = check;
    sync.client.addEventListener('changes', (event) => {
      if ((event.detail?.types ?? []).some((type) => WATCHED_TYPES.includes(type))) check();
    });
    watching.set(sync.client, state);
    check();
  }
  state.listeners.add(onErased);
  return state.check;
}

/**
 * The app's start (the person's data just opened, whatever screen comes first): watch the copies
 * of a person who has one on this device. A person with none gets no database created for them.
 */
export async function watchCopiesAtStart({ sync, personId }, indexedDB = globalThis.indexedDB) {
  const known = await indexedDB?.databases?.().catch(() => null);
  if (known && !known.some(({ name }) => name === dbName(personId))) return [];
  const store = await openMediaStore(personId, indexedDB);
  return watchJuryCopies({ sync, personId, store });
}

/** Stop telling this listener (a screen left). */
export function unwatchJuryCopies(sync, onErased) {
  watching.get(sync.client)?.listeners.delete(onErased);
}
