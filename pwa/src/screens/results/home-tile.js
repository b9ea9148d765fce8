/* The candidate's "Mon résultat" tile on home: it appears once the device holds a jury's result
 * for one of their dossiers (a closed session, brought by the sync), and not before. */

import { redrawOnChanges } from '../../lib/candidate/refresh.js';
import { h } from '../../lib/dom.js';
import { hasResult } from './result.js';

const TILE = ['results.tile', '#/results', '1F31F'];
const TYPES = ['jury_session', 'jury_assignment', 'decision'];

/**
 * A placeholder list item that becomes `drawTile(TILE)` (home.js's tile) when a result exists.
 * Local data that cannot be read leaves it hidden: the other tiles still work.
 */
export function resultTile(ctx, drawTile) {
  const slot = h('li', { class: 'tile-slot', hidden: true });
  const personId = ctx.session.person?.id;
  if (!personId) return slot;
  const draw = async (sync) => ((await hasResult(sync, personId)) ? drawTile(TILE) : slot);
  ctx.local().then(async ({ sync }) => {
    const first = await draw(sync);
    if (first !== slot && slot.isConnected) slot.replaceWith(first);
    redrawOnChanges(sync.client, TYPES, first, () => draw(sync));
  }).catch((error) => console.error('results not readable', error));
  return slot;
}
