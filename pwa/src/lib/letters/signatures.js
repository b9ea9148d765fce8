/* Who signed the commitment letter and who still must. A signature names the letter by the
 * SHA-256 of its text: when the dossier changes (another support worker, a new framework), the
 * letter's text and hash change, and the signatures of the older text no longer count. */

export const LETTER_KIND = 'commitment_letter';

const newestFirst = (a, b) => String(b.signed_at).localeCompare(String(a.signed_at));

/**
 * {rows: [{role, names, signature, signedBefore}], complete, changed} for the letter whose hash
 * is `hash`: `signature` is the newest signature of that role on this very text (else null),
 * `signedBefore` says the role signed an older text, `changed` that some signature is of one.
 */
export function signatureStatus(signers, signatures, hash) {
  const ofLetter = signatures
    .filter((signature) => signature.document_kind === LETTER_KIND && !signature.deleted)
    .sort(newestFirst);
  const current = ofLetter.filter((signature) => signature.document_sha256 === hash);
  const older = ofLetter.filter((signature) => signature.document_sha256 !== hash);
  const rows = signers.map((signer) => ({
    ...signer,
    signature: current.find((signature) => signature.signer_role === signer.role) ?? null,
    signedBefore: older.some((signature) => signature.signer_role === signer.role),
  }));
  return { rows, complete: rows.every((row) => row.signature), changed: older.length > 0 };
}

/** A signature record, ready for sync.put (append-only: made once, never changed). */
export function signatureRecord({ id, dossierId, hash, role, name, signerId = null, markSha256, now = new Date() }) {
  return {
    id,
    dossier_id: dossierId,
    document_kind: LETTER_KIND,
    document_sha256: hash,
    signer_id: signerId,
    signer_name: name,
    signer_role: role,
    mark_sha256: markSha256 ?? null,
    signed_at: now.toISOString(),
  };
}

/** The roles the signed-in person may collect here: every role for staff, else their own. */
export function rolesCollectable(session, dossier) {
  if (session.isStaff) return new Set(['candidate', 'guardian', 'lead', 'support_worker']);
  return new Set([session.person?.id === dossier.candidate_id ? 'candidate' : 'guardian']);
}
