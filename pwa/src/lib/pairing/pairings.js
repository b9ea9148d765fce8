/* RSFP pairings as the screen shows them: which side I am on, what I may do, and which of my
 * dossiers an evaluator of the partner may be named on (same trade: the framework's slug). */

/** 'asked' (my structure asked), 'received' (the partner asked me), from my structures. */
export function side(pairing, myStructures) {
  return myStructures.includes(pairing.structure.id) ? 'asked' : 'received';
}

/** The structure on the other side of the pairing, seen from mine. */
export function partnerOf(pairing, myStructures) {
  return side(pairing, myStructures) === 'asked' ? pairing.partner : pairing.structure;
}

/** My live dossiers on the pairing's trade, given framework versions by id. */
export function dossiersOnTrade(pairing, dossiers, versions, myStructures) {
  return dossiers.filter(
    (d) => !d.deleted && myStructures.includes(d.structure_id)
      && versions.get(d.framework_version_id)?.document?.slug === pairing.trade,
  );
}

/** A dossier_member record naming an evaluator. */
export function evaluatorRecord({ id, dossierId, personId }) {
  return { id, dossier_id: dossierId, person_id: personId, role: 'evaluator' };
}
