/* The dossiers put before a jury session: those assigned (removable while it is planned) and the
 * dossiers of the same scheme that may still be added. */

import { h } from '../../lib/dom.js';
import { putAndHear } from '../../lib/juryadmin/answer.js';
import { assignable, newAssignment } from '../../lib/juryadmin/sessions.js';
import { button } from '../parts.js';
import { fact, personName } from '../workspace/common.js';
import { keepWhileTyping, select, tell } from './fields.js';
import { schemeWords } from './sessions.js';

async function candidateName(t, queries, dossierId) {
  const dossier = await queries.get('dossier', dossierId);
  return personName(t, dossier ? await queries.get('person', dossier.candidate_id) : null);
}

export async function dossiersPart(ctx, { session, assignments, editable, sync, message, redraw }) {
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
