/* #/selection/<dossierId>: what goes before the jury. For each competency, the chosen evidence in
 * order (move up, move down, take out: buttons, keyboard operable) and the evidence tied to it
 * that could be added. The changes are a draft until "Enregistrer": then one change of the
 * dossier's `selection` is queued (sync.put, made on the dossier's current rev). Two support
 * workers' choices for different competencies both survive (the server merges per competency);
 * the same competency changed on both sides is a conflict, shown here and resolved here or on
 * #/conflicts. */

import { busy, h, messageArea, said } from '../../lib/dom.js';
import {
  added, choicesFor, listOf, moveDown, moveUp, removed, withList,
} from '../../lib/review/selection.js';
import { button, linkButton, problemText, title } from '../parts.js';
import { conflictPanel } from './selection-conflict.js';
import {
  competencyName, evidenceLabel, missingDossier, openReview, preview, redrawOnChanges,
} from './shared.js';

const same = (a, b) => JSON.stringify(a ?? {}) === JSON.stringify(b ?? {});

function chosenItem(ctx, evidence, { index, count, onMove, onRemove }) {
  const { t } = ctx;
  const name = evidenceLabel(ctx, evidence);
  const control = (key, label, onclick, disabled) => button(label, {
    kind: 'secondary', onclick, disabled,
    'aria-label': t(`review.selection.${key}One`, { name }),
    dataset: { action: key },
  });
  return h('li', { class: 'review-chosen', dataset: { evidenceId: evidence.id } },
    preview(ctx, evidence),
    h('span', { class: 'review-chosen-name', text: `${index + 1}. ${name}` }),
    h('span', { class: 'row' },
      control('up', t('review.selection.up'), () => onMove(index, -1), index === 0),
      control('down', t('review.selection.down'), () => onMove(index, 1), index === count - 1),
      control('remove', t('review.selection.remove'), onRemove, false)));
}

function competencySection(ctx, state, competency) {
  const { t } = ctx;
  const list = listOf(state.draft, competency.id);
  const byId = new Map(state.evidence.map((item) => [item.id, item]));
  const headingId = `review-sel-${competency.id}`;
  const change = (next, focus) => state.change(competency.id, next, focus);
  const chosen = list.filter((id) => byId.has(id)).map((id, index, shown) =>
    chosenItem(ctx, byId.get(id), {
      index, count: shown.length,
      onMove: (at, step) => change((step < 0 ? moveUp : moveDown)(shown, at),
        { id, action: step < 0 ? 'up' : 'down' }),
      onRemove: () => change(removed(shown, id), { section: competency.id }),
    }));
  const choices = choicesFor(competency.id, state.evidence, state.annotations, list);
  const changed = !same(list, listOf(state.saved, competency.id));
  return h('section', {
    class: 'review-competency card', 'aria-labelledby': headingId,
    dataset: { competencyId: competency.id },
  },
  h('h3', { id: headingId, text: competencyName(competency) }),
  changed ? h('p', { class: 'review-unsaved', text: t('review.selection.unsaved') }) : null,
  chosen.length
    ? h('ol', { class: 'review-chosen-list', 'aria-label': t('review.selection.chosenOf', { name: competencyName(competency) }) }, ...chosen)
    : h('p', { class: 'help', text: t('review.selection.noneChosen') }),
  choices.length
    ? h('ul', { class: 'review-choices', 'aria-label': t('review.selection.choicesOf', { name: competencyName(competency) }) },
      ...choices.map((item) => h('li', {}, button(t('review.selection.add', { name: evidenceLabel(ctx, item) }), {
        kind: 'secondary',
        dataset: { action: 'add', evidenceId: item.id },
        onclick: () => change(added(list, item.id), { id: item.id, action: 'up', fallback: 'down' }),
      }))))
    : h('p', { class: 'help', text: t('review.selection.noChoice') }));
}

export async function selectionScreen(ctx, [dossierId]) {
  const { t } = ctx;
  let review = await openReview(ctx, dossierId);
  if (!review?.framework) return missingDossier(ctx, title(t('review.selection.title')));
  const message = messageArea();
  const body = h('div', { class: 'review-blocks' });
  const conflicts = h('div');
  const state = {
    saved: review.dossier.selection ?? {},
    draft: ctx.flow.reviewDraft?.[dossierId] ?? review.dossier.selection ?? {},
    evidence: review.records.evidence ?? [],
    annotations: review.records.annotation ?? [],
    change(competencyId, list, focus) {
      state.draft = withList(state.draft, competencyId, list);
      ctx.flow.reviewDraft = { ...(ctx.flow.reviewDraft ?? {}), [dossierId]: state.draft };
      draw(focus);
    },
  };
  const save = button(t('review.selection.save'), {
    onclick: () => busy(save, async () => {
      try {
        const dossier = await review.sync.queries.get('dossier', dossierId);
        await review.sync.put('dossier', { ...dossier, selection: state.draft });
        state.saved = state.draft;
        delete ctx.flow.reviewDraft?.[dossierId];
        message.info(t('review.selection.saved'));
        draw();
      } catch (error) {
        message.problem(problemText(t, error));
      }
    }),
  });
  const cancel = button(t('review.selection.cancel'), {
    kind: 'secondary',
    onclick: () => {
      state.draft = state.saved;
      delete ctx.flow.reviewDraft?.[dossierId];
      draw();
    },
  });

  function draw(focus = null) {
    body.replaceChildren(...review.framework.blocks.map((block) =>
      h('section', { class: 'review-block' }, h('h2', { text: block.easy_title ?? block.title }),
        ...block.competencies.map((competency) => competencySection(ctx, state, competency)))));
    const dirty = !same(state.draft, state.saved);
    save.disabled = !dirty;
    cancel.hidden = !dirty;
    if (focus) focusAfter(body, focus);
  }

  const node = h('section', { class: 'review review-selection' },
    title(t('review.selection.title')),
    said('p', t('review.selection.intro')),
    h('div', { class: 'row' },
      linkButton(t('review.selection.toGallery'), `#/evidence/${dossierId}`),
      linkButton(t('review.back.dossier'), `#/dossier/${dossierId}`, { iconName: 'back' })),
    conflicts, message.element, body,
    h('div', { class: 'review-savebar row' }, save, cancel));
  draw();
  const showConflicts = async () => conflicts.replaceChildren(
    await conflictPanel(ctx, { review, dossierId, message, resolved: refresh }));
  async function refresh() {
    review = (await openReview(ctx, dossierId)) ?? review;
    const unsaved = !same(state.draft, state.saved);
    state.saved = review.dossier.selection ?? {};
    if (!unsaved) state.draft = state.saved;
    state.evidence = review.records.evidence ?? [];
    state.annotations = review.records.annotation ?? [];
    draw();
    await showConflicts();
  }
  await showConflicts();
  redrawOnChanges(review.sync, node, ['dossier', 'evidence', 'annotation'], refresh);
  return node;
}

/** After a move, keep the keyboard where it was: the same button of the same evidence. */
function focusAfter(root, { id, action, fallback, section }) {
  if (section) {
    root.querySelector(`[data-competency-id="${section}"] h3`)?.setAttribute('tabindex', '-1');
    root.querySelector(`[data-competency-id="${section}"] h3`)?.focus();
    return;
  }
  const item = root.querySelector(`li[data-evidence-id="${id}"]`);
  const wanted = [action, fallback, action === 'up' ? 'down' : 'up', 'remove'].filter(Boolean);
  for (const name of wanted) {
    const target = item?.querySelector(`button[data-action="${name}"]:not(:disabled)`);
    if (target) {
      target.focus();
      return;
    }
  }
}
