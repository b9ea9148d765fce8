/* One jury session (#/jury-session/<id>), for a lead of its structure: date, place, scheme and
 * modality; the roles its scheme needs (from the rules file) and who holds them; members from the
 * structure or invited from outside; the dossiers of the same scheme put before it; opening,
 * closing or cancelling it. Every write goes through sync.put; the status changes wait for the
 * server's word (answer.js), which may refuse with `jury_incomplete` or `jury_not_finished`. */

import { busy, h, messageArea, said } from '../../lib/dom.js';
import { putAndHear } from '../../lib/juryadmin/answer.js';
import { composition, loadRules } from '../../lib/juryadmin/composition.js';
import { NEXT, whyNot } from '../../lib/juryadmin/lifecycle.js';
import { insiders, ofSession } from '../../lib/juryadmin/sessions.js';
import { button, title } from '../parts.js';
import { backLink, fact, formatDate, liveScreen, personName } from '../workspace/common.js';
import { dossiersPart } from './dossiers.js';
import { keepWhileTyping, sessionFields, tell } from './fields.js';
import { inviteForm } from './invite.js';
import { insiderForm, memberItem, rolesPart } from './members.js';
import { schemeWords } from './sessions.js';

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
