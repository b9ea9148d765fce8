/* Media for the workspace screens: an evidence's picture (the shell's media source: the local
 * blob while the device holds it, else the server's copy) and the capture area's voice recorder,
 * loaded when that area is in the build (without it, comments are written only). */

import { mediaSource } from '../../lib/media-source.js';

let voiceModule = null;

/** A URL for an evidence's picture (thumbnail by default). */
export function evidenceImage(ctx, evidence, derivative = 'thumbnail') {
  return mediaSource(ctx, { key: evidence.id, sha256: evidence.media_sha256, derivative });
}

/** The capture area's voice recorder element, or null when it is not in this build. */
export async function voiceRecorder(ctx, { onRecorded, onCleared }) {
  voiceModule ??= import('../../lib/capture/voice-recorder.js').catch(() => null);
  const module = await voiceModule;
  return module?.createVoiceRecorder ? module.createVoiceRecorder(ctx, { onRecorded, onCleared }) : null;
}

export { sha256Hex } from '../../lib/sha256.js';
