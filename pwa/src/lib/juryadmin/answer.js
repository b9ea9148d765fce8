/* A lead's change that the server may refuse for good (opening a jury that is not complete,
 * closing one with dossiers left to decide): queued through sync.put like every write, then the
 * server's answer is awaited a few seconds so that the lead reads it at once.
 *
 * A refused change would otherwise stay in the outbox for ever and keep the device's copy on the
 * refused version (store.js never replaces a record that still has an outbox entry): the refusal
 * is shown, the entry dropped and the record put back as it was, in one transaction on
 * `preuves-sync` (the database the sync engine opens; no version change). */

const DB_NAME = 'preuves-sync';
const POLL_MS = 200;

function withdraw(entry, before, idb) {
  return new Promise((resolve, reject) => {
    const request = idb.open(DB_NAME);
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      const tx = db.transaction(['outbox', 'records'], 'readwrite');
      tx.objectStore('outbox').delete(entry.mutation_id);
      const records = tx.objectStore('records');
      const read = records.get([entry.type, entry.id]);
      read.onsuccess = () => {
        // A refused creation leaves nothing behind; a refused change leaves the record as it was.
        if (!before) return records.delete([entry.type, entry.id]);
        const seen = read.result?.seen ?? 0;
        return records.put({ type: entry.type, id: entry.id, dossier_id: before.dossier_id ?? null, record: before, seen });
      };
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

/**
 * Queue `record` (a change of `before`, or a creation when `before` is null) and wait up to
 * `waitMs` for the server.
 * Resolves with {state: 'applied'} | {state: 'waiting'} (no network: sent later) |
 * {state: 'refused', problem} (the device's copy is `before` again).
 */
export async function putAndHear(sync, type, record, before, { waitMs = 8000, idb = globalThis.indexedDB } = {}) {
  const queued = await sync.put(type, record);
  sync.client.requestSync?.();
  for (const until = Date.now() + waitMs; Date.now() < until;) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const entry = (await sync.queries.outbox()).find((e) => e.mutation_id === queued.mutation_id);
    if (!entry) return { state: 'applied' };
    if (entry.state === 'rejected') {
      await withdraw(entry, before, idb);
      sync.client.announce?.([type]);
      return { state: 'refused', problem: entry.last_error };
    }
    if (sync.client.status?.state === 'offline') return { state: 'waiting' };
  }
  return { state: 'waiting' };
}
