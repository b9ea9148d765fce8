/* Conflicts, without the screen. Two edits of the same field of a mutable record (a dossier's
 * selection, its steps...) made on two devices: the server kept its version ("theirs") and the
 * losing write ("mine") whole (backend/preuves/sync/conflicts.py, docs/sync-protocol.md). The
 * support worker sees both side by side, field by field, and keeps one or merges them; the chosen
 * record is sent to POST /sync/conflicts/<id>/resolve, an ordinary new revision. */

import { DB_NAME } from '../sync/db.js';

// Written by the server, not by people: never shown as a difference, never sent back.
const BOOKKEEPING = new Set(['rev', 'changed_at', 'changed_by', 'client_changed_at']);

const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** [{field, mine, theirs, differs}] for every field a person edits, the differing ones first. */
export function fieldRows(mine = {}, theirs = {}) {
  const names = [...new Set([...Object.keys(theirs), ...Object.keys(mine)])].filter(
    (name) => !BOOKKEEPING.has(name) && name !== 'id',
  );
  const rows = names.map((field) => ({
    field,
    mine: mine[field],
    theirs: theirs[field],
    differs: !same(mine[field], theirs[field]),
  }));
  return [...rows.filter((row) => row.differs), ...rows.filter((row) => !row.differs)];
}

/**
 * The record to keep: the server's version with, for each field in `fromMine`, the losing
 * write's value. Keeping "theirs" whole is fromMine = []; keeping "mine" whole is every field.
 */
export function mergedRecord(conflict, fromMine = []) {
  const record = { ...conflict.theirs };
  for (const field of fromMine) {
    if (field in (conflict.mine ?? {})) record[field] = conflict.mine[field];
    else delete record[field];
  }
  for (const field of BOOKKEEPING) delete record[field];
  return record;
}

/**
 * One list from the server's open conflicts and the ones this device was told about: the
 * server's list is the truth when it answered (`server` not null); a device's own conflict not
 * in it was resolved elsewhere and is returned in `gone` for the device to forget.
 */
export function mergeConflictLists(server, local = []) {
  const fromDevice = local.map((entry) => ({
    id: entry.conflict_id,
    type: entry.type,
    record_id: entry.id,
    dossier_id: entry.local_record?.dossier_id ?? entry.server_record?.dossier_id ?? null,
    mine: entry.local_record,
    theirs: entry.server_record,
    fields: entry.fields ?? [],
    created_at: entry.reported_at,
    local: true,
  }));
  if (server === null) return { conflicts: fromDevice, gone: [] };
  const open = new Set(server.map((conflict) => conflict.id));
  return {
    conflicts: server,
    gone: fromDevice.filter((conflict) => !open.has(conflict.id)).map((conflict) => conflict.id),
  };
}

/**
 * Remove conflicts from the device's list (lib/sync keeps them in the `conflicts` store of its
 * database and has no call to drop one). Opened at the database's current version: no upgrade.
 */
export function forgetLocalConflicts(ids, idb = globalThis.indexedDB) {
  if (!ids.length) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const request = idb.open(DB_NAME);
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains('conflicts')) {
        db.close();
        resolve();
        return;
      }
      const tx = db.transaction('conflicts', 'readwrite');
      for (const id of ids) tx.objectStore('conflicts').delete(id);
      tx.oncomplete = () => {
        db.close();
        resolve();
      };
      tx.onerror = () => {
        db.close();
        reject(tx.error);
      };
    };
  });
}
