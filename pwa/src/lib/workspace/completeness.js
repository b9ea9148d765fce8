/* Is a dossier complete for the jury? Every competency chosen for the jury has at least one
 * chosen evidence, a self-positioning and a co-positioning; the commitment letter is signed by
 * everyone it needs (the candidate, the lead, the support worker, and a legal guardian when the
 * candidate is a minor or a protected adult). What is missing comes back as locale keys with
 * their parameters, so the screen says it in words. */

import { needsGuardian } from '../letters/commitment.js';

export { needsGuardian };

export const REQUIRED_SIGNERS = ['candidate', 'lead', 'support_worker'];

const live = (records = []) => records.filter((record) => !record.deleted);

/**
 * The roles a commitment letter needs, in the order they are asked. `day` is the day the
 * letter judges the candidate's age on (lib/letters: the dossier's opening, else today): one
 * rule, so the workspace never asks for fewer signatures than the letter names.
 */
export function requiredSigners(candidate, day) {
  return needsGuardian(candidate, day)
    ? ['candidate', 'guardian', 'lead', 'support_worker']
    : REQUIRED_SIGNERS;
}

/**
 * The signatures of the letter's latest version: a changed letter has a new hash, and only the
 * signatures of one same document bind together. [] when nobody signed yet.
 */
export function latestLetterSignatures(signatures = []) {
  const letters = live(signatures).filter((s) => s.document_kind === 'commitment_letter');
  if (!letters.length) return [];
  const latest = letters.reduce((a, b) => (String(b.signed_at) > String(a.signed_at) ? b : a));
  return letters.filter((s) => s.document_sha256 === latest.document_sha256);
}

function competencyName(framework, id) {
  const competency = framework?.competency(id);
  return competency?.easy_wording ?? competency?.official_wording ?? competency?.key ?? id;
}

function positionedOn(positionings, kind) {
  const ids = new Set();
  for (const snapshot of positionings.filter((p) => p.kind === kind)) {
    for (const item of snapshot.items ?? []) ids.add(item.competency_id);
  }
  return ids;
}

function selectionGaps({ dossier, framework, records }) {
  const selection = Object.entries(dossier.selection ?? {});
  if (!selection.length) return [{ key: 'workspace.missing.selection', params: {} }];
  const evidenceIds = new Set(live(records.evidence).map((e) => e.id));
  const positionings = live(records.positioning);
  const self = positionedOn(positionings, 'self');
  const co = positionedOn(positionings, 'co');
  const gaps = [];
  for (const [competencyId, chosen] of selection) {
    const params = { competency: competencyName(framework, competencyId) };
    if (!chosen.some((id) => evidenceIds.has(id))) gaps.push({ key: 'workspace.missing.evidence', params });
    if (!self.has(competencyId)) gaps.push({ key: 'workspace.missing.self', params });
    if (!co.has(competencyId)) gaps.push({ key: 'workspace.missing.co', params });
  }
  return gaps;
}

function letterGaps({ dossier, records, candidate, today, letter }) {
  const signatures = letter
    ? live(records.signature).filter((s) => s.document_kind === 'commitment_letter' && s.document_sha256 === letter.hash)
    : latestLetterSignatures(records.signature);
  if (!signatures.length) return [{ key: 'workspace.missing.letter', params: {} }];
  const roles = new Set(signatures.map((s) => s.signer_role));
  // The letter names its signers (lib/letters); a minor or a protected adult with no guardian
  // recorded yet still needs one, so the rule of the law is added to the letter's list.
  const day = dossier.opened_on ?? today;
  const required = new Set([...(letter?.roles ?? []), ...requiredSigners(candidate, day)]);
  return ['candidate', 'guardian', 'lead', 'support_worker']
    .filter((role) => required.has(role) && !roles.has(role))
    .map((role) => ({ key: `workspace.missing.signer.${role}`, params: {} }));
}

/**
 * {complete, missing: [{key, params}]} for a dossier loaded by lib/dossier-data.js loadDossier
 * ({dossier, framework, records}), its candidate's person record, today ('YYYY-MM-DD') and, when
 * known, the current commitment letter ({hash, roles}: lib/letters): only signatures of that very
 * text count. Without it, the signatures of the latest signed text count.
 */
export function completeness({ dossier, framework, records = {}, candidate = null, today, letter = null }) {
  const missing = [
    ...selectionGaps({ dossier, framework, records }),
    ...letterGaps({ dossier, records, candidate, today, letter }),
  ];
  return { complete: missing.length === 0, missing };
}
