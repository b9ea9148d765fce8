/* The jury's decisions on one dossier (#/jury-decide/<sessionId>/<dossierId>[/<competencyId>]):
 * per competency, acquis / en cours d'acquisition / non acquis (and the cercle reached, for
 * RECTEC), a comment, the decision that counts now with who and when; then the overall outcome.
 * All of it offline: each choice is a new decision record put in the outbox (append-only: the
 * last recorded counts). What the server refused is shown in its own French words. */

import { h, messageArea, said } from '../../lib/dom.js';
import { loadJuryDossier, nameOf } from '../../lib/decisions/jury-data.js';
import {
  OUTCOMES, OVERALL_OUTCOMES, competencyDecision, overallDecision, sameDecision, usesCercles,
} from '../../lib/decisions/records.js';
import { uuidv7 } from '../../lib/sync/uuid.js';
import { button, title } from '../parts.js';
import { candidateLabel, juryLinks, liveSection, when, whenShown } from './live.js';

/** A fieldset of radio buttons; `error` is the id of the message tied to it. */
function radioGroup({ name, legend, options, checked, error }) {
  return h('fieldset', { class: 'decision-choices', 'aria-describedby': error },
    h('legend', { text: legend }),
    ...options.map(({ value, label }) => {
      const id = `${name}-${value || 'none'}`;
      return h('label', { class: 'choice', for: id },
        h('input', { type: 'radio', id, name, value, checked: (checked ?? '') === value }),
        h('span', { text: label }));
    }));
}

function errorLine(id) {
  return h('p', { id, class: 'field-error', hidden: true });
}

/** Show `text` in the error line and on its field (aria-invalid), and focus the first choice. */
function showError(form, errorId, text) {
  const line = form.querySelector(`#${errorId}`);
  line.textContent = text;
  line.hidden = false;
  const fieldset = form.querySelector(`[aria-describedby="${errorId}"]`);
  fieldset.querySelectorAll('input').forEach((input) => input.setAttribute('aria-invalid', 'true'));
  fieldset.querySelector('input')?.focus();
}

/** "Décision actuelle : Acquis. Niveau : Cercle 2. Par Ana, le 15 février 2027 à 10:30." */
function currentLine(ctx, data, decision, { overall = false } = {}) {
  const { t, language } = ctx;
  if (!decision) return said('p', t(overall ? 'decisions.overall.none' : 'decisions.current.none'), { class: 'decision-current' });
  const unsent = data.minutes.effective.unsentIds.has(decision.id);
  const who = unsent ? ctx.session.person : data.people.get(decision.decided_by_id);
  const date = when(language, decision.decided_at);
  const parts = overall
    ? [t('decisions.overall.was', { outcome: t(`decisions.overall.${decision.overall_outcome}`) }),
      decision.validated_block_keys?.length ? t('decisions.overall.validated', { blocks: blockTitles(data, decision) }) : '']
    : [t('decisions.current.was', { outcome: t(`decisions.outcome.${decision.outcome}`) }),
      decision.level_key ? t('decisions.current.level', { level: data.framework.level(decision.level_key)?.label ?? decision.level_key }) : ''];
  parts.push(nameOf(who) ? t('decisions.current.by', { name: nameOf(who), date }) : t('decisions.current.byUnknown', { date }));
  if (unsent) parts.push(t('decisions.current.unsent'));
  return said('p', parts.filter(Boolean).join(' '), { class: 'decision-current', dataset: { outcome: decision.outcome ?? decision.overall_outcome } });
}

/** The validated blocks' titles, in the framework's order. */
export const blockTitles = (data, decision) => data.framework.blocks
  .filter((block) => decision.validated_block_keys.includes(block.key)).map((block) => block.title).join(', ');

function competencyForm(ctx, data, competency, onSave) {
  const { t } = ctx;
  const current = data.minutes.effective.competencies.get(competency.id) ?? null;
  const id = competency.id;
  const headingId = `competency-${id}`;
  const cercles = usesCercles(data.framework);
  const form = h('form', { class: 'decision-form', novalidate: true },
    radioGroup({
      name: `outcome-${id}`, legend: t('decisions.competency.outcome'), checked: current?.outcome,
      error: `error-${id}`, options: OUTCOMES.map((value) => ({ value, label: t(`decisions.outcome.${value}`) })),
    }),
    errorLine(`error-${id}`),
    cercles ? radioGroup({
      name: `level-${id}`, legend: t('decisions.competency.level'), checked: current?.level_key ?? '',
      error: `level-error-${id}`,
      options: [...data.framework.levels.map((level) => ({ value: level.key, label: level.label })),
        { value: '', label: t('decisions.competency.levelNone') }],
    }) : null,
    cercles ? errorLine(`level-error-${id}`) : null,
    h('div', { class: 'field-group' },
      h('label', { for: `comment-${id}`, text: t('decisions.competency.comment') }),
      h('textarea', { id: `comment-${id}`, class: 'field', rows: '2', maxlength: '20000', text: current?.comment ?? '' })),
    button(t('decisions.competency.save'), {
      type: 'submit', id: `save-${id}`, 'aria-label': t('decisions.competency.saveFor', { name: competency.official_wording }),
    }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const outcome = form.querySelector(`input[name="outcome-${id}"]:checked`)?.value;
    if (!outcome) return showError(form, `error-${id}`, t('decisions.competency.needOutcome'));
    const levelKey = cercles ? form.querySelector(`input[name="level-${id}"]:checked`)?.value || null : null;
    const comment = form.querySelector(`#comment-${id}`).value;
    return onSave({ form, focusId: headingId, label: competency.official_wording, current, record: competencyDecision({
      id: uuidv7(), sessionId: data.sessionId, dossierId: data.dossier.id,
      competencyId: id, outcome, levelKey, comment,
    }) });
  });
  return h('section', { class: 'decision', 'aria-labelledby': headingId, dataset: { competency: id, decided: String(Boolean(current)) } },
    h('h3', { id: headingId, tabindex: '-1', text: competency.official_wording }),
    currentLine(ctx, data, current),
    form);
}

