/* #/evidence/<dossierId>: the candidate's evidence as a gallery, newest first, filtered by
 * competency or "not linked yet"; each card opens the piece (#/evidence/<dossierId>/<id>). */

import { h, said } from '../../lib/dom.js';
import { annotationsOf, filterEvidence, tiesOf } from '../../lib/review/links.js';
import { linkButton, title } from '../parts.js';
import {
  evidenceLabel, formatDate, missingDossier, openReview, personName, preview, redrawOnChanges,
  competencyName,
} from './shared.js';

function filterField(ctx, framework, value, onchange) {
  const select = h(
    'select',
    { id: 'review-filter', class: 'field review-select', onchange: () => onchange(select.value) },
    h('option', { value: 'all', text: ctx.t('review.filter.all') }),
    h('option', { value: 'unlinked', text: ctx.t('review.filter.unlinked') }),
    ...(framework?.blocks ?? []).map((block) =>
      h('optgroup', { label: block.easy_title ?? block.title },
        ...block.competencies.map((competency) =>
          h('option', { value: competency.id, text: competencyName(competency) })))),
  );
  select.value = value;
  return h('div', { class: 'field-group' },
    h('label', { for: 'review-filter', text: ctx.t('review.filter.label') }), select);
}

function card(ctx, dossierId, evidence, annotations) {
  const { competencies } = tiesOf(evidence, annotations);
  const redo = annotationsOf(evidence.id, annotations).some((a) => a.kind === 'a_refaire');
  const facts = [
    ctx.t(`review.kind.${evidence.kind}`),
    formatDate(evidence.captured_at, ctx.language),
    competencies.size === 0
      ? ctx.t('review.gallery.notLinked')
      : ctx.t('review.gallery.linked', { count: competencies.size }),
    redo ? ctx.t('review.gallery.redo') : null,
  ].filter(Boolean);
  return h('li', { class: 'review-card', dataset: { evidenceId: evidence.id } },
    h('a', { class: 'review-card-link', href: `#/evidence/${dossierId}/${evidence.id}` },
      preview(ctx, evidence),
      h('span', { class: 'review-card-caption', text: evidenceLabel(ctx, evidence) })),
    h('p', { class: 'help', text: facts.join(' · ') }));
}

export async function galleryScreen(ctx, [dossierId]) {
  const { t } = ctx;
  const review = await openReview(ctx, dossierId);
  if (!review) return missingDossier(ctx, title(t('review.gallery.title')));
  const candidate = personName(review.person(review.dossier.candidate_id));
  const count = h('p', { role: 'status', 'aria-live': 'polite' });
  const list = h('ul', { class: 'review-gallery', 'aria-label': t('review.gallery.listLabel') });
  let filter = ctx.flow.reviewFilter?.[dossierId] ?? 'all';
  let current = review;

  const draw = () => {
    const { evidence = [], annotation = [] } = current.records;
    const shown = filterEvidence(evidence, annotation, filter);
    count.textContent = t('review.gallery.count', { count: shown.length });
    list.replaceChildren(...shown.map((item) => card(ctx, dossierId, item, annotation)));
  };
  const filterNode = filterField(ctx, review.framework, filter, (value) => {
    filter = value;
    ctx.flow.reviewFilter = { ...(ctx.flow.reviewFilter ?? {}), [dossierId]: value };
    draw();
  });
  const node = h('section', { class: 'review' },
    title(candidate ? t('review.gallery.titleOf', { name: candidate }) : t('review.gallery.title')),
    said('p', t('review.gallery.intro')),
    h('div', { class: 'row' },
      linkButton(t('review.gallery.toSelection'), `#/selection/${dossierId}`, { kind: 'primary' }),
      linkButton(t('review.back.dossier'), `#/dossier/${dossierId}`, { iconName: 'back' })),
    filterNode, count, list);
  draw();
  redrawOnChanges(review.sync, node, ['evidence', 'annotation'], async () => {
    current = (await openReview(ctx, dossierId)) ?? current;
    draw();
  });
  return node;
}
