/* The minutes (procès-verbal) of one dossier before one jury session, as signed: the content
 * built from the effective decisions, its text and its SHA-256. The server computes the same
 * bytes (preuves.juries.minutes); shared_schemas/examples/jury_minutes/ holds the vectors both
 * sides are tested against.
 *
 *   {"v": 1, "session_id", "dossier_id",
 *    "competencies": [{"competency_id", "outcome", "level_key", "comment"}],   // by competency_id
 *    "overall": {"overall_outcome", "validated_block_keys", "comment"} | null}  // keys sorted
 *
 * Text = JSON with keys sorted and no whitespace, as Python's json.dumps(sort_keys=True,
 * separators=(",", ":"), ensure_ascii=False); document_sha256 = SHA-256 hex of its UTF-8 bytes. */

import { documentHash } from '../letters/commitment.js';
import { effectiveDecisions } from './effective.js';

export const MINUTES_KIND = 'jury_minutes';
export const MINUTES_VERSION = 1;

// Code-point order, as Python sorts str keys (the keys here are ASCII, where both agree anyway).
const byCodePoint = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** JSON with object keys sorted at every depth and no whitespace. */
export function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).filter((key) => value[key] !== undefined).sort(byCodePoint);
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

// As stored: the screens write an empty comment as null, so both sides read the same value.
const orNull = (value) => value ?? null;

/** The signed content from effective decisions ({competencies: Map, overall}). */
export function minutesContent({ sessionId, dossierId, competencies, overall }) {
  const rows = [...competencies.values()]
    .map((decision) => ({
      competency_id: decision.competency_id,
      outcome: decision.outcome,
      level_key: orNull(decision.level_key),
      comment: orNull(decision.comment),
    }))
    .sort((a, b) => byCodePoint(a.competency_id, b.competency_id));
  return {
    v: MINUTES_VERSION,
    session_id: sessionId,
    dossier_id: dossierId,
    competencies: rows,
    overall: overall ? {
      overall_outcome: overall.overall_outcome,
      validated_block_keys: [...(overall.validated_block_keys ?? [])].sort(byCodePoint),
      comment: orNull(overall.comment),
    } : null,
  };
}

/** {content, text, sha256, effective} of the minutes, from a dossier's decisions and outbox. */
export async function computeMinutes({ sessionId, dossierId, decisions, outbox = [] }) {
  const effective = effectiveDecisions(decisions, outbox, { sessionId, dossierId });
  const content = minutesContent({ sessionId, dossierId, ...effective });
  const text = canonicalJson(content);
  return { content, text, sha256: await documentHash(text), effective };
}
