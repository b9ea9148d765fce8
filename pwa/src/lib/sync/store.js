/* The sync engine's writes to IndexedDB, each one transaction: queue a mutation with its local
 * copy, settle the server's results, apply a pulled page with its cursor, finish a resync.
 *
 * A record that still has a mutation in the outbox keeps its local copy: the screen shows what
 * the user did, and the push's answer (the server's merged version) replaces it later. */

import { done, transact } from './db.js';

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
  return personId === null || (entry.person_id ?? null) === null || entry.person_id === personId;
}

const targetOf = (entry) => `${entry.type}/${entry.id}`;

/**
 * May `next`, a put, take the place of `last`, the latest entry of the same record? Only a put
 * never sent (queued, no attempt) by the same person: sending the newer record once under the
 * older mutation's id and base_rev is the same as sending both, with no conflict of the device
 * with itself.
 */
export function foldsInto(last, next) {
  return Boolean(last) && last.op === 'put' && next.op === 'put' && last.state === 'queued'
    && last.attempts === 0 && (last.person_id ?? null) === (next.person_id ?? null);
}

/**
 * The next batch to send from `entries` (the whole outbox, in queue order): up to `limit`
 * sendable entries after `afterOrder`, never two of the same record, and none whose record still
 * has an earlier mutation waiting for its answer (one sent earlier in this push, or refused for
 * now): the later one goes once the earlier is settled, on the rev it gave (see rebase). The batch
 * stops before a second mutation of a record it holds, so the next batch starts with it.
 */
export function pickSendable(entries, afterOrder, limit, personId = null) {
  const waiting = new Set();
  const inBatch = new Set();
  const batch = [];
  for (const entry of entries) {
    if (!mayBeSent(entry, personId)) continue;
    const target = targetOf(entry);
    if (entry.order <= afterOrder) waiting.add(target);
    else if (inBatch.has(target)) break;
    else if (!waiting.has(target)) {
      batch.push(entry);
      inBatch.add(target);
      if (batch.length >= limit) break;
    }
  }
  return batch;
}

/**
 * The later queued mutations of a record whose earlier one the server applied or merged at `rev`,
 * with that rev as their base: they were made on top of it. (A conflict changes nothing: the
 * later ones keep the rev they were made on.)
 */
export function rebase(sameTarget, settled, rev) {
  return sameTarget
    .filter((entry) => entry.order > settled.order && entry.state === 'queued')
    .map((entry) => ({ ...entry, base_rev: rev }));
}

/** The rev to rebase later mutations on after this outcome, or undefined for none. */
export function rebaseRev(outcome) {
  if (outcome.kind !== 'done' || outcome.conflict) return undefined;
  return outcome.record?.rev ?? undefined;
}

export function createStore(db) {
  return {
    /**
     * Add a mutation at the end of the outbox (or fold a put into the same record's put not sent
     * yet: foldsInto) and write its local copy, all or nothing. Resolves with the entry kept.
     */
    enqueue: (entry, localRecord) =>
      transact(db, ['outbox', 'records', 'meta'], 'readwrite', async (tx) => {
        const outbox = tx.objectStore('outbox');
        const sameTarget = await done(outbox.index('target').getAll([entry.type, entry.id]));
        const latest = sameTarget.sort((a, b) => a.order - b.order).at(-1);
        let queued;
        if (foldsInto(latest, entry)) {
          queued = { ...latest, record: entry.record };
          outbox.put(queued);
        } else {
          const last = await done(outbox.index('order').openCursor(null, 'prev'));
          queued = { ...entry, order: last ? last.value.order + 1 : 1 };
          outbox.add(queued);
        }
        putRecord(tx, entry.type, localRecord, await generation(tx));
        return queued;
      }, 'strict'),

    /**
     * The next batch after `afterOrder`, in queue order (pickSendable): not rejected, queued by
     * `personId` (or by no one in particular) when a person is given, one mutation per record.
     */
    sendable: (afterOrder, limit, personId = null) =>
      transact(db, ['outbox'], 'readonly', async (tx) => {
        const entries = await done(tx.objectStore('outbox').index('order').getAll());
        return pickSendable(entries, afterOrder, limit, personId);
      }),

    /**
     * Note that these entries are on their way (a killed tab leaves them to be sent again) and
     * resolve with them as they are now: a put folded into one of them since `sendable` read it
     * goes with its newest record, and none is folded into once it is marked.
     */
    markSending: (mutationIds) =>
      transact(db, ['outbox'], 'readwrite', async (tx) => {
        const outbox = tx.objectStore('outbox');
        const marked = [];
        for (const mutationId of mutationIds) {
          const entry = await done(outbox.get(mutationId));
          if (!entry) continue;
          marked.push({ ...entry, state: 'sending', attempts: entry.attempts + 1 });
          outbox.put(marked.at(-1));
        }
        return marked;
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
          const rev = rebaseRev(outcome);
          if (rev !== undefined) {
            const sameTarget = await done(outbox.index('target').getAll([entry.type, entry.id]));
            for (const later of rebase(sameTarget, entry, rev)) outbox.put(later);
          }
          if (outcome.conflict) tx.objectStore('conflicts').put(outcome.conflict);
          if (outcome.record && (await acceptServerRecord(tx, entry.type, outcome.record, seen))) {
            types.add(entry.type);
          }
        }
        return [...types];
      }),

    /**
     * Take over mutations an older release queued in the shared database (legacy.js): appended
     * in their order with their local copies; one already here (a move cut short) is skipped.
     */
    adopt: (entries) =>
      transact(db, ['outbox', 'records', 'meta'], 'readwrite', async (tx) => {
        const outbox = tx.objectStore('outbox');
        const last = await done(outbox.index('order').openCursor(null, 'prev'));
        let order = last ? last.value.order : 0;
        const seen = await generation(tx);
        for (const entry of [...entries].sort((a, b) => a.order - b.order)) {
          if (await done(outbox.get(entry.mutation_id))) continue;
          outbox.add({ ...entry, order: (order += 1) });
          const local = entry.op === 'put' ? entry.record : { id: entry.id, deleted: true };
          if (local) putRecord(tx, entry.type, local, seen);
        }
      }, 'strict'),

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
