/* Routes of the pairing area: hash name -> screen, and which need a signed-in person. */

import { pairingsScreen } from './pairings.js';

export const ROUTES = {
  pairings: pairingsScreen,
};

export const NEEDS_PERSON = Object.keys(ROUTES);
