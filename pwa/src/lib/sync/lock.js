/* Only one tab of a device syncs a person's database at a time: the Web Locks API, asked without
 * waiting. A tab that finds the lock taken skips its turn; the tab that holds it drains the same
 * outbox anyway. The lock is named after the database (db.js syncName). */

import { syncName } from './db.js';

/**
 * Run `work` while holding the device's sync lock. Resolves {ran: true, value} or, when another
 * tab holds it, {ran: false}. Without Web Locks (very old browsers) the tab simply runs.
 */
export async function withDeviceLock(work, locks = globalThis.navigator?.locks, personId = null) {
  if (!locks) return { ran: true, value: await work() };
  return locks.request(syncName(personId), { ifAvailable: true }, async (lock) =>
    lock ? { ran: true, value: await work() } : { ran: false },
  );
}
