/* The members of a jury session: the roles its make-up needs and who holds them, each member
 * (removable while the session is planned), and adding a person of the structure in a role they
 * may hold. Invitations from outside are in invite.js. */

import { h, said } from '../../lib/dom.js';
import { putAndHear } from '../../lib/juryadmin/answer.js';
import { rolesFor } from '../../lib/juryadmin/composition.js';
import { nameOf, newMember } from '../../lib/juryadmin/sessions.js';
import { button } from '../parts.js';
import { fact } from '../workspace/common.js';
import { keepWhileTyping, roleName, select, tell } from './fields.js';

export function rolesPart(t, made, members, names) {
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

export function memberItem(ctx, member, { names, editable, notAllowed, sync, message, redraw }) {
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
export function insiderForm(ctx, { rules, made, session, people, sync, message, redraw }) {
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
