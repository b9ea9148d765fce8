/* Routes of the review area: hash name -> screen, and which need a signed-in person.
 *   #/evidence/<dossierId>               the gallery
 *   #/evidence/<dossierId>/<evidenceId>  one piece
 *   #/selection/<dossierId>              what goes before the jury */

import { galleryScreen } from './gallery.js';
import { pieceScreen } from './piece.js';
import { selectionScreen } from './selection.js';

function evidenceScreen(ctx, params, options) {
  return params[1] ? pieceScreen(ctx, params, options) : galleryScreen(ctx, params, options);
}

export const ROUTES = {
  evidence: evidenceScreen,
  selection: selectionScreen,
};

export const NEEDS_PERSON = ['evidence', 'selection'];
