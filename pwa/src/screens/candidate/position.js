/* "Je dis ce que je sais faire": one statement per screen, its pictogram, its sentence read aloud,
 * the level scale as big picture buttons, an answer by voice too. Every answer is kept on the
 * device at once (lib/candidate/drafts.js); stopping or finishing makes one dated positioning. */

import { draftStore } from '../../lib/candidate/drafts.js';
import { redrawOnChanges } from '../../lib/candidate/refresh.js';
import * as steps from '../../lib/candidate/positioning.js';
import { ACTIVE_STATUSES, dossiersOf, frameworkOf, loadDossier } from '../../lib/dossier-data.js';
import { frameworkMediaUrl } from '../../lib/framework.js';
import { busy, h, messageArea, said } from '../../lib/dom.js';
import { pictogram } from '../../lib/pictogram.js';
import { readAloudButton } from '../../lib/read-aloud.js';
import { markBusy, markIdle } from '../../lib/shell/activity.js';
import { uuidv7 } from '../../lib/sync/uuid.js';
import { actions, button, linkButton, title } from '../parts.js';
import { voiceAnswer } from './voice-answer.js';

const ACTIVITY = 'positioning';

/** The dossier to position on: the one named, or the candidate's only active one. */
async function chooseDossier(ctx, queries, dossierId) {
  if (dossierId) return { dossierId };
  const active = (await dossiersOf(queries, ctx.session.person.id)).filter((dossier) =>
    ACTIVE_STATUSES.has(dossier.status),
  );
  if (active.length === 1) return { dossierId: active[0].id };
  return { choices: active };
}

/** No dossier yet, or several: each named by its title, else its framework's (never "RAE"). */
async function pickDossierView(ctx, queries, choices) {
  const { t } = ctx;
  if (choices.length === 0) {
    return [said('p', t('candidate.position.noDossier'), { class: 'lead' }), actions(linkButton(t('nav.back'), '#/home'))];
  }
  const names = await Promise.all(
    choices.map(async (dossier) => dossier.title || (await frameworkOf(queries, dossier))?.title || t('candidate.tile.position')),
  );
  return [
    said('p', t('candidate.position.chooseDossier'), { class: 'lead' }),
    actions(...choices.map((dossier, n) => linkButton(names[n], `#/position/${dossier.id}`, { kind: 'primary' }))),
  ];
}

// The records a positioning needs before it can start; they may still be on their way.
const NEEDED = ['dossier', 'framework_version', 'positioning'];

/** The screen, or what it says while the dossier is not on the device; redrawn when it comes. */
export async function positionScreen(ctx, params = []) {
  const { sync, uploads } = await ctx.local();
  const first = await buildPosition(ctx, params, { sync, uploads });
  if (first.ready) return first.node;
  const stop = redrawOnChanges(sync.client, NEEDED, first.node, async () => {
    const next = await buildPosition(ctx, params, { sync, uploads });
    if (next.ready) stop();
    return next.node;
  });
  return first.node;
}

/** {node, ready}: ready once the session has started. */
async function buildPosition(ctx, params, { sync, uploads }) {
  const { t } = ctx;
  const section = h('section', { class: 'position' }, title(t('candidate.position.title')));
  const waiting = (...nodes) => {
    section.append(...nodes);
    return { node: section, ready: false };
  };
  const chosen = await chooseDossier(ctx, sync.queries, params[0]);
  if (!chosen.dossierId) return waiting(...(await pickDossierView(ctx, sync.queries, chosen.choices)));
  const loaded = await loadDossier(sync.queries, chosen.dossierId);
  if (!loaded?.framework) {
    return waiting(said('p', t('candidate.position.notHere'), { class: 'lead' }), actions(linkButton(t('nav.back'), '#/home')));
  }
  const { framework } = loaded;
  if (steps.statementsOf(framework).length === 0) {
    return { node: h('section', {}, title(t('candidate.position.title')), said('p', t('candidate.position.empty'), { class: 'lead' })), ready: true };
  }
  const drafts = draftStore(ctx.session.person.id);
  const draft =
    (await drafts.get(chosen.dossierId)) ??
    steps.newDraft({
      positioningId: uuidv7(),
      dossierId: chosen.dossierId,
      framework,
      previous: steps.latestSelf(loaded.records.positioning ?? []),
    });
  await drafts.keep(draft);
  section.append(positioningSession(ctx, { framework, draft, drafts, sync, uploads }));
  return { node: section, ready: true };
}

