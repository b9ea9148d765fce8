/* What the capture screens share: starting a draft, letting go of the camera when the screen is
 * left, telling the shell that the candidate is busy, and the offer to finish a capture left
 * half-way. */

import { h, said } from '../../lib/dom.js';
import { pictureButton } from '../../lib/capture/buttons.js';
import { draftStore, unfinishedCaptures } from '../../lib/capture/drafts.js';
import { newDraft } from '../../lib/capture/evidence.js';
import { filenameFor } from '../../lib/capture/formats.js';
import { markBusy, markIdle } from '../../lib/shell/activity.js';
import { uuidv7 } from '../../lib/sync/uuid.js';

/** The capture routes by kind of medium, for "retake" and "another one". */
export const ROUTE_OF_KIND = { photo: 'photo', video: 'video', audio: 'voice' };

/** Run `cleanup` once, when the route changes or the page goes away. */
export function onLeave(cleanup) {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    window.removeEventListener('hashchange', once);
    window.removeEventListener('pagehide', once);
    cleanup();
  };
  window.addEventListener('hashchange', once);
  window.addEventListener('pagehide', once);
  return once;
}

/** The candidate is in the middle of a capture while this screen shows: an update waits. */
export function busyWhileHere(name) {
  markBusy(name);
  onLeave(() => markIdle(name));
}

/** Keep a medium just taken as a new draft (IndexedDB), then go on to its questions. */
export async function startDraft(ctx, { kind, blob, mediaType }) {
  const capturedAt = new Date();
  const draft = newDraft({
    id: uuidv7(),
    personId: ctx.session.person.id,
    kind,
    blob,
    mediaType,
    filename: filenameFor(kind, mediaType, capturedAt),
    capturedAt,
  });
  await draftStore().save(draft);
  ctx.go('capture', [draft.id]);
  return draft;
}

/** "I have a proof to finish": a big button to the newest unfinished capture, or nothing. */
export async function unfinishedOffer(ctx) {
  if (!ctx.session.person) return null;
  const drafts = await unfinishedCaptures(ctx.session.person.id);
  if (!drafts.length) return null;
  const { t } = ctx;
  return h(
    'div',
    { class: 'capture-unfinished' },
    said('p', t('capture.unfinished.text', { count: drafts.length })),
    pictureButton(t('capture.unfinished.finish'), 'next', {
      kind: 'secondary',
      onclick: () => ctx.go('capture', [drafts[0].id]),
    }),
  );
}

/** The way home, a picture and a word. */
export function homeButton(ctx, label = ctx.t('capture.home')) {
  return pictureButton(label, 'home', { kind: 'secondary', onclick: () => ctx.go('home') });
}
