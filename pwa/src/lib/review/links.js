/* Which competencies and criteria a piece of evidence shows. Evidence is never edited, so the
 * candidate's own choice stays in the evidence (`competency_ids`), and a support worker's link is
 * an annotation that names competencies and criteria (kind `validated` when it says nothing
 * more, `comment` when it has words). A link is taken back by deleting its annotation. */

const live = (records = []) => records.filter((record) => !record.deleted);

/** The annotations about one evidence, oldest first. */
export function annotationsOf(evidenceId, annotations = []) {
  return live(annotations)
    .filter((annotation) => annotation.evidence_id === evidenceId)
    .sort((a, b) => stamp(a).localeCompare(stamp(b)));
}

const stamp = (record) => String(record.changed_at ?? record.client_changed_at ?? '');

/** Does this annotation tie the evidence to something? */
export const isLink = (annotation) =>
  (annotation.competency_ids ?? []).length > 0 || (annotation.criterion_ids ?? []).length > 0;

/**
 * {own, competencies, criteria, links}: the candidate's own competency ids, the union of theirs
 * and the support workers' (Sets), and the annotations that make links.
 */
export function tiesOf(evidence, annotations = []) {
  const own = new Set(evidence.competency_ids ?? []);
  const competencies = new Set(own);
  const criteria = new Set();
  const links = annotationsOf(evidence.id, annotations).filter(isLink);
  for (const link of links) {
    for (const id of link.competency_ids ?? []) competencies.add(id);
    for (const id of link.criterion_ids ?? []) criteria.add(id);
  }
  return { own, competencies, criteria, links };
}

/** May this link be taken back alone? Only a bare link: deleting a comment would lose its words. */
export const isBareLink = (annotation) =>
  annotation.kind === 'validated' && isLink(annotation) &&
  !annotation.body_text && !annotation.body_audio_sha256;

/** Newest capture first. */
export function byCaptureDate(evidence = []) {
  return [...live(evidence)].sort((a, b) =>
    String(b.captured_at ?? '').localeCompare(String(a.captured_at ?? '')));
}

/** The gallery's filter: 'all', 'unlinked' (no competency yet), or one competency id. */
export function filterEvidence(evidence, annotations, filter = 'all') {
  const shown = byCaptureDate(evidence);
  if (filter === 'all') return shown;
  return shown.filter((item) => {
    const { competencies } = tiesOf(item, annotations);
    return filter === 'unlinked' ? competencies.size === 0 : competencies.has(filter);
  });
}

/**
 * A new annotation record: a link (competencies, criteria), a comment, or an "à refaire".
 * `kind` is `a_refaire` when asked; otherwise `comment` when it has words or a voice, else
 * `validated` (a bare link: "this evidence shows these competencies").
 */
export function annotationRecord({
  id, dossierId, evidenceId, kind = null, text = '', audioSha256 = null,
  competencyIds = [], criterionIds = [],
}) {
  const words = text.trim();
  const record = {
    id,
    dossier_id: dossierId,
    evidence_id: evidenceId,
    kind: kind ?? (words || audioSha256 ? 'comment' : 'validated'),
    competency_ids: [...new Set(competencyIds)],
    criterion_ids: [...new Set(criterionIds)],
  };
  if (words) record.body_text = words;
  if (audioSha256) record.body_audio_sha256 = audioSha256;
  return record;
}

/** Can this annotation be sent? A comment or an "à refaire" needs words or a voice. */
export function annotationReady(record) {
  if (record.kind === 'validated') return isLink(record);
  return Boolean(record.body_text || record.body_audio_sha256);
}
