/* A dossier before a jury session, as the decision and minutes screens read it from the
 * device's copy: the session, its members (with their names when the device knows them), the
 * dossier and its framework, the decisions, the minutes' signatures and the outbox. */

import { loadDossier } from '../dossier-data.js';
import { computeMinutes } from './minutes.js';

const live = (records) => records.filter((record) => record && !record.deleted);

/** The session's members, each with `person` (null while that record is not on the device). */
export async function membersOf(queries, sessionId) {
  const people = new Map(live(await queries.listByType('person')).map((person) => [person.id, person]));
  return live(await queries.listByType('jury_member'))
    .filter((member) => member.session_id === sessionId)
    .map((member) => ({ ...member, person: people.get(member.person_id) ?? null }))
    .sort((a, b) => String(a.person_id).localeCompare(String(b.person_id)));
}

/** "Léa Martin", or '' when the device does not know the person. */
export const nameOf = (person) =>
  [person?.given_name, person?.family_name].filter(Boolean).join(' ').trim();

/**
 * {session, members, dossier, framework, candidate, records, minutes, outbox, people, signatures,
 * refusedSignatures} or null when the dossier is not on this device.
 */
export async function loadJuryDossier(queries, sessionId, dossierId) {
  const loaded = await loadDossier(queries, dossierId);
  if (!loaded) return null;
  const [session, members, outbox, people] = await Promise.all([
    queries.get('jury_session', sessionId),
    membersOf(queries, sessionId),
    queries.outbox(),
    queries.listByType('person'),
  ]);
  const decisions = loaded.records.decision ?? [];
  // A signature the server refused for good (the session not open) never reaches it: it does
  // not count here either, and the screen says why.
  const refusedSignatures = outbox.filter((entry) => entry.type === 'signature' && entry.state === 'rejected'
    && entry.record?.dossier_id === dossierId)
    .map((entry) => ({ record: entry.record, problem: entry.last_error }));
  const refusedIds = new Set(refusedSignatures.map(({ record }) => record.id));
  const minutes = await computeMinutes({ sessionId, dossierId, decisions, outbox });
  return {
    ...loaded,
    session: session && !session.deleted ? session : null,
    members,
    outbox,
    minutes,
    people: new Map(live(people).map((person) => [person.id, person])),
    candidate: live(people).find((person) => person.id === loaded.dossier.candidate_id) ?? null,
    signatures: (loaded.records.signature ?? []).filter((signature) => !refusedIds.has(signature.id)),
    refusedSignatures,
  };
}
