/* A session's life: planned -> open -> closed, or cancelled. The server has the last word
 * (problems `jury_incomplete` and `jury_not_finished`); the device checks the same things first,
 * so that the lead learns what is missing at once, even with no network. */

import { composition } from './composition.js';

/** The statuses a session may go to from each status. */
export const NEXT = { planned: ['open', 'cancelled'], open: ['closed', 'cancelled'], closed: [], cancelled: [] };

/** The assigned dossiers that have no overall decision in this session yet. */
export function undecided(assignments, decisions) {
  const decided = new Set(
    decisions.filter((decision) => !decision.deleted && decision.overall_outcome).map((decision) => decision.dossier_id),
  );
  return assignments.filter((assignment) => !decided.has(assignment.dossier_id)).map((a) => a.dossier_id);
}

/**
 * Why the session may not go to `status` now, as a locale key with its parameters, or null.
 * `state`: {rules, session, members, assignments, decisions}.
 */
export function whyNot(status, { rules, session, members, assignments, decisions = [] }) {
  if (!NEXT[session.status]?.includes(status)) return { key: 'juryadmin.why.notNow' };
  if (status === 'open') {
    const made = composition(rules, session, members);
    if (made.needsModality) return { key: 'juryadmin.why.modality' };
    if (!made.complete) return { key: 'juryadmin.why.incomplete' };
    if (!assignments.length) return { key: 'juryadmin.why.noDossier' };
  }
  if (status === 'closed') {
    const left = undecided(assignments, decisions).length;
    if (left) return { key: 'juryadmin.why.unfinished', params: { count: left } };
  }
  return null;
}
