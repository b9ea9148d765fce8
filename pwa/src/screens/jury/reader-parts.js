/* The reader's parts, per competency: the table of contents, the two positionings, each piece
 * of evidence with its player, the candidate's words and voice and the remarks on it, the
 * testimonies, and the way to decide. Headings: h2 per block, h3 per competency, h4 per part. */

import { h } from '../../lib/dom.js';
import { actions, linkButton } from '../parts.js';
import { formatDate, personName } from '../review/shared.js';
import { evidenceMedia, voice } from './media.js';

const competencyAnchor = (competency) => `jury-c-${competency.id}`;

/** Move to a heading of the page without touching the hash (the router owns it). */
function jumpTo(event) {
  event.preventDefault();
  const target = document.getElementById(event.currentTarget.dataset.target);
  target?.focus();
  target?.scrollIntoView({ block: 'start' });
}

export function tableOfContents(ctx, model, { sessionId, dossierId }) {
  // The href is this very screen: a link that works as one, whose click only moves the focus.
  const here = `#/jury-dossier/${sessionId}/${dossierId}`;
  const item = (text, target) =>
    h('li', {}, h('a', { href: here, 'data-target': target, onclick: jumpTo, text }));
  return h('nav', { class: 'jury-toc', 'aria-labelledby': 'jury-toc-title' },
    h('h2', { id: 'jury-toc-title', text: ctx.t('jury.reader.toc') }),
    h('ol', {}, model.blocks.map(({ block, competencies }) => h('li', {},
      h('span', { text: block.title }),
      h('ol', {}, competencies.map(({ competency }) => item(competency.official_wording ?? competency.easy_wording, competencyAnchor(competency))))))));
}

/** "Acquis avec aide (Avec de l'aide), le 3 mars 2027." and the comment, for one side. */
function positioning(ctx, framework, item, who) {
  const { t, language } = ctx;
  if (!item) return h('li', {}, h('strong', { text: `${who} : ` }), t('jury.reader.noPositioning'));
  const level = framework.level(item.level_key);
  const words = level?.easy_label && level.easy_label !== level.label ? `${level.label} (${level.easy_label})` : (level?.label ?? item.level_key);
  return h('li', {},
    h('strong', { text: `${who} : ` }),
    t('jury.reader.positioned', { level: words, date: formatDate(item.taken_at, language, { time: false }) }),
    item.comment_text ? h('p', { class: 'jury-quote', text: item.comment_text }) : null);
}

function annotationItem(ctx, person, annotation) {
  const { t, language } = ctx;
  const who = personName(person(annotation.author_id)) ?? t('jury.reader.someone');
  const head = t(`jury.annotation.${annotation.kind}`, { name: who, date: formatDate(annotation.changed_at ?? annotation.client_changed_at, language, { time: false }) });
  return h('li', {}, h('span', { text: head }), annotation.body_text ? h('p', { class: 'jury-quote', text: annotation.body_text }) : null);
}

export async function evidenceItem(ctx, shelf, person, { evidence, annotations }, index, heading = 'h5') {
  const { t, language } = ctx;
  const kind = t(`jury.kind.${evidence.kind}`);
  const label = t('jury.reader.evidenceName', { index: index + 1, kind, date: formatDate(evidence.captured_at, language, { time: false }) });
  const spoken = evidence.caption_audio_sha256
    ? await voice(shelf, evidence.caption_audio_sha256, t('jury.reader.spokenCaption', { name: label }))
    : null;
  return h('li', { class: 'jury-evidence', 'data-evidence-id': evidence.id },
    h(heading, { text: label }),
    await evidenceMedia(ctx, shelf, evidence, label),
    evidence.caption_text ? h('p', {}, h('strong', { text: `${t('jury.reader.ownWords')} ` }), h('q', { text: evidence.caption_text })) : null,
    spoken ? h('p', {}, h('strong', { text: `${t('jury.reader.ownVoice')} ` })) : null,
    spoken,
    evidence.caption_audio_sha256 && !spoken ? h('p', { class: 'jury-missing', text: t('jury.reader.voiceMissing') }) : null,
    annotations.length ? h('ul', { class: 'jury-annotations', 'aria-label': t('jury.reader.remarks') }, annotations.map((a) => annotationItem(ctx, person, a))) : null);
}

export async function testimonyItem(ctx, shelf, testimony) {
  const { t, language } = ctx;
  const who = t('jury.reader.testimonyBy', { name: testimony.author_name ?? t('jury.reader.someone'), role: testimony.author_role ?? '', date: formatDate(testimony.given_at, language, { time: false }) });
  const audio = testimony.body_audio_sha256 ? await voice(shelf, testimony.body_audio_sha256, t('jury.reader.testimonyVoice', { name: who })) : null;
  return h('li', { class: 'jury-testimony' }, h('p', {}, h('strong', { text: who })),
    testimony.body_text ? h('blockquote', { class: 'jury-quote', text: testimony.body_text }) : null, audio);
}

export async function competencySection(ctx, shelf, loaded, row, links) {
  const { t } = ctx;
  const { competency } = row;
  const heading = h('h3', { id: competencyAnchor(competency), tabindex: '-1', text: competency.official_wording ?? competency.easy_wording });
  const evidence = await Promise.all(row.evidence.map((item, index) => evidenceItem(ctx, shelf, loaded.person, item, index)));
  const testimonies = await Promise.all(row.testimonies.map((item) => testimonyItem(ctx, shelf, item)));
  return h('section', { class: 'jury-competency', 'aria-labelledby': heading.id, 'data-competency-id': competency.id },
    heading,
    competency.easy_wording && competency.easy_wording !== competency.official_wording
      ? h('p', { class: 'help', text: t('jury.reader.easyWording', { words: competency.easy_wording }) }) : null,
    h('h4', { text: t('jury.reader.positionings') }),
    h('ul', { class: 'jury-positionings' },
      positioning(ctx, loaded.framework, row.self, t('jury.reader.self')),
      positioning(ctx, loaded.framework, row.co, t('jury.reader.co'))),
    h('h4', { text: t('jury.reader.evidence') }),
    evidence.length ? h('ol', { class: 'jury-evidence-list' }, evidence) : h('p', { text: t('jury.reader.noEvidence') }),
    testimonies.length ? h('h4', { text: t('jury.reader.testimonies') }) : null,
    testimonies.length ? h('ul', { class: 'jury-testimonies' }, testimonies) : null,
    actions(linkButton(t('jury.reader.decide', { name: competency.official_wording ?? competency.easy_wording }), `#/jury-decide/${links.sessionId}/${links.dossierId}/${competency.id}`, { kind: 'primary' })));
}
