/* One dossier (#/dossier/<id>): the scheme's steps as a timeline (what is done, what is next;
 * mark a step done, plan a date), the links to every area's screen for this dossier, whether it
 * is complete for the jury (what is missing, in words), and a notice when a conflict waits. */

import { loadDossier } from '../../lib/dossier-data.js';
import { loadLetter } from '../../lib/letters/letter-data.js';
import { h, messageArea, said } from '../../lib/dom.js';
import { tiesOf } from '../../lib/review/links.js';
import { completeness } from '../../lib/workspace/completeness.js';
import { hasJournal, timeline, withStep } from '../../lib/workspace/schemes.js';
import { button, title } from '../parts.js';
import { resultSection } from '../results/dossier-section.js';
import { backLink, fact, formatDate, frameworkName, liveScreen, personName, today } from './common.js';

/** The links to the other areas' screens for this dossier, in the order the work goes. */
export function dossierLinks(t, dossier) {
  const id = dossier.id;
  return [
    ['evidence', `#/evidence/${id}`],
    ['selection', `#/selection/${id}`],
    ['copositioning', `#/copositioning/${id}`],
    ['letter', `#/letter/${id}`],
    ['testimonies', `#/testimonies/${id}`],
    hasJournal(dossier.scheme) ? ['journal', `#/journal/${id}`] : null,
  ]
    .filter(Boolean)
    .map(([key, href]) => h('li', {}, h('a', { class: 'button button-secondary', href, text: t(`workspace.link.${key}`) })));
}

function stepState(t, language, step) {
  if (step.state === 'done') return t('workspace.stepDone', { date: formatDate(language, step.done_on) });
  const planned = step.planned_on ? ` ${t('workspace.stepPlanned', { date: formatDate(language, step.planned_on) })}` : '';
  return (step.state === 'next' ? t('workspace.stepNext') : t('workspace.stepLater')) + planned;
}

function stepItem(ctx, step, save) {
  const { t, language } = ctx;
  const name = t(`workspace.step.${step.key}`);
  const dateId = `plan-${step.key}`;
  const dateInput = h('input', { type: 'date', id: dateId, class: 'field', value: step.planned_on ?? '' });
  const toggle = step.state === 'done'
    ? button(t('workspace.stepUndo'), { id: `toggle-${step.key}`, kind: 'secondary', 'aria-label': t('workspace.stepUndoOne', { step: name }),
      onclick: () => save(step.key, { done_on: null }, t('workspace.stepUndone', { step: name })) })
    : button(t('workspace.stepMark'), { id: `toggle-${step.key}`, 'aria-label': t('workspace.stepMarkOne', { step: name }),
      onclick: () => save(step.key, { done_on: today() }, t('workspace.stepMarked', { step: name })) });
  const plan = button(t('workspace.stepPlan'), { id: `planned-${step.key}`, kind: 'secondary', 'aria-label': t('workspace.stepPlanOne', { step: name }),
    onclick: () => save(step.key, { planned_on: dateInput.value || null }, t('workspace.stepPlannedSaved', { step: name })) });
  return h(
    'li',
    { class: 'step', dataset: { state: step.state }, 'aria-current': step.state === 'next' ? 'step' : null },
    h('span', { class: 'step-mark', 'aria-hidden': 'true', text: { done: '✓', next: '→', later: '·' }[step.state] }),
    said('h3', name),
    fact(stepState(t, language, step)),
    h('div', { class: 'row step-actions' },
      toggle,
      h('div', { class: 'field-group' }, h('label', { for: dateId, text: t('workspace.stepDate', { step: name }) }), dateInput),
      plan),
  );
}

/** "3 preuves. 1 pas encore liée à une compétence." from the dossier's records. */
function evidenceWords(t, records) {
  const evidence = (records.evidence ?? []).filter((e) => !e.deleted);
  if (!evidence.length) return t('workspace.dossier.evidenceNone');
  const unlinked = evidence.filter((e) => tiesOf(e, records.annotation ?? []).competencies.size === 0);
  const count = t(evidence.length === 1 ? 'workspace.dossier.evidenceOne' : 'workspace.dossier.evidenceMany', { count: evidence.length });
  return unlinked.length ? `${count} ${t('workspace.dossier.unlinked', { count: unlinked.length })}` : count;
}

