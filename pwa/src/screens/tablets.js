/* The structure's tablets, for its staff: which are enrolled, when each was last seen, revoke one
 * (lost, stolen, given away), and what a revoked tablet still had to send when it erased itself,
 * so that the support worker knows what to capture again. */

import { busy, h, messageArea, said } from '../lib/dom.js';
import { actions, button, linkButton, problemText, title } from './parts.js';
import { staffStructures } from './structures.js';

function formatDate(value, language) {
  const locale = language === 'fr' ? 'fr-FR' : language;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(
    new Date(value),
  );
}

/** The sentences that say what a tablet's state is, newest facts first. */
export function tabletFacts(t, device, language) {
  const facts = [t('tablets.enrolled', { date: formatDate(device.enrolled_at, language) })];
  if (device.last_seen_at) {
    facts.push(t('tablets.seen', { date: formatDate(device.last_seen_at, language) }));
  }
  if (!device.revoked_at) return facts;
  facts.push(t('tablets.revokedOn', { date: formatDate(device.revoked_at, language) }));
  const report = device.last_wipe_report;
  if (!report) facts.push(t('tablets.notErasedYet'));
  else if (report.records + report.media === 0) facts.push(t('tablets.erasedNothingLeft'));
  else facts.push(t('tablets.erasedWithPending', { records: report.records, media: report.media }));
  return facts;
}

function tabletItem(ctx, device, { message, reload }) {
  const { t, api, language } = ctx;
  const nameId = `tablet-${device.id}`;
  const item = h(
    'li',
    { class: 'card', 'aria-labelledby': nameId },
    said('h3', device.label, { id: nameId }),
    ...tabletFacts(t, device, language).map((text) => said('p', text, { class: 'help' })),
  );
  if (device.revoked_at) return item;
  const confirmYes = button(t('tablets.confirmYes'), {
    onclick: () =>
      busy(confirmYes, async () => {
        try {
          await api.post(`/devices/${device.id}/revoke`, {});
          await reload(t('tablets.revoked'));
        } catch (error) {
          message.problem(problemText(t, error));
        }
      }),
  });
  const confirmNo = button(t('tablets.confirmNo'), {
    kind: 'secondary',
    onclick: () => {
      confirm.hidden = true;
      revoke.focus();
    },
  });
  const confirm = h(
    'div',
    { class: 'confirm', role: 'group', 'aria-labelledby': `confirm-${device.id}`, hidden: true },
    said('p', t('tablets.confirm', { name: device.label }), { id: `confirm-${device.id}` }),
    h('div', { class: 'row' }, confirmYes, confirmNo),
  );
  const revoke = button(t('tablets.revoke'), {
    kind: 'secondary',
    'aria-label': t('tablets.revokeOne', { name: device.label }),
    onclick: () => {
      confirm.hidden = false;
      confirmNo.focus();
    },
  });
  item.append(h('div', { class: 'row' }, revoke), confirm);
  return item;
}

async function structureSection(ctx, structure, message) {
  const { t, api } = ctx;
  const list = h('ul', { class: 'cards', 'aria-label': t('tablets.listOf', { name: structure.name }) });
  const reload = async (news) => {
    const { devices } = await api.get(`/devices?structure_id=${encodeURIComponent(structure.id)}`);
    list.replaceChildren(...devices.map((device) => tabletItem(ctx, device, { message, reload })));
    if (!devices.length) list.append(h('li', {}, said('p', t('tablets.none'))));
    if (news) message.info(news);
  };
  await reload();
  return h('section', { class: 'structure' }, said('h2', structure.name), list);
}

export async function tabletsScreen(ctx) {
  const { t } = ctx;
  const message = messageArea();
  const structures = await staffStructures(ctx);
  const sections = await Promise.all(structures.map((s) => structureSection(ctx, s, message)));
  return h(
    'section',
    { class: 'tablets' },
    title(t('tablets.title')),
    said('p', t('tablets.intro'), { class: 'lead' }),
    message.element,
    ...sections,
    actions(linkButton(t('nav.back'), '#/home', { iconName: 'back' })),
  );
}
