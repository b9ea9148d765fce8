/* Has the server really got the file? A blob leaves the device only when the answer is yes.
 *
 * The browser hashes the file itself (crypto.subtle) when it is small enough to read into memory
 * at once, and compares with the SHA-256 the server computed (header Upload-Sha256). A bigger
 * file (a long video on an iPad) is trusted on the server's hash and the byte count. */

import { sha256Hex } from '../sha256.js';

export const HASH_LIMIT = 64 * 1024 * 1024;
const SHA256 = /^[0-9a-f]{64}$/;

export { sha256Hex };

/** The local hash, or null when the file is too big to hash in memory (or subtle is missing). */
export async function localHash(blob, { limit = HASH_LIMIT, subtle = globalThis.crypto?.subtle } = {}) {
  if (!subtle || blob.size > limit) return null;
  return sha256Hex(blob, subtle);
}

/** What the final tus response says: { sha256, offset }, from PATCH or from HEAD. */
export function serverReceipt(response) {
  const header = (name) => (response ? response.getHeader(name) : null);
  const sha256 = String(header('Upload-Sha256') ?? '').trim().toLowerCase();
  const offset = Number.parseInt(header('Upload-Offset') ?? header('Upload-Length') ?? '', 10);
  return { sha256: SHA256.test(sha256) ? sha256 : null, offset: Number.isNaN(offset) ? null : offset };
}

/**
 * Compare what was sent ({ sha256 or null, size }) with the receipt.
 * Returns { ok: true, sha256 } or { ok: false, code }.
 */
export function checkReceipt(sent, receipt) {
  if (receipt.sha256 === null) return { ok: false, code: 'hash_missing' };
  if (receipt.offset !== null && receipt.offset !== sent.size) return { ok: false, code: 'size_mismatch' };
  if (sent.sha256 && sent.sha256 !== receipt.sha256) return { ok: false, code: 'hash_mismatch' };
  return { ok: true, sha256: receipt.sha256 };
}