function overallForm(ctx, data, onSave) {
  const { t } = ctx;
  const current = data.minutes.effective.overall;
  const chosen = new Set(current?.validated_block_keys ?? []);
  const form = h('form', { class: 'decision-form', novalidate: true },
    radioGroup({
      name: 'overall', legend: t('decisions.overall.outcome'), checked: current?.overall_outcome, error: 'error-overall',
      options: OVERALL_OUTCOMES.map((value) => ({ value, label: t(`decisions.overall.${value}`) })),
    }),
    errorLine('error-overall'),
    h('fieldset', { class: 'decision-choices', 'aria-describedby': 'blocks-help error-blocks' },
      h('legend', { text: t('decisions.overall.blocks') }),
      said('p', t('decisions.overall.blocksHelp'), { id: 'blocks-help' }),
      ...data.framework.blocks.map((block) => h('label', { class: 'choice', for: `block-${block.key}` },
        h('input', { type: 'checkbox', id: `block-${block.key}`, name: 'blocks', value: block.key, checked: chosen.has(block.key) }),
        h('span', { text: block.title })))),
    errorLine('error-blocks'),
    h('div', { class: 'field-group' },
      h('label', { for: 'comment-overall', text: t('decisions.overall.comment') }),
      h('textarea', { id: 'comment-overall', class: 'field', rows: '3', maxlength: '20000', text: current?.comment ?? '' })),
    button(t('decisions.overall.save'), { type: 'submit', id: 'save-overall' }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const overallOutcome = form.querySelector('input[name="overall"]:checked')?.value;
    if (!overallOutcome) return showError(form, 'error-overall', t('decisions.overall.needOutcome'));
    const blockKeys = [...form.querySelectorAll('input[name="blocks"]:checked')].map((input) => input.value);
    if (overallOutcome === 'validation_partielle' && !blockKeys.length) {
      const line = form.querySelector('#error-blocks');
      line.textContent = t('decisions.overall.needBlocks');
      line.hidden = false;
      form.querySelector('input[name="blocks"]')?.focus();
      return null;
    }
    return onSave({ form, focusId: 'overall-title', label: null, current, record: overallDecision({
      id: uuidv7(), sessionId: data.sessionId, dossierId: data.dossier.id, overallOutcome, blockKeys,
      comment: form.querySelector('#comment-overall').value,
    }) });
  });
  return h('section', { class: 'decision decision-overall', 'aria-labelledby': 'overall-title', dataset: { decided: String(Boolean(current)) } },
    h('h2', { id: 'overall-title', tabindex: '-1', text: t('decisions.overall.title') }),
    currentLine(ctx, data, current, { overall: true }),
    form);
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
  let dirty = false;
  let focusAfter = competencyId ? `competency-${competencyId}` : null;
  const root = await liveSection(ctx, 'decisions jury-decide', async (sync, redraw) => {
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
        dirty = false;
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
    return [
      juryLinks(t, sessionId, dossierId),
      title(t('decisions.decide.title')),
      said('p', t('decisions.decide.intro', { name: await candidateLabel(ctx, data, sessionId) || '—', framework: data.framework.title }), { class: 'lead' }),
      said('p', t('decisions.decide.appendOnly')),
      said('p', t('decisions.decide.progress', { done, total: competencies.length }), { class: 'decisions-progress' }),
      refusedList(ctx, data),
      message.element,
      ...data.framework.blocks.map((block) => h('section', { class: 'decision-block', 'aria-labelledby': `block-title-${block.key}` },
        h('h2', { id: `block-title-${block.key}`, text: block.title }),
        ...block.competencies.map((competency) => competencyForm(ctx, data, competency, onSave)))),
      overallForm(ctx, data, onSave),
    ];
  }, { isBusy: () => dirty });
  root.addEventListener('input', () => (dirty = true));
  root.addEventListener('change', () => (dirty = true));
  whenShown(root, () => {
    const target = focusAfter && document.getElementById(focusAfter);
    if (!target) return;
    target.scrollIntoView({ block: 'start' });
    target.focus();
  });
  return root;
}