function completenessPart(t, result) {
  if (result.complete) {
    return h('section', { class: 'completeness', dataset: { complete: 'yes' }, 'aria-labelledby': 'complete-title' },
      said('h2', t('workspace.complete.yes'), { id: 'complete-title' }),
      fact(t('workspace.complete.yesHelp')));
  }
  return h('section', { class: 'completeness', dataset: { complete: 'no' }, 'aria-labelledby': 'complete-title' },
    said('h2', t('workspace.complete.no'), { id: 'complete-title' }),
    h('ul', { class: 'missing' }, ...result.missing.map(({ key, params }) => said('li', t(key, params)))));
}

/** Open conflicts on this dossier: the server's list when it answers, else this device's. */
async function conflictsOf(ctx, sync, dossierId) {
  try {
    const query = `/sync/conflicts?dossier_id=${encodeURIComponent(dossierId)}`;
    return (await ctx.api.get(query)).conflicts;
  } catch {
    // No network (or no answer): the conflicts this device met are still worth showing.
    const local = await sync.queries.conflicts();
    return local.filter((c) => (c.type === 'dossier' && c.id === dossierId)
      || (c.local_record ?? c.server_record)?.dossier_id === dossierId);
  }
}

export function dossierScreen(ctx, [dossierId] = [], { notice } = {}) {
  const { t } = ctx;
  const message = messageArea();
  if (notice) message.info(notice);
  return liveScreen(ctx, async (sync) => {
    const loaded = await loadDossier(sync.queries, dossierId);
    if (!loaded) {
      return [title(t('workspace.dossier.missing')), fact(t('workspace.dossier.missingHelp')), backLink(t)];
    }
    const { dossier } = loaded;
    const version = await sync.queries.get('framework_version', dossier.framework_version_id);
    const candidate = await sync.queries.get('person', dossier.candidate_id);
    const name = personName(t, candidate);
    const save = async (key, change, done) => {
      const fresh = (await sync.queries.get('dossier', dossierId)) ?? dossier;
      await sync.put('dossier', { ...fresh, steps: withStep(fresh, key, change) });
      message.info(done);
    };
    const conflicts = await conflictsOf(ctx, sync, dossierId);
    const { letter, hash } = await loadLetter(sync.queries, dossier);
    const result = completeness({
      ...loaded, candidate, today: today(), letter: { hash, roles: letter.signers.map((s) => s.role) },
    });
    return [
      title(t('workspace.dossier.title', { name })),
      message.element,
      conflicts.length
        ? h('p', { class: 'notice', role: 'status' }, h('a', { href: '#/conflicts', text: t('workspace.dossier.conflict') }))
        : null,
      h('dl', { class: 'facts' },
        h('dt', { text: t('workspace.dossier.scheme') }), h('dd', { text: t(`workspace.scheme.${dossier.scheme}`) }),
        dossier.modality ? [h('dt', { text: t('workspace.dossier.modality') }), h('dd', { text: t(`workspace.modality.${dossier.modality}`) })] : null,
        h('dt', { text: t('workspace.dossier.framework') }), h('dd', { text: frameworkName(t, version) }),
        h('dt', { text: t('workspace.dossier.status') }), h('dd', { text: t(`workspace.status.${dossier.status}`) }),
        h('dt', { text: t('workspace.dossier.evidence') }), h('dd', { class: 'evidence-count', text: evidenceWords(t, loaded.records) })),
      completenessPart(t, result),
      result.complete && dossier.status === 'ouvert'
        ? button(t('workspace.dossier.ready'), {
          id: 'dossier-ready',
          onclick: async () => {
            await sync.put('dossier', { ...dossier, status: 'pret_pour_jury' });
            message.info(t('workspace.dossier.readyDone'));
          },
        })
        : null,
      h('section', { 'aria-labelledby': 'steps-title' },
        said('h2', t('workspace.dossier.steps'), { id: 'steps-title' }),
        h('ol', { class: 'timeline' }, ...timeline(dossier).map((step) => stepItem(ctx, step, save)))),
      await resultSection(ctx, sync, dossierId),
      h('nav', { 'aria-labelledby': 'links-title' },
        said('h2', t('workspace.dossier.links'), { id: 'links-title' }),
        h('ul', { class: 'link-list' }, ...dossierLinks(t, dossier))),
      backLink(t),
    ];
  });
}
