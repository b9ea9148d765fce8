/* "Mon résultat" (#/results[/<dossierId>]): what the jury decided about my dossier, in words I
 * know and with pictures, each line read aloud; "le jury" explained once; then my badges, kept on
 * the tablet, each shown big with its QR code. Read from the device's copy (the sync brings the
 * closed session and its decisions), so it shows with no network. */

import { redrawOnChanges } from '../../lib/candidate/refresh.js';
import { dossiersOf } from '../../lib/dossier-data.js';
import { h, said } from '../../lib/dom.js';
import { pictogram } from '../../lib/pictogram.js';
import { readAloudButton } from '../../lib/read-aloud.js';
import { dossierResults } from '../../lib/results/result.js';
import { JURY_PICTOGRAM, OUTCOMES, OVERALL, blockNames } from '../../lib/results/words.js';
import { actions, linkButton, title } from '../parts.js';
import { formatDate } from '../workspace/common.js';
import { badgesSection, spokenLine } from './badges.js';

const TYPES = ['jury_session', 'jury_assignment', 'decision', 'dossier', 'framework_version'];

const pictogramOf = (ref) => pictogram(ref, { className: 'result-picture' });
const readAloudOf = (ctx, text, label) => readAloudButton(ctx, { text, label });

function competencyRow(ctx, { competency, decision }, framework) {
  const { t } = ctx;
  const outcome = OUTCOMES[decision.outcome];
  const what = competency?.easy_wording ?? competency?.official_wording ?? '';
  const verdict = t(outcome.key);
  const level = decision.level_key ? framework?.level(decision.level_key) : null;
  const levelWords = level ? t('results.level', { level: level.easy_label ?? level.label }) : '';
  const text = [what, verdict, levelWords].filter(Boolean).join(' ');
  return h('li', { class: 'card result-row', dataset: { outcome: decision.outcome } },
    h('div', { class: 'result-line' },
      competency?.pictogram ? h('span', { class: 'result-pictures' },
        // The competency's picture, then the jury's answer as a picture beside its words.
        pictogramOf(competency.pictogram), pictogramOf(outcome.pictogram)) : pictogramOf(outcome.pictogram),
      h('div', { class: 'result-words' },
        what ? said('h3', what) : null,
        said('p', verdict, { class: 'result-outcome' }),
        levelWords ? said('p', levelWords) : null),
      readAloudOf(ctx, text, what || verdict)));
}


function overallPart(ctx, overall, framework) {
  const { t } = ctx;
  if (!overall) return spokenLine(ctx, t('results.overall.waiting'));
  const words = OVERALL[overall.overall_outcome];
  const blocks = blockNames(framework, overall.validated_block_keys);
  return h('div', { class: 'result-overall', dataset: { outcome: overall.overall_outcome } },
    spokenLine(ctx, t(words.key), { picture: words.pictogram, className: 'spoken result-big' }),
    blocks.length ? spokenLine(ctx, t('results.overall.blocks', { blocks: blocks.join(', ') })) : null,
    overall.comment ? spokenLine(ctx, t('results.comment', { comment: overall.comment })) : null);
}

async function resultView(ctx, sync, dossierId) {
  const { t, language } = ctx;
  const results = await dossierResults(sync.queries, dossierId);
  if (!results?.final) return [spokenLine(ctx, t('results.none'))];
  const { framework, final } = results;
  return [
    spokenLine(ctx, t('results.jury'), { picture: JURY_PICTOGRAM, className: 'spoken result-jury' }),
    spokenLine(ctx, t('results.when', { date: formatDate(language, final.session.held_on) })),
    h('section', { class: 'result-part', 'aria-labelledby': 'overall-title' },
      said('h2', t('results.overall.title'), { id: 'overall-title' }),
      overallPart(ctx, final.overall, framework)),
    final.rows.length
      ? h('section', { class: 'result-part', 'aria-labelledby': 'rows-title' },
        said('h2', t('results.competencies'), { id: 'rows-title' }),
        h('ul', { class: 'cards result-rows' }, ...final.rows.map((row) => competencyRow(ctx, row, framework))))
      : null,
    await badgesSection(ctx, dossierId, framework),
  ];
}

/** The candidate's dossiers that have a jury's result on this device. */
async function judgedDossiers(sync, personId) {
  const dossiers = await dossiersOf(sync.queries, personId);
  const judged = [];
  for (const dossier of dossiers) {
    const results = await dossierResults(sync.queries, dossier.id);
    if (results?.final) judged.push(results);
  }
  return judged;
}

/** Has this person a jury's result on the device? (home's "Mon résultat" tile) */
export async function hasResult(sync, personId) {
  return (await judgedDossiers(sync, personId)).length > 0;
}

async function draw(ctx, sync, dossierId) {
  const { t } = ctx;
  let body;
  if (dossierId) {
    body = await resultView(ctx, sync, dossierId);
  } else {
    const judged = await judgedDossiers(sync, ctx.session.person.id);
    if (judged.length === 1) body = await resultView(ctx, sync, judged[0].dossier.id);
    else if (!judged.length) body = [spokenLine(ctx, t('results.none'))];
    else {
      body = [spokenLine(ctx, t('results.choose')), h('ul', { class: 'tiles' }, ...judged.map(({ dossier, framework }) =>
        h('li', { class: 'tile' }, h('a', { class: 'tile-link', href: `#/results/${dossier.id}`, text: t('results.dossier', { name: framework?.title ?? '' }) }))))];
    }
  }
  return h('section', { class: 'results' },
    title(t('results.title')),
    ...body,
    actions(linkButton(t('results.back'), '#/home', { iconName: 'back' })));
}

export async function resultsScreen(ctx, [dossierId] = []) {
  const { sync } = await ctx.local();
  const node = await draw(ctx, sync, dossierId);
  redrawOnChanges(sync.client, TYPES, node, () => draw(ctx, sync, dossierId));
  sync.client.requestSync();
  return node;
}
