/* From a capture's draft to the evidence record: which question comes next, and the record put
 * once when the candidate is done (evidence is append-only: never changed after). Pure: the
 * screens save the draft and put the record. */

const ASKS_ABOUT_PEOPLE = new Set(['photo', 'video']);

/** A new draft for a medium just taken. */
export function newDraft({ id, personId, kind, blob, mediaType, filename, capturedAt = new Date() }) {
  return {
    id,
    personId,
    kind,
    blob,
    mediaType,
    filename,
    capturedAt: capturedAt.toISOString(),
    kept: false, // the candidate said "I keep it" after the preview
    dossierId: null,
    sha256: null, // set once the medium is in the upload queue (the blob then leaves the draft)
    blockKey: null, // the block tapped, while choosing its competency
    competencyIds: null, // null: not asked yet; []: "I do not know"
    peopleInPicture: ASKS_ABOUT_PEOPLE.has(kind) ? null : 'nobody',
    captionText: '',
    captionAudioSha256: null,
    captionBlob: null, // the spoken caption, kept here until "J'ai fini", then sent
    captionMediaType: null,
    captionDone: false,
  };
}

/**
 * The step to show: preview (keep or retake), dossier (which one, when several), upload (the
 * medium moves to the upload queue), competency, people (image rights), caption, or done.
 */
export function currentStep(draft) {
  if (!draft.kept) return 'preview';
  if (!draft.dossierId) return 'dossier';
  if (!draft.sha256) return 'upload';
  if (draft.competencyIds === null) return 'competency';
  if (draft.peopleInPicture === null) return 'people';
  if (!draft.captionDone) return 'caption';
  return 'done';
}

/** The steps the candidate answers, for "2 sur 4" progress. */
export function questionSteps(draft) {
  return ['competency', ...(ASKS_ABOUT_PEOPLE.has(draft.kind) ? ['people'] : []), 'caption'];
}

/** The evidence record of a finished draft, in the shape of shared_schemas/records/evidence. */
export function evidenceRecord(draft) {
  const caption = draft.captionText?.trim() ?? '';
  return {
    id: draft.id,
    dossier_id: draft.dossierId,
    author_id: draft.personId,
    kind: draft.kind,
    media_sha256: draft.sha256,
    media_type: draft.mediaType,
    caption_text: caption || null,
    caption_audio_sha256: draft.captionAudioSha256 ?? null,
    task: null,
    competency_ids: [...(draft.competencyIds ?? [])],
    people_in_picture: draft.peopleInPicture ?? 'unknown',
    captured_at: draft.capturedAt,
    supersedes_id: null,
  };
}

export { sha256Hex } from '../sha256.js';

/** The upload key of the spoken caption (a record's second medium: `<recordId>/<field>`). */
export const captionKey = (evidenceId) => `${evidenceId}/caption_audio_sha256`;
