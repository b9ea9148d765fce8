/* An answer by voice to a statement: the capture area's recorder (big record / stop / listen /
 * redo buttons); the recording is kept on the device and sent like any medium, under the key
 * `<positioningId>/<competencyId>`, and the positioning item names it by its SHA-256. */

import { createVoiceRecorder } from '../../lib/capture/voice-recorder.js';
import { h, said } from '../../lib/dom.js';
import { readAloudButton } from '../../lib/read-aloud.js';
import { sha256Hex } from '../../lib/sha256.js';
import { keptOnDevice } from '../../lib/uploads/kept.js';

const EXTENSIONS = { 'audio/webm': 'webm', 'audio/ogg': 'ogg', 'audio/mp4': 'm4a', 'audio/mpeg': 'mp3' };

/** The voice-answer box of one statement; `onKept(sha256)` once the recording is on the device. */
export function voiceAnswer(ctx, { draft, competency, uploads, message, onKept }) {
  const { t } = ctx;
  const key = `${draft.positioningId}/${competency.id}`;
  const kept = draft.answers[competency.id]?.comment_audio_sha256 ?? null;
  const box = h(
    'div',
    { class: 'voice-answer' },
    said('p', t('candidate.position.voice')),
    kept ? readAloudButton(ctx, { audioKey: key, audioSha256: kept, label: t('candidate.position.voiceKept'), big: false }) : null,
  );
  const keptText = said('p', kept ? t('candidate.position.voiceKept') : '', { class: 'kept', role: 'status' });
  box.append(keptText);
  const onRecorded = async (blob, { mediaType = blob.type } = {}) => {
    try {
      const sha256 = await sha256Hex(blob);
      const type = (mediaType || 'audio/webm').split(';')[0];
      const filename = `${competency.key}.${EXTENSIONS[type] ?? 'webm'}`;
      await keptOnDevice(uploads, key, blob, { dossierId: draft.dossierId, filename, mediaType: type });
      await onKept(sha256);
      keptText.textContent = t('candidate.position.voiceKept');
    } catch (error) {
      message.problem(t('problem.unknown'));
      console.error(error);
    }
  };
  box.append(createVoiceRecorder(ctx, { onRecorded, label: t('candidate.position.voice') }));
  return box;
}
