/* The decision records a jury member makes, ready for sync.put. Decisions are append-only:
 * changing one is recording a new one, and the last recorded counts (effective.js). The server
 * sets `decided_by_id` to whoever sent it; the device leaves it out. */

export const OUTCOMES = ['acquis', 'en_cours_d_acquisition', 'non_acquis'];
export const OVERALL_OUTCOMES = ['validation_totale', 'validation_partielle', 'non_validation'];

/** An empty comment is no comment: null, so that both sides of the minutes read the same. */
export const commentOf = (text) => (String(text ?? '').trim() ? String(text).trim() : null);

/** A decision on one competency; `levelKey` only for a framework whose levels are cercles. */
export function competencyDecision({ id, sessionId, dossierId, competencyId, outcome, levelKey = null, comment, now = new Date() }) {
  return {
    id,
    session_id: sessionId,
    dossier_id: dossierId,
    competency_id: competencyId,
    outcome,
    level_key: levelKey || null,
    overall_outcome: null,
    validated_block_keys: [],
    comment: commentOf(comment),
    decided_at: now.toISOString(),
  };
}

/** The overall outcome; the validated blocks only for a partial validation. */
export function overallDecision({ id, sessionId, dossierId, overallOutcome, blockKeys = [], comment, now = new Date() }) {
  return {
    id,
    session_id: sessionId,
    dossier_id: dossierId,
    competency_id: null,
    outcome: null,
    level_key: null,
    overall_outcome: overallOutcome,
    validated_block_keys: overallOutcome === 'validation_partielle' ? [...new Set(blockKeys)].sort() : [],
    comment: commentOf(comment),
    decided_at: now.toISOString(),
  };
}

/** Does the jury say which level (cercle) a competency reached? RECTEC's transversal scale. */
export function usesCercles(framework) {
  return framework?.kind === 'transversal';
}

/** Is this decision the same as the effective one (nothing to record)? */
export function sameDecision(a, b) {
  if (!a || !b) return false;
  const keys = ['outcome', 'level_key', 'overall_outcome', 'comment'];
  return keys.every((key) => (a[key] ?? null) === (b[key] ?? null))
    && [...(a.validated_block_keys ?? [])].sort().join() === [...(b.validated_block_keys ?? [])].sort().join();
}
