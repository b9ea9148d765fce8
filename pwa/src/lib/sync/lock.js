/* Only one tab of a device syncs at a time: the Web Locks API, asked without waiting. A tab that
 * finds the lock taken skips its turn; the tab that holds it drains the same outbox anyway. */

export const LOCK_NAME = 'preuves-sync';

/**
 * Run `work` while holding the device's sync lock. Resolves {ran: true, value} or, when another
 * tab holds it, {ran: false}. Without Web Locks (very old browsers) the tab simply runs.
 */
export async function withDeviceLock(work, locks = globalThis.navigator?.locks) {
  if (!locks) return { ran: true, value: await work() };
  return locks.request(LOCK_NAME, { ifAvailable: true }, async (lock) =>
    lock ? { ran: true, value: await work() } : { ran: false },
  );
}
