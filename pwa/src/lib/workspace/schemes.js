/* The recognition schemes a dossier may follow and the steps each walks through, in order
 * (DOMAIN.md; the keys are the ones shared_schemas/records/dossier.schema.json allows, and
 * backend/preuves/core/vocab.py SCHEME_STEPS repeats them for the server). Labels live in
 * locales/<lang>/workspace.json under `workspace.scheme.<key>` and `workspace.step.<key>`. */

export const SCHEMES = {
  rae: {
    steps: [
      'engagement',
      'positionnement',
      'mobilisation',
      'entretien_valorisation',
      'mise_en_perspective',
      'valorisation',
    ],
    // At the workstation ("je peux montrer"), an external interview with the file ("je peux
    // expliquer"), or external after a six-week placement ("je peux comparer et adapter").
    modalities: ['poste_de_travail', 'entretien_externe', 'externe_avec_stage'],
  },
  rsfp: { steps: ['engagement', 'positionnement', 'evaluation_croisee', 'jury', 'portefeuille'] },
  afest: { steps: ['positionnement', 'mises_en_situation', 'evaluation_finale'], journal: true },
  vae: { steps: ['recevabilite', 'dossier', 'jury'] },
  cqp: { steps: ['positionnement', 'formation', 'evaluation', 'jury'] },
  open_badge: { steps: ['preuves', 'attribution'] },
};

export const SCHEME_KEYS = Object.keys(SCHEMES);

/** Whether a scheme asks for a modality (RAE only). */
export const needsModality = (scheme) => Boolean(SCHEMES[scheme]?.modalities);

/** The modalities a scheme offers; empty for all but RAE. */
export const modalitiesOf = (scheme) => SCHEMES[scheme]?.modalities ?? [];

/** Whether the scheme keeps a reflexive journal (AFEST). */
export const hasJournal = (scheme) => Boolean(SCHEMES[scheme]?.journal);

/** A new dossier's steps: every step of the scheme, none planned, none done. */
export function initialSteps(scheme) {
  const scheme_ = SCHEMES[scheme];
  if (!scheme_) throw new Error(`unknown scheme ${scheme}`);
  return scheme_.steps.map((key) => ({ key, planned_on: null, done_on: null }));
}

/**
 * The dossier's steps in the scheme's order, each with its state: 'done', 'next' (the first one
 * not done) or 'later'. Steps missing from the record (an older dossier) count as not done.
 */
export function timeline(dossier) {
  const keys = SCHEMES[dossier.scheme]?.steps ?? [];
  const byKey = new Map((dossier.steps ?? []).map((step) => [step.key, step]));
  let nextFound = false;
  return keys.map((key) => {
    const step = { key, planned_on: null, done_on: null, ...byKey.get(key) };
    let state = 'later';
    if (step.done_on) state = 'done';
    else if (!nextFound) {
      state = 'next';
      nextFound = true;
    }
    return { ...step, state };
  });
}

/** The first step not done yet, or null when every step is done. */
export function nextStep(dossier) {
  return timeline(dossier).find((step) => step.state === 'next') ?? null;
}

/** The dossier's steps with one changed ({done_on} or {planned_on}), in the scheme's order. */
export function withStep(dossier, key, change) {
  return timeline(dossier).map(({ state: _state, ...step }) =>
    step.key === key ? { ...step, ...change } : step,
  );
}
