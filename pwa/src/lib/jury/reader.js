/* What the jury reads of a dossier, per competency, without the screen: in the framework's block
 * order, the candidate's latest self-positioning and the support worker's latest co-positioning,
 * the chosen evidence (the dossier's selection; every piece tied to the competency when nothing
 * was chosen) with the remarks on each, and the testimonies that name it. */

import { annotationsOf } from '../review/links.js';
import { evidenceFor, latestByCompetency } from '../workspace/copositioning.js';

const live = (records = []) => records.filter((record) => record && !record.deleted);

/** Did the support workers choose anything for the jury? */
export const hasSelection = (dossier) =>
  Object.values(dossier?.selection ?? {}).some((ids) => (ids ?? []).length > 0);

/** The evidence shown for one competency, in order. */
export function chosenEvidence(dossier, records, competencyId) {
  const evidence = live(records.evidence);
  if (!hasSelection(dossier)) return evidenceFor(evidence, competencyId, records.annotation);
  const byId = new Map(evidence.map((item) => [item.id, item]));
  return (dossier.selection[competencyId] ?? []).map((id) => byId.get(id)).filter(Boolean);
}

/**
 * {blocks: [{block, competencies: [{competency, self, co, evidence: [{evidence, annotations}],
 * testimonies}]}], otherTestimonies, otherEvidence}. `otherEvidence`: with no selection, the
 * pieces tied to no competency (the jury still sees all the candidate brought).
 */
export function readerModel({ dossier, framework, records }) {
  const self = latestByCompetency(records.positioning ?? [], 'self');
  const co = latestByCompetency(records.positioning ?? [], 'co');
  const testimonies = live(records.testimony);
  const shown = new Set();
  const blocks = framework.blocks.map((block) => ({
    block,
    competencies: block.competencies.map((competency) => {
      const evidence = chosenEvidence(dossier, records, competency.id).map((item) => {
        shown.add(item.id);
        return { evidence: item, annotations: annotationsOf(item.id, records.annotation) };
      });
      return {
        competency,
        self: self.get(competency.id) ?? null,
        co: co.get(competency.id) ?? null,
        evidence,
        testimonies: testimonies.filter((item) => (item.competency_ids ?? []).includes(competency.id)),
      };
    }),
  }));
  const known = new Set(framework.competencies.map((competency) => competency.id));
  const otherTestimonies = testimonies.filter(
    (item) => !(item.competency_ids ?? []).some((id) => known.has(id)),
  );
  const otherEvidence = hasSelection(dossier)
    ? []
    : live(records.evidence).filter((item) => !shown.has(item.id));
  return { blocks, otherTestimonies, otherEvidence };
}
