/* The signed-in person's data on this device: the sync client (records and their outbox) and the
 * upload queue (captured media). Opened when the person signs in (or the first time a screen asks
 * for them), closed when the person leaves, so that nothing of one candidate stays open in the
 * next one's session, and so that no open connection blocks an erasure or a schema upgrade.
 *
 *   const { sync, uploads } = await ctx.local();
 *   await sync.put('evidence', record);
 *   await uploads.add(record.id, blob, { dossierId: record.dossier_id });
 *
 * Closing keeps everything queued: the outbox and the blobs stay in IndexedDB, an upload under
 * way is paused (tus keeps its offset) and goes on in the same person's next session. */

import { api as appApi } from './api.js';
import { startSync } from './sync/index.js';
import { createUploadQueue, watchConnectivity } from './uploads/index.js';

/** Ask once per page that the browser keep our storage under pressure (captures live there). */
let persistAsked = null;
export function askPersistentStorage(storage = globalThis.navigator?.storage) {
  if (!storage?.persist) return Promise.resolve(false);
  persistAsked ??= storage
    .persisted()
    .then((already) => already || storage.persist())
    .catch(() => false);
  return persistAsked;
}

/** The headers of an upload request in a cookie session: the CSRF token, as every change. */
export function uploadHeaders(api) {
  return async () => (api.csrfToken ? { 'X-CSRF-Token': api.csrfToken } : {});
}

/** Open both stores for one person; resolves {personId, sync, uploads, close}. */
export async function openPersonData({ personId, t, api = appApi }) {
  const sync = await startSync({ personId, api });
  let uploads;
  try {
    uploads = await createUploadQueue({ t, personId, requestHeaders: uploadHeaders(api) });
  } catch (error) {
    sync.stop();
    throw error;
  }
  // A record that names its media is refused by the server until the media has arrived: once an
  // upload is done, push again at once, even while the client waits out earlier failures (those
  // were this very "media not uploaded yet"): the backoff timer could be minutes away.
  const pushAgain = () => sync.client.syncNow();
  uploads.addEventListener('done', pushAgain);
  // The server answers again (the wifi is back, or the server was down with the wifi up: no
  // `online` event then): the media waiting go too, not only the records.
  let wasDown = false;
  const onStatus = ({ detail }) => {
    if (detail.state === 'offline' || detail.state === 'error') wasDown = true;
    else if (detail.state === 'idle' && wasDown) {
      wasDown = false;
      uploads.resumeAll().catch((error) => console.error('uploads', error));
    }
  };
  sync.client.addEventListener('status', onStatus);
  const unwatch = watchConnectivity(uploads);
  askPersistentStorage();
  let closing = null;
  return {
    personId,
    sync,
    uploads,
    /** Pause the uploads, stop syncing and close both databases; resolves once they are closed. */
    close() {
      closing ??= (async () => {
        unwatch();
        uploads.removeEventListener('done', pushAgain);
        sync.client.removeEventListener('status', onStatus);
        await uploads.close();
        sync.stop();
      })();
      return closing;
    },
  };
}
