/* The structure's jury sessions (#/jury-sessions), for its lead: each session with its date,
 * place, scheme and status, and a new session (planned) queued with sync.put, so that it is
 * prepared with no network too. */

import { h, messageArea, said } from '../../lib/dom.js';
import { sessionsOf, newSession } from '../../lib/juryadmin/sessions.js';
import { MANAGER_ROLES, structuresWhere } from '../../lib/session.js';
import { title } from '../parts.js';
import { backLink, fact, formatDate, liveScreen } from '../workspace/common.js';
import { keepWhileTyping, select, sessionFields } from './fields.js';

/** "RAE, au poste de travail" from a session or a dossier. */
export function schemeWords(t, { scheme, modality }) {
  const name = t(`workspace.scheme.${scheme}`);
  return modality ? `${name}, ${t(`workspace.modality.${modality}`).toLowerCase()}` : name;
}

function sessionItem(ctx, session) {
  const { t, language } = ctx;
  const when = t('juryadmin.list.item', { date: formatDate(language, session.held_on), place: session.place });
  return h('li', { class: 'card jury-session-item', dataset: { status: session.status } },
    h('h3', {}, h('a', { href: `#/jury-session/${session.id}`, text: when })),
    fact(`${schemeWords(t, session)}. ${t('juryadmin.status.label', { status: t(`juryadmin.status.${session.status}`) })}`));
}

async function newSessionForm(ctx, sync, structureIds, message) {
  const { t } = ctx;
  const structures = await Promise.all(structureIds.map(async (id) => ({
    value: id, label: (await sync.queries.get('structure', id))?.name ?? id,
  })));
  const structure = select('new-jury-structure', t('juryadmin.field.structure'), structures, structureIds[0]);
  const fields = sessionFields(t, 'new-jury');
  const submit = h('button', { type: 'submit', class: 'button' }, h('span', { text: t('juryadmin.field.create') }));
  const form = keepWhileTyping(h('form', { class: 'jury-new', 'aria-labelledby': 'jury-new-title' },
    said('h2', t('juryadmin.list.new'), { id: 'jury-new-title' }),
    structures.length > 1 ? structure.group : null,
    ...fields.groups,
    h('div', { class: 'actions' }, submit)));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values = fields.values();
    if (!values.heldOn || !values.place) {
      message.problem(t('juryadmin.field.missing'));
      return;
    }
    const record = newSession(structure.field.value, values);
    await sync.put('jury_session', record);
    ctx.go('jury-session', [record.id], { notice: t('juryadmin.list.created') });
  });
  return form;
}

export function jurySessionsScreen(ctx, _params, { notice } = {}) {
  const { t } = ctx;
  const message = messageArea();
  if (notice) message.info(notice);
  const structureIds = structuresWhere(ctx.session.roles, MANAGER_ROLES);
  return liveScreen(ctx, async (sync) => {
    const sessions = await sessionsOf(sync.queries, structureIds);
    return [
      title(t('juryadmin.list.title')),
      said('p', t('juryadmin.list.intro'), { class: 'lead' }),
      message.element,
      h('section', { 'aria-labelledby': 'jury-list-title' },
        said('h2', t('juryadmin.list.sessions'), { id: 'jury-list-title' }),
        sessions.length
          ? h('ul', { class: 'cards jury-sessions' }, ...sessions.map((session) => sessionItem(ctx, session)))
          : fact(t('juryadmin.list.none'))),
      structureIds.length ? await newSessionForm(ctx, sync, structureIds, message) : null,
      backLink(t, '#/home', t('nav.back')),
    ];
  });
}
