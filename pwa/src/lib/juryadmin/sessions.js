/* A structure's jury sessions as the lead's device holds them: the sessions, their members and
 * assigned dossiers, the people who may sit, the dossiers that may be assigned, and new records.
 * Pure functions over the sync queries (lib/sync/queries.js), tested in node. */

import { uuidv7 } from '../sync/uuid.js';

const live = (record) => record && !record.deleted;
// Those who may sit on a jury from inside the structure: its staff, never its candidates.
const STAFF = new Set(['support_worker', 'lead', 'admin']);
const LEADS = new Set(['lead']); // as the server reads lead_of_structure (juries/composition.py)
// A dossier still worked on may go before a jury; a presented or closed one has had its jury.
const ASSIGNABLE = new Set(['ouvert', 'pret_pour_jury']);

/** The sessions of these structures, the next one first, then the older ones. */
export async function sessionsOf(queries, structureIds) {
  const wanted = new Set(structureIds);
  const sessions = (await queries.listByType('jury_session')).filter(
    (session) => live(session) && wanted.has(session.structure_id),
  );
  return sessions.sort((a, b) => String(b.held_on).localeCompare(String(a.held_on)));
}

/** The live records of `type` ('jury_member', 'jury_assignment', 'decision') of one session. */
export async function ofSession(queries, type, sessionId) {
  return (await queries.listByType(type)).filter((record) => live(record) && record.session_id === sessionId);
}

/** The structure's staff who may sit ({person, lead}), by name; people already members left out. */
export async function insiders(queries, structureId, members = []) {
  const seated = new Set(members.map((member) => member.person_id));
  const roles = new Map();
  for (const membership of await queries.listByType('membership')) {
    if (!live(membership) || membership.structure_id !== structureId || !STAFF.has(membership.role)) continue;
    if (!roles.has(membership.person_id)) roles.set(membership.person_id, new Set());
    roles.get(membership.person_id).add(membership.role);
  }
  const people = [];
  for (const [personId, held] of roles) {
    if (seated.has(personId)) continue;
    const person = await queries.get('person', personId);
    if (live(person)) people.push({ person, lead: [...held].some((role) => LEADS.has(role)) });
  }
  return people.sort((a, b) => nameOf(a.person).localeCompare(nameOf(b.person)));
}

export const nameOf = (person) => [person?.given_name, person?.family_name].filter(Boolean).join(' ');

/** Dossiers of the session's structure and scheme, still worked on, not yet assigned to it. */
export function assignable(dossiers, session, assignments) {
  const taken = new Set(assignments.map((assignment) => assignment.dossier_id));
  return dossiers.filter(
    (dossier) => live(dossier)
      && dossier.structure_id === session.structure_id
      && dossier.scheme === session.scheme
      && ASSIGNABLE.has(dossier.status)
      && !taken.has(dossier.id),
  );
}

/** A new session, planned, of this structure. */
export function newSession(structureId, { scheme, modality = null, heldOn, place }) {
  return { id: uuidv7(), structure_id: structureId, scheme, modality: modality || null, held_on: heldOn, place, status: 'planned' };
}

export const newMember = (sessionId, personId, juryRole) => ({
  id: uuidv7(), session_id: sessionId, person_id: personId, jury_role: juryRole,
});

export const newAssignment = (sessionId, dossierId) => ({ id: uuidv7(), session_id: sessionId, dossier_id: dossierId });
