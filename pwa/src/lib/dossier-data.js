/* A dossier as screens read it from the device's copy: the dossier record, its framework version
 * described (lib/framework.js) and its records by type. Both the candidate's screens and the
 * support worker's use it, so that "which dossier, which competencies" is decided once. */

import { describeFramework } from './framework.js';

// A dossier the candidate still works on; the others are shown, not added to.
export const ACTIVE_STATUSES = new Set(['ouvert', 'pret_pour_jury']);

const newestFirst = (a, b) =>
  String(b.opened_on ?? b.changed_at ?? '').localeCompare(String(a.opened_on ?? a.changed_at ?? ''));

/** The candidate's own dossiers on this device, active ones first, newest first. */
export async function dossiersOf(queries, candidateId) {
  const all = (await queries.listByType('dossier')).filter(
    (dossier) => dossier.candidate_id === candidateId && !dossier.deleted,
  );
  const active = all.filter((dossier) => ACTIVE_STATUSES.has(dossier.status)).sort(newestFirst);
  const others = all.filter((dossier) => !ACTIVE_STATUSES.has(dossier.status)).sort(newestFirst);
  return [...active, ...others];
}

/** The framework of a dossier, described; null while its version has not reached the device. */
export async function frameworkOf(queries, dossier) {
  const version = await queries.get('framework_version', dossier.framework_version_id);
  return version ? describeFramework(version) : null;
}

/** A dossier's live records grouped by type: {evidence: [...], positioning: [...], ...}. */
export async function recordsOf(queries, dossierId) {
  const grouped = {};
  for (const { type, record } of await queries.listByDossier(dossierId)) {
    if (record.deleted) continue;
    (grouped[type] ??= []).push(record);
  }
  return grouped;
}

/** {dossier, framework, records} for one dossier id, or null when it is not on the device. */
export async function loadDossier(queries, dossierId) {
  const dossier = await queries.get('dossier', dossierId);
  if (!dossier || dossier.deleted) return null;
  const [framework, records] = await Promise.all([
    frameworkOf(queries, dossier),
    recordsOf(queries, dossierId),
  ]);
  return { dossier, framework, records };
}
