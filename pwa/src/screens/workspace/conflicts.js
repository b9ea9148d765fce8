/* Conflicts (#/conflicts): two people changed the same field of the same record on two devices.
 * Both versions side by side, field by field; keep one, or choose per field; the chosen record
 * goes to the server (POST /sync/conflicts/<id>/resolve) and the conflict leaves both the server's
 * list and this device's. Resolving needs the network; the list shows offline too. */

import { h, messageArea, said } from '../../lib/dom.js';
import { fieldRows, forgetLocalConflicts, mergeConflictLists, mergedRecord } from '../../lib/workspace/conflicts.js';
import { timeline } from '../../lib/workspace/schemes.js';
import { button, problemText, title } from '../parts.js';
import { backLink, fact, formatDate, liveScreen, personName } from './common.js';

async function serverConflicts(ctx) {
  try {
    return (await ctx.api.get('/sync/conflicts')).conflicts;
  } catch (error) {
    if (error.status === 0 || error.status === undefined) return null; // offline: the device's own list
    throw error;
  }
}

/** A field's value in words: steps and a selection are told, the rest shown as it is. */
function valueWords(ctx, field, value, record) {
  const { t, language } = ctx;
  if (value === undefined || value === null || value === '') return t('workspace.conflict.empty');
  if (field === 'steps') {
    return timeline({ ...record, steps: value })
      .map((step) => `${t(`workspace.step.${step.key}`)} : ${step.done_on ? t('workspace.stepDone', { date: formatDate(language, step.done_on) }) : t('workspace.conflict.notDone')}`)
      .join(' ; ');
  }
  if (field === 'selection') {
    const entries = Object.entries(value);
    if (!entries.length) return t('workspace.conflict.empty');
    return t('workspace.conflict.selection', { competencies: entries.length, evidence: entries.reduce((n, [, ids]) => n + ids.length, 0) });
  }
  if (field === 'status') return t(`workspace.status.${value}`);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const fieldName = (t, field) => {
  const key = `workspace.field.${field}`;
  const words = t(key);
  return words === key ? field : words;
};

function conflictCard(ctx, conflict, { about, resolve }) {
  const { t } = ctx;
  const rows = fieldRows(conflict.mine ?? {}, conflict.theirs ?? {}).filter((row) => row.differs);
  const headingId = `conflict-${conflict.id}`;
  const table = h('table', { class: 'conflict-table' },
    h('caption', { text: t('workspace.conflict.caption') }),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col', text: t('workspace.conflict.field') }),
      h('th', { scope: 'col', text: t('workspace.conflict.mine') }),
      h('th', { scope: 'col', text: t('workspace.conflict.theirs') }))),
    h('tbody', {}, ...rows.map((row) => {
      const name = fieldName(t, row.field);
      const choice = (which) => {
        const id = `pick-${conflict.id}-${row.field}-${which}`;
        return h('div', { class: 'choice' },
          h('input', { type: 'radio', name: `pick-${conflict.id}-${row.field}`, id, value: which, checked: which === 'theirs', dataset: { field: row.field } }),
          h('label', { for: id }, h('span', { text: valueWords(ctx, row.field, row[which], conflict[which] ?? {}) }),
            h('span', { class: 'visually-hidden', text: ` (${t(`workspace.conflict.${which}`)}, ${name})` })));
      };
      return h('tr', {}, h('th', { scope: 'row', text: name }), h('td', {}, choice('mine')), h('td', {}, choice('theirs')));
    })));
  const chosenFields = () => [...table.querySelectorAll('input[value="mine"]:checked')].map((input) => input.dataset.field);
  const allFields = rows.map((row) => row.field);
  return h('li', { class: 'card conflict', 'aria-labelledby': headingId },
    said('h2', about, { id: headingId }),
    fact(t('workspace.conflict.why')),
    conflict.created_at ? fact(t('workspace.conflict.when', { date: formatDate(ctx.language, conflict.created_at, { withTime: true }) })) : null,
    h('div', { class: 'table-scroll' }, table),
    h('div', { class: 'row' },
      button(t('workspace.conflict.keepMine'), { kind: 'secondary', onclick: () => resolve(conflict, allFields) }),
      button(t('workspace.conflict.keepTheirs'), { kind: 'secondary', onclick: () => resolve(conflict, []) }),
      button(t('workspace.conflict.keepChoices'), { onclick: () => resolve(conflict, chosenFields()) })));
}

async function describe(ctx, queries, conflict) {
  const { t } = ctx;
  const dossierId = conflict.type === 'dossier' ? conflict.record_id : conflict.dossier_id;
  const dossier = dossierId ? await queries.get('dossier', dossierId) : null;
  const candidate = dossier ? await queries.get('person', dossier.candidate_id) : null;
  const type = fieldName(t, `type.${conflict.type}`);
  return dossier
    ? t('workspace.conflict.aboutDossier', { type, name: personName(t, candidate), scheme: t(`workspace.scheme.${dossier.scheme}`) })
    : t('workspace.conflict.about', { type });
}

export function conflictsScreen(ctx) {
  const { t } = ctx;
  const message = messageArea();
  return liveScreen(ctx, async (sync, redraw) => {
    const server = await serverConflicts(ctx);
    const { conflicts, gone } = mergeConflictLists(server, await sync.queries.conflicts());
    await forgetLocalConflicts(gone);
    const resolve = async (conflict, fromMine) => {
      try {
        await ctx.api.post(`/sync/conflicts/${conflict.id}/resolve`, { record: mergedRecord(conflict, fromMine) });
        await forgetLocalConflicts([conflict.id]);
        sync.client.requestSync();
        message.info(t('workspace.conflict.resolved'));
      } catch (error) {
        if (error.status === 409) await forgetLocalConflicts([conflict.id]);
        message.problem(error.status === 409 ? t('workspace.conflict.already') : problemText(t, error));
      }
      await redraw();
      document.querySelector('#screen h1')?.focus();
    };
    const cards = await Promise.all(conflicts.map(async (conflict) =>
      conflictCard(ctx, conflict, { about: await describe(ctx, sync.queries, conflict), resolve })));
    return [
      title(t('workspace.conflicts.title')),
      said('p', t('workspace.conflicts.intro'), { class: 'lead' }),
      server === null ? said('p', t('workspace.conflicts.offline'), { class: 'notice' }) : null,
      message.element,
      cards.length
        ? h('ul', { class: 'cards', 'aria-label': t('workspace.conflicts.list') }, ...cards)
        : fact(t('workspace.conflicts.none')),
      backLink(t),
    ];
  });
}
