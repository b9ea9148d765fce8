// The redraw queue of live screens: a change never wipes a form that opened after it was heard.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { drawQueue } from '../src/lib/live-root.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

test('a change heard before a form opened does not redraw over the form', async () => {
  let formOpen = false;
  const painted = [];
  const { draw, refresh } = drawQueue(async () => {
    await tick();
    painted.push(formOpen ? 'form' : 'list');
  }, () => formOpen);
  // The person presses "Signer": the screen will draw with the form open...
  formOpen = true;
  const opening = draw();
  // ...and a pull's change comes in before that draw has put the form on the page.
  const changed = refresh();
  await Promise.all([opening, changed]);
  assert.deepEqual(painted, ['form']);
});

test('changes heard while a redraw waits make one redraw, and an explicit draw always runs', async () => {
  let paints = 0;
  const { draw, refresh } = drawQueue(async () => {
    await tick();
    paints += 1;
  });
  const first = draw();
  await Promise.all([first, refresh(), refresh(), refresh()]);
  assert.equal(paints, 2);
  await Promise.all([draw(), draw()]);
  assert.equal(paints, 4);
});

test('one failed draw does not stop the next ones', async () => {
  let calls = 0;
  const { draw } = drawQueue(async () => {
    calls += 1;
    if (calls === 1) throw new Error('boom');
  });
  await assert.rejects(draw(), /boom/);
  await draw();
  assert.equal(calls, 2);
});

test('a refresh while busy paints nothing', async () => {
  let paints = 0;
  const { refresh } = drawQueue(() => {
    paints += 1;
  }, () => true);
  await refresh();
  assert.equal(paints, 0);
});
