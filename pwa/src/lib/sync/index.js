/* The app's one entry to sync: `startSync()` opens the device's database, starts the client and
 * gives screens what they need: queue a change, read the local copy, listen to the client.
 *
 *   const sync = await startSync();
 *   sync.client.addEventListener('status', (event) => show(event.detail));
 *   await sync.put('journal_entry', record);          // validated, queued, sent when possible
 *   const entries = await sync.queries.listByDossier(dossierId); */

import { api as appApi } from '../api.js';
import { loadSchemaSet } from '../schemas.js';
import { SyncClient } from './client.js';
import { openSyncDb } from './db.js';
import { createOutbox } from './outbox.js';
import { createQueries } from './queries.js';
import { createStore } from './store.js';

export { SyncClient } from './client.js';
export { InvalidRecordError } from './outbox.js';

let started = null;

function once(load) {
  let promise = null;
  return () => (promise ??= load());
}

async function open(
  { api = appApi, schemas = once(() => loadSchemaSet()), ...options },
  forget = () => {},
) {
  const db = await openSyncDb();
  const store = createStore(db);
  const queries = createQueries(db);
  const client = new SyncClient({ store, queries, api }, options);
  const outbox = createOutbox({ store, schemas, personId: options.personId ?? null });

  // A queued change shows at once in every tab, and is sent as soon as the device can.
  const queued = (entry) => {
    client.announce([entry.type]);
    client.requestSync();
    return entry;
  };
  client.start();
  return {
    client,
    queries,
    /** Queue a creation or change of a record (see outbox.js); throws InvalidRecordError. */
    put: async (type, record, options) => queued(await outbox.put(type, record, options)),
    /** Queue the deletion of a record. */
    delete: async (type, id, options) => queued(await outbox.delete(type, id, options)),
    /** Give up a refused change and put the record back as it was (store.js `withdraw`). */
    withdraw: async (mutationId, previous = null) => {
      const type = await store.withdraw(mutationId, previous);
      if (type) client.announce([type]);
      return type;
    },
    /** Stop syncing in this tab (sign-out, another person): the outbox stays for later. */
    stop: () => {
      client.stop();
      db.close();
      forget();
    },
  };
}

/**
 * Start syncing this tab (once; later calls return the same object until stop()). options:
 * {personId, api, schemas} and the SyncClient options (intervalMs, backoff...). Give `personId`
 * (the signed-in person's id) on a shared tablet, so that each person's queued changes are only
 * sent in their own session. Resolves with {client, queries, put, delete, stop}.
 */
export function startSync(options = {}) {
  if (started) return started;
  // stop() forgets this very start only: a late stop of a person who left must not forget the
  // sync of the person who came next.
  const forget = () => {
    if (started === promise) started = null;
  };
  const promise = open(options, forget).catch((error) => {
    forget();
    throw error;
  });
  started = promise;
  return promise;
}
