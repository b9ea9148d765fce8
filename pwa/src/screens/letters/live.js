/* What the letters screens share: drawing again when the sync client brings changes (unless a
 * form is open: a signature being drawn, a testimony being asked), and the back link. */

import { h } from '../../lib/dom.js';
import { liveRoot } from '../../lib/live-root.js';
import { listenWhileShown } from '../../lib/while-shown.js';

/** Draw with `render(sync, redraw)` now and on each `changes`, while the screen is shown. */
export async function liveSection(ctx, className, render) {
  const { sync } = await ctx.local();
  const root = h('section', { class: className });
  const { draw, refresh } = liveRoot(root, (redraw) => render(sync, redraw));
  listenWhileShown(root, sync.client, 'changes', refresh);
  await draw();
  return root;
}

/** The link back to the dossier's screen (the workspace helper's #/dossier/<id>). */
export function backToDossier(t, dossierId) {
  return h('p', { class: 'letters-back' },
    h('a', { class: 'button button-secondary', href: `#/dossier/${dossierId}` }, h('span', { text: t('letters.back') })));
}

/** 'YYYY-MM-DDTHH:MM' timestamps in words: "3 mars 2026 à 10:30". */
export function when(language, value) {
  if (!value) return '';
  const locale = language === 'fr' ? 'fr-FR' : 'en-GB';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(value));
}

export { sha256Hex as blobHash } from '../../lib/sha256.js';
