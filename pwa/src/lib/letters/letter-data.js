/* The commitment letter's data, read from the device's copy of the records: the dossier, its
 * candidate and their guardians, the structure and its leads, the support workers, the
 * framework. What is not on the device yet is left out (a name) rather than guessed. */

import { commitmentLetter, documentHash } from './commitment.js';

const live = (records) => records.filter((record) => record && !record.deleted);

async function peopleById(queries) {
  return new Map(live(await queries.listByType('person')).map((person) => [person.id, person]));
}

/** Today on this device, 'YYYY-MM-DD' (local time): when no opening date is set. */
export function localDay(now = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** What commitmentLetter needs for one dossier (plus the people, for the signers' ids). */
export async function letterInput(queries, dossier, today = localDay()) {
  const people = await peopleById(queries);
  const own = live((await queries.listByDossier(dossier.id)).map(({ type, record }) =>
    (type === 'dossier_member' ? record : null)));
  const leads = live(await queries.listByType('membership'))
    .filter((m) => m.structure_id === dossier.structure_id && m.role === 'lead')
    .map((m) => people.get(m.person_id));
  const guardians = live(await queries.listByType('guardianship'))
    .filter((g) => g.ward_id === dossier.candidate_id)
    .map((g) => people.get(g.guardian_id) ?? { id: g.guardian_id });
  const version = await queries.get('framework_version', dossier.framework_version_id);
  return {
    candidate: people.get(dossier.candidate_id) ?? { id: dossier.candidate_id },
    guardians,
    leads: live(leads),
    supportWorkers: live(own.filter((m) => m.role === 'support_worker').map((m) => people.get(m.person_id))),
    structure: await queries.get('structure', dossier.structure_id),
    scheme: dossier.scheme,
    modality: dossier.modality ?? null,
    frameworkTitle: version?.document?.title ?? '',
    openedOn: dossier.opened_on ?? null,
    today,
  };
}

/** {input, letter, hash, signatures} of a dossier on this device. */
export async function loadLetter(queries, dossier) {
  const input = await letterInput(queries, dossier);
  const letter = commitmentLetter(input);
  const signatures = live((await queries.listByDossier(dossier.id))
    .filter(({ type }) => type === 'signature')
    .map(({ record }) => record));
  return { input, letter, hash: await documentHash(letter.text), signatures };
}
