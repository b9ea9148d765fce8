/* Where tus-js-client keeps the upload URL: in our `uploads` store, against the evidence record's
 * id. tus-js-client's own default is localStorage under a fingerprint made from the file's name,
 * size and date, which iOS changes each time the same photo is picked. */

const PREFIX = 'preuves-record:';

/** The fingerprint tus-js-client files an upload under: the record id, nothing about the file. */
export function fingerprintFor(recordId) {
  return `${PREFIX}${recordId}`;
}

export function recordIdOf(fingerprint) {
  return String(fingerprint).startsWith(PREFIX) ? String(fingerprint).slice(PREFIX.length) : null;
}

function asPreviousUpload(entry) {
  return {
    uploadUrl: entry.uploadUrl,
    size: entry.size,
    metadata: entry.metadata ?? {},
    creationTime: entry.creationTime ?? entry.updatedAt,
    urlStorageKey: entry.recordId,
  };
}

/** tus-js-client's urlStorage interface over a MediaDb (or anything with the same methods). */
export class RecordUrlStorage {
  #store;

  constructor(store) {
    this.#store = store;
  }

  async findAllUploads() {
    const entries = await this.#store.allUploads();
    return entries.filter((entry) => entry.uploadUrl).map(asPreviousUpload);
  }

  async findUploadsByFingerprint(fingerprint) {
    const recordId = recordIdOf(fingerprint);
    const entry = recordId === null ? null : await this.#store.getUpload(recordId);
    return entry?.uploadUrl ? [asPreviousUpload(entry)] : [];
  }

  /** Forget the URL only (the server lost or expired the upload); the entry and blob stay. */
  async removeUpload(urlStorageKey) {
    if (await this.#store.getUpload(urlStorageKey)) {
      await this.#store.updateUpload(urlStorageKey, { uploadUrl: null, offset: 0 });
    }
  }

  async addUpload(fingerprint, upload) {
    const recordId = recordIdOf(fingerprint);
    if (recordId === null) throw new Error(`not a Preuves fingerprint: ${fingerprint}`);
    await this.#store.updateUpload(recordId, {
      uploadUrl: upload.uploadUrl,
      size: upload.size,
      creationTime: upload.creationTime,
    });
    return recordId;
  }
}
