/* How records name their media: the SHA-256 of the bytes, in lowercase hex. The server stores
 * blobs under the same name (content-addressed), so both sides must compute it alike. */

/** SHA-256 of a blob, in hex. */
export async function sha256Hex(blob, subtle = globalThis.crypto?.subtle) {
  const digest = await subtle.digest('SHA-256', await blob.arrayBuffer());
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
