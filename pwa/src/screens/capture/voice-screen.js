/* Telling with my voice: the voice recorder; once the message is recorded it becomes a draft and
 * the candidate goes on to listen, keep it and say what it is about. */

import { h, messageArea, said } from '../../lib/dom.js';
import { createVoiceRecorder } from '../../lib/capture/voice-recorder.js';
import { readAloudButton } from '../../lib/read-aloud.js';
import { title } from '../parts.js';
import { busyWhileHere, homeButton, startDraft, unfinishedOffer } from './common.js';

export async function voiceScreen(ctx) {
  const { t } = ctx;
  const message = messageArea();
  busyWhileHere('capture-voice');
  const recorder = createVoiceRecorder(ctx, {
    label: t('capture.voice.title'),
    async onRecorded(blob, { mediaType }) {
      try {
        await startDraft(ctx, { kind: 'audio', blob, mediaType });
      } catch (error) {
        console.error(error);
        message.problem(t('capture.problem.notKept'));
      }
    },
  });
  const instruction = t('capture.voice.instruction');
  return h(
    'section',
    { class: 'capture-screen capture-voice' },
    title(t('capture.voice.title')),
    h('div', { class: 'capture-instruction' }, said('p', instruction), readAloudButton(ctx, { text: instruction, big: false })),
    await unfinishedOffer(ctx),
    message.element,
    recorder,
    h('div', { class: 'capture-buttons' }, homeButton(ctx)),
  );
}
