/* Where a screen finds a medium to show: the device's own copy while it still holds it (a capture
 * not yet confirmed by the server, shown offline at once), else the server's copy.
 *
 *   img.src = await mediaSource(ctx, { key: evidence.id, sha256: evidence.media_sha256,
 *                                      derivative: 'thumbnail' });
 *
 * A local copy is an object URL, made once per key and revoked when the route changes or the
 * person leaves (the screen host calls releaseMediaSources), so blobs do not pile up in memory.
 * The local copy is the original file whatever the derivative asked: a video stays a video, so
 * screens show a local video with <video>, as they would the server's `web` derivative. */

const DERIVATIVES = new Set(['thumbnail', 'display', 'poster', 'web']);
const SHA256 = /^[0-9a-f]{64}$/;

// key -> object URL, for the screen on show.
const made = new Map();

/** The server's address of a medium or of one of its derivatives (docs/media.md). */
export function serverMediaUrl(sha256, derivative = null) {
  if (!SHA256.test(String(sha256 ?? ''))) return null;
  const base = `/api/v1/media/${sha256}`;
  return derivative && DERIVATIVES.has(derivative) ? `${base}/${derivative}` : base;
}

async function localUrl(ctx, key, createObjectURL) {
  if (made.has(key)) return made.get(key);
  let blob = null;
  try {
    blob = await (await ctx.local()).uploads.localBlob(key);
  } catch {
    // Nobody signed in, or the database is closing: the server's copy will do.
  }
  if (!blob) return null;
  // Asked twice at once: keep the first URL, so that one is never left unrevoked.
  if (!made.has(key)) made.set(key, createObjectURL(blob));
  return made.get(key);
}

/**
 * A URL for a medium: the local blob (object URL) of `key` (the record id, or
 * `<recordId>/<field>`) while the device holds it, else the server's URL of `sha256` (with its
 * `derivative`). Resolves to null when neither is known.
 */
export async function mediaSource(
  ctx,
  { key = null, sha256 = null, derivative = null } = {},
  createObjectURL = (blob) => URL.createObjectURL(blob),
) {
  const local = key ? await localUrl(ctx, key, createObjectURL) : null;
  return local ?? serverMediaUrl(sha256, derivative);
}

/** Is this URL one of ours, from the device (for a screen that says "not sent yet")? */
export function isLocalSource(url) {
  return [...made.values()].includes(url);
}

/** Revoke every object URL made so far (route change, person leaving). */
export function releaseMediaSources(revokeObjectURL = (url) => URL.revokeObjectURL(url)) {
  for (const url of made.values()) revokeObjectURL(url);
  made.clear();
}
