/* Reaching the camera and the microphone (getUserMedia): which camera (front or back), and
 * stopping every track when the screen is left, so that the camera light goes off. */

import { RecordingUnsupportedError } from './recorder.js';

/** Why a device could not be opened, as a word the screens turn into a sentence. */
export function deviceProblem(error) {
  const name = error?.name ?? '';
  if (error instanceof RecordingUnsupportedError || name === 'TypeError') return 'unsupported';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return 'refused';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') return 'missing';
  if (name === 'NotReadableError' || name === 'TrackStartError' || name === 'AbortError') return 'busy';
  return 'unsupported';
}

function mediaDevices(scope = globalThis) {
  const devices = scope.navigator?.mediaDevices;
  if (!devices?.getUserMedia) throw new RecordingUnsupportedError('media');
  return devices;
}

/** The microphone alone, for a voice note. */
export function openMicrophone(scope = globalThis) {
  return mediaDevices(scope).getUserMedia({ audio: true, video: false });
}

/**
 * The camera facing `facing` ('environment' = the back, 'user' = the front), with the
 * microphone when `audio` (for a video). `deviceId` picks one camera exactly when the tablet has
 * several on the same side.
 */
export async function openCamera({ facing = 'environment', deviceId = null, audio = false } = {}, scope = globalThis) {
  const video = deviceId
    ? { deviceId: { exact: deviceId } }
    : { facingMode: { ideal: facing }, width: { ideal: 1920 }, height: { ideal: 1080 } };
  const devices = mediaDevices(scope);
  try {
    return await devices.getUserMedia({ video, audio });
  } catch (error) {
    // A video with no microphone is still worth taking: try again without the sound.
    if (!audio || deviceProblem(error) === 'refused') throw error;
    return devices.getUserMedia({ video, audio: false });
  }
}

/** How many cameras the tablet has (labels need a permission; the count does not). */
export async function countCameras(scope = globalThis) {
  try {
    const devices = await scope.navigator.mediaDevices.enumerateDevices();
    return devices.filter((device) => device.kind === 'videoinput').length;
  } catch {
    return 0;
  }
}

/** Stop every track: the camera and the microphone are let go. */
export function stopStream(stream) {
  for (const track of stream?.getTracks?.() ?? []) track.stop();
}

/** The other side: back -> front, front -> back. */
export function otherSide(facing) {
  return facing === 'user' ? 'environment' : 'user';
}
