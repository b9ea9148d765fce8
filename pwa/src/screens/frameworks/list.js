/* The frameworks (#/frameworks): every version this person may see, from the device's copy, and
 * the import of a framework file. A refused file comes back with its errors beside its lines. */

import { h, said } from '../../lib/dom.js';
import { errorText, excerpt, sendFramework } from '../../lib/frameworks/import.js';
import { structuresWhere } from '../../lib/session.js';
import { button, title } from '../parts.js';
import { listenWhileShown } from '../../lib/while-shown.js';

const byTitle = (a, b) =>
  a.document.title.localeCompare(b.document.title, 'fr') || a.document.version.localeCompare(b.document.version);

function versionItem(t, record) {
  const { document } = record;
  const label = t('frameworks.versionLink', { title: document.title, version: document.version });
  return h(
    'li',
    { class: 'framework-line' },
    h('a', { href: `#/framework/${record.id}`, class: 'framework-link', text: label }),
    h('span', { class: `framework-status framework-status-${record.status}`, text: t(`frameworks.status.${record.status}`) }),
    record.structure_id ? null : h('span', { class: 'fact', text: t('frameworks.shipped') }),
  );
}

function lineItem(language, line) {
  if (line === null) return h('li', { class: 'framework-gap', 'aria-hidden': 'true', text: '⋯' });
  const bad = line.errors.length > 0;
  return h(
    'li',
    { class: bad ? 'framework-line-bad' : 'framework-line-ok', value: line.number },
    h('code', { class: 'framework-code', text: `${line.number}  ${line.text}` }),
    ...line.errors.map((e) => h('p', { class: 'framework-error-text', text: errorText(e, language) })),
  );
}

/** The errors of a refused file: the problem's French title, then each faulty line. */
export function errorReport(ctx, text, problem) {
  const { t, language } = ctx;
  const errors = problem.errors ?? [];
  const general = errors.filter((e) => !Number.isInteger(e.line));
  const lines = excerpt(text, errors);
  return h(
    'div',
    { class: 'framework-errors', role: 'alert', id: 'framework-errors' },
    said('p', problem.title ?? t('frameworks.import.failed'), { class: 'framework-errors-title' }),
    general.length ? h('ul', {}, ...general.map((e) => h('li', { text: errorText(e, language) }))) : null,
    lines.length
      ? h('ol', { class: 'framework-lines', tabindex: '0', 'aria-label': t('frameworks.import.linesLabel') },
        ...lines.map((line) => lineItem(language, line)))
      : null,
  );
}

function importForm(ctx, onImported) {
  const { t } = ctx;
  const structures = structuresWhere(ctx.session.roles);
  const input = h('input', { type: 'file', id: 'framework-file', accept: '.json,application/json' });
  const draft = h('input', { type: 'checkbox', id: 'framework-draft' });
  const report = h('div', { 'aria-live': 'polite' });
  const send = button(t('frameworks.import.send'), { iconName: 'plus', id: 'framework-send' });
  send.addEventListener('click', async () => {
    const file = input.files?.[0];
    if (!file) {
      report.replaceChildren(h('p', { class: 'message', role: 'alert', text: t('frameworks.import.chooseFirst') }));
      return;
    }
    send.disabled = true;
    try {
      const text = await file.text();
      const { version, problem } = await sendFramework(text, {
        csrfToken: ctx.api.csrfToken,
        structureId: structures[0],
        status: draft.checked ? 'draft' : 'published',
      });
      if (problem) report.replaceChildren(errorReport(ctx, text, problem));
      else {
        report.replaceChildren(said('p', t('frameworks.import.done', { title: version.title, version: version.version }), { role: 'status', class: 'message' }));
        onImported(version);
      }
    } catch {
      report.replaceChildren(h('p', { class: 'message', role: 'alert', text: t('frameworks.import.offline') }));
    } finally {
      send.disabled = false;
    }
  });
  return h(
    'form',
    { class: 'card framework-import', onsubmit: (event) => event.preventDefault(), 'aria-labelledby': 'import-title' },
    said('h2', t('frameworks.import.title'), { id: 'import-title' }),
    said('p', t('frameworks.import.help'), { class: 'help' }),
    h('label', { for: 'framework-file', text: t('frameworks.import.file') }),
    input,
    h('p', { class: 'check' }, draft, h('label', { for: 'framework-draft', text: t('frameworks.import.asDraft') })),
    send,
    report,
  );
}

export async function frameworksScreen(ctx) {
  const { t } = ctx;
  const { sync } = await ctx.local();
  const list = h('ul', { class: 'framework-list', 'aria-labelledby': 'versions-title' });
  const draw = async () => {
    const records = (await sync.queries.listByType('framework_version')).filter((r) => !r.deleted && r.document);
    list.replaceChildren(...records.sort(byTitle).map((r) => versionItem(t, r)));
    if (!records.length) list.replaceChildren(h('li', { text: t('frameworks.none') }));
  };
  listenWhileShown(list, sync.client, 'changes', draw);
  await draw();
  const staff = ctx.session.isStaff;
  return h(
    'section',
    { class: 'frameworks' },
    title(t('frameworks.title')),
    said('h2', t('frameworks.versions'), { id: 'versions-title' }),
    list,
    staff ? importForm(ctx, () => sync.client.syncNow?.()) : null,
  );
}
