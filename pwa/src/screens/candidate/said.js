/* What others said, as a candidate hears it: the support worker's annotations on a proof and the
 * testimonies about me. Each text has its read-aloud button; a voice is played as it was said. */

import { h, said } from '../../lib/dom.js';
import { readAloudButton } from '../../lib/read-aloud.js';

const LEADS = {
  a_refaire: 'candidate.proof.redo',
  validated: 'candidate.proof.validated',
  comment: 'candidate.proof.comment',
};

/** One annotation: "À refaire. Mon accompagnateur dit pourquoi :" then the reason, to hear. */
export function annotationView(ctx, annotation) {
  const { t } = ctx;
  const lead = t(LEADS[annotation.kind] ?? LEADS.comment);
  const text = annotation.body_text?.trim() ?? '';
  const audio = annotation.body_audio_sha256 ?? null;
  return h(
    'div',
    { class: 'said', 'data-kind': annotation.kind },
    said('p', lead, { class: 'said-lead' }),
    text ? said('p', text) : null,
    !text && audio && annotation.kind !== 'validated' ? said('p', t('candidate.proof.voiceOnly')) : null,
    text || audio ? readAloudButton(ctx, { text: `${lead} ${text}`, audioSha256: audio, label: lead }) : null,
  );
}

/** One testimony about me: who says it, what they say, to hear. */
export function testimonyView(ctx, testimony) {
  const { t } = ctx;
  const who = t('candidate.testimony.by', { name: testimony.author_name, role: testimony.author_role });
  const text = testimony.body_text?.trim() ?? '';
  const audio = testimony.body_audio_sha256 ?? null;
  return h(
    'div',
    { class: 'said', 'data-kind': 'testimony' },
    said('p', who, { class: 'said-lead' }),
    text ? said('p', text) : said('p', t('candidate.testimony.voiceOnly', { name: testimony.author_name })),
    readAloudButton(ctx, { text: `${who}. ${text}`, audioSha256: audio, label: who }),
  );
}
