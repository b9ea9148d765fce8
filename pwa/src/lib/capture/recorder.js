/* Recording a stream (the camera's or the microphone's) with MediaRecorder: chunks gathered as
 * they come, one blob at the end, and how long it lasted. No time limit: a candidate films as
 * long as the task takes.
 *
 *   const recording = startRecording(stream, { kind: 'video' });
 *   const { blob, mediaType, seconds } = await recording.stop();
 */

import { baseType, chooseRecordingType } from './formats.js';

// Chunks every second: a tab killed mid-recording loses at most the last one, and memory holds
// small pieces rather than one growing buffer.
const TIMESLICE_MS = 1000;

/** Start recording `stream`; {mediaType, elapsedSeconds(), stop(), cancel()}. */
export function startRecording(stream, { kind, Recorder = globalThis.MediaRecorder, now = () => Date.now() }) {
  const wanted = chooseRecordingType(kind, Recorder);
  if (wanted === null) throw new RecordingUnsupportedError(kind);
  const recorder = new Recorder(stream, wanted ? { mimeType: wanted } : {});
  const chunks = [];
  const startedAt = now();
  let endedAt = null;
  recorder.addEventListener('dataavailable', (event) => {
    if (event.data?.size) chunks.push(event.data);
  });
  const stopped = new Promise((resolve, reject) => {
    recorder.addEventListener('stop', () => resolve());
    recorder.addEventListener('error', (event) => reject(event.error ?? new Error('recording failed')));
  });
  recorder.start(TIMESLICE_MS);
  const mediaType = () => baseType(recorder.mimeType || wanted) || `${kind}/webm`;
  return {
    get mediaType() {
      return mediaType();
    },
    elapsedSeconds: () => Math.max(0, Math.floor(((endedAt ?? now()) - startedAt) / 1000)),
    /** Stop and resolve {blob, mediaType, seconds}. */
    async stop() {
      if (recorder.state !== 'inactive') recorder.stop();
      await stopped;
      endedAt ??= now();
      const type = mediaType();
      return { blob: new Blob(chunks, { type }), mediaType: type, seconds: Math.round((endedAt - startedAt) / 1000) };
    },
    /** Stop and throw the recording away (the screen was left). */
    cancel() {
      endedAt ??= now();
      if (recorder.state !== 'inactive') recorder.stop();
      chunks.length = 0;
    },
  };
}

export class RecordingUnsupportedError extends Error {
  constructor(kind) {
    super(`this browser cannot record ${kind}`);
    this.name = 'RecordingUnsupportedError';
  }
}

/** "1:05" for 65 seconds, "1:02:03" past an hour: the visible elapsed time. */
export function clock(seconds) {
  const whole = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = String(whole % 60).padStart(2, '0');
  return hours ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}
