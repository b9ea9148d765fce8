/* The reader's media: played from the member's offline copy (object URLs of the media store's
 * blobs), else, while online, from the server. Every object URL made for a screen is revoked when
 * the route changes, so a long session of reading does not pile blobs up in memory. */

import { h } from '../../lib/dom.js';
import { serverMediaUrl } from '../../lib/media-source.js';

/** A source of media for one session's reader; `release()` revokes what it made. */
export function mediaShelf(store, sessionId, { online = () => globalThis.navigator?.onLine !== false } = {}) {
  const made = new Map();
  return {
    /** {url, local} for a medium, or null when neither the device nor the network has it. */
    async source(sha256, derivative = null) {
      if (!sha256) return null;
      if (made.has(sha256)) return { url: made.get(sha256), local: true };
      const blob = await store.blob(sessionId, sha256);
      if (blob) {
        if (!made.has(sha256)) made.set(sha256, URL.createObjectURL(blob));
        return { url: made.get(sha256), local: true };
      }
      return online() ? { url: serverMediaUrl(sha256, derivative), local: false } : null;
    },
    release() {
      for (const url of made.values()) URL.revokeObjectURL(url);
      made.clear();
    },
    get count() {
      return made.size;
    },
  };
}

/** Revoke the shelf's URLs when the route changes (the screen is left). */
export function releaseOnLeave(shelf, win = globalThis.window) {
  win?.addEventListener('hashchange', () => shelf.release(), { once: true });
  win?.addEventListener('pagehide', () => shelf.release(), { once: true });
}

const DERIVATIVE = { photo: 'display', video: 'web', audio: 'web' };

/**
 * The player of an evidence's medium, named for screen readers by `label`; a sentence when the
 * medium is on neither the device nor the network.
 */
export async function evidenceMedia(ctx, shelf, evidence, label) {
  const { t } = ctx;
  if (evidence.kind === 'text' || !evidence.media_sha256) return null;
  const found = await shelf.source(evidence.media_sha256, DERIVATIVE[evidence.kind] ?? null);
  if (!found) return h('p', { class: 'jury-missing', text: t('jury.reader.mediaMissing') });
  if (evidence.kind === 'photo') {
    return h('img', { src: found.url, alt: label, class: 'jury-photo' });
  }
  if (evidence.kind === 'video' || evidence.kind === 'audio') {
    return h(evidence.kind, {
      src: found.url, controls: true, preload: 'metadata', class: `jury-${evidence.kind}`,
      'aria-label': label, 'data-sha256': evidence.media_sha256,
    });
  }
  return h('p', {}, h('a', { href: found.url, download: '', text: t('jury.reader.openDocument', { name: label }) }));
}

/** A recorded voice (a spoken caption, a testimony's audio), or null. */
export async function voice(shelf, sha256, label) {
  const found = await shelf.source(sha256);
  if (!found) return null;
  return h('audio', { src: found.url, controls: true, preload: 'metadata', class: 'jury-audio', 'aria-label': label, 'data-sha256': sha256 });
}
