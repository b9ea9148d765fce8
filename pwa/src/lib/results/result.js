/* A dossier's jury result as the device holds it: the session that judged it, what was decided
 * per competency (in the framework's order) and overall, and where the minutes' signatures stand.
 * The rule of which decision counts (the last recorded) and the minutes' hash are the decisions
 * area's (lib/decisions/effective.js, minutes.js): written once, read here.
 *
 * The candidate and the support worker see the result of the last *closed* session that judged
 * the dossier, as the server does (preuves.juries.results.final_result); staff also see the
 * sessions still planned or open. */

import { loadDossier } from '../dossier-data.js';
import { computeMinutes, MINUTES_KIND } from '../decisions/minutes.js';

const live = (record) => record && !record.deleted;
const newestFirst = (a, b) => String(b.held_on).localeCompare(String(a.held_on))
  || String(b.changed_at ?? '').localeCompare(String(a.changed_at ?? ''));

/** The sessions this dossier is assigned to, the newest first. */
export function sessionsOfDossier(sessions, assignments, dossierId) {
  const assigned = new Set(assignments.filter((a) => live(a) && a.dossier_id === dossierId).map((a) => a.session_id));
  return sessions.filter((s) => live(s) && assigned.has(s.id)).sort(newestFirst);
}

/**
 * Where the minutes' signatures stand: `signed`, the members whose signature matches the current
 * content; `stale`, those who signed an earlier content (decisions changed since); `members`.
 */
export function signatureState(signatures, members, dossierId, sha256) {
  const memberIds = new Set(members.filter(live).map((m) => m.person_id));
  const minutes = signatures.filter((s) => live(s) && s.dossier_id === dossierId && s.document_kind === MINUTES_KIND && memberIds.has(s.signer_id));
  const signed = new Set(minutes.filter((s) => s.document_sha256 === sha256).map((s) => s.signer_id));
  const stale = new Set(minutes.filter((s) => s.document_sha256 !== sha256 && !signed.has(s.signer_id)).map((s) => s.signer_id));
  return { signed: signed.size, stale: stale.size, members: memberIds.size };
}

/**
 * The result of one dossier before one session:
 * {session, rows: [{competency, decision}], overall, sha256, signatures}. `rows` follow the
 * framework's order; a decision on a competency the device's framework does not know comes last.
 */
export async function resultOf({ session, dossierId, framework, decisions, outbox = [], signatures = [], members = [] }) {
  const minutes = await computeMinutes({ sessionId: session.id, dossierId, decisions, outbox });
  const { competencies, overall } = minutes.effective;
  const known = (framework?.competencies ?? []).filter((c) => competencies.has(c.id));
  const rows = known.map((competency) => ({ competency, decision: competencies.get(competency.id) }));
  const knownIds = new Set(known.map((c) => c.id));
  for (const [id, decision] of competencies) if (!knownIds.has(id)) rows.push({ competency: null, decision });
  return {
    session,
    rows,
    overall,
    sha256: minutes.sha256,
    signatures: signatureState(signatures, members.filter((m) => m.session_id === session.id), dossierId, minutes.sha256),
  };
}

/**
 * From the device's copy: {dossier, framework, final (the last closed session's result, or null),
 * pending (sessions planned or open that will judge it)}; null when the dossier is not here.
 */
export async function dossierResults(queries, dossierId) {
  const loaded = await loadDossier(queries, dossierId);
  if (!loaded) return null;
  const { dossier, framework, records } = loaded;
  const [sessions, members, outbox] = await Promise.all([
    queries.listByType('jury_session'), queries.listByType('jury_member'), queries.outbox(),
  ]);
  const judged = sessionsOfDossier(sessions, records.jury_assignment ?? [], dossierId);
  const closed = judged.find((session) => session.status === 'closed');
  const final = closed
    ? await resultOf({
      session: closed, dossierId, framework, decisions: records.decision ?? [], outbox,
      signatures: records.signature ?? [], members: members.filter(live),
    })
    : null;
  const pending = judged.filter((session) => session.status === 'planned' || session.status === 'open');
  return { dossier, framework, final, pending };
}
