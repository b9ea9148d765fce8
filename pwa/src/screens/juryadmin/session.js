/* One jury session (#/jury-session/<id>), for a lead of its structure: date, place, scheme and
 * modality; the roles its scheme needs (from the rules file) and who holds them; members from the
 * structure or invited from outside; the dossiers of the same scheme put before it; opening,
 * closing or cancelling it. Every write goes through sync.put; the status changes wait for the
 * server's word (answer.js), which may refuse with `jury_incomplete` or `jury_not_finished`. */

import { busy, h, messageArea, said } from '../../lib/dom.js';
import { putAndHear } from '../../lib/juryadmin/answer.js';
import { composition, loadRules, rolesFor } from '../../lib/juryadmin/composition.js';
import { NEXT, whyNot } from '../../lib/juryadmin/lifecycle.js';
import { assignable, insiders, nameOf, newAssignment, newMember, ofSession } from '../../lib/juryadmin/sessions.js';
import { button, title } from '../parts.js';
import { backLink, fact, formatDate, liveScreen, personName } from '../workspace/common.js';
import { keepWhileTyping, select, sessionFields } from './fields.js';
import { inviteForm } from './invite.js';
import { schemeWords } from './sessions.js';

const roleName = (t, role) => t(`juryadmin.role.${role}`);

/** Say what became of a change: done, kept for later, or refused with the server's words. */
function tell(t, message, answer, done) {
  if (answer.state === 'applied') message.info(done);
  else if (answer.state === 'waiting') message.info(t('juryadmin.action.waiting'));
  else message.problem(t('juryadmin.action.refused', { problem: answer.problem?.title || answer.problem?.detail || '' }));
}

function section(id, heading, ...children) {
  return h('section', { class: 'jury-part', 'aria-labelledby': id }, said('h2', heading, { id }), ...children);
}

function whereForm(ctx, session, { sync, message, redraw }) {
  const { t } = ctx;
  const fields = sessionFields(t, 'jury-where', session);
  const submit = h('button', { type: 'submit', class: 'button' }, h('span', { text: t('juryadmin.field.save') }));
  const form = keepWhileTyping(h('form', { class: 'jury-where' }, ...fields.groups, h('div', { class: 'actions' }, submit)));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const { heldOn, place, scheme, modality } = fields.values();
    if (!heldOn || !place) return message.problem(t('juryadmin.field.missing'));
    await sync.put('jury_session', { ...session, held_on: heldOn, place, scheme, modality });
    message.info(t('juryadmin.session.saved'));
    return redraw();
  });
  return form;
}

function rolesPart(t, made, members, names) {
  if (made.needsModality) return [fact(t('juryadmin.roles.needModality'))];
  if (made.anyRole) return [fact(t('juryadmin.roles.any'))];
  const rows = made.required.map((role) => {
    const holders = members.filter((m) => m.jury_role === role).map((m) => names.get(m.person_id));
    return holders.length
      ? h('li', { dataset: { held: 'yes' } }, h('span', { 'aria-hidden': 'true', text: '✓ ' }), t('juryadmin.roles.held', { role: roleName(t, role), names: holders.join(', ') }))
      : h('li', { dataset: { held: 'no' } }, h('span', { 'aria-hidden': 'true', text: '✗ ' }), t('juryadmin.roles.missing', { role: roleName(t, role) }));
  });
  const summary = made.missing.length ? t('juryadmin.roles.missingCount', { count: made.missing.length }) : t('juryadmin.roles.allThere');
  return [fact(summary, { class: 'help roles-summary' }), h('ul', { class: 'jury-roles' }, ...rows)];
}

function memberItem(ctx, member, { names, editable, notAllowed, sync, message, redraw }) {
  const { t } = ctx;
  const name = names.get(member.person_id);
  const remove = editable
    ? button(t('juryadmin.members.remove'), {
      kind: 'secondary',
      'aria-label': t('juryadmin.members.removeOne', { name }),
      onclick: async () => {
        await sync.delete('jury_member', member.id);
        message.info(t('juryadmin.members.removed', { name }));
        await redraw();
      },
    })
    : null;
  return h('li', { class: 'card jury-member' },
    h('p', { text: t('juryadmin.members.item', { name, role: roleName(t, member.jury_role) }) }),
    notAllowed ? h('p', { class: 'help problem-line', text: t('juryadmin.members.notAllowed') }) : null,
    remove);
}

