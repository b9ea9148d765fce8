/* Queue what the user did: a record to create or change (`put`), or one to delete. The record is
 * checked against the shared JSON Schema first, so the device refuses now what the server would
 * refuse weeks later; then its local copy and its outbox entry are written in one transaction. */

import { uuidv7 } from './uuid.js';

/** Thrown by put() for a record that does not fit its schema; nothing was queued. */
export class InvalidRecordError extends Error {
  constructor(type, errors) {
    const where = errors.map((error) => `${error.path} ${error.message}`).join('; ');
    super(`${type} record does not fit its schema: ${where}`);
    this.name = 'InvalidRecordError';
    this.code = 'invalid_record';
    this.errors = errors;
  }
}

/** A new outbox entry (without its queue `order`, which the store gives). */
export function outboxEntry({ mutationId, type, op, record, id, baseRev, queuedAt, personId }) {
  const entry = {
    mutation_id: mutationId,
    person_id: personId ?? null,
    type,
    op,
    id: op === 'put' ? record.id : id,
    base_rev: baseRev ?? null,
    queued_at: queuedAt,
    attempts: 0,
    last_error: null,
    state: 'queued',
  };
  if (op === 'put') entry.record = record;
  return entry;
}

/**
 * The outbox over a store (store.js) and the schemas: `schemas()` resolves to a SchemaSet
 * (lib/schemas.js). `personId`, the person signed in, tags each entry: on a shared tablet, only
 * its author's session sends it. `now` and `newId` are injected by tests.
 */
export function createOutbox({
  store, schemas, personId = null, now = () => new Date(), newId = uuidv7,
}) {
  return {
    /**
     * Queue a creation or a change. `baseRev` is the rev the change was made on: the record's
     * own `rev` by default, null for a creation. Resolves with the queued entry.
     */
    async put(type, record, { baseRev = record.rev ?? null } = {}) {
      const stamped = { ...record, client_changed_at: now().toISOString() };
      const { valid, errors } = (await schemas()).validateRecord(type, stamped);
      if (!valid) throw new InvalidRecordError(type, errors);
      const entry = outboxEntry({
        mutationId: newId(),
        type,
        op: 'put',
        record: stamped,
        baseRev,
        queuedAt: now().toISOString(),
        personId,
      });
      return store.enqueue(entry, stamped);
    },

    /** Queue a deletion (a tombstone on the server); the local copy goes at once. */
    async delete(type, id, { baseRev = null } = {}) {
      const entry = outboxEntry({
        mutationId: newId(),
        type,
        op: 'delete',
        id,
        baseRev,
        queuedAt: now().toISOString(),
        personId,
      });
      return store.enqueue(entry, { id, deleted: true });
    },
  };
}
