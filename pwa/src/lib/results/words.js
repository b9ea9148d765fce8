/* What the jury said, in the candidate's words: each outcome as a locale key and a pictogram
 * (OpenMoji codes precached by src/pictograms.json). Staff screens use the schemes' official
 * words instead (results.staff.*). */

export const OUTCOMES = {
  acquis: { key: 'results.outcome.acquis', pictogram: 'openmoji:2705' },
  en_cours_d_acquisition: { key: 'results.outcome.en_cours_d_acquisition', pictogram: 'openmoji:1F4DA' },
  non_acquis: { key: 'results.outcome.non_acquis', pictogram: 'openmoji:23F3' },
};

export const OVERALL = {
  validation_totale: { key: 'results.overall.validation_totale', pictogram: 'openmoji:1F31F' },
  validation_partielle: { key: 'results.overall.validation_partielle', pictogram: 'openmoji:2705' },
  non_validation: { key: 'results.overall.non_validation', pictogram: 'openmoji:23F3' },
};

export const JURY_PICTOGRAM = 'openmoji:1F465';
export const BADGE_PICTOGRAM = 'openmoji:1F31F';

/** The words of a partial validation's blocks: their easy titles, in the framework's order. */
export function blockNames(framework, keys) {
  const wanted = new Set(keys ?? []);
  return (framework?.blocks ?? [])
    .filter((block) => wanted.has(block.key))
    .map((block) => block.easy_title ?? block.title ?? block.key);
}