/** Add a person of the structure, in a role they may hold (the outside roles are not offered). */
function insiderForm(ctx, { rules, made, session, people, sync, message, redraw }) {
  const { t } = ctx;
  // Only those who may take a role of this make-up (a support worker holds none at an RAE jury).
  const able = people.filter((p) => rolesFor(rules, made, { outside: false, lead: p.lead }).length);
  if (!able.length) return fact(t('juryadmin.members.nobody'));
  const person = select('jury-insider', t('juryadmin.members.person'),
    able.map(({ person: p }) => ({ value: p.id, label: nameOf(p) })));
  const role = select('jury-insider-role', t('juryadmin.members.role'), []);
  const fillRoles = () => {
    const chosen = able.find(({ person: p }) => p.id === person.field.value);
    const roles = rolesFor(rules, made, { outside: false, lead: chosen?.lead });
    const ordered = [...roles.filter((r) => made.missing.includes(r)), ...roles.filter((r) => !made.missing.includes(r))];
    role.field.replaceChildren(...ordered.map((r) => h('option', { value: r, text: roleName(t, r) })));
    role.field.disabled = !ordered.length;
  };
  fillRoles();
  person.field.addEventListener('change', fillRoles);
  const submit = h('button', { type: 'submit', class: 'button' }, h('span', { text: t('juryadmin.members.add') }));
  const form = keepWhileTyping(h('form', { class: 'jury-insider', 'aria-labelledby': 'jury-insider-title' },
    said('h3', t('juryadmin.members.inside'), { id: 'jury-insider-title' }),
    person.group, role.group, h('div', { class: 'actions' }, submit)));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!role.field.value) return message.problem(t('juryadmin.members.noRole'));
    const chosen = able.find(({ person: p }) => p.id === person.field.value);
    const answer = await putAndHear(sync, 'jury_member', newMember(session.id, chosen.person.id, role.field.value), null);
    tell(t, message, answer, t('juryadmin.members.added', { name: nameOf(chosen.person) }));
    return redraw();
  });
  return form;
}

async function candidateName(t, queries, dossierId) {
  const dossier = await queries.get('dossier', dossierId);
  return personName(t, dossier ? await queries.get('person', dossier.candidate_id) : null);
}

async function dossiersPart(ctx, { session, assignments, editable, sync, message, redraw }) {
  const { t } = ctx;
  const items = await Promise.all(assignments.map(async (assignment) => {
    const name = await candidateName(t, sync.queries, assignment.dossier_id);
    return h('li', { class: 'card jury-dossier' },
      h('a', { href: `#/dossier/${assignment.dossier_id}`, text: t('juryadmin.dossiers.open', { name }) }),
      editable
        ? button(t('juryadmin.dossiers.remove'), {
          kind: 'secondary',
          'aria-label': t('juryadmin.dossiers.removeOne', { name }),
          onclick: async () => {
            await sync.delete('jury_assignment', assignment.id);
            message.info(t('juryadmin.dossiers.removed', { name }));
            await redraw();
          },
        })
        : null);
  }));
  const parts = [items.length ? h('ul', { class: 'cards' }, ...items) : fact(t('juryadmin.dossiers.none'))];
  if (!editable) return parts;
  const free = assignable(await sync.queries.listByType('dossier'), session, assignments);
  if (!free.length) return [...parts, fact(t('juryadmin.dossiers.noneToAdd'))];
  const options = await Promise.all(free.map(async (dossier) => ({
    value: dossier.id,
    label: `${await candidateName(t, sync.queries, dossier.id)} (${schemeWords(t, dossier)}, ${t(`workspace.status.${dossier.status}`)})`,
  })));
  const choice = select('jury-dossier', t('juryadmin.dossiers.choose'), options);
  const submit = h('button', { type: 'submit', class: 'button' }, h('span', { text: t('juryadmin.dossiers.add') }));
  const form = keepWhileTyping(h('form', { class: 'jury-assign' }, choice.group, h('div', { class: 'actions' }, submit)));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = await candidateName(t, sync.queries, choice.field.value);
    const answer = await putAndHear(sync, 'jury_assignment', newAssignment(session.id, choice.field.value), null);
    tell(t, message, answer, t('juryadmin.dossiers.added', { name }));
    return redraw();
  });
  return [...parts, form];
}

