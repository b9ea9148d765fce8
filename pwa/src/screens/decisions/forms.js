/* The forms of the decisions screen: one per competency (acquis / en cours d'acquisition / non
 * acquis, the cercle for RECTEC, a comment) and one for the overall outcome, each with the
 * decision that counts now (who, when). Fieldsets with legends that name the competency, errors
 * tied to their field (aria-describedby, aria-invalid) and the focus sent to the first choice. */

import { h, said } from '../../lib/dom.js';
import { nameOf } from '../../lib/decisions/jury-data.js';
import {
  OUTCOMES, OVERALL_OUTCOMES, competencyDecision, overallDecision, usesCercles,
} from '../../lib/decisions/records.js';
import { uuidv7 } from '../../lib/sync/uuid.js';
import { button } from '../parts.js';
import { when } from './live.js';

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

export function competencyForm(ctx, data, competency, onSave) {
  const { t } = ctx;
  const current = data.minutes.effective.competencies.get(competency.id) ?? null;
  const id = competency.id;
  const headingId = `competency-${id}`;
  const cercles = usesCercles(data.framework);
  const form = h('form', { class: 'decision-form', novalidate: true, dataset: { form: id } },
    radioGroup({
      name: `outcome-${id}`, legend: t('decisions.competency.outcome', { name: competency.official_wording }), checked: current?.outcome,
      error: `error-${id}`, options: OUTCOMES.map((value) => ({ value, label: t(`decisions.outcome.${value}`) })),
    }),
    errorLine(`error-${id}`),
    cercles ? radioGroup({
      name: `level-${id}`, legend: t('decisions.competency.level', { name: competency.official_wording }), checked: current?.level_key ?? '',
      error: `level-error-${id}`,
      options: [...data.framework.levels.map((level) => ({ value: level.key, label: level.label })),
        { value: '', label: t('decisions.competency.levelNone') }],
    }) : null,
    cercles ? errorLine(`level-error-${id}`) : null,
    h('div', { class: 'field-group' },
      h('label', { for: `comment-${id}`, text: t('decisions.competency.comment', { name: competency.official_wording }) }),
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

export function overallForm(ctx, data, onSave) {
  const { t } = ctx;
  const current = data.minutes.effective.overall;
  const chosen = new Set(current?.validated_block_keys ?? []);
  const form = h('form', { class: 'decision-form', novalidate: true, dataset: { form: 'overall' } },
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

