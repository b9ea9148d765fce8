/* "Mes preuves": my evidence as a timeline of pictures, by competency and task, with what my
 * support worker said about it and what others say about me; what waits to be sent says so. */

import { dossiersOf, loadDossier } from '../../lib/dossier-data.js';
import { redrawOnChanges } from '../../lib/candidate/refresh.js';
import { annotationsByEvidence, timelineGroups, verdictOf, waitingIds } from '../../lib/candidate/timeline.js';
import { h, said } from '../../lib/dom.js';
import { mediaSource, serverMediaUrl } from '../../lib/media-source.js';
import { pictogram } from '../../lib/pictogram.js';
import { actions, linkButton, title } from '../parts.js';
import { testimonyView } from './said.js';

// A picture for a kind of evidence with no thumbnail (a voice message, a text).
export const KIND_PICTOGRAMS = {
  photo: 'openmoji:1F4F7',
  video: 'openmoji:1F3A5',
  audio: 'openmoji:1F3A4',
  text: 'openmoji:1F4DD',
  document: 'openmoji:1F4C4',
};

export function dateText(ctx, iso) {
  const locale = ctx.language === 'fr' ? 'fr-FR' : 'en-GB';
  return new Date(iso).toLocaleDateString(locale, { day: 'numeric', month: 'long', year: 'numeric' });
}

/** Everything the screens of this file need about the candidate's dossiers, from the device. */
export async function myProofs(ctx) {
  const { sync, uploads } = await ctx.local();
  const dossiers = await dossiersOf(sync.queries, ctx.session.person.id);
  const loaded = (await Promise.all(dossiers.map((dossier) => loadDossier(sync.queries, dossier.id)))).filter(Boolean);
  const [outbox, entries] = await Promise.all([sync.queries.outboxOf(ctx.session.person.id), uploads.entries()]);
  return { loaded, waiting: waitingIds(outbox, entries), sync };
}

/**
 * When a derivative is not made yet (the server makes thumbnails in the background), show the
 * original; when that fails too, the kind's pictogram.
 */
export function fallBack(media, sha256, holder) {
  const original = serverMediaUrl(sha256);
  media.addEventListener('error', () => {
    if (original && media.getAttribute('src') !== original) media.setAttribute('src', original);
    else media.replaceWith(holder);
  });
  return media;
}

function thumbnail(ctx, evidence) {
  const holder = h('span', { class: 'proof-kind' }, pictogram(KIND_PICTOGRAMS[evidence.kind] ?? KIND_PICTOGRAMS.document));
  if (evidence.kind === 'photo' || evidence.kind === 'video') {
    const derivative = evidence.kind === 'photo' ? 'thumbnail' : 'poster';
    mediaSource(ctx, { key: evidence.id, sha256: evidence.media_sha256, derivative }).then((url) => {
      // A local video is the video itself: its first frame is the picture.
      if (!url) return;
      const local = url.startsWith('blob:');
      const picture =
        local && evidence.kind === 'video'
          ? h('video', { class: 'proof-thumb', src: url, muted: true, preload: 'metadata', 'aria-hidden': 'true' })
          : h('img', { class: 'proof-thumb', src: url, alt: '' });
      holder.replaceWith(fallBack(picture, evidence.media_sha256, holder));
    });
  }
  return holder;
}

function proofCard(ctx, evidence, { annotations, waiting }) {
  const { t } = ctx;
  const what = t(`candidate.kind.${evidence.kind}`);
  const date = t('candidate.proofs.takenOn', { date: dateText(ctx, evidence.captured_at) });
  const redo = verdictOf(annotations) === 'a_refaire';
  return h(
    'li',
    {},
    h(
      'a',
      { class: 'proof-card', href: `#/proof/${evidence.id}` },
      thumbnail(ctx, evidence),
      // The picture says what it is to those who see it; the words say it to screen readers.
      h('span', { class: 'visually-hidden', text: `${t('candidate.proofs.open', { what })}.` }),
      h('span', { text: date }),
      redo ? h('span', { class: 'badge', text: t('candidate.proofs.redo') }) : null,
      waiting ? h('span', { class: 'badge badge-waiting', text: t('candidate.proofs.waiting') }) : null,
    ),
  );
}

function groupView(ctx, group, { byEvidence, waiting }) {
  const { t } = ctx;
  const heading = group.competency
    ? [pictogram(group.competency.pictogram), h('span', { text: group.competency.easy_wording })]
    : [h('span', { text: group.task ?? t('candidate.proofs.other') })];
  return h(
    'li',
    { class: 'timeline-group' },
    h('h2', { 'data-read-aloud': true }, heading),
    h(
      'ul',
      { class: 'proof-list' },
      group.items.map((evidence) =>
        proofCard(ctx, evidence, { annotations: byEvidence.get(evidence.id) ?? [], waiting: waiting.has(evidence.id) }),
      ),
    ),
  );
}

// What the timeline shows; new ones redraw it (the support worker's words arrive by sync).
export const SHOWN_TYPES = ['dossier', 'framework_version', 'evidence', 'annotation', 'testimony'];

export async function proofsScreen(ctx) {
  const node = await drawProofs(ctx);
  const { sync } = await ctx.local();
  redrawOnChanges(sync.client, SHOWN_TYPES, node, () => drawProofs(ctx));
  return node;
}

async function drawProofs(ctx) {
  const { t } = ctx;
  const section = h('section', { class: 'proofs' }, title(t('candidate.proofs.title')));
  const { loaded, waiting } = await myProofs(ctx);
  const groups = [];
  const testimonies = [];
  for (const { framework, records } of loaded) {
    const byEvidence = annotationsByEvidence(records.annotation ?? []);
    for (const group of timelineGroups(records.evidence ?? [], framework)) {
      groups.push(groupView(ctx, group, { byEvidence, waiting }));
    }
    testimonies.push(...(records.testimony ?? []));
  }
  section.append(
    groups.length
      ? h('ul', { class: 'timeline' }, groups)
      : said('p', t('candidate.proofs.none'), { class: 'lead' }),
  );
  if (testimonies.length) {
    section.append(
      said('h2', t('candidate.proofs.testimonies')),
      h('ul', { class: 'timeline' }, testimonies.map((testimony) => h('li', {}, testimonyView(ctx, testimony)))),
    );
  }
  section.append(
    actions(
      groups.length ? null : linkButton(t('candidate.tile.photo'), '#/photo', { kind: 'primary' }),
      linkButton(t('nav.back'), '#/home'),
    ),
  );
  return section;
}
