/* The signed-in person's data on this device: the sync client (records and their outbox) and the
 * upload queue (captured media). Opened the first time a screen asks for them, closed when the
 * person leaves, so that nothing of one candidate stays open in the next one's session.
 *
 *   const { sync, uploads } = await ctx.local();
 *   await sync.put('evidence', record);
 *   await uploads.add(record.id, blob, { dossierId: record.dossier_id }); */

import { startSync } from './sync/index.js';
import { createUploadQueue, watchConnectivity } from './uploads/index.js';

/** Open both stores for one person; resolves {sync, uploads, close}. */
export async function openPersonData({ personId, t }) {
  const sync = await startSync({ personId });
  const uploads = await createUploadQueue({ t });
  // A record that names its media is refused by the server until the media has arrived: once an
  // upload is done, push again at once instead of waiting for the next timer.
  uploads.addEventListener('done', () => sync.client.requestSync());
  const unwatch = watchConnectivity(uploads);
  return {
    sync,
    uploads,
    close() {
      unwatch();
      sync.stop();
      uploads.close?.();
    },
  };
}
