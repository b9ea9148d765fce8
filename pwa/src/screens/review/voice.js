/* A voice for an annotation: the capture helper's recorder (lib/capture/voice-recorder.js), and
 * the blob uploaded under `<annotationId>/body_audio_sha256` before the record names it. */

import { createVoiceRecorder } from '../../lib/capture/voice-recorder.js';
import { sha256Hex } from '../../lib/sha256.js';

/** {element, take(), clear()}: the recorder, and the recording it holds ({blob, mediaType} or null). */
export function voiceField(ctx, label) {
  let recorded = null;
  const element = createVoiceRecorder(ctx, {
    label,
    onRecorded(blob, { mediaType } = {}) {
      recorded = { blob, mediaType: mediaType || blob.type || 'audio/webm' };
    },
    onCleared() {
      recorded = null;
    },
  });
  return {
    element,
    take: () => recorded,
    clear() {
      recorded = null;
      element.reset();
    },
  };
}

/** Keep the recording on the device and send it (tus); resolves with its SHA-256. */
export async function uploadVoice(uploads, { annotationId, dossierId, recording }) {
  const sha256 = await sha256Hex(recording.blob);
  const extension = recording.mediaType.includes('mp4') ? 'm4a' : 'webm';
  await uploads.add(`${annotationId}/body_audio_sha256`, recording.blob, {
    dossierId, filename: `remarque.${extension}`, mediaType: recording.mediaType,
  });
  return sha256;
}
