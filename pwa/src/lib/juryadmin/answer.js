/* A lead's change that the server may refuse for good (opening a jury that is not complete,
 * closing one with dossiers left to decide): queued through sync.put like every write, then the
 * server's answer is awaited a few seconds so that the lead reads it at once.
 *
 * A refused change would otherwise stay in the outbox for ever and keep the device's copy on the
 * refused version (store.js never replaces a record that still has an outbox entry): the refusal
 * is shown, and `sync.withdraw` drops the entry and puts the record back as it was. */

const POLL_MS = 200;

/**
 * Queue `record` (a change of `before`, or a creation when `before` is null) and wait up to
 * `waitMs` for the server.
 * Resolves with {state: 'applied'} | {state: 'waiting'} (no network: sent later) |
 * {state: 'refused', problem} (the device's copy is `before` again).
 */
export async function putAndHear(sync, type, record, before, { waitMs = 8000 } = {}) {
  const queued = await sync.put(type, record);
  sync.client.requestSync?.();
  for (const until = Date.now() + waitMs; Date.now() < until;) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const entry = (await sync.queries.outbox()).find((e) => e.mutation_id === queued.mutation_id);
    if (!entry) return { state: 'applied' };
    if (entry.state === 'rejected') {
      await sync.withdraw(entry.mutation_id, before);
      return { state: 'refused', problem: entry.last_error };
    }
    if (sync.client.status?.state === 'offline') return { state: 'waiting' };
  }
  return { state: 'waiting' };
}
