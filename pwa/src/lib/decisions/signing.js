/* Who signed a dossier's minutes and whether each signature still holds. A signature names the
 * minutes by their hash: when a decision changes after someone signed, the hash changes, the
 * older signature stays (append-only) but no longer counts, and that member signs again. */

import { MINUTES_KIND } from './minutes.js';

const newestFirst = (a, b) => String(b.signed_at).localeCompare(String(a.signed_at));

/**
 * {rows: [{member, signature, signedBefore}], complete, changed} for the minutes whose hash is
 * `sha256`: one row per jury member (jury_member records), `signature` the member's newest
 * signature of this very text (else null), `signedBefore` that they signed an older one.
 */
export function minutesSignatureStatus(members, signatures, sha256) {
  const ofMinutes = signatures
    .filter((signature) => signature.document_kind === MINUTES_KIND && !signature.deleted)
    .sort(newestFirst);
  const rows = members.map((member) => {
    const theirs = ofMinutes.filter((signature) => signature.signer_id === member.person_id);
    return {
      member,
      signature: theirs.find((signature) => signature.document_sha256 === sha256) ?? null,
      signedBefore: theirs.some((signature) => signature.document_sha256 !== sha256),
    };
  });
  return {
    rows,
    complete: rows.length > 0 && rows.every((row) => row.signature),
    changed: rows.some((row) => row.signedBefore && !row.signature),
  };
}

/** A jury member's signature of the minutes, ready for sync.put (made once, never changed). */
export function minutesSignatureRecord({ id, dossierId, sha256, signerId, name, markSha256, now = new Date() }) {
  return {
    id,
    dossier_id: dossierId,
    document_kind: MINUTES_KIND,
    document_sha256: sha256,
    signer_id: signerId,
    signer_name: name,
    signer_role: 'jury_member',
    mark_sha256: markSha256 ?? null,
    signed_at: now.toISOString(),
  };
}
