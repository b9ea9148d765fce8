/* Upload one file with tus-js-client from Node; used by the interop tests and `make bench-upload`.
 *
 *   node bench/tus_upload.mjs '<json>'
 * with { endpoint, file, chunkSize, headers?, metadata?, recordId?, stateFile?, retryDelays?,
 *        reportAt?, tusModule? }. The upload URL is kept in stateFile against recordId (as the PWA
 * keeps it against the evidence record's id), so a second run resumes the first one's upload.
 *
 * Prints one line per event, for the caller to read:
 *   REACHED <bytes>                       once bytesSent >= reportAt (the caller may interrupt)
 *   DONE <sha256 or -> <bytes> <seconds>  Upload-Sha256 of the final response
 *   ERROR <message>                       and exits with 1 */

import { createReadStream, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const options = JSON.parse(process.argv[2]);
const defaultModule = new URL('../pwa/node_modules/tus-js-client/lib.esm/node/index.js', import.meta.url);
const tusModule = options.tusModule ? pathToFileURL(resolve(options.tusModule)) : defaultModule;
const { Upload } = await import(tusModule.href);

/** tus-js-client's urlStorage in a JSON file, keyed by the record id (never by file name). */
class RecordUrlStorage {
  constructor(path) {
    this.path = path;
  }
  read() {
    return this.path && existsSync(this.path) ? JSON.parse(readFileSync(this.path, 'utf8')) : {};
  }
  write(all) {
    if (this.path) writeFileSync(this.path, JSON.stringify(all));
  }
  async findAllUploads() {
    return Object.values(this.read());
  }
  async findUploadsByFingerprint(fingerprint) {
    const found = this.read()[fingerprint];
    return found ? [found] : [];
  }
  async removeUpload(key) {
    const all = this.read();
    delete all[key];
    this.write(all);
  }
  async addUpload(fingerprint, upload) {
    this.write({ ...this.read(), [fingerprint]: { ...upload, urlStorageKey: fingerprint } });
    return fingerprint;
  }
}

const say = (line) => process.stdout.write(`${line}\n`);
const size = statSync(options.file).size;
let reported = false;
const started = process.hrtime.bigint();

const upload = new Upload(createReadStream(options.file), {
  endpoint: options.endpoint,
  chunkSize: options.chunkSize,
  uploadSize: size,
  headers: options.headers ?? {},
  metadata: options.metadata ?? {},
  retryDelays: options.retryDelays ?? [0, 1000, 3000],
  fingerprint: async () => `record:${options.recordId ?? options.file}`,
  urlStorage: new RecordUrlStorage(options.stateFile),
  storeFingerprintForResuming: Boolean(options.stateFile),
  onProgress: (bytesSent) => {
    if (!reported && options.reportAt != null && bytesSent >= options.reportAt) {
      reported = true;
      say(`REACHED ${bytesSent}`);
    }
  },
  onSuccess: ({ lastResponse }) => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    say(`DONE ${lastResponse.getHeader('Upload-Sha256') ?? '-'} ${size} ${seconds.toFixed(3)}`);
  },
  onError: (error) => {
    say(`ERROR ${String(error.message ?? error).split('\n')[0]}`);
    process.exitCode = 1;
  },
});

const previous = await upload.findPreviousUploads();
if (previous.length > 0) upload.resumeFromPreviousUpload(previous[0]);
upload.start();
