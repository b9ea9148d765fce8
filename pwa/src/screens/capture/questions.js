/* The last questions of a capture: is someone else in the picture (image rights), and what it
 * shows, told with my voice or written. */

import { h, said } from '../../lib/dom.js';
import { pictureButton } from '../../lib/capture/buttons.js';
import { createVoiceRecorder } from '../../lib/capture/voice-recorder.js';
import { readAloudButton } from '../../lib/read-aloud.js';
import { title } from '../parts.js';

// people_in_picture values (shared_schemas/records/evidence.schema.json) and their pictures.
const PEOPLE = [
  ['nobody', 'onlyMe'],
  ['someone_consenting', 'agreed'],
  ['someone_not_asked', 'notAsked'],
  ['unknown', 'unknown'],
];

/** Is someone else in the picture? `onAnswer(value)`. */
export function peopleStep(ctx, { onAnswer }) {
  const { t } = ctx;
  const question = t('capture.people.question');
  return h(
    'div',
    { class: 'capture-step' },
    title(t('capture.people.title')),
    h('div', { class: 'capture-instruction' }, said('p', question), readAloudButton(ctx, { text: question, big: false })),
    h(
      'ul',
      { class: 'capture-choices', role: 'list' },
      ...PEOPLE.map(([value, picture]) => {
        const label = t(`capture.people.${value}`);
        return h(
          'li',
          { class: 'capture-choice' },
          pictureButton(label, picture, { onclick: () => onAnswer(value) }),
          readAloudButton(ctx, { text: label, label, big: false }),
        );
      }),
    ),
  );
}

/**
 * What it shows: a voice message (`onVoice(blob, {mediaType})`, `onVoiceCleared()`) or words
 * (`onText(text)` as typed); `onDone()` when the candidate has finished (both may stay empty).
 */
export function captionStep(ctx, draft, { onVoice, onVoiceCleared, onText, onDone }) {
  const { t } = ctx;
  const question = t('capture.caption.question');
  const recorder = createVoiceRecorder(ctx, {
    label: t('capture.caption.voice'),
    onRecorded: onVoice,
    onCleared: onVoiceCleared,
  });
  const kept = draft.captionAudioSha256 ? said('p', t('capture.caption.voiceKept'), { class: 'capture-kept' }) : null;
  const text = h('textarea', { id: 'capture-caption-text', class: 'capture-text', rows: 3 });
  text.value = draft.captionText ?? '';
  text.addEventListener('input', () => onText(text.value));
  return h(
    'div',
    { class: 'capture-step' },
    title(t('capture.caption.title')),
    h('div', { class: 'capture-instruction' }, said('p', question), readAloudButton(ctx, { text: question, big: false })),
    kept,
    recorder,
    h('label', { for: 'capture-caption-text', class: 'capture-label', text: t('capture.caption.write') }),
    text,
    h('div', { class: 'capture-buttons' }, pictureButton(t('capture.caption.done'), 'keep', { onclick: onDone })),
  );
}
