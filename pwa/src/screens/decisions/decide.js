/* The jury's decisions on one dossier (#/jury-decide/<sessionId>/<dossierId>[/<competencyId>]):
 * per competency, acquis / en cours d'acquisition / non acquis (and the cercle reached, for
 * RECTEC), a comment, the decision that counts now with who and when; then the overall outcome.
 * All of it offline: each choice is a new decision record put in the outbox (append-only: the
 * last recorded counts). What the server refused is shown in its own French words. */

import { h, messageArea, said } from '../../lib/dom.js';
import { loadJuryDossier } from '../../lib/decisions/jury-data.js';
import { sameDecision } from '../../lib/decisions/records.js';
import { title } from '../parts.js';
import { competencyForm, overallForm } from './forms.js';
import { candidateLabel, juryLinks, liveSection, whenShown } from './live.js';

/** What the member chose or typed in the forms not saved yet: [{id, checked, value}]. */
function unsaved(root, touched) {
  return [...touched].flatMap((key) => [...(root?.querySelectorAll(`[data-form="${key}"] input, [data-form="${key}"] textarea`) ?? [])]
    .map((field) => ({ id: field.id, checked: field.checked, value: field.value })));
}

/** Put those choices and words back into the forms just drawn (a redraw must not lose them). */
function putBack(parts, fields) {
  const find = (id) => parts.map((part) => part.querySelector?.(`[id="${id}"]`)).find(Boolean);
  for (const { id, checked, value } of fields) {
    const field = find(id);
    if (!field) continue;
    if (field.type === 'radio' || field.type === 'checkbox') field.checked = checked;
    else field.value = value;
  }
}

/** The decisions the server refused, in its own French words (e.g. the session is not open). */
function refusedList(ctx, data) {
  const { t } = ctx;
  const refused = data.minutes.effective.refused;
  if (!refused.length) return null;
  return h('section', { class: 'decisions-refused', role: 'alert', 'aria-labelledby': 'refused-title' },
    h('h2', { id: 'refused-title', text: t('decisions.refused.title') }),
    h('ul', {}, ...refused.map(({ record, problem }) => said('li', t('decisions.refused.item', {
      what: record.competency_id
        ? data.framework.competency(record.competency_id)?.official_wording ?? record.competency_id
        : t('decisions.refused.overall'),
      reason: problem?.title || t('decisions.refused.unknown'),
    })))),
    said('p', t('decisions.refused.help')));
}

export async function decideScreen(ctx, [sessionId, dossierId, competencyId]) {
  const { t } = ctx;
  const message = messageArea();
  const touched = new Set(); // the forms changed and not saved: a redraw keeps what they hold
  let root = null;
  let focusAfter = competencyId ? `competency-${competencyId}` : null;
  root = await liveSection(ctx, 'decisions jury-decide', async (sync, redraw) => {
    const kept = unsaved(root, touched);
    const data = await loadJuryDossier(sync.queries, sessionId, dossierId);
    if (!data) {
      return [title(t('decisions.decide.title')), said('p', t('decisions.decide.missing'), { role: 'alert' }),
        said('p', t('decisions.decide.missingHelp')), juryLinks(t, sessionId, dossierId, { minutes: false })];
    }
    if (!data.framework) return [title(t('decisions.decide.title')), said('p', t('decisions.decide.noFramework'), { role: 'alert' })];
    data.sessionId = sessionId;
    const onSave = async ({ form, focusId, label, current, record }) => {
      if (sameDecision(record, current)) {
        message.info(t('decisions.competency.same'));
        return;
      }
      const save = form.querySelector('button[type="submit"]');
      save.disabled = true;
      try {
        await sync.put('decision', record);
        touched.delete(form.dataset.form);
        message.info(label ? t('decisions.competency.saved', { name: label }) : t('decisions.overall.saved'));
        focusAfter = focusId;
        await redraw();
        document.getElementById(focusId)?.focus();
      } catch (error) {
        console.error(error);
        message.problem(t('decisions.saveFailed'));
        save.disabled = false;
      }
    };
    const competencies = data.framework.competencies;
    const done = competencies.filter((competency) => data.minutes.effective.competencies.has(competency.id)).length;
    const parts = [
      juryLinks(t, sessionId, dossierId),
      title(t('decisions.decide.title')),
      said('p', t('decisions.decide.intro', { name: await candidateLabel(ctx, data, sessionId) || '—', framework: data.framework.title }), { class: 'lead' }),
      said('p', t('decisions.decide.appendOnly')),
      said('p', t('decisions.decide.progress', { done, total: competencies.length }), { class: 'decisions-progress' }),
      data.session && data.session.status !== 'open'
        ? said('p', t('decisions.decide.notOpen', { status: t(`decisions.status.${data.session.status}`) }), { class: 'decisions-not-open' })
        : null,
      refusedList(ctx, data),
      message.element,
      ...data.framework.blocks.map((block) => h('section', { class: 'decision-block', 'aria-labelledby': `block-title-${block.key}` },
        h('h2', { id: `block-title-${block.key}`, text: block.title }),
        ...block.competencies.map((competency) => competencyForm(ctx, data, competency, onSave)))),
      overallForm(ctx, data, onSave),
    ].filter(Boolean);
    putBack(parts, kept);
    return parts;
  });
  Object.assign(root.dataset, { session: sessionId, dossier: dossierId });
  const touch = (event) => {
    const form = event.target.closest?.('form[data-form]');
    if (form) touched.add(form.dataset.form);
  };
  root.addEventListener('input', touch);
  root.addEventListener('change', touch);
  whenShown(root, () => {
    const target = focusAfter && document.getElementById(focusAfter);
    if (!target) return;
    target.scrollIntoView({ block: 'start' });
    target.focus();
  });
  return root;
}