/** The session: one statement on show, redrawn in place as the candidate moves. */
function positioningSession(ctx, { framework, draft: first, drafts, sync, uploads }) {
  const { t } = ctx;
  let draft = first;
  const message = messageArea();
  const body = h('div', { class: 'statement-area' });
  const root = h('div', {}, body, message.element);

  markBusy(ACTIVITY);
  // Leaving the screen any other way (the home link, the back button) keeps the draft for later.
  window.addEventListener('hashchange', () => markIdle(ACTIVITY), { once: true });

  // Every change is kept on the device at once. A move redraws the statement; an answer changes
  // the view in place, so that a recording under way is not cut by a tap on a level.
  const save = async (change, { redraw = false, focus = false } = {}) => {
    draft = change(draft);
    await drafts.keep(draft);
    if (redraw) draw({ focus });
    return draft;
  };

  const end = async (kind) => {
    const record = steps.snapshotOf(draft, framework, new Date());
    try {
      if (record) await sync.put('positioning', record);
    } catch (error) {
      // The draft stays on the device: nothing is lost, the candidate can press again.
      console.error('positioning not kept', error);
      message.problem(t('problem.unknown'));
      return;
    }
    await drafts.drop(draft.dossierId);
    markIdle(ACTIVITY);
    const words = record ? t(`candidate.position.${kind}`) : t('candidate.position.nothingToKeep');
    body.replaceChildren(
      said('p', words, { class: 'lead', role: 'status' }),
      readAloudButton(ctx, { text: words }),
      actions(linkButton(t('nav.back'), '#/home', { kind: 'primary' })),
    );
    message.clear();
  };

  const draw = ({ focus }) => {
    body.replaceChildren(statementView(ctx, { framework, draft, save, end, uploads, message }));
    // Focus follows the move to the new sentence, where a screen reader starts reading.
    if (focus) body.querySelector('.statement-text')?.focus();
  };
  draw({ focus: false });
  return root;
}

function levelsView(ctx, { framework, competency, draft, save }) {
  const { t } = ctx;
  const chosenText = said('p', '', { class: 'chosen', role: 'status' });
  const buttons = [];
  const show = (levelKey) => {
    for (const choice of buttons) choice.setAttribute('aria-pressed', String(choice.dataset.level === levelKey));
    const level = levelKey ? framework.level(levelKey) : null;
    chosenText.textContent = level ? t('candidate.position.chosen', { level: level.easy_label }) : '';
  };
  const items = framework.levels.map((level) => {
    const choose = h(
      'button',
      {
        type: 'button',
        class: 'level-button',
        'data-level': level.key,
        onclick: async () => {
          const saved = await save((current) => steps.answer(current, competency.id, level.key));
          show(saved.answers[competency.id]?.level_key);
        },
      },
      pictogram(level.pictogram, { className: 'level-picture' }),
      h('span', { text: level.easy_label }),
    );
    buttons.push(choose);
    return h(
      'li',
      { class: 'level' },
      choose,
      readAloudButton(ctx, {
        text: level.easy_label, audioUrl: frameworkMediaUrl(level.audio_sha256), label: level.easy_label, big: false,
      }),
    );
  });
  show(draft.answers[competency.id]?.level_key ?? null);
  return h(
    'fieldset',
    { class: 'levels' },
    h('legend', { text: t('candidate.position.levels') }),
    h('ul', { class: 'level-list' }, items),
    chosenText,
  );
}

function statementView(ctx, { framework, draft, save, end, uploads, message }) {
  const { t } = ctx;
  const competency = steps.statementsOf(framework)[draft.index];
  const { current, total } = steps.progressOf(draft, framework);
  const last = current === total;
  const progressText = t('candidate.position.progress', { current, total });
  const move = (by) => save((current) => steps.moveTo(current, current.index + by, framework), { redraw: true, focus: true });
  const stop = button(t('candidate.position.stop'), {
    kind: 'secondary',
    onclick: () => busy(stop, () => end('stopped')),
  });
  const finish = button(t('candidate.position.finish'), {
    big: true,
    onclick: () => busy(finish, () => end('finished')),
  });
  return h(
    'div',
    { class: 'statement', 'data-competency': competency.id },
    said('p', progressText, { class: 'progress' }),
    h('progress', { class: 'progress-bar', max: String(total), value: String(current), 'aria-label': progressText }),
    h(
      'div',
      { class: 'statement-head' },
      pictogram(competency.pictogram, { className: 'statement-picture' }),
      said('h2', competency.easy_wording, { class: 'statement-text', tabindex: '-1' }),
    ),
    readAloudButton(ctx, { text: competency.easy_wording, audioUrl: frameworkMediaUrl(competency.audio_sha256) }),
    levelsView(ctx, { framework, competency, draft, save }),
    voiceAnswer(ctx, { draft, competency, uploads, message, onKept: (sha256) => save((current) => steps.comment(current, competency.id, sha256)) }),
    h(
      'div',
      { class: 'steps' },
      current > 1 ? button(t('candidate.position.previous'), { big: true, kind: 'secondary', iconName: 'back', onclick: () => move(-1) }) : null,
      last ? finish : button(t('candidate.position.next'), { big: true, onclick: () => move(1) }),
    ),
    actions(stop),
  );
}
