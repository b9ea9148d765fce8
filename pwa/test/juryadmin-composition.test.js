// The jury's make-up read from the one rules file (shared_schemas/rules/jury-composition.json),
// and the session's lifecycle checks the lead's device makes before the server does.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { composition, loadRules, makeUp, rolesFor } from '../src/lib/juryadmin/composition.js';
import { NEXT, undecided, whyNot } from '../src/lib/juryadmin/lifecycle.js';
import { assignable, newAssignment, newMember, newSession } from '../src/lib/juryadmin/sessions.js';

const RULES = JSON.parse(readFileSync(new URL('../../shared_schemas/rules/jury-composition.json', import.meta.url), 'utf8'));
const SCHEMA = JSON.parse(readFileSync(new URL('../../shared_schemas/records/jury_member.schema.json', import.meta.url), 'utf8'));
const STRUCTURE = '0193a0f0-0000-7000-8000-000000000001';
const member = (role, person = role) => ({ id: `m-${role}-${person}`, session_id: 's', person_id: person, jury_role: role });
const workstation = { id: 's', structure_id: STRUCTURE, scheme: 'rae', modality: 'poste_de_travail', status: 'planned' };

test('every role of the rules file is a jury_role of the record schema, and the other way round', () => {
  assert.deepEqual(Object.keys(RULES.roles).sort(), [...SCHEMA.properties.jury_role.enum].sort());
  for (const scheme of Object.values(RULES.schemes)) {
    for (const need of Object.values(scheme)) for (const role of need.required) assert.ok(RULES.roles[role], role);
  }
});

test('RAE at the workstation needs the three roles the rules name, and only them', () => {
  const need = makeUp(RULES, 'rae', 'poste_de_travail');
  assert.deepEqual(need.required, RULES.schemes.rae.poste_de_travail.required);
  assert.deepEqual(need.allowed, need.required);
  assert.equal(need.anyRole, false);
});

test('RSFP takes its "*" entry whatever the modality; RAE with no modality asks for one', () => {
  assert.deepEqual(makeUp(RULES, 'rsfp', null).required, RULES.schemes.rsfp['*'].required);
  assert.equal(makeUp(RULES, 'rae', null).needsModality, true);
  assert.equal(composition(RULES, { ...workstation, modality: null }, [member('professionnel_metier')]).complete, false);
});

test('a scheme with no entry takes any role, with at least one member', () => {
  const session = { ...workstation, scheme: 'afest', modality: null };
  const need = makeUp(RULES, 'afest', null);
  assert.equal(need.anyRole, true);
  assert.deepEqual(need.allowed.sort(), Object.keys(RULES.roles).sort());
  assert.equal(composition(RULES, session, []).complete, false);
  assert.equal(composition(RULES, session, [member('tuteur_stage')]).complete, true);
});

test('missing roles go as members come; a role the make-up does not allow keeps it incomplete', () => {
  let members = [];
  assert.deepEqual(composition(RULES, workstation, members).missing, RULES.schemes.rae.poste_de_travail.required);
  members = [member('professionnel_metier'), member('directeur_structure')];
  assert.deepEqual(composition(RULES, workstation, members).missing, ['encadrant_autre_structure']);
  members.push(member('encadrant_autre_structure'));
  assert.equal(composition(RULES, workstation, members).complete, true);
  const extra = member('tuteur_stage');
  const made = composition(RULES, workstation, [...members, extra]);
  assert.deepEqual(made.notAllowed, [extra]);
  assert.equal(made.complete, false);
  assert.equal(composition(RULES, workstation, [...members, { ...extra, deleted: true }]).complete, true);
});

