/* Media of a piece of evidence as the review screens show it: which derivative stands for it in
 * the gallery, whether a derivative is ready (GET /media/<sha>/status, docs/media.md), and the
 * words for it while it is not. */

/** The derivative that shows an evidence small: a photo's thumbnail, a video's poster. */
export function previewDerivative(kind) {
  return { photo: 'thumbnail', video: 'poster' }[kind] ?? null;
}

/** 'ready', 'waiting', 'failed', 'not_needed' or 'unknown' for one derivative of a status answer. */
export function derivativeState(status, name) {
  const found = (status?.derivatives ?? []).find((derivative) => derivative.name === name);
  if (!found) return 'unknown';
  if (found.status === 'pending' || found.status === 'running') return 'waiting';
  return ['ready', 'failed', 'not_needed'].includes(found.status) ? found.status : 'unknown';
}

/** The locale key that says where a derivative is, in words. */
export const stateKey = (state) => `review.media.${state}`;

/** For playing: the `web` copy when it is ready, else the original (null derivative). */
export const playDerivative = (status) => (derivativeState(status, 'web') === 'ready' ? 'web' : null);
