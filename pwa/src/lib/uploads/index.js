/* The upload module as the app uses it: the queue wired to IndexedDB and the bundled tus client.
 *
 *   const uploads = await createUploadQueue();
 *   uploads.addEventListener('progress', (event) => show(event.detail));
 *   await uploads.add(evidence.id, blob, { dossierId, filename });
 *   watchConnectivity(uploads);   // resumes on start, when online, when the page shows again */

import { openMediaDb } from './media-db.js';
import { UploadQueue, defaultTranslator } from './queue.js';

export { UploadQueue } from './queue.js';

export async function createUploadQueue(options = {}) {
  const store = options.store ?? (await openMediaDb());
  const { Upload } = options.Upload ? options : await import('../../vendor/tus.js');
  // Loaded now, while the app is surely online: errors are mostly reported when it is not.
  const t = options.t ?? (await defaultTranslator());
  return new UploadQueue({ ...options, store, Upload, t });
}

/**
 * Send what waits now, when the network returns, and when the app comes back to the front.
 * Returns a function that stops watching (the person signs out).
 */
export function watchConnectivity(queue, target = globalThis) {
  const resume = () => queue.resumeAll().catch((error) => console.error('uploads', error));
  const onVisible = () => {
    if (target.document.visibilityState === 'visible') resume();
  };
  target.addEventListener('online', resume);
  target.document?.addEventListener('visibilitychange', onVisible);
  resume();
  return () => {
    target.removeEventListener('online', resume);
    target.document?.removeEventListener('visibilitychange', onVisible);
  };
}
