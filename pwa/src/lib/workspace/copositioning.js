/* Co-positioning, without the screen: per competency, the candidate's latest self-positioning
 * beside the support worker's latest co-positioning, how far apart they are, the evidence that
 * names the competency, and the history of every snapshot. Snapshots are append-only: a new
 * session is a new positioning record, never a change to an old one. */

import { tiesOf } from '../review/links.js';
import { uuidv7 } from '../sync/uuid.js';

const live = (records = []) => records.filter((record) => !record.deleted);

// The server's clock orders what reached it; a snapshot still on the device has only its own.
const when = (snapshot) => String(snapshot.taken_at ?? snapshot.changed_at ?? '');

/** Snapshots of one kind ('self', 'co' or null for all), newest first. */
export function snapshots(positionings, kind = null) {
  return live(positionings)
    .filter((snapshot) => kind === null || snapshot.kind === kind)
    .sort((a, b) => when(b).localeCompare(when(a)) || String(b.id).localeCompare(String(a.id)));
}

/** competency id -> {...item, taken_at, snapshot_id, author_id} from the newest snapshot naming it. */
export function latestByCompetency(positionings, kind) {
  const latest = new Map();
  for (const snapshot of snapshots(positionings, kind)) {
    for (const item of snapshot.items ?? []) {
      if (latest.has(item.competency_id)) continue;
      latest.set(item.competency_id, {
        ...item,
        taken_at: snapshot.taken_at,
        snapshot_id: snapshot.id,
        author_id: snapshot.author_id ?? null,
      });
    }
  }
  return latest;
}

/**
 * How the two sides stand on one competency: {state, steps}. state is 'none' (nobody said),
 * 'self-only', 'co-only', 'same', 'co-higher' or 'co-lower' (the support worker sees more, or
 * less, than the candidate); steps is how many levels apart (0 when not both said).
 */
export function compareLevels(framework, selfItem, coItem) {
  if (!selfItem && !coItem) return { state: 'none', steps: 0 };
  if (!coItem) return { state: 'self-only', steps: 0 };
  if (!selfItem) return { state: 'co-only', steps: 0 };
  const rank = (item) => framework.level(item.level_key)?.rank ?? 0;
  const steps = rank(coItem) - rank(selfItem);
  if (steps === 0) return { state: 'same', steps: 0 };
  return { state: steps > 0 ? 'co-higher' : 'co-lower', steps: Math.abs(steps) };
}

/**
 * The live evidence tied to this competency, newest first: named by the candidate in the
 * evidence itself (`competency_ids`) or linked by a support worker's annotation (lib/review).
 */
export function evidenceFor(evidence, competencyId, annotations = []) {
  return live(evidence)
    .filter((item) => tiesOf(item, annotations).competencies.has(competencyId))
    .sort((a, b) => String(b.captured_at).localeCompare(String(a.captured_at)));
}

/** One row per competency of the framework: the two sides, their comparison, the evidence. */
export function comparisonRows(framework, records) {
  const self = latestByCompetency(records.positioning, 'self');
  const co = latestByCompetency(records.positioning, 'co');
  return framework.competencies.map((competency) => {
    const selfItem = self.get(competency.id) ?? null;
    const coItem = co.get(competency.id) ?? null;
    return {
      competency,
      self: selfItem,
      co: coItem,
      comparison: compareLevels(framework, selfItem, coItem),
      evidence: evidenceFor(records.evidence, competency.id, records.annotation),
    };
  });
}

/**
 * The co-positioning record of one session, from the support worker's choices: a Map of
 * competency id -> {level_key, comment_text?, comment_audio_sha256?, evidence_ids?}.
 */
export function coPositioningRecord({ dossierId, choices, competencyCount, now = new Date(), newId = uuidv7 }) {
  const items = [...choices].map(([competencyId, choice]) => {
    const item = { competency_id: competencyId, level_key: choice.level_key };
    if (choice.comment_text?.trim()) item.comment_text = choice.comment_text.trim();
    if (choice.comment_audio_sha256) item.comment_audio_sha256 = choice.comment_audio_sha256;
    if (choice.evidence_ids?.length) item.evidence_ids = choice.evidence_ids;
    return item;
  });
  if (!items.length) throw new Error('a co-positioning needs at least one competency');
  return {
    id: newId(),
    dossier_id: dossierId,
    kind: 'co',
    taken_at: now.toISOString(),
    items,
    complete: items.length >= competencyCount,
  };
}
