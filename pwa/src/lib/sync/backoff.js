/* How long to wait before trying again after failures: exponential backoff with full jitter
 * (a random delay between 0 and the exponential ceiling), so that the tablets of a whole
 * workshop coming back online together do not knock on the server in step. */

export const BACKOFF = { baseMs: 2_000, capMs: 5 * 60_000 };

/** Delay before the next try after `failures` failures in a row (0 failures: no wait). */
export function backoffDelay(failures, { baseMs, capMs } = BACKOFF, random = Math.random) {
  if (failures <= 0) return 0;
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(failures - 1, 30));
  return Math.floor(random() * ceiling);
}
