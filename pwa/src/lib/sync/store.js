/* The sync engine's writes to IndexedDB, each one transaction: queue a mutation with its local
 * copy, settle the server's results, apply a pulled page with its cursor, finish a resync.
 *
 * A record that still has a mutation in the outbox keeps its local copy: the screen shows what
 * the user did, and the push's answer (the server's merged version) replaces it later. */

import { collect, done, transact } from './db.js';

const ALL = ['records', 'outbox', 'meta', 'conflicts'];

/** The dossier a record belongs to (a dossier belongs to itself), for eviction and listing. */
export function dossierOf(type, record) {
  if (type === 'dossier') return record.id;
  return record.dossier_id ?? null;
}

async function isPending(tx, type, id) {
  return (await done(tx.objectStore('outbox').index('target').count([type, id]))) > 0;
}

async function generation(tx) {
  return (await done(tx.objectStore('meta').get('generation'))) ?? 0;
}

function putRecord(tx, type, record, seen) {
  const records = tx.objectStore('records');
  if (record.deleted) return records.delete([type, record.id]);
  return records.put({ type, id: record.id, dossier_id: dossierOf(type, record), record, seen });
}

/** Add what the server set on a record this device created (its rev, when, who) to the copy. */
async function addServed(tx, type, id, served, seen) {
  const stored = await done(tx.objectStore('records').get([type, id]));
  if (!stored || (await isPending(tx, type, id))) return;
  putRecord(tx, type, { ...stored.record, ...served }, seen);
}

/** Store a server version unless the user's own change of it is still waiting to be sent. */
async function acceptServerRecord(tx, type, record, seen) {
  if (await isPending(tx, type, record.id)) return false;
  putRecord(tx, type, record, seen);
  return true;
}

async function evict(tx, { type, id }) {
  const records = tx.objectStore('records');
  const keys = [[type, id]];
  if (type === 'dossier') {
    keys.push(...(await done(records.index('dossier_id').getAllKeys(id))));
  }
  for (const [keyType, keyId] of keys) {
    if (!(await isPending(tx, keyType, keyId))) records.delete([keyType, keyId]);
  }
}

/** Is this entry one to send now, in the session of `personId` (null: anyone's)? */
export function mayBeSent(entry, personId = null) {
  if (entry.state === 'rejected') return false;
  return personId === null || entry.person_id === null || entry.person_id === personId;
}

export function createStore(db) {
  return {
    /** Add a mutation at the end of the outbox and write its local copy, all or nothing. */
    enqueue: (entry, localRecord) =>
      transact(db, ['outbox', 'records', 'meta'], 'readwrite', async (tx) => {
        const outbox = tx.objectStore('outbox');
        const last = await done(outbox.index('order').openCursor(null, 'prev'));
        const queued = { ...entry, order: last ? last.value.order + 1 : 1 };
        outbox.add(queued);
        putRecord(tx, entry.type, localRecord, await generation(tx));
        return queued;
      }, 'strict'),

    /**
     * Up to `limit` entries after `afterOrder`, in queue order, that may be sent: not rejected,
     * and queued by `personId` (or by no one in particular) when a person is given.
     */
    sendable: (afterOrder, limit, personId = null) =>
      transact(db, ['outbox'], 'readonly', async (tx) => {
        const range = IDBKeyRange.lowerBound(afterOrder, true);
        const cursor = tx.objectStore('outbox').index('order').openCursor(range);
        return collect(cursor, limit, (entry) => mayBeSent(entry, personId));
      }),

    /** Note that these entries are on their way; a killed tab leaves them to be sent again. */
    markSending: (mutationIds) =>
      transact(db, ['outbox'], 'readwrite', async (tx) => {
        const outbox = tx.objectStore('outbox');
        for (const mutationId of mutationIds) {
          const entry = await done(outbox.get(mutationId));
          if (entry) outbox.put({ ...entry, state: 'sending', attempts: entry.attempts + 1 });
        }
      }),

    /** Apply the outcomes of one push (push.js); resolves with the record types that changed. */
    settle: (outcomes) =>
      transact(db, ALL, 'readwrite', async (tx) => {
        const outbox = tx.objectStore('outbox');
        const seen = await generation(tx);
        const types = new Set();
        for (const outcome of outcomes) {
          const entry = await done(outbox.get(outcome.mutation_id));
          if (!entry) continue;
          if (outcome.kind !== 'done') {
            outbox.put({ ...entry, state: outcome.kind, last_error: outcome.problem });
            continue;
          }
          outbox.delete(entry.mutation_id);
          types.add(entry.type); // sent: no longer waiting, with or without the server's copy
          if (outcome.conflict) tx.objectStore('conflicts').put(outcome.conflict);
          if (outcome.record) await acceptServerRecord(tx, entry.type, outcome.record, seen);
          else if (outcome.served) await addServed(tx, entry.type, entry.id, outcome.served, seen);
        }
        return [...types];
      }),

    /**
     * Give up a change the server refused for good (its entry is `rejected`): drop it from the
     * outbox and put the device's copy back as it was, `previous` (none: a refused creation
     * leaves nothing). Resolves with the entry's type, or null when it was not there.
     */
    withdraw: (mutationId, previous) =>
      transact(db, ['outbox', 'records', 'meta'], 'readwrite', async (tx) => {
        const outbox = tx.objectStore('outbox');
        const entry = await done(outbox.get(mutationId));
        if (!entry) return null;
        outbox.delete(mutationId);
        if (previous) putRecord(tx, entry.type, previous, await generation(tx));
        else tx.objectStore('records').delete([entry.type, entry.id]);
        return entry.type;
      }),

    /** Apply one pulled page and store its cursor in the same transaction. */
    applyPage: ({ changes = [], evict: evictions = [], cursor }) =>
      transact(db, ['records', 'outbox', 'meta'], 'readwrite', async (tx) => {
        const seen = await generation(tx);
        const types = new Set();
        for (const { type, record } of changes) {
          if (await acceptServerRecord(tx, type, record, seen)) types.add(type);
        }
        for (const eviction of evictions) {
          await evict(tx, eviction);
          types.add(eviction.type);
        }
        tx.objectStore('meta').put(cursor, 'cursor');
        return [...types];
      }),

    getMeta: (key) =>
      transact(db, ['meta'], 'readonly', (tx) => done(tx.objectStore('meta').get(key))),

    setMeta: (key, value) =>
      transact(db, ['meta'], 'readwrite', async (tx) => {
        tx.objectStore('meta').put(value, key);
      }),

    /** Start a pull from scratch: forget the cursor, begin a new generation of records. */
    beginResync: () =>
      transact(db, ['meta'], 'readwrite', async (tx) => {
        const meta = tx.objectStore('meta');
        meta.put((await generation(tx)) + 1, 'generation');
        meta.put(null, 'cursor');
        meta.put(true, 'resyncing');
      }),

    /** After a full pull from scratch: drop what was not received again, except the outbox's. */
    finishResync: () =>
      transact(db, ['records', 'outbox', 'meta'], 'readwrite', async (tx) => {
        const current = await generation(tx);
        const records = tx.objectStore('records');
        const types = new Set();
        for (const entry of await done(records.getAll())) {
          if (entry.seen === current || (await isPending(tx, entry.type, entry.id))) continue;
          records.delete([entry.type, entry.id]);
          types.add(entry.type);
        }
        tx.objectStore('meta').put(false, 'resyncing');
        return [...types];
      }),
  };
}
