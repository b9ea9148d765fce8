/* Looking at what was just taken: the photo, the video or the voice message, with "I keep it"
 * and "I start again". */

import { h, said } from '../../lib/dom.js';
import { pictureButton } from '../../lib/capture/buttons.js';
import { title } from '../parts.js';
import { onLeave } from './common.js';

const KIND_WORD = { photo: 'photo', video: 'video', audio: 'voice' };

/** The medium of a draft as an element: <img>, <video controls> or <audio controls>. */
export function mediumView(ctx, { kind, url, small = false }) {
  const label = ctx.t(`capture.preview.${KIND_WORD[kind]}Label`);
  const className = small ? 'capture-medium capture-medium-small' : 'capture-medium';
  if (kind === 'photo') return h('img', { class: className, src: url, alt: label });
  if (kind === 'video') return h('video', { class: className, src: url, controls: true, playsinline: true, 'aria-label': label });
  return h('audio', { class: 'capture-audio', src: url, controls: true, 'aria-label': label });
}

/** An object URL for the draft's blob, revoked when the screen is left. */
export function draftUrl(draft) {
  const url = URL.createObjectURL(draft.blob);
  onLeave(() => URL.revokeObjectURL(url));
  return url;
}

/** The preview step: `onKeep()` or `onRetake()`. */
export function previewStep(ctx, draft, { onKeep, onRetake }) {
  const { t } = ctx;
  const word = KIND_WORD[draft.kind];
  return h(
    'div',
    { class: 'capture-step capture-preview' },
    title(t(`capture.preview.${word}Title`)),
    mediumView(ctx, { kind: draft.kind, url: draftUrl(draft) }),
    said('p', t('capture.preview.question'), { class: 'capture-question' }),
    h(
      'div',
      { class: 'capture-buttons' },
      pictureButton(t('capture.preview.keep'), 'keep', { onclick: onKeep }),
      pictureButton(t('capture.preview.retake'), 'redo', { kind: 'secondary', onclick: onRetake }),
    ),
  );
}
