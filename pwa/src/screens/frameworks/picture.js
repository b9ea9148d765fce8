/* Pictograms in the framework editor: the shipped OpenMoji set (the precached list, then any
 * code a framework names) and the structure's own photos, served by the frameworks API. */

import { h } from '../../lib/dom.js';
import { pictogram } from '../../lib/pictogram.js';

let listed = null;

/** The OpenMoji codes the app precaches (pictograms.json), fetched once; [] offline. */
export async function shippedCodes() {
  listed ??= fetch('/pictograms.json')
    .then((response) => (response.ok ? response.json() : { openmoji: [] }))
    .then((data) => data.openmoji ?? [])
    .catch(() => []);
  return listed;
}

/** An <img> for a framework's pictogram; a `photo:` one comes from the frameworks API. */
export function frameworkPicture(ref, { alt = '' } = {}) {
  const match = /^photo:([0-9a-f]{64})$/.exec(String(ref ?? ''));
  if (!match) return pictogram(ref, { alt });
  return h('img', { class: 'pictogram', alt, src: `/api/v1/frameworks/media/${match[1]}`, decoding: 'async' });
}

/**
 * A grid of pictogram buttons. `codes` are OpenMoji codes; `onPick('openmoji:<code>')`. Each
 * button is labelled by its code, since the pictures have no words of their own.
 */
export function pictogramGrid(t, codes, current, onPick) {
  return h(
    'div',
    { class: 'pictogram-grid', role: 'group', 'aria-label': t('frameworks.pictogram.grid') },
    ...codes.map((code) => {
      const ref = `openmoji:${code}`;
      return h(
        'button',
        {
          type: 'button',
          class: 'pictogram-choice',
          'aria-pressed': String(ref === current),
          'aria-label': t('frameworks.pictogram.choose', { code }),
          onclick: () => onPick(ref),
        },
        pictogram(ref),
      );
    }),
  );
}

/** Send a photo or a recording for the structure's frameworks; resolves with its SHA-256. */
export async function sendMedia(ctx, blob, structureId) {
  const headers = { 'Content-Type': blob.type || 'application/octet-stream' };
  if (ctx.api.csrfToken) headers['X-CSRF-Token'] = ctx.api.csrfToken;
  const query = structureId ? `?structure_id=${structureId}` : '';
  const response = await fetch(`/api/v1/frameworks/media${query}`, {
    method: 'POST', headers, body: blob, credentials: 'same-origin',
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw Object.assign(new Error(body.title ?? 'media refused'), { title: body.title });
  return body.sha256;
}
