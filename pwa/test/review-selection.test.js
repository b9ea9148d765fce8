import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  added, choicesFor, listOf, mergeSelections, moveDown, moveUp, removed, resolvedSelection, withList,
} from '../src/lib/review/selection.js';

test('moving keeps every item and stops at the ends', () => {
  assert.deepEqual(moveUp(['a', 'b', 'c'], 2), ['a', 'c', 'b']);
  assert.deepEqual(moveDown(['a', 'b', 'c'], 0), ['b', 'a', 'c']);
  assert.deepEqual(moveUp(['a', 'b'], 0), ['a', 'b']);
  assert.deepEqual(moveDown(['a', 'b'], 1), ['a', 'b']);
  assert.deepEqual(added(['a'], 'b'), ['a', 'b']);
  assert.deepEqual(added(['a'], 'a'), ['a']);
  assert.deepEqual(removed(['a', 'b'], 'a'), ['b']);
});

test('an emptied competency leaves the selection', () => {
  const selection = { c1: ['a'], c2: ['b'] };
  assert.deepEqual(withList(selection, 'c1', []), { c2: ['b'] });
  assert.deepEqual(withList(selection, 'c3', ['x']), { c1: ['a'], c2: ['b'], c3: ['x'] });
  assert.deepEqual(selection, { c1: ['a'], c2: ['b'] }, 'the input is not changed');
  assert.deepEqual(listOf(undefined, 'c1'), []);
});

test('the choices are the evidence tied to the competency and not chosen yet', () => {
  const evidence = [
    { id: 'a', competency_ids: ['c1'] },
    { id: 'b', competency_ids: [] },
    { id: 'c', competency_ids: ['c1'] },
    { id: 'd', competency_ids: ['c1'], deleted: true },
  ];
  const annotations = [{ id: 'x', evidence_id: 'b', kind: 'validated', competency_ids: ['c1'], criterion_ids: [] }];
  assert.deepEqual(choicesFor('c1', evidence, annotations, ['c']).map((e) => e.id), ['a', 'b']);
});

test('two workers changing different competencies merge; the same one clashes', () => {
  const base = { c1: ['a', 'b'], c3: ['z'] };
  const theirs = { c1: ['b', 'a'], c3: ['z'] };
  const mine = { c1: ['a', 'b'], c2: ['c'] };
  assert.deepEqual(mergeSelections(base, theirs, mine), {
    merged: { c1: ['b', 'a'], c2: ['c'] }, clashes: [],
  });
  const clash = mergeSelections(base, theirs, { c1: ['a', 'b', 'c'], c3: ['z'] });
  assert.deepEqual(clash.clashes, ['c1']);
  assert.deepEqual(mergeSelections({}, { c1: ['a'] }, { c1: ['a'] }).clashes, []);
});

test('a resolved selection keeps both sides changes and the chosen list', () => {
  const versions = {
    base: { c1: ['a'] },
    theirs: { c1: ['a', 'b'], c2: ['x'] },
    mine: { c1: ['b'], c3: ['y'] },
  };
  assert.deepEqual(resolvedSelection(versions, { c1: 'mine' }), { c1: ['b'], c2: ['x'], c3: ['y'] });
  assert.deepEqual(resolvedSelection(versions, { c1: 'theirs' }), { c1: ['a', 'b'], c2: ['x'], c3: ['y'] });
});
