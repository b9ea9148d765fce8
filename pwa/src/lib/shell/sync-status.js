/* Where the person's work stands, in words a candidate understands: "Tout est envoyé.",
 * "2 vidéos attendent le wifi." Pure functions over what the device holds (the person's outbox
 * and upload entries) and the sync client's state; lib/shell/sync-widget.js draws them.
 *
 * Counting is by kind of thing the person made, not by technical record: a photo with its
 * evidence record is one photo; a spoken caption is one voice message. */

// The pictogram of each overall state (OpenMoji codes, shipped in pictograms.json).
export const STATE_PICTOGRAMS = {
  sent: 'openmoji:2705', // check mark: everything is on the server
  sending: 'openmoji:1F4E4', // outbox tray
  offline: 'openmoji:1F6DC', // wireless: waiting for the wifi
  waiting: 'openmoji:23F3', // hourglass: will go on by itself
  refused: 'openmoji:26A0', // warning: someone must look
};

export const KIND_PICTOGRAMS = {
  photo: 'openmoji:1F4F7',
  video: 'openmoji:1F3A5',
  voice: 'openmoji:1F3A4',
  file: 'openmoji:1F4C4',
  proof: 'openmoji:1F4C1',
  answer: 'openmoji:270B',
  change: 'openmoji:1F504',
};

// The order kinds are told in: what the person made with their hands first.
const KIND_ORDER = ['video', 'photo', 'voice', 'file', 'proof', 'answer', 'change'];

/** The kind of a medium from its type: video, photo, voice or file. */
export function mediaKind(mediaType) {
  const type = String(mediaType ?? '').toLowerCase();
  if (type.startsWith('video/')) return 'video';
  if (type.startsWith('image/')) return 'photo';
  if (type.startsWith('audio/')) return 'voice';
  return 'file';
}

/** The kind of a queued record: a proof, an answer (positioning) or any other change. */
export function recordKind(type) {
  if (type === 'evidence') return 'proof';
  if (type === 'positioning') return 'answer';
  return 'change';
}

/** Is this upload entry the person's (entries made before uploads were tagged: anyone's)? */
export function uploadOf(personId) {
  return (entry) => (entry.personId ?? null) === null || entry.personId === personId;
}

/** The record an upload key belongs to: `<recordId>` or `<recordId>/<field>`. */
export function recordOfKey(key) {
  return String(key).split('/')[0];
}

function countKinds(items) {
  const counts = new Map();
  for (const kind of items) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return KIND_ORDER.filter((kind) => counts.has(kind)).map((kind) => ({
    kind,
    count: counts.get(kind),
  }));
}

/**
 * Summarize: {state, kinds: [{kind, count}], refused, waiting}. `outbox`: the person's outbox
 * entries ({type, id, state}); `uploads`: their upload entries ({recordId, mediaType, state,
 * error}); `clientState`: the sync client's status state; `online`: navigator.onLine.
 */
export function summarize({ outbox = [], uploads = [], clientState = 'idle', online = true }) {
  const waitingUploads = uploads.filter((entry) => entry.state !== 'refused');
  const withMedia = new Set(uploads.map((entry) => recordOfKey(entry.recordId)));
  // A record whose medium still waits is told as that medium ("1 photo"), not twice.
  const waitingRecords = outbox.filter(
    (entry) => entry.state !== 'rejected' && !withMedia.has(entry.id),
  );
  const refused =
    outbox.filter((entry) => entry.state === 'rejected').length +
    uploads.filter((entry) => entry.state === 'refused').length;
  const kinds = countKinds([
    ...waitingUploads.map((entry) => mediaKind(entry.mediaType)),
    ...waitingRecords.map((entry) => recordKind(entry.type)),
  ]);
  const waiting = waitingUploads.length + waitingRecords.length;
  const noNetwork =
    !online ||
    clientState === 'offline' ||
    waitingUploads.some((entry) => entry.state === 'waiting' && entry.error === 'offline');
  const sending =
    clientState === 'syncing' || waitingUploads.some((entry) => entry.state === 'sending');
  let state;
  if (waiting === 0) state = refused > 0 ? 'refused' : 'sent';
  else if (noNetwork) state = 'offline';
  else state = sending ? 'sending' : 'waiting';
  return { state, kinds, refused, waiting };
}

const number = (count) => (count === 1 ? 'one' : 'many');

/** "2 vidéos", "1 photo": the words for a count of one kind. */
export function kindWords(t, { kind, count }) {
  return t(`shell.kind.${kind}.${number(count)}`, { count });
}

/** The sentences that say a summary: one idea each, one kind each. */
export function sentences(t, summary) {
  if (summary.state === 'sent') return [t('shell.sync.sent')];
  const verb = { offline: 'offline', sending: 'sending', waiting: 'waiting' }[summary.state];
  const told = verb
    ? summary.kinds.map((entry) =>
        t(`shell.sync.${verb}.${number(entry.count)}`, { what: kindWords(t, entry) }),
      )
    : [];
  if (summary.refused > 0) {
    told.push(t(`shell.sync.refused.${number(summary.refused)}`, { count: summary.refused }));
  }
  return told;
}

/** Bytes sent over bytes to send across the uploads under way: a fraction 0..1, or null. */
export function uploadFraction(progressByRecord) {
  let sent = 0;
  let total = 0;
  for (const { bytesSent, bytesTotal } of progressByRecord.values()) {
    sent += bytesSent;
    total += bytesTotal;
  }
  return total > 0 ? Math.min(1, sent / total) : null;
}

// Less room than this is "nearly full": the free share of the quota, or a few minutes of video.
export const NEARLY_FULL_SHARE = 0.1;
export const NEARLY_FULL_BYTES = 300 * 1024 * 1024;

/** Is the device nearly full? From navigator.storage.estimate()'s {usage, quota}. */
export function nearlyFull({ usage, quota } = {}) {
  if (!Number.isFinite(usage) || !Number.isFinite(quota) || quota <= 0) return false;
  const free = quota - usage;
  return free < NEARLY_FULL_BYTES || free / quota < NEARLY_FULL_SHARE;
}