function statusActions(ctx, state, { sync, message, redraw }) {
  const { t } = ctx;
  const { session } = state;
  return NEXT[session.status].map((status) => {
    const action = button(t(`juryadmin.action.${status}`), {
      id: `jury-${status}`,
      kind: status === 'cancelled' ? 'secondary' : 'primary',
      onclick: () => busy(action, async () => {
        const why = whyNot(status, state);
        if (why) return message.problem(t(why.key, why.params));
        const answer = await putAndHear(sync, 'jury_session', { ...session, status }, session);
        tell(t, message, answer, t(`juryadmin.action.done.${status}`));
        return redraw();
      }),
    });
    return action;
  });
}

export function jurySessionScreen(ctx, [sessionId] = [], { notice } = {}) {
  const { t, language } = ctx;
  const message = messageArea();
  if (notice) message.info(notice);
  const invited = { card: null };
  return liveScreen(ctx, async (sync, redraw) => {
    const session = await sync.queries.get('jury_session', sessionId);
    if (!session || session.deleted) {
      return [title(t('juryadmin.session.missing')), fact(t('juryadmin.session.missingHelp')), backLink(t, '#/jury-sessions', t('juryadmin.session.back'))];
    }
    const rules = await loadRules();
    const [members, assignments, decisions] = await Promise.all(
      ['jury_member', 'jury_assignment', 'decision'].map((type) => ofSession(sync.queries, type, sessionId)));
    const names = new Map(await Promise.all(members.map(async (m) => [m.person_id, personName(t, await sync.queries.get('person', m.person_id))])));
    const made = composition(rules, session, members);
    const editable = session.status === 'planned';
    const tools = { sync, message, redraw };
    const people = editable ? await insiders(sync.queries, session.structure_id, members) : [];
    return [
      title(t('juryadmin.session.title', { date: formatDate(language, session.held_on) })),
      message.element,
      fact(`${session.place}. ${schemeWords(t, session)}. ${t('juryadmin.status.label', { status: t(`juryadmin.status.${session.status}`) })}`, { class: 'help jury-facts' }),
      section('jury-roles-title', t('juryadmin.roles.title'), ...rolesPart(t, made, members, names)),
      section('jury-members-title', t('juryadmin.members.title'),
        members.length
          ? h('ul', { class: 'cards' }, ...members.map((member) => memberItem(ctx, member, {
            names, editable, notAllowed: made.notAllowed.includes(member), ...tools,
          })))
          : fact(t('juryadmin.members.none')),
        editable ? insiderForm(ctx, { rules, made, session, people, ...tools }) : null,
        editable ? inviteForm(ctx, { rules, made, session, invited, ...tools }) : null,
        invited.card),
      section('jury-dossiers-title', t('juryadmin.dossiers.title'), ...await dossiersPart(ctx, { session, assignments, editable, ...tools })),
      section('jury-where-title', t('juryadmin.session.where'),
        editable ? whereForm(ctx, session, tools) : fact(t('juryadmin.session.fixed'))),
      NEXT[session.status].length
        ? section('jury-action-title', t('juryadmin.action.title'),
          h('div', { class: 'actions' }, ...statusActions(ctx, { rules, session, members, assignments, decisions }, tools)))
        : null,
      backLink(t, '#/jury-sessions', t('juryadmin.session.back')),
    ];
  });
}
