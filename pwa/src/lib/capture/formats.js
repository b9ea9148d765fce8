/* Which recording format this browser can make. MediaRecorder records only what the browser was
 * built for: Chromium and Firefox make WebM (Opus, VP8/VP9), Safari makes MP4 (AAC, H.264).
 * We ask in order of preference and keep the first it accepts; the media server converts what
 * it receives for the other browsers (docs/media.md). */

export const AUDIO_TYPES = [
  'audio/webm;codecs=opus',
  'audio/webm',
  'audio/mp4;codecs=mp4a.40.2',
  'audio/mp4',
  'audio/ogg;codecs=opus',
  'audio/ogg',
];

export const VIDEO_TYPES = [
  'video/webm;codecs=vp9,opus',
  'video/webm;codecs=vp8,opus',
  'video/webm',
  'video/mp4;codecs=avc1,mp4a.40.2',
  'video/mp4',
];

const EXTENSIONS = {
  'audio/webm': 'webm',
  'audio/mp4': 'm4a',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/wav': 'wav',
  'video/webm': 'webm',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
};

/** True when this page can record at all (MediaRecorder and a way to reach the devices). */
export function canRecord(scope = globalThis) {
  return typeof scope.MediaRecorder === 'function' && Boolean(scope.navigator?.mediaDevices?.getUserMedia);
}

/**
 * The first type of `kind` ('audio' or 'video') the browser says it records; '' when it knows
 * none of ours (the browser then picks its own, read back from the recorder); null when there is
 * no MediaRecorder at all.
 */
export function chooseRecordingType(kind, recorder = globalThis.MediaRecorder) {
  if (typeof recorder !== 'function') return null;
  const wanted = kind === 'video' ? VIDEO_TYPES : AUDIO_TYPES;
  if (typeof recorder.isTypeSupported !== 'function') return '';
  return wanted.find((type) => recorder.isTypeSupported(type)) ?? '';
}

/** 'audio/webm;codecs=opus' -> 'audio/webm': what records and uploads name. */
export function baseType(mediaType) {
  return String(mediaType ?? '').split(';')[0].trim().toLowerCase();
}

/** The evidence kind of a media type: photo, video, audio, or document for anything else. */
export function kindOf(mediaType) {
  const type = baseType(mediaType);
  if (type.startsWith('image/')) return 'photo';
  if (type.startsWith('video/')) return 'video';
  if (type.startsWith('audio/')) return 'audio';
  return 'document';
}

/** The file extension for a media type ('bin' when we do not know it). */
export function extensionOf(mediaType) {
  const type = baseType(mediaType);
  return EXTENSIONS[type] ?? type.split('/')[1]?.replace(/[^a-z0-9]/g, '') ?? 'bin';
}

/** A file name for a capture: the kind, the date and the right extension ("video-2026-11-23.webm"). */
export function filenameFor(kind, mediaType, date = new Date()) {
  const day = date.toISOString().slice(0, 10);
  return `${kind}-${day}.${extensionOf(mediaType) || 'bin'}`;
}
