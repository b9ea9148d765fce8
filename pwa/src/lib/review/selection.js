/* What goes before the jury: the dossier's `selection`, {competency id: [evidence id, ...]} in
 * order. Pure functions over it, and the per-competency merge the server also makes
 * (backend/preuves/sync/merge.py, merge_keys), used to resolve a conflict on this screen. */

import { tiesOf } from './links.js';

/** One competency's chosen evidence ids, in order. */
export const listOf = (selection, competencyId) => [...(selection?.[competencyId] ?? [])];

/** The selection with that competency's list replaced; an empty list removes the key. */
export function withList(selection, competencyId, list) {
  const next = { ...(selection ?? {}) };
  if (list.length === 0) delete next[competencyId];
  else next[competencyId] = [...list];
  return next;
}

/** The list with the item at `index` swapped with the one before it (or after, `step` 1). */
export function move(list, index, step) {
  const target = index + step;
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return [...list];
  const next = [...list];
  [next[index], next[target]] = [next[target], next[index]];
  return next;
}

export const moveUp = (list, index) => move(list, index, -1);
export const moveDown = (list, index) => move(list, index, 1);
export const added = (list, id) => (list.includes(id) ? [...list] : [...list, id]);
export const removed = (list, id) => list.filter((item) => item !== id);

/** Evidence tied to the competency (by the candidate or a link) and not chosen yet. */
export function choicesFor(competencyId, evidence, annotations, list) {
  return evidence.filter(
    (item) => !item.deleted && !list.includes(item.id) &&
      tiesOf(item, annotations).competencies.has(competencyId),
  );
}

const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const value = (dict, key) => ((dict?.[key] ?? []).length ? dict[key] : null);

/**
 * Three-way merge, key by key: {merged, clashes}. A key one side changed since `base` takes that
 * side's value; a key both changed differently is a clash (the merged value keeps theirs).
 */
export function mergeSelections(base = {}, theirs = {}, mine = {}) {
  const merged = { ...theirs };
  const clashes = [];
  for (const key of new Set([...Object.keys(theirs), ...Object.keys(mine), ...Object.keys(base)])) {
    const [m, t, b] = [value(mine, key), value(theirs, key), value(base, key)];
    if (same(m, t) || same(m, b)) continue;
    if (!same(t, b)) clashes.push(key);
    else if (m === null) delete merged[key];
    else merged[key] = m;
  }
  return { merged, clashes };
}

/** The selection to keep once the person chose, for each clashing competency, 'mine' or 'theirs'. */
export function resolvedSelection({ base, theirs, mine }, choices = {}) {
  const { merged } = mergeSelections(base, theirs, mine);
  let result = merged;
  for (const [key, side] of Object.entries(choices)) {
    result = withList(result, key, listOf(side === 'mine' ? mine : theirs, key));
  }
  return result;
}
