/* A conflict on the dossier's selection, shown on the selection screen: the same competency's
 * list changed on two devices. Every other change of both sides is kept (the per-competency merge
 * of lib/review/selection.js); for each competency in conflict the support worker keeps one
 * list, and the result is sent to POST /sync/conflicts/<id>/resolve (a new revision). */

import { busy, h } from '../../lib/dom.js';
import { listOf, mergeSelections, resolvedSelection } from '../../lib/review/selection.js';
import { button, problemText } from '../parts.js';
import { competencyName, evidenceLabel, personName } from './shared.js';

// Written by the server, never sent back.
const SERVED = ['rev', 'changed_at', 'changed_by'];

const isSelectionConflict = (dossierId) => (conflict) =>
  conflict.type === 'dossier' && conflict.record_id === dossierId &&
  (conflict.fields ?? []).includes('selection');

/** The server's open conflicts on this dossier's selection; null when it cannot be asked. */
async function serverConflicts(ctx, dossierId) {
  try {
    const answer = await ctx.api.get(`/sync/conflicts?dossier_id=${encodeURIComponent(dossierId)}`);
    return answer.conflicts.filter(isSelectionConflict(dossierId));
  } catch {
    return null;
  }
}

function versionList(ctx, review, heading, ids) {
  const byId = new Map((review.records.evidence ?? []).map((item) => [item.id, item]));
  const names = ids.map((id) => (byId.has(id) ? evidenceLabel(ctx, byId.get(id)) : id));
  return h('div', { class: 'review-version' }, h('p', { class: 'review-version-head', text: heading }),
    names.length ? h('ol', {}, ...names.map((name) => h('li', { text: name })))
      : h('p', { class: 'help', text: ctx.t('review.selection.noneChosen') }));
}

function clashChoice(ctx, review, { key, mine, theirs, author, index }) {
  const { t } = ctx;
  const name = competencyName(review.framework?.competency(key)) || key;
  const radio = (side, label) => h('label', { class: 'review-check' },
    h('input', { type: 'radio', name: `review-clash-${index}`, value: side, checked: side === 'theirs', dataset: { key } }),
    h('span', { text: label }));
  const theirLabel = t('review.conflict.keepSaved');
  const mineLabel = t('review.conflict.keepOther', { name: author });
  return h('fieldset', { class: 'review-clash' }, h('legend', { text: name }),
    h('div', { class: 'review-versions' },
      versionList(ctx, review, theirLabel, listOf(theirs, key)),
      versionList(ctx, review, mineLabel, listOf(mine, key))),
    radio('theirs', theirLabel), radio('mine', mineLabel));
}

async function resolvable(ctx, review, conflict, { message, resolved }) {
  const { t } = ctx;
  const current = await ctx.api.get(`/records/dossier/${conflict.record_id}`);
  const versions = {
    base: conflict.base?.selection ?? {}, theirs: current.selection ?? {}, mine: conflict.mine?.selection ?? {},
  };
  const { clashes } = mergeSelections(versions.base, versions.theirs, versions.mine);
  const author = personName(review.person(conflict.raised_by)) ?? t('review.conflict.someoneElse');
  const choices = clashes.map((key, index) =>
    clashChoice(ctx, review, { key, mine: versions.mine, theirs: versions.theirs, author, index }));
  const keep = button(t('review.conflict.resolve'), {
    onclick: () => busy(keep, async () => {
      const picked = Object.fromEntries([...panel.querySelectorAll('input[type=radio]:checked')]
        .map((input) => [input.dataset.key, input.value]));
      const record = { ...current, selection: resolvedSelection(versions, picked) };
      for (const served of SERVED) delete record[served];
      try {
        await ctx.api.post(`/sync/conflicts/${conflict.id}/resolve`, { record });
        message.info(t('review.conflict.resolved'));
        await review.sync.client.syncNow?.();
        await resolved();
      } catch (error) {
        message.problem(problemText(t, error));
      }
    }),
  });
  const panel = h('section', { class: 'review-conflict card', role: 'group', 'aria-labelledby': `review-conflict-${conflict.id}` },
    h('h2', { id: `review-conflict-${conflict.id}`, text: t('review.conflict.title') }),
    h('p', { text: t('review.conflict.explain') }),
    h('p', { text: t('review.conflict.othersKept') }),
    ...choices, keep);
  return panel;
}

/** The conflicts on this dossier's selection, each resolvable; an empty node when none. */
export async function conflictPanel(ctx, { review, dossierId, message, resolved }) {
  const fromServer = await serverConflicts(ctx, dossierId);
  if (fromServer === null) {
    const local = (await review.sync.queries.conflicts())
      .filter((entry) => entry.type === 'dossier' && entry.id === dossierId);
    return local.length
      ? h('p', { class: 'review-conflict card', text: ctx.t('review.conflict.offline') })
      : h('div');
  }
  const panels = [];
  for (const conflict of fromServer) {
    try {
      panels.push(await resolvable(ctx, review, conflict, { message, resolved }));
    } catch (error) {
      panels.push(h('p', { class: 'review-conflict card', text: problemText(ctx.t, error) }));
    }
  }
  return h('div', {}, ...panels);
}
