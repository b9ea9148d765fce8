/* Pull: ask for the changes since the stored cursor, a page at a time. Each page is applied in one
 * IndexedDB transaction together with its cursor, so a page lost on the way or a tab killed
 * between pages simply asks again from the last page it kept.
 *
 * A cursor the server no longer knows (410 resync_required, or 400 invalid_cursor) starts a pull
 * from scratch; once it completes, local records that were not received again are dropped,
 * except those the outbox still has to send. A resync cut half-way resumes from its last page. */

export const PULL_PATH = '/sync/pull';
export const PAGE_LIMIT = 500;

/** The URL of one page. */
export function pullPath(cursor, limit = PAGE_LIMIT) {
  const query = new URLSearchParams({ limit: String(limit) });
  if (cursor) query.set('cursor', cursor);
  return `${PULL_PATH}?${query}`;
}

/** Must the device pull everything again? */
export function mustResync(error) {
  const code = error?.code;
  return error?.status === 410 || code === 'resync_required' || code === 'invalid_cursor';
}

function checkPage(page) {
  if (!page || !Array.isArray(page.changes) || typeof page.cursor !== 'string') {
    throw new Error('sync pull: the server answered a page of an unknown shape');
  }
  return page;
}

/**
 * Pull until the server says there is no more. Resolves {received, types}: how many changes
 * arrived and the record types touched. A failed request throws; what was applied stays.
 */
export async function pull({ store, api, limit = PAGE_LIMIT, onProgress = () => {} }) {
  const types = new Set();
  let cursor = await store.getMeta('cursor');
  let received = 0;
  let restarted = false;
  for (;;) {
    let page;
    try {
      page = checkPage(await api.get(pullPath(cursor, limit)));
    } catch (error) {
      // Once per pull: a server that refuses even a fresh start must not make us loop.
      if (!mustResync(error) || restarted) throw error;
      restarted = true;
      cursor = null;
      await store.beginResync();
      continue;
    }
    for (const type of await store.applyPage(page)) types.add(type);
    received += page.changes.length;
    cursor = page.cursor;
    onProgress({ phase: 'pull', done: received, total: page.more ? null : received });
    if (!page.more) break;
  }
  if (await store.getMeta('resyncing')) {
    for (const type of await store.finishResync()) types.add(type);
  }
  return { received, types: [...types] };
}
