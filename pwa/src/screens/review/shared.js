/* What the review screens share: the dossier read from the device, words for dates, people and
 * kinds, a small preview of an evidence, and re-drawing when sync brings changes. */

import { loadDossier } from '../../lib/dossier-data.js';
import { h } from '../../lib/dom.js';
import { mediaSource } from '../../lib/media-source.js';
import { derivativeState, previewDerivative, stateKey } from '../../lib/review/media.js';
import { listenWhileShown } from '../../lib/while-shown.js';

/** {sync, uploads, dossier, framework, records, person(id)} or null when not on the device. */
export async function openReview(ctx, dossierId) {
  const { sync, uploads } = await ctx.local();
  let loaded = await loadDossier(sync.queries, dossierId);
  if (!loaded?.framework) {
    // Opened before the first sync brought it (a link followed on a new device): ask once.
    await sync.client.syncNow().catch(() => null);
    loaded = await loadDossier(sync.queries, dossierId);
  }
  if (!loaded) return null;
  const people = new Map(
    (await sync.queries.listByType('person')).map((person) => [person.id, person]),
  );
  const person = (id) => people.get(id) ?? null;
  return { sync, uploads, ...loaded, person };
}

/** "Léa Martin", or null when the person is not on the device. */
export function personName(person) {
  if (!person) return null;
  return [person.given_name, person.family_name].filter(Boolean).join(' ') || null;
}

export function formatDate(value, language, { time = true } = {}) {
  if (!value) return '';
  const locale = language === 'fr' ? 'fr-FR' : language;
  const options = time ? { dateStyle: 'long', timeStyle: 'short' } : { dateStyle: 'long' };
  return new Intl.DateTimeFormat(locale, options).format(new Date(value));
}

/** The words that name an evidence: its caption, or its kind and date. */
export function evidenceLabel(ctx, evidence) {
  const caption = (evidence.caption_text ?? '').trim();
  if (caption) return caption.length > 80 ? `${caption.slice(0, 77)}…` : caption;
  return ctx.t('review.evidence.untitled', {
    kind: ctx.t(`review.kind.${evidence.kind}`),
    date: formatDate(evidence.captured_at, ctx.language, { time: false }),
  });
}

/** A competency's words for staff: its easy wording, else its official one, else its key. */
export const competencyName = (competency) =>
  competency?.easy_wording ?? competency?.official_wording ?? competency?.title ?? competency?.key ?? '';

export const criterionName = competencyName;

/** Where a derivative stands, in words (GET /media/<sha>/status); "no network" when offline. */
async function statusWords(ctx, sha256, derivative) {
  try {
    const status = await ctx.api.get(`/media/${sha256}/status`);
    return ctx.t(stateKey(derivativeState(status, derivative)));
  } catch {
    return ctx.t('review.media.offline');
  }
}

/**
 * A small picture of an evidence for lists: a photo's thumbnail, a video's poster (the device's
 * copy while it holds it), else words: what kind it is, or why the picture is not there yet.
 * Hidden from screen readers: the list item around it says the same in words.
 */
export function preview(ctx, evidence) {
  const derivative = previewDerivative(evidence.kind);
  const box = h('span', { class: 'review-preview', 'aria-hidden': 'true' });
  const words = (text) => box.replaceChildren(h('span', { class: 'review-preview-words', text }));
  words(ctx.t(`review.kind.${evidence.kind}`));
  if (!derivative || !evidence.media_sha256) return box;
  mediaSource(ctx, { key: evidence.id, sha256: evidence.media_sha256, derivative }).then((src) => {
    if (!src) return;
    const img = h('img', { src, alt: '', loading: 'lazy', decoding: 'async' });
    img.addEventListener('error', async () =>
      words(await statusWords(ctx, evidence.media_sha256, derivative)));
    box.replaceChildren(img);
  });
  return box;
}

/** Call `redraw` when sync brings records of these types, while `node` is on the page. */
export function redrawOnChanges(sync, node, types, redraw) {
  listenWhileShown(node, sync.client, 'changes', (event) => {
    if ((event.detail?.types ?? []).some((type) => types.includes(type))) redraw();
  });
}

/** The screen shown when the dossier has not reached this device. */
export function missingDossier(ctx, titleNode) {
  return h('section', { class: 'review' }, titleNode, h('p', { text: ctx.t('review.missing') }));
}