test('people of the structure are offered no outside role; only a lead may be its director', () => {
  const need = makeUp(RULES, 'rae', 'poste_de_travail');
  assert.deepEqual(rolesFor(RULES, need, { outside: false, lead: false }), []);
  assert.deepEqual(rolesFor(RULES, need, { outside: false, lead: true }), ['directeur_structure']);
  assert.deepEqual(rolesFor(RULES, need, { outside: true }), ['professionnel_metier', 'encadrant_autre_structure']);
  // directeur_esms has no constraint: from inside or outside.
  const external = makeUp(RULES, 'rae', 'entretien_externe');
  assert.ok(rolesFor(RULES, external, { outside: false }).includes('directeur_esms'));
  assert.ok(rolesFor(RULES, external, { outside: true }).includes('directeur_esms'));
});

test('loadRules fetches the file once, and again after a failure', async () => {
  let calls = 0;
  await assert.rejects(loadRules(async () => { calls += 1; throw new Error('offline'); }));
  const rules = await loadRules(async (url) => { calls += 1; assert.equal(url, '/rules/jury-composition.json'); return RULES; });
  assert.equal(rules, RULES);
  assert.equal(await loadRules(async () => { throw new Error('not again'); }), RULES);
  assert.equal(calls, 2);
});

test('opening needs a complete jury and a dossier; closing needs an overall decision per dossier', () => {
  const members = ['professionnel_metier', 'encadrant_autre_structure', 'directeur_structure'].map((r) => member(r));
  const assignments = [{ id: 'a1', session_id: 's', dossier_id: 'd1' }, { id: 'a2', session_id: 's', dossier_id: 'd2' }];
  const state = { rules: RULES, session: workstation, members, assignments: [] };
  assert.equal(whyNot('open', { ...state, members: members.slice(1) }).key, 'juryadmin.why.incomplete');
  assert.equal(whyNot('open', state).key, 'juryadmin.why.noDossier');
  assert.equal(whyNot('open', { ...state, assignments }), null);
  assert.equal(whyNot('closed', { ...state, assignments }).key, 'juryadmin.why.notNow');
  const open = { ...state, session: { ...workstation, status: 'open' }, assignments };
  const decisions = [
    { dossier_id: 'd1', competency_id: 'c', outcome: 'acquis', overall_outcome: null },
    { dossier_id: 'd2', competency_id: null, overall_outcome: 'validation_totale' },
  ];
  assert.deepEqual(undecided(assignments, decisions), ['d1']);
  assert.deepEqual(whyNot('closed', { ...open, decisions }), { key: 'juryadmin.why.unfinished', params: { count: 1 } });
  decisions.push({ dossier_id: 'd1', competency_id: null, overall_outcome: 'non_validation' });
  assert.equal(whyNot('closed', { ...open, decisions }), null);
  assert.deepEqual(NEXT.closed, []);
});

test('only dossiers of the same structure and scheme, still worked on and not yet there, may be assigned', () => {
  const dossier = (id, extra = {}) => ({ id, structure_id: STRUCTURE, scheme: 'rae', status: 'pret_pour_jury', ...extra });
  const dossiers = [
    dossier('ok'), dossier('open', { status: 'ouvert' }), dossier('rsfp', { scheme: 'rsfp' }),
    dossier('other', { structure_id: 'elsewhere' }), dossier('presented', { status: 'presente' }),
    dossier('gone', { deleted: true }), dossier('taken'),
  ];
  const ids = assignable(dossiers, workstation, [{ dossier_id: 'taken' }]).map((d) => d.id);
  assert.deepEqual(ids, ['ok', 'open']);
});

test('new records carry the fields their schemas require', () => {
  const session = newSession(STRUCTURE, { scheme: 'rsfp', modality: '', heldOn: '2026-12-01', place: 'Salle 2' });
  assert.deepEqual({ ...session, id: 'x' }, {
    id: 'x', structure_id: STRUCTURE, scheme: 'rsfp', modality: null, held_on: '2026-12-01', place: 'Salle 2', status: 'planned',
  });
  assert.equal(newMember(session.id, 'p', 'referent_rsfp').jury_role, 'referent_rsfp');
  assert.equal(newAssignment(session.id, 'd').dossier_id, 'd');
});
