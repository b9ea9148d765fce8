/* One of my proofs: the photo, the video or the voice message itself, what I said about it, and
 * what my support worker said ("à refaire" with its reason first when there is one). */

import { redrawOnChanges } from '../../lib/candidate/refresh.js';
import { annotationsByEvidence, currentEvidence } from '../../lib/candidate/timeline.js';
import { h, said } from '../../lib/dom.js';
import { mediaSource } from '../../lib/media-source.js';
import { readAloudButton } from '../../lib/read-aloud.js';
import { actions, linkButton, title } from '../parts.js';
import { pictogram } from '../../lib/pictogram.js';
import { KIND_PICTOGRAMS, SHOWN_TYPES, dateText, fallBack, myProofs } from './proofs.js';
import { annotationView } from './said.js';

const DERIVATIVES = { photo: 'display', video: 'web', audio: null, document: null };

function mediaView(ctx, evidence, label) {
  const holder = h('div', { class: 'proof-kind' }, pictogram(KIND_PICTOGRAMS[evidence.kind] ?? KIND_PICTOGRAMS.document, { alt: label }));
  if (!evidence.media_sha256 && evidence.kind !== 'photo' && evidence.kind !== 'video' && evidence.kind !== 'audio') return holder;
  mediaSource(ctx, { key: evidence.id, sha256: evidence.media_sha256, derivative: DERIVATIVES[evidence.kind] }).then((url) => {
    if (!url) return;
    let media = null;
    if (evidence.kind === 'photo') media = h('img', { class: 'proof-media', src: url, alt: label });
    if (evidence.kind === 'video') media = h('video', { class: 'proof-media', src: url, controls: true, 'aria-label': label });
    if (evidence.kind === 'audio') media = h('audio', { src: url, controls: true, 'aria-label': label });
    if (media) holder.replaceWith(fallBack(media, evidence.media_sha256, holder));
  });
  return holder;
}

function findEvidence(loaded, evidenceId) {
  for (const { dossier, framework, records } of loaded) {
    const evidence = currentEvidence(records.evidence ?? []).find((item) => item.id === evidenceId)
      ?? (records.evidence ?? []).find((item) => item.id === evidenceId);
    if (evidence) return { dossier, framework, records, evidence };
  }
  return null;
}

export async function proofScreen(ctx, params = []) {
  const node = await drawProof(ctx, params);
  const { sync } = await ctx.local();
  redrawOnChanges(sync.client, SHOWN_TYPES, node, () => drawProof(ctx, params));
  return node;
}

async function drawProof(ctx, params) {
  const { t } = ctx;
  const section = h('section', { class: 'proof' }, title(t('candidate.proof.title')));
  const back = actions(linkButton(t('candidate.proof.back'), '#/proofs', { iconName: 'back' }));
  const { loaded, waiting } = await myProofs(ctx);
  const found = findEvidence(loaded, params[0]);
  if (!found) {
    section.append(said('p', t('candidate.proof.notHere'), { class: 'lead' }), back);
    return section;
  }
  const { evidence, framework, records } = found;
  const what = t(`candidate.kind.${evidence.kind}`);
  const date = t('candidate.proofs.takenOn', { date: dateText(ctx, evidence.captured_at) });
  const competencies = (evidence.competency_ids ?? []).map((id) => framework?.competency(id)).filter(Boolean);
  const annotations = annotationsByEvidence(records.annotation ?? []).get(evidence.id) ?? [];
  const caption = evidence.caption_text?.trim() ?? '';
  const parts = [
    mediaView(ctx, evidence, `${what}. ${date}`),
    said('p', date, { class: 'lead' }),
    waiting.has(evidence.id) ? said('p', t('candidate.proofs.waiting'), { class: 'badge badge-waiting' }) : null,
    ...competencies.map((competency) =>
      h('p', { class: 'statement-head', 'data-read-aloud': true }, pictogram(competency.pictogram, { className: 'pictogram' }), h('span', { text: competency.easy_wording })),
    ),
    caption || evidence.caption_audio_sha256
      ? h(
          'div',
          { class: 'said', 'data-kind': 'caption' },
          said('p', t('candidate.proof.caption'), { class: 'said-lead' }),
          caption ? said('p', caption) : null,
          readAloudButton(ctx, {
            text: caption,
            audioSha256: evidence.caption_audio_sha256,
            audioKey: evidence.caption_audio_sha256 ? `${evidence.id}/caption_audio_sha256` : null,
            label: t('candidate.proof.caption'),
          }),
        )
      : null,
    said('h2', t('candidate.proof.said')),
    annotations.length
      ? annotations.map((annotation) => annotationView(ctx, annotation))
      : said('p', t('candidate.proof.nothingSaid')),
    back,
  ];
  // append() would write null as text and an array as its string: flatten and drop the empties.
  section.append(...parts.flat().filter(Boolean));
  return section;
}
