/* The two forms of a piece of evidence: link it to a competency (and its criteria), and write or
 * say a remark, or ask for it to be done again ("à refaire") with a reason the candidate hears. */

import { busy, h } from '../../lib/dom.js';
import { annotationReady, annotationRecord } from '../../lib/review/links.js';
import { uuidv7 } from '../../lib/sync/uuid.js';
import { button } from '../parts.js';
import { competencyName, criterionName } from './shared.js';
import { uploadVoice, voiceField } from './voice.js';

function criteriaBox(ctx, competency) {
  const boxes = (competency?.criteria ?? []).map((criterion) =>
    h('label', { class: 'review-check' },
      h('input', { type: 'checkbox', name: 'criterion', value: criterion.id }),
      h('span', { text: criterionName(criterion) })));
  if (boxes.length === 0) return h('div');
  return h('fieldset', { class: 'review-criteria' },
    h('legend', { text: ctx.t('review.link.criteria') }), ...boxes);
}

/** "Relier à une compétence": a competency, some of its criteria, one tap. */
export function linkForm(ctx, { review, evidence, tied, message }) {
  const { t } = ctx;
  const select = h('select', { id: 'review-link-competency', class: 'field review-select' },
    ...review.framework.blocks.map((block) =>
      h('optgroup', { label: block.easy_title ?? block.title },
        ...block.competencies.map((competency) => h('option', {
          value: competency.id,
          text: competencyName(competency) + (tied.has(competency.id) ? ` (${t('review.link.already')})` : ''),
        })))));
  const criteriaSlot = h('div');
  const showCriteria = () =>
    criteriaSlot.replaceChildren(criteriaBox(ctx, review.framework.competency(select.value)));
  select.addEventListener('change', showCriteria);
  showCriteria();
  const save = button(t('review.link.save'), {
    onclick: () => busy(save, async () => {
      const criterionIds = [...criteriaSlot.querySelectorAll('input:checked')].map((box) => box.value);
      const record = annotationRecord({
        id: uuidv7(), dossierId: evidence.dossier_id, evidenceId: evidence.id,
        competencyIds: [select.value], criterionIds,
      });
      await review.sync.put('annotation', record);
      message.info(t('review.link.done'));
    }),
  });
  return h('form', { class: 'review-form', onsubmit: (event) => event.preventDefault() },
    h('h3', { text: t('review.link.title') }),
    h('div', { class: 'field-group' },
      h('label', { for: 'review-link-competency', text: t('review.link.competency') }), select),
    criteriaSlot, save);
}

/** A remark or an "à refaire", by text and/or voice. */
export function remarkForm(ctx, { review, evidence, message }) {
  const { t } = ctx;
  const voice = voiceField(ctx, t('review.remark.voiceLabel'));
  const text = h('textarea', { id: 'review-remark-text', rows: 3, class: 'field review-textarea' });
  const kindChoice = (value, label, checked) =>
    h('label', { class: 'review-check' },
      h('input', { type: 'radio', name: 'review-remark-kind', value, checked }),
      h('span', { text: label }));
  const kinds = h('fieldset', { class: 'review-kinds' },
    h('legend', { text: t('review.remark.kind') }),
    kindChoice('comment', t('review.remark.comment'), true),
    kindChoice('a_refaire', t('review.remark.redo'), false),
    h('p', { class: 'help', text: t('review.remark.redoHelp') }));
  const save = button(t('review.remark.save'), {
    onclick: () => busy(save, async () => {
      const id = uuidv7();
      const recording = voice.take();
      const kind = kinds.querySelector('input:checked').value;
      const draft = annotationRecord({
        id, dossierId: evidence.dossier_id, evidenceId: evidence.id, kind, text: text.value,
        audioSha256: recording ? 'pending' : null,
      });
      if (!annotationReady(draft)) {
        message.problem(t('review.remark.empty'));
        return;
      }
      if (recording) {
        draft.body_audio_sha256 = await uploadVoice(review.uploads, {
          annotationId: id, dossierId: evidence.dossier_id, recording,
        });
      }
      await review.sync.put('annotation', draft);
      text.value = '';
      voice.clear();
      message.info(t(kind === 'a_refaire' ? 'review.remark.redoDone' : 'review.remark.done'));
    }),
  });
  return h('form', { class: 'review-form', onsubmit: (event) => event.preventDefault() },
    h('h3', { text: t('review.remark.title') }),
    kinds,
    h('div', { class: 'field-group' },
      h('label', { for: 'review-remark-text', text: t('review.remark.text') }), text),
    h('p', { class: 'help', text: t('review.remark.voice') }),
    voice.element, save);
}
