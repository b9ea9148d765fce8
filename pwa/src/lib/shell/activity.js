/* Is the person in the middle of something? A screen says so while a capture is running or an
 * answer is half given, and the app then waits before anything that would reload the page (an
 * update of the app): a reload in the middle of a recording would lose the recording.
 *
 *   import { markBusy, markIdle } from '../../lib/shell/activity.js';
 *   markBusy('video');   // the recording starts
 *   markIdle('video');   // kept, thrown away, or the screen is left
 *
 * Marks are named, so calling markBusy twice for the same thing needs one markIdle; every mark
 * is cleared when the person leaves (sign-out, candidate switch). */

const marks = new Set();
let waiters = [];

/** The person has started something that a reload would lose; `what` names it. */
export function markBusy(what = 'screen') {
  marks.add(String(what));
}

/** That thing is over (done, abandoned, or its screen left). */
export function markIdle(what = 'screen') {
  marks.delete(String(what));
  if (marks.size === 0) wakeWaiters();
}

/** Clear every mark: the person left, nothing of theirs is under way in this page any more. */
export function clearActivity() {
  marks.clear();
  wakeWaiters();
}

export function isBusy() {
  return marks.size > 0;
}

/** Resolves once nothing is under way (at once when nothing is). */
export function whenIdle() {
  if (marks.size === 0) return Promise.resolve();
  return new Promise((resolve) => waiters.push(resolve));
}

function wakeWaiters() {
  const woken = waiters;
  waiters = [];
  for (const resolve of woken) resolve();
}
