/* #/evidence/<dossierId>/<evidenceId>: one piece of evidence: played or zoomed, its caption
 * (written and spoken), who took it and when, the image-rights answer; what it shows (the
 * candidate's choice and the support workers' links); the remarks; and the forms to link,
 * remark, or ask for it again. */

import { busy, h, messageArea } from '../../lib/dom.js';
import { mediaSource } from '../../lib/media-source.js';
import { annotationsOf, isBareLink, tiesOf } from '../../lib/review/links.js';
import { button, linkButton, title } from '../parts.js';
import { linkForm, remarkForm } from './annotate.js';
import {
  competencyName, criterionName, evidenceLabel, formatDate, missingDossier, openReview,
  personName, redrawOnChanges,
} from './shared.js';
import { spokenCaption, viewer } from './viewer.js';

function facts(ctx, review, evidence) {
  const { t } = ctx;
  const row = (label, value) => (value ? [h('dt', { text: label }), h('dd', { text: value })] : []);
  return h('dl', { class: 'review-facts' },
    ...row(t('review.piece.takenBy'), personName(review.person(evidence.author_id)) ?? t('review.piece.someone')),
    ...row(t('review.piece.takenOn'), formatDate(evidence.captured_at, ctx.language)),
    ...row(t('review.piece.task'), evidence.task),
    ...row(t('review.piece.rights'), t(`review.rights.${evidence.people_in_picture}`)));
}

function tiesList(ctx, review, evidence, annotations) {
  const { t } = ctx;
  const { own, links } = tiesOf(evidence, annotations);
  const name = (id) => competencyName(review.framework?.competency(id)) || id;
  const criteria = (ids) => ids.map((id) =>
    criterionName(review.framework?.competencies.flatMap((c) => c.criteria).find((c) => c.id === id)));
  const items = [...own].map((id) =>
    h('li', {}, h('span', { text: name(id) }), h('span', { class: 'help', text: ` ${t('review.ties.byCandidate')}` })));
  for (const link of links) {
    const by = personName(review.person(link.author_id)) ?? t('review.piece.someone');
    const names = (link.competency_ids ?? []).map(name).join(', ');
    const detail = criteria(link.criterion_ids ?? []).filter(Boolean).join(', ');
    const undo = isBareLink(link)
      ? button(t('review.ties.remove'), {
        kind: 'secondary',
        'aria-label': t('review.ties.removeOne', { name: names }),
        onclick: (event) => busy(event.currentTarget, () => review.sync.delete('annotation', link.id)),
      })
      : null;
    items.push(h('li', {}, h('span', { text: names }),
      h('span', { class: 'help', text: ` ${t('review.ties.by', { name: by })}` }),
      detail ? h('p', { class: 'help', text: t('review.ties.criteria', { list: detail }) }) : null,
      undo));
  }
  if (items.length === 0) return h('p', { text: t('review.ties.none') });
  return h('ul', { class: 'review-ties' }, ...items);
}

async function remarkItem(ctx, review, annotation) {
  const { t } = ctx;
  const by = personName(review.person(annotation.author_id)) ?? t('review.piece.someone');
  const when = formatDate(annotation.changed_at ?? annotation.client_changed_at, ctx.language);
  const audio = annotation.body_audio_sha256
    ? h('audio', {
      controls: true, preload: 'none', 'aria-label': t('review.remark.listen'),
      src: await mediaSource(ctx, {
        key: `${annotation.id}/body_audio_sha256`, sha256: annotation.body_audio_sha256,
      }),
    })
    : null;
  return h('li', { class: `review-remark review-remark-${annotation.kind}` },
    h('p', { class: 'review-remark-head', text: `${t(`review.remarkKind.${annotation.kind}`)} · ${by} · ${when}` }),
    annotation.body_text ? h('p', { text: annotation.body_text }) : null, audio);
}

async function remarksList(ctx, review, evidence, annotations) {
  const remarks = annotationsOf(evidence.id, annotations).filter((a) => a.kind !== 'validated');
  if (remarks.length === 0) return h('p', { text: ctx.t('review.remark.none') });
  return h('ul', { class: 'review-remarks' },
    ...(await Promise.all(remarks.map((remark) => remarkItem(ctx, review, remark)))));
}

export async function pieceScreen(ctx, [dossierId, evidenceId]) {
  const { t } = ctx;
  let review = await openReview(ctx, dossierId);
  const evidence = review?.records.evidence?.find((item) => item.id === evidenceId);
  if (!review || !evidence) return missingDossier(ctx, title(t('review.piece.title')));
  const message = messageArea();
  const label = evidenceLabel(ctx, evidence);
  const caption = h('section', { 'aria-labelledby': 'review-caption' },
    h('h2', { id: 'review-caption', text: t('review.piece.caption') }),
    evidence.caption_text ? h('p', { class: 'review-caption', text: evidence.caption_text })
      : h('p', { class: 'help', text: t('review.piece.noCaption') }),
    await spokenCaption(ctx, evidence));
  const ties = h('div');
  const remarks = h('div');
  const drawLists = async () => {
    const annotations = review.records.annotation ?? [];
    ties.replaceChildren(tiesList(ctx, review, evidence, annotations));
    remarks.replaceChildren(await remarksList(ctx, review, evidence, annotations));
  };
  await drawLists();
  const tied = tiesOf(evidence, review.records.annotation ?? []).competencies;
  const node = h('section', { class: 'review review-piece' },
    title(t('review.piece.titleOf', { kind: t(`review.kind.${evidence.kind}`),
      date: formatDate(evidence.captured_at, ctx.language, { time: false }) })),
    h('div', { class: 'row' },
      linkButton(t('review.back.gallery'), `#/evidence/${dossierId}`, { iconName: 'back' })),
    await viewer(ctx, evidence, label), caption, facts(ctx, review, evidence),
    message.element,
    h('section', { 'aria-labelledby': 'review-ties' },
      h('h2', { id: 'review-ties', text: t('review.ties.title') }), ties,
      review.framework ? linkForm(ctx, { review, evidence, tied, message }) : null),
    h('section', { 'aria-labelledby': 'review-remarks' },
      h('h2', { id: 'review-remarks', text: t('review.remark.listTitle') }), remarks,
      remarkForm(ctx, { review, evidence, message })));
  redrawOnChanges(review.sync, node, ['annotation', 'person'], async () => {
    review = (await openReview(ctx, dossierId)) ?? review;
    await drawLists();
  });
  return node;
}
