/* A jury member's sessions as the device knows them, from the synced records: the sessions they
 * sit on (their jury_member records), each session's assigned dossiers and candidates. The server
 * decides who sees what (policy/dossier_access.py); the device only reads what the pull brought. */

const live = (records = []) => records.filter((record) => record && !record.deleted);

/** Does this person still sit on this session, by the device's records? */
export const sitsOn = (members, personId, sessionId) =>
  live(members).some((member) => member.person_id === personId && member.session_id === sessionId);

/** Is this dossier still assigned to this session? */
export const isAssigned = (assignments, sessionId, dossierId) =>
  live(assignments).some((a) => a.session_id === sessionId && a.dossier_id === dossierId);

/** The records the jury screens read, in one go: {sessions: Map, members, assignments}. */
export async function juryRecords(queries) {
  const [sessions, members, assignments] = await Promise.all(
    ['jury_session', 'jury_member', 'jury_assignment'].map((type) => queries.listByType(type)),
  );
  return { sessions: new Map(live(sessions).map((s) => [s.id, s])), members: live(members), assignments: live(assignments) };
}

const byDate = (a, b) => String(a.held_on).localeCompare(String(b.held_on)) || String(a.id).localeCompare(String(b.id));

/**
 * The sessions this person sits on, soonest first: [{session, role, dossiers: [{id, dossier,
 * candidate}]}]; `dossier` and `candidate` are null while the pull has not brought them.
 */
export async function mySessions(queries, personId) {
  const { sessions, members, assignments } = await juryRecords(queries);
  const mine = members.filter((member) => member.person_id === personId);
  const rows = [];
  for (const member of mine) {
    const session = sessions.get(member.session_id);
    if (!session) continue;
    const dossiers = [];
    for (const assignment of assignments.filter((a) => a.session_id === session.id)) {
      const dossier = (await queries.get('dossier', assignment.dossier_id)) ?? null;
      const candidate = dossier ? ((await queries.get('person', dossier.candidate_id)) ?? null) : null;
      dossiers.push({ id: assignment.dossier_id, dossier, candidate });
    }
    rows.push({ session, role: member.jury_role, dossiers });
  }
  return rows.sort((a, b) => byDate(a.session, b.session));
}

/** Does this person sit on any session (the home screen's jury link)? */
export async function sitsOnAJury(queries, personId) {
  const members = live(await queries.listByType('jury_member'));
  return members.some((member) => member.person_id === personId);
}
