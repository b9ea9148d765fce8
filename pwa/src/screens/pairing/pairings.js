/* RSFP pairings (#/pairings): a lead asks another structure of the same trade to pair, the other
 * lead accepts; then a support worker names the partner's support worker evaluator of one of our
 * dossiers (a dossier_member, role evaluator, queued with sync.put). The pairings themselves are
 * an agreement between two leads, kept on the server: this screen needs the network for them. */

import { h, said } from '../../lib/dom.js';
import { dossiersOnTrade, evaluatorRecord, partnerOf } from '../../lib/pairing/pairings.js';
import { MANAGER_ROLES, structuresWhere } from '../../lib/session.js';
import { uuidv7 } from '../../lib/sync/uuid.js';
import { button, problemText, title } from '../parts.js';

function select(id, label, options) {
  return [
    h('label', { for: id, text: label }),
    h('select', { id }, ...options.map(([value, text]) => h('option', { value, text }))),
  ];
}

async function askForm(ctx, sync, redraw) {
  const { t } = ctx;
  const led = structuresWhere(ctx.session.roles, MANAGER_ROLES);
  if (!led.length) return null;
  const { structures } = await ctx.api.get('/pairings/structures');
  const versions = (await sync.queries.listByType('framework_version')).filter((v) => !v.deleted && v.document);
  const trades = [...new Map(versions.map((v) => [v.document.slug, v.document.title])).entries()];
  const send = button(t('pairing.ask.send'), { id: 'pairing-ask' });
  const form = h(
    'form',
    { class: 'card', onsubmit: (event) => event.preventDefault(), 'aria-labelledby': 'pairing-ask-title' },
    said('h2', t('pairing.ask.title'), { id: 'pairing-ask-title' }),
    said('p', t('pairing.ask.help'), { class: 'help' }),
    ...select('pairing-partner', t('pairing.ask.partner'), structures.map((s) => [s.id, s.city ? `${s.name} (${s.city})` : s.name])),
    ...select('pairing-trade', t('pairing.ask.trade'), trades),
    send,
  );
  send.addEventListener('click', async () => {
    try {
      await ctx.api.post('/pairings', {
        structure_id: led[0],
        partner_id: form.querySelector('#pairing-partner').value,
        trade: form.querySelector('#pairing-trade').value,
      });
      await redraw(t('pairing.ask.done'));
    } catch (error) {
      await redraw(problemText(t, error));
    }
  });
  return form;
}

async function nameEvaluator(ctx, sync, pairing, mine, redraw) {
  const { t } = ctx;
  const [{ staff }, dossiers, versions] = await Promise.all([
    ctx.api.get(`/pairings/${pairing.id}/staff`),
    sync.queries.listByType('dossier'),
    sync.queries.listByType('framework_version'),
  ]);
  const byId = new Map(versions.map((v) => [v.id, v]));
  const ours = dossiersOnTrade(pairing, dossiers, byId, mine);
  if (!ours.length || !staff.length) return said('p', t('pairing.evaluator.nothing'), { class: 'help' });
  const names = await Promise.all(ours.map(async (d) => {
    const person = await sync.queries.get('person', d.candidate_id);
    const who = person ? `${person.given_name} ${person.family_name}` : t('pairing.someone');
    return [d.id, `${who}, ${t('pairing.dossierOf')} ${byId.get(d.framework_version_id)?.document.title ?? ''}`];
  }));
  const suffix = pairing.id.slice(-8);
  const send = button(t('pairing.evaluator.send'), { id: `pairing-name-${suffix}` });
  const box = h(
    'div',
    { class: 'pairing-evaluator' },
    ...select(`pairing-dossier-${suffix}`, t('pairing.evaluator.dossier'), names),
    ...select(`pairing-person-${suffix}`, t('pairing.evaluator.person'),
      staff.map((p) => [p.id, `${p.given_name} ${p.family_name}`])),
    send,
  );
  send.addEventListener('click', async () => {
    const record = evaluatorRecord({
      id: uuidv7(),
      dossierId: box.querySelector(`#pairing-dossier-${suffix}`).value,
      personId: box.querySelector(`#pairing-person-${suffix}`).value,
    });
    try {
      await sync.put('dossier_member', record);
      await redraw(t('pairing.evaluator.done'));
    } catch (error) {
      await redraw(problemText(t, error));
    }
  });
  return box;
}

async function pairingCard(ctx, sync, pairing, mine, redraw) {
  const { t } = ctx;
  const partner = partnerOf(pairing, mine);
  const act = (action, label, kind = 'primary') => button(label, {
    kind,
    onclick: async () => {
      try {
        await ctx.api.post(`/pairings/${pairing.id}/${action}`);
        await redraw(t(`pairing.${action}.done`));
      } catch (error) {
        await redraw(problemText(t, error));
      }
    },
  });
  const headingId = `pairing-${pairing.id}`;
  return h(
    'li',
    { class: `card pairing pairing-${pairing.status}`, 'aria-labelledby': headingId },
    said('h3', t('pairing.with', { name: partner.name ?? '' }), { id: headingId }),
    h('p', { class: 'fact', text: t('pairing.trade', { trade: pairing.trade }) }),
    h('p', { class: 'fact', text: t(`pairing.status.${pairing.status}`) }),
    h('div', { class: 'actions' },
      pairing.may_answer ? act('accept', t('pairing.accept.label')) : null,
      pairing.may_answer ? act('refuse', t('pairing.refuse.label'), 'secondary') : null,
      pairing.may_end && pairing.status === 'accepted' ? act('end', t('pairing.end.label'), 'secondary') : null),
    pairing.status === 'accepted' ? await nameEvaluator(ctx, sync, pairing, mine, redraw) : null,
  );
}

async function evaluatorOf(ctx, sync) {
  const { t } = ctx;
  const me = ctx.session.person?.id;
  const members = (await sync.queries.listByType('dossier_member'))
    .filter((m) => !m.deleted && m.person_id === me && m.role === 'evaluator');
  if (!members.length) return null;
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'pairing-mine' },
    said('h2', t('pairing.mine'), { id: 'pairing-mine' }),
    h('ul', {}, ...members.map((m) => h('li', {},
      h('a', { href: `#/dossier/${m.dossier_id}`, text: t('pairing.mineOpen') }),
      ' · ',
      h('a', { href: `#/copositioning/${m.dossier_id}`, text: t('pairing.mineEvaluate') })))),
  );
}

export async function pairingsScreen(ctx) {
  const { t } = ctx;
  const { sync } = await ctx.local();
  const root = h('section', { class: 'pairings' });
  const mine = structuresWhere(ctx.session.roles);
  const draw = async (notice = '') => {
    const parts = [title(t('pairing.title')), said('p', t('pairing.help'), { class: 'help' }),
      h('p', { class: 'message', role: 'status', 'aria-live': 'polite', text: notice })];
    try {
      const { pairings } = await ctx.api.get('/pairings');
      const cards = await Promise.all(pairings.map((p) => pairingCard(ctx, sync, p, mine, draw)));
      parts.push(
        said('h2', t('pairing.list'), { id: 'pairing-list' }),
        cards.length ? h('ul', { class: 'pairing-list', 'aria-labelledby': 'pairing-list' }, ...cards)
          : said('p', t('pairing.none'), { class: 'help' }),
        await askForm(ctx, sync, draw),
      );
    } catch (error) {
      parts.push(said('p', problemText(t, error), { class: 'message', role: 'alert' }));
    }
    parts.push(await evaluatorOf(ctx, sync));
    root.replaceChildren(...parts.filter(Boolean));
  };
  await draw();
  return root;
}
