/* Tying a capture to what it shows, by tapping pictures: the dossier (when the candidate has
 * several), then a block of the framework, then one of its competencies. Every choice has its
 * read-aloud button; "I do not know" is always there, and the support worker will sort it. */

import { h, said } from '../../lib/dom.js';
import { pictureButton } from '../../lib/capture/buttons.js';
import { frameworkMediaUrl } from '../../lib/framework.js';
import { readAloudButton } from '../../lib/read-aloud.js';
import { title } from '../parts.js';
import { homeButton } from './common.js';

/** One choice: a big picture button and, beside it, the button that reads its words aloud. */
function choice(ctx, { label, picture, audioSha256 = null, onclick }) {
  const audioUrl = frameworkMediaUrl(audioSha256);
  return h(
    'li',
    { class: 'capture-choice' },
    pictureButton(label, picture, { onclick }),
    readAloudButton(ctx, { text: label, audioUrl, label, big: false }),
  );
}

const choices = (...items) => h('ul', { class: 'capture-choices', role: 'list' }, ...items);

function dontKnow(ctx, onclick) {
  const label = ctx.t('capture.link.dontKnow');
  return choice(ctx, { label, picture: 'unknown', onclick });
}

/** Which dossier: [{dossier, framework}]; `onChoose(dossierId)`. */
export function dossierStep(ctx, dossiers, { onChoose }) {
  const { t } = ctx;
  if (!dossiers.length) {
    return h(
      'div',
      { class: 'capture-step' },
      title(t('capture.dossier.noneTitle')),
      said('p', t('capture.dossier.none')),
      h('div', { class: 'capture-buttons' }, homeButton(ctx)),
    );
  }
  return h(
    'div',
    { class: 'capture-step' },
    title(t('capture.dossier.title')),
    choices(
      ...dossiers.map(({ dossier, framework }) =>
        choice(ctx, {
          label: framework?.title ?? t('capture.dossier.unnamed'),
          picture: 'file',
          onclick: () => onChoose(dossier.id),
        }),
      ),
    ),
  );
}

/** The blocks of the framework; `onBlock(key)`, or `onCompetencies([])` for "I do not know". */
export function blockStep(ctx, framework, { onBlock, onCompetencies }) {
  const { t } = ctx;
  const blocks = framework?.blocks ?? [];
  return h(
    'div',
    { class: 'capture-step' },
    title(t('capture.link.blockTitle')),
    said('p', t('capture.link.blockHelp')),
    choices(
      ...blocks.map((block) =>
        choice(ctx, {
          label: block.easy_title,
          picture: block.pictogram,
          audioSha256: block.audio_sha256 ?? null,
          onclick: () => onBlock(block.key),
        }),
      ),
      dontKnow(ctx, () => onCompetencies([])),
    ),
  );
}

/** The competencies of one block; `onCompetencies([id])` or `[]`; `onBack()` to the blocks. */
export function competencyStep(ctx, block, { onCompetencies, onBack }) {
  const { t } = ctx;
  return h(
    'div',
    { class: 'capture-step' },
    title(t('capture.link.competencyTitle')),
    said('p', block.easy_title, { class: 'capture-question' }),
    choices(
      ...block.competencies.map((competency) =>
        choice(ctx, {
          label: competency.easy_wording,
          picture: competency.pictogram,
          audioSha256: competency.audio_sha256 ?? null,
          onclick: () => onCompetencies([competency.id]),
        }),
      ),
      dontKnow(ctx, () => onCompetencies([])),
    ),
    h('div', { class: 'capture-buttons' }, pictureButton(t('capture.link.back'), 'back', { kind: 'secondary', onclick: onBack })),
  );
}
