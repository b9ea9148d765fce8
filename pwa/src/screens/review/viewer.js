/* One piece of evidence shown whole: a photo with zoom buttons, a video or a voice message played
 * (the server's `web` copy once ready, else the original), a text as it was written. */

import { h } from '../../lib/dom.js';
import { mediaSource } from '../../lib/media-source.js';
import { derivativeState, playDerivative, stateKey } from '../../lib/review/media.js';
import { button } from '../parts.js';

const ZOOMS = [1, 1.5, 2, 3, 4];

async function mediaStatus(ctx, sha256) {
  try {
    return await ctx.api.get(`/media/${sha256}/status`);
  } catch {
    return null; // offline, or not on the server yet: the original (or the device's copy) will do
  }
}

/** A photo in a frame that scrolls, with buttons to zoom in, out and back (no gesture needed). */
function photo(ctx, src, alt) {
  const { t } = ctx;
  let step = 0;
  const img = h('img', { src, alt, class: 'review-photo' });
  const frame = h('div', { class: 'review-zoom-frame', tabindex: '0', role: 'group', 'aria-label': alt });
  frame.append(img);
  const level = h('span', { class: 'help', role: 'status', 'aria-live': 'polite' });
  const zoomIn = button(t('review.zoom.in'), { kind: 'secondary', onclick: () => zoom(step + 1) });
  const zoomOut = button(t('review.zoom.out'), { kind: 'secondary', onclick: () => zoom(step - 1) });
  const reset = button(t('review.zoom.reset'), { kind: 'secondary', onclick: () => zoom(0) });
  function zoom(next) {
    step = Math.max(0, Math.min(ZOOMS.length - 1, next));
    img.style.width = `${ZOOMS[step] * 100}%`;
    zoomOut.disabled = step === 0;
    reset.disabled = step === 0;
    zoomIn.disabled = step === ZOOMS.length - 1;
    level.textContent = t('review.zoom.level', { step: step + 1, steps: ZOOMS.length });
  }
  zoom(0);
  return h('div', { class: 'review-viewer' }, frame,
    h('div', { class: 'row', role: 'group', 'aria-label': t('review.zoom.label') }, zoomIn, zoomOut, reset),
    level);
}

function player(tag, src, label) {
  return h(tag, { src, controls: true, preload: 'metadata', class: `review-${tag}`, 'aria-label': label });
}

/** The viewer for an evidence; `label` names it for screen readers. */
export async function viewer(ctx, evidence, label) {
  const { t } = ctx;
  if (evidence.kind === 'text' || !evidence.media_sha256) {
    return h('blockquote', { class: 'review-text', text: evidence.caption_text ?? '' });
  }
  const status = await mediaStatus(ctx, evidence.media_sha256);
  const at = (derivative) =>
    mediaSource(ctx, { key: evidence.id, sha256: evidence.media_sha256, derivative });
  if (evidence.kind === 'photo') {
    const ready = derivativeState(status, 'display') === 'ready';
    return photo(ctx, await at(ready ? 'display' : null), label);
  }
  if (evidence.kind === 'video' || evidence.kind === 'audio') {
    const web = playDerivative(status);
    const node = player(evidence.kind, await at(web), label);
    const state = derivativeState(status, 'web');
    const poster = derivativeState(status, 'poster') === 'ready' ? await at('poster') : null;
    if (evidence.kind === 'video' && poster && poster !== node.src) node.setAttribute('poster', poster);
    const note = status && state !== 'ready' && state !== 'not_needed'
      ? h('p', { class: 'help', text: `${t(stateKey(state))} ${t('review.media.original')}` })
      : null;
    return h('div', { class: 'review-viewer' }, node, note);
  }
  return h('p', {}, h('a', { href: await at(null), download: '', text: t('review.media.download') }));
}

/** The spoken caption, played; null when there is none. */
export async function spokenCaption(ctx, evidence) {
  if (!evidence.caption_audio_sha256) return null;
  const src = await mediaSource(ctx, {
    key: `${evidence.id}/caption_audio_sha256`, sha256: evidence.caption_audio_sha256,
  });
  return player('audio', src, ctx.t('review.piece.spokenCaption'));
}
