/* What screens read from the device's copy: records by type, by dossier or one by one, the outbox
 * (what is still to send, and why some could not be), the conflicts to resolve, the counts. */

import { done, transact } from './db.js';

const read = (db, stores, work) => transact(db, stores, 'readonly', work);

export function createQueries(db) {
  return {
    /** One record, or undefined. */
    get: (type, id) =>
      read(db, ['records'], async (tx) => {
        const entry = await done(tx.objectStore('records').get([type, id]));
        return entry?.record;
      }),

    /** Every record of a type. */
    listByType: (type) =>
      read(db, ['records'], async (tx) => {
        const entries = await done(tx.objectStore('records').index('type').getAll(type));
        return entries.map((entry) => entry.record);
      }),

    /** A dossier's own records, every type: [{type, record}]. */
    listByDossier: (dossierId) =>
      read(db, ['records'], async (tx) => {
        const entries = await done(tx.objectStore('records').index('dossier_id').getAll(dossierId));
        return entries.map(({ type, record }) => ({ type, record }));
      }),

    /** The outbox in queue order, each entry with its state and last problem. */
    outbox: () =>
      read(db, ['outbox'], (tx) => done(tx.objectStore('outbox').index('order').getAll())),

    /** What one person queued and the server has not taken yet, in queue order. */
    outboxOf: (personId) =>
      read(db, ['outbox'], async (tx) => {
        const mine = await done(tx.objectStore('outbox').index('person_id').getAll(personId));
        return mine.sort((a, b) => a.order - b.order);
      }),

    /** Conflicts the server reported for this device's writes. */
    conflicts: () => read(db, ['conflicts'], (tx) => done(tx.objectStore('conflicts').getAll())),

    /**
     * {pending, rejected, rejections}: how many mutations are still to send, how many the server
     * refused for good, and those refusals ({mutation_id, type, id, problem}) for screens to show.
     */
    counts: () =>
      read(db, ['outbox'], async (tx) => {
        const outbox = tx.objectStore('outbox');
        const total = await done(outbox.count());
        const refused = await done(outbox.index('state').getAll('rejected'));
        const rejections = refused
          .sort((a, b) => a.order - b.order)
          .map(({ mutation_id, type, id, last_error }) => ({
            mutation_id, type, id, problem: last_error,
          }));
        return { pending: total - refused.length, rejected: refused.length, rejections };
      }),
  };
}
