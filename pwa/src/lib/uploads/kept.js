/* Handing a medium to the upload queue and waiting only until it is kept in IndexedDB (the
 * queue says `queued`), not until it is sent: sending may wait for the wifi, while what the
 * person recorded must be safe now. */

/** uploads.add(key, blob, options), resolved once the blob is on the device. */
export function keptOnDevice(uploads, key, blob, options) {
  return new Promise((resolve, reject) => {
    const onQueued = (event) => {
      if (event.detail?.recordId !== key) return;
      uploads.removeEventListener('queued', onQueued);
      resolve();
    };
    uploads.addEventListener('queued', onQueued);
    uploads.add(key, blob, options).then(
      () => {
        uploads.removeEventListener('queued', onQueued);
        resolve();
      },
      (error) => {
        uploads.removeEventListener('queued', onQueued);
        reject(error);
      },
    );
  });
}
